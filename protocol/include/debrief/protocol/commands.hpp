#pragma once
// What a client (or the server itself, for presence and the timer's end) asks
// of a session. One struct per command; the sender is passed beside it.

#include <string>
#include <string_view>
#include <variant>

#include <nlohmann/json.hpp>

#include "debrief/protocol/state.hpp"
#include "debrief/protocol/wire_names.hpp"

namespace debrief::protocol {

namespace cmd {

struct join {
  static constexpr std::string_view wire_name = "join";
  std::string name;
  protocol::role role = role::invalid;
  // Decided by the shell, which holds the session's facilitator key.
  bool facilitator_key_valid = false;
};
struct leave {
  static constexpr std::string_view wire_name = "leave";
};
struct start_session {
  static constexpr std::string_view wire_name = "start_session";
};
struct next_phase {
  static constexpr std::string_view wire_name = "next_phase";
};
struct previous_phase {
  static constexpr std::string_view wire_name = "previous_phase";
};
struct go_to_phase {
  static constexpr std::string_view wire_name = "go_to_phase";
  int phase = 0;
};
struct timer_start {
  static constexpr std::string_view wire_name = "timer_start";
};
struct timer_pause {
  static constexpr std::string_view wire_name = "timer_pause";
};
struct timer_resume {
  static constexpr std::string_view wire_name = "timer_resume";
};
struct timer_add {
  static constexpr std::string_view wire_name = "timer_add";
  int seconds = 60;
};
struct timer_reset {
  static constexpr std::string_view wire_name = "timer_reset";
};
struct end_session {
  static constexpr std::string_view wire_name = "end_session";
};

// The agenda: the session's own copy of its template's phases.
struct set_phase_minutes {
  static constexpr std::string_view wire_name = "set_phase_minutes";
  int phase = 0;
  int minutes = 0;
};
struct add_phase {
  static constexpr std::string_view wire_name = "add_phase";
  int at = 0;  // index the new phase takes
  phase_template phase;
};
struct remove_phase {
  static constexpr std::string_view wire_name = "remove_phase";
  int phase = 0;
};
struct move_phase {
  static constexpr std::string_view wire_name = "move_phase";
  int from = 0;
  int to = 0;
};
struct hand_over {
  static constexpr std::string_view wire_name = "hand_over";
  std::string to;  // participant id
};
// The presenter's role goes to another participant (the presenter's own
// device is gone, or the triad changed who presents).
struct move_presenter {
  static constexpr std::string_view wire_name = "move_presenter";
  std::string to;  // participant id
};
struct reveal_phase {
  static constexpr std::string_view wire_name = "reveal_phase";
  int phase = 0;
};
struct set_done {
  static constexpr std::string_view wire_name = "set_done";
  bool done = true;
  std::string written_in = {};  // the phase it was written in (see written_in() below)
};

// The presenter's assumption board.
struct board_add {
  static constexpr std::string_view wire_name = "board_add";
  board_list list = board_list::invalid;
  std::string text;
  std::string written_in = {};  // the phase it was written in (see written_in() below)
};
struct board_edit {
  static constexpr std::string_view wire_name = "board_edit";
  std::string item;
  std::string text;
  int version = 0;
};
struct board_move {
  static constexpr std::string_view wire_name = "board_move";
  std::string item;
  board_list list = board_list::invalid;
  int index = 0;
  int version = 0;
};
struct board_remove {
  static constexpr std::string_view wire_name = "board_remove";
  std::string item;
  int version = 0;
};
struct board_mark {
  static constexpr std::string_view wire_name = "board_mark";
  std::string item;
  item_status status = item_status::invalid;
  evidence_list evidence;
  int version = 0;
};
struct board_propose {
  static constexpr std::string_view wire_name = "board_propose";
  board_list list = board_list::invalid;
  std::string text;
  std::string written_in = {};  // the phase it was written in (see written_in() below)
};
struct proposal_decide {
  static constexpr std::string_view wire_name = "proposal_decide";
  std::string proposal;
  bool accept = false;
};

// Entries in the current phase.
struct entry_add {
  static constexpr std::string_view wire_name = "entry_add";
  std::string text;
  int prompt = -1;
  std::string written_in = {};  // the phase it was written in (see written_in() below)
};
struct entry_edit {
  static constexpr std::string_view wire_name = "entry_edit";
  std::string entry;
  std::string text;
  int version = 0;
};
struct entry_remove {
  static constexpr std::string_view wire_name = "entry_remove";
  std::string entry;
};
struct entry_share {
  static constexpr std::string_view wire_name = "entry_share";
  std::string entry;
};

// Adaptations to practice. The presenter's are accepted at once; others'
// are suggestions the presenter accepts or declines.
struct adaptation_fields {
  std::string change;
  std::string for_whom;
  evidence_list evidence;
  std::string check_in;
  std::vector<std::string> follow_ups;
};
struct adaptation_add {
  static constexpr std::string_view wire_name = "adaptation_add";
  adaptation_fields fields;
  std::string written_in = {};  // the phase it was written in (see written_in() below)
};
struct adaptation_edit {
  static constexpr std::string_view wire_name = "adaptation_edit";
  std::string adaptation;
  adaptation_fields fields;
  int version = 0;
};
struct adaptation_decide {
  static constexpr std::string_view wire_name = "adaptation_decide";
  std::string adaptation;
  bool accept = false;
  int version = 0;
};
struct adaptation_remove {
  static constexpr std::string_view wire_name = "adaptation_remove";
  std::string adaptation;
};

// The transcript arrives already redacted: real names never leave the
// presenter's browser.
struct transcript_import {
  static constexpr std::string_view wire_name = "transcript_import";
  std::vector<transcript_line> lines;  // ids are assigned by apply
  std::string format;
  bool consent = false;
};
struct transcript_withdraw {
  static constexpr std::string_view wire_name = "transcript_withdraw";
};
struct annotate {
  static constexpr std::string_view wire_name = "annotate";
  std::string from_line;
  std::string to_line;
  int start_char = -1;
  int end_char = -1;
  annotation_tag tag = annotation_tag::invalid;
  std::string comment;
  std::string written_in = {};  // the phase it was written in (see written_in() below)
};
struct annotation_edit {
  static constexpr std::string_view wire_name = "annotation_edit";
  std::string annotation;
  annotation_tag tag = annotation_tag::invalid;
  std::string comment;
  int version = 0;
};
struct annotation_remove {
  static constexpr std::string_view wire_name = "annotation_remove";
  std::string annotation;
};
struct annotation_reply {
  static constexpr std::string_view wire_name = "annotation_reply";
  std::string annotation;
  std::string text;
  std::string written_in = {};  // the phase it was written in (see written_in() below)
};
struct focus_line {
  static constexpr std::string_view wire_name = "focus_line";
  std::string line;  // empty: nobody is being brought anywhere
};

// Issued by the server, never accepted from a client.
struct connect {
  static constexpr std::string_view wire_name = "connect";
};
struct disconnect {
  static constexpr std::string_view wire_name = "disconnect";
};
struct expire_timer {
  static constexpr std::string_view wire_name = "expire_timer";
};

}  // namespace cmd

using command =
    std::variant<cmd::join, cmd::leave, cmd::start_session, cmd::next_phase, cmd::previous_phase, cmd::go_to_phase,
                 cmd::timer_start, cmd::timer_pause, cmd::timer_resume, cmd::timer_add, cmd::timer_reset,
                 cmd::end_session, cmd::set_phase_minutes, cmd::add_phase, cmd::remove_phase, cmd::move_phase,
                 cmd::hand_over, cmd::reveal_phase, cmd::set_done, cmd::board_add, cmd::board_edit, cmd::board_move,
                 cmd::board_remove, cmd::board_mark, cmd::board_propose, cmd::proposal_decide, cmd::entry_add,
                 cmd::entry_edit, cmd::entry_remove, cmd::entry_share, cmd::adaptation_add, cmd::adaptation_edit,
                 cmd::adaptation_decide, cmd::adaptation_remove, cmd::transcript_import, cmd::transcript_withdraw,
                 cmd::annotate, cmd::annotation_edit, cmd::annotation_remove, cmd::annotation_reply, cmd::focus_line,
                 cmd::move_presenter, cmd::connect, cmd::disconnect, cmd::expire_timer>;

static_assert(all_distinct(wire_names<command>), "two commands share a wire name");

// The wire name of a command, e.g. "board_add" (its alternative's wire_name).
std::string command_name(const command& c);

// Commands that write into the current phase (an entry, a proposal, a note on
// the transcript, being done) carry the id of the phase their author wrote
// in: one queued while offline must not land in a later phase, where private
// writing would become public. Null for every other command.
const std::string* written_in(const command& c);
std::string* written_in(command& c);

// Who sends a command: a participant id, or empty before joining.
struct sender {
  std::string participant;
};

}  // namespace debrief::protocol
