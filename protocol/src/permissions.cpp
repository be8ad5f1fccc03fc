#include "debrief/protocol/permissions.hpp"

#include <algorithm>
#include <string>

namespace debrief::protocol {

namespace {

constexpr auto F = role::facilitator;
constexpr auto P = role::presenter;
constexpr auto C = role::colleague;
constexpr auto O = role::observer;
// The event's host looking in may only leave: every other rule refuses them.
constexpr auto H = role::host;

using k = phase_kind;

std::string role_label(role r) { return nlohmann::json(r).get<std::string>(); }

}  // namespace

const std::vector<permission_rule>& permission_table() {
  static const std::vector<permission_rule> table = {
      {"leave", {F, P, C, O, H}, {}},
      {"start_session", {F}, {}},
      {"end_session", {F}, {}},
      {"next_phase", {F}, {}},
      {"previous_phase", {F}, {}},
      {"go_to_phase", {F}, {}},
      {"timer_start", {F}, {}},
      {"timer_pause", {F}, {}},
      {"timer_resume", {F}, {}},
      {"timer_add", {F}, {}},
      {"timer_reset", {F}, {}},
      {"set_phase_minutes", {F}, {}},
      {"add_phase", {F}, {}},
      {"remove_phase", {F}, {}},
      {"move_phase", {F}, {}},
      {"hand_over", {F}, {}},
      {"move_presenter", {F}, {}},
      {"reveal_phase", {F}, {}},
      {"set_done", {F, P, C, O}, {}},
      {"board_add", {P}, {k::opening, k::assumptions, k::discussion, k::reflection, k::adaptations}},
      {"board_edit", {P}, {k::opening, k::assumptions, k::discussion, k::reflection, k::adaptations}},
      {"board_move", {P}, {k::opening, k::assumptions, k::discussion, k::reflection, k::adaptations}},
      {"board_remove", {P}, {k::opening, k::assumptions, k::discussion, k::reflection, k::adaptations}},
      // A follow-up re-marks carried assumptions in its assumptions and check-in phases.
      {"board_mark", {P}, {k::assumptions, k::discussion, k::reflection, k::adaptations, k::check_in}},
      {"board_propose", {F, C}, {k::assumptions, k::discussion, k::transcript}},
      {"proposal_decide", {P}, {}},
      {"entry_add",
       {F, P, C},
       {k::opening, k::assumptions, k::discussion, k::reflection, k::chart, k::transcript, k::adaptations,
        k::check_in}},
      {"entry_edit", {F, P, C}, {}},
      {"entry_remove", {F, P, C}, {}},
      {"entry_share", {F, P, C}, {}},
      {"adaptation_add", {F, P, C}, {k::discussion, k::adaptations, k::reflection}},
      {"adaptation_edit", {F, P, C}, {}},
      {"adaptation_decide", {P}, {}},
      {"adaptation_remove", {F, P, C}, {}},
      {"transcript_import", {P}, {}},
      {"transcript_withdraw", {P}, {}},
      {"annotate", {F, P, C}, {k::transcript, k::discussion}},
      {"annotation_edit", {F, P, C}, {}},
      {"annotation_remove", {F, P, C}, {}},
      {"annotation_reply", {F, P, C}, {k::transcript, k::discussion, k::reflection}},
      {"focus_line", {F, P}, {k::transcript, k::discussion}},
      {"check_in_save", {P}, {k::check_in}},
  };
  return table;
}

const permission_rule* find_rule(std::string_view command) {
  const auto& table = permission_table();
  auto it = std::find_if(table.begin(), table.end(), [&](const auto& r) { return r.command == command; });
  return it == table.end() ? nullptr : &*it;
}

std::optional<rejection> check_role(const session_state& s, std::string_view command, const std::string& participant) {
  const auto* rule = find_rule(command);
  if (rule == nullptr) return rejection{error_code::internal, "No permission rule for " + std::string(command) + "."};
  const auto r = s.role_of(participant);
  if (r == role::invalid) return rejection{error_code::not_joined, "Join the session first."};
  if (std::find(rule->roles.begin(), rule->roles.end(), r) == rule->roles.end()) {
    return rejection{error_code::forbidden, "A " + role_label(r) + " cannot do that (" + std::string(command) + ")."};
  }
  return std::nullopt;
}

std::optional<rejection> check_phase(const session_state& s, std::string_view command) {
  const auto* rule = find_rule(command);
  if (rule == nullptr) return rejection{error_code::internal, "No permission rule for " + std::string(command) + "."};
  if (s.status == session_status::ended && command != "leave") {
    return rejection{error_code::conflict, "The session has ended."};
  }
  if (!rule->kinds.empty()) {
    const auto* phase = s.current_phase();
    const auto kind = phase ? phase->kind : phase_kind::invalid;
    if (std::find(rule->kinds.begin(), rule->kinds.end(), kind) == rule->kinds.end()) {
      return rejection{error_code::conflict, "Not possible in this phase (" + std::string(command) + ")."};
    }
  }
  return std::nullopt;
}

std::optional<rejection> check_permission(const session_state& s, std::string_view command,
                                          const std::string& participant) {
  if (auto r = check_role(s, command, participant)) return r;
  return check_phase(s, command);
}

rejection refusal_for(const session_state& s, std::string_view command, const std::string& participant,
                      rejection malformed) {
  if (find_rule(command) != nullptr) {
    if (auto r = check_role(s, command, participant)) return *r;
  }
  return malformed;
}

}  // namespace debrief::protocol
