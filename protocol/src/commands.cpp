#include "debrief/protocol/commands.hpp"

#include <array>
#include <concepts>
#include <string_view>

namespace debrief::protocol {

namespace {

// Wire names, in the order of the command variant's alternatives.
constexpr std::array<std::string_view, std::variant_size_v<command>> command_names = {
    "join",
    "leave",
    "start_session",
    "next_phase",
    "previous_phase",
    "go_to_phase",
    "timer_start",
    "timer_pause",
    "timer_resume",
    "timer_add",
    "timer_reset",
    "end_session",
    "set_phase_minutes",
    "add_phase",
    "remove_phase",
    "move_phase",
    "hand_over",
    "reveal_phase",
    "set_done",
    "board_add",
    "board_edit",
    "board_move",
    "board_remove",
    "board_mark",
    "board_propose",
    "proposal_decide",
    "entry_add",
    "entry_edit",
    "entry_remove",
    "entry_share",
    "adaptation_add",
    "adaptation_edit",
    "adaptation_decide",
    "adaptation_remove",
    "transcript_import",
    "transcript_withdraw",
    "annotate",
    "annotation_edit",
    "annotation_remove",
    "annotation_reply",
    "focus_line",
    "move_presenter",
    "connect",
    "disconnect",
    "expire_timer",
};

}  // namespace

std::string command_name(const command& c) { return std::string(command_names[c.index()]); }

namespace {
template <class C>
concept phase_bound = requires(C& c) {
  { c.written_in } -> std::same_as<std::string&>;
};
}  // namespace

std::string* written_in(command& c) {
  return std::visit(
      [](auto& alternative) -> std::string* {
        if constexpr (phase_bound<std::remove_reference_t<decltype(alternative)>>) {
          return &alternative.written_in;
        } else {
          return nullptr;
        }
      },
      c);
}

const std::string* written_in(const command& c) { return written_in(const_cast<command&>(c)); }

}  // namespace debrief::protocol
