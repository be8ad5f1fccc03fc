#pragma once
// What a client (or the server itself, for presence and the timer's end) asks
// of a session. One struct per command; the sender is passed beside it. Each
// lists the JSON keys a client sends in wire_fields() (fields.hpp): optional
// ones (field_or_default) keep the member's default when absent, the phase a
// phase-bound command was written in travels as "phase". The client's
// TypeScript union is printed from these lists (tools/debrief_contract.cpp),
// and a test holds wire.cpp's reader to them (command_fields_test.cpp).

#include <string>
#include <string_view>
#include <tuple>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

#include "debrief/protocol/fields.hpp"
#include "debrief/protocol/state.hpp"
#include "debrief/protocol/wire_names.hpp"

namespace debrief::protocol {

namespace cmd {

// The input forms of what some commands carry, described for the contract
// (the client's TypeScript); wire.cpp reads them into the stored types.

// A phase as add_phase sends it: as in a template (templates.cpp's
// parse_phase), without an id (the server names it).
struct new_phase {
  std::string title;
  phase_kind kind = phase_kind::invalid;
  int minutes = 0;
  std::vector<std::string> prompts;
  protocol::writers writers = writers::everyone;
  bool is_private = false;
  bool anonymous = false;
  bool auto_advance = false;
  static constexpr auto wire_fields() {
    return std::tuple{field<"title">(&new_phase::title),
                      field<"kind">(&new_phase::kind),
                      field<"minutes">(&new_phase::minutes),
                      field_or_default<"prompts">(&new_phase::prompts),
                      field_or_default<"writers">(&new_phase::writers),
                      field_or_default<"private">(&new_phase::is_private),
                      field_or_default<"anonymous">(&new_phase::anonymous),
                      field_or_default<"auto_advance">(&new_phase::auto_advance)};
  }
};

// A transcript line as transcript_import sends it: apply assigns the ids.
struct line_import {
  std::string speaker;
  speaker_role role = speaker_role::invalid;
  millis start_ms = -1;
  std::string text;
  static constexpr auto wire_fields() {
    return std::tuple{field<"speaker">(&line_import::speaker), field<"role">(&line_import::role),
                      field_or_default<"start_ms">(&line_import::start_ms), field<"text">(&line_import::text)};
  }
};

struct join {
  static constexpr std::string_view wire_name = "join";
  std::string name;
  protocol::role role = role::invalid;
  // Decided by the shell, which holds the session's facilitator key.
  bool facilitator_key_valid = false;
  // Decided by the shell from the key of the room's event (access.hpp's
  // host_join_valid); false for a session in no event.
  bool host_key_valid = false;
  static constexpr auto wire_fields() {
    return std::tuple{
        field<"name">(&join::name), field<"role">(&join::role), beside_field<"client_secret", std::string>(),
        beside_field<"facilitator_key", std::string, true>(), beside_field<"host_key", std::string, true>()};
  }
};
struct leave {
  static constexpr std::string_view wire_name = "leave";
  static constexpr auto wire_fields() { return std::tuple{}; }
};
struct start_session {
  static constexpr std::string_view wire_name = "start_session";
  static constexpr auto wire_fields() { return std::tuple{}; }
};
struct next_phase {
  static constexpr std::string_view wire_name = "next_phase";
  static constexpr auto wire_fields() { return std::tuple{}; }
};
struct previous_phase {
  static constexpr std::string_view wire_name = "previous_phase";
  static constexpr auto wire_fields() { return std::tuple{}; }
};
struct go_to_phase {
  static constexpr std::string_view wire_name = "go_to_phase";
  int phase = 0;
  static constexpr auto wire_fields() { return std::tuple{field<"phase">(&go_to_phase::phase)}; }
};
struct timer_start {
  static constexpr std::string_view wire_name = "timer_start";
  static constexpr auto wire_fields() { return std::tuple{}; }
};
struct timer_pause {
  static constexpr std::string_view wire_name = "timer_pause";
  static constexpr auto wire_fields() { return std::tuple{}; }
};
struct timer_resume {
  static constexpr std::string_view wire_name = "timer_resume";
  static constexpr auto wire_fields() { return std::tuple{}; }
};
struct timer_add {
  static constexpr std::string_view wire_name = "timer_add";
  int seconds = 60;
  static constexpr auto wire_fields() { return std::tuple{field_or_default<"seconds">(&timer_add::seconds)}; }
};
struct timer_reset {
  static constexpr std::string_view wire_name = "timer_reset";
  static constexpr auto wire_fields() { return std::tuple{}; }
};
struct end_session {
  static constexpr std::string_view wire_name = "end_session";
  static constexpr auto wire_fields() { return std::tuple{}; }
};

// The agenda: the session's own copy of its template's phases.
struct set_phase_minutes {
  static constexpr std::string_view wire_name = "set_phase_minutes";
  int phase = 0;
  int minutes = 0;
  static constexpr auto wire_fields() {
    return std::tuple{field<"phase">(&set_phase_minutes::phase), field<"minutes">(&set_phase_minutes::minutes)};
  }
};
struct add_phase {
  static constexpr std::string_view wire_name = "add_phase";
  int at = 0;  // index the new phase takes
  phase_template phase;
  static constexpr auto wire_fields() {
    return std::tuple{field<"at">(&add_phase::at), field_shown_as<"phase", new_phase>(&add_phase::phase)};
  }
};
struct remove_phase {
  static constexpr std::string_view wire_name = "remove_phase";
  int phase = 0;
  static constexpr auto wire_fields() { return std::tuple{field<"phase">(&remove_phase::phase)}; }
};
struct move_phase {
  static constexpr std::string_view wire_name = "move_phase";
  int from = 0;
  int to = 0;
  static constexpr auto wire_fields() {
    return std::tuple{field<"from">(&move_phase::from), field<"to">(&move_phase::to)};
  }
};
struct hand_over {
  static constexpr std::string_view wire_name = "hand_over";
  std::string to;  // participant id
  static constexpr auto wire_fields() { return std::tuple{field<"to">(&hand_over::to)}; }
};
// The presenter's role goes to another participant (the presenter's own
// device is gone, or the triad changed who presents).
struct move_presenter {
  static constexpr std::string_view wire_name = "move_presenter";
  std::string to;  // participant id
  static constexpr auto wire_fields() { return std::tuple{field<"to">(&move_presenter::to)}; }
};
struct reveal_phase {
  static constexpr std::string_view wire_name = "reveal_phase";
  int phase = 0;
  static constexpr auto wire_fields() { return std::tuple{field<"phase">(&reveal_phase::phase)}; }
};
struct set_done {
  static constexpr std::string_view wire_name = "set_done";
  bool done = true;
  std::string written_in = {};  // the phase it was written in (see written_in() below)
  static constexpr auto wire_fields() {
    return std::tuple{field<"phase">(&set_done::written_in), field_or_default<"done">(&set_done::done)};
  }
};

// The presenter's assumption board.
struct board_add {
  static constexpr std::string_view wire_name = "board_add";
  board_list list = board_list::invalid;
  std::string text;
  std::string written_in = {};  // the phase it was written in (see written_in() below)
  static constexpr auto wire_fields() {
    return std::tuple{field<"phase">(&board_add::written_in), field<"list">(&board_add::list),
                      field<"text">(&board_add::text)};
  }
};
struct board_edit {
  static constexpr std::string_view wire_name = "board_edit";
  std::string item;
  std::string text;
  int version = 0;
  static constexpr auto wire_fields() {
    return std::tuple{field<"item">(&board_edit::item), field<"text">(&board_edit::text),
                      field<"version">(&board_edit::version)};
  }
};
struct board_move {
  static constexpr std::string_view wire_name = "board_move";
  std::string item;
  board_list list = board_list::invalid;
  int index = 0;
  int version = 0;
  static constexpr auto wire_fields() {
    return std::tuple{field<"item">(&board_move::item), field<"list">(&board_move::list),
                      field<"index">(&board_move::index), field<"version">(&board_move::version)};
  }
};
struct board_remove {
  static constexpr std::string_view wire_name = "board_remove";
  std::string item;
  int version = 0;
  static constexpr auto wire_fields() {
    return std::tuple{field<"item">(&board_remove::item), field<"version">(&board_remove::version)};
  }
};
struct board_mark {
  static constexpr std::string_view wire_name = "board_mark";
  std::string item;
  item_status status = item_status::invalid;
  evidence_list evidence;
  int version = 0;
  static constexpr auto wire_fields() {
    return std::tuple{field<"item">(&board_mark::item), field<"status">(&board_mark::status),
                      field_or_default<"evidence">(&board_mark::evidence), field<"version">(&board_mark::version)};
  }
};
struct board_propose {
  static constexpr std::string_view wire_name = "board_propose";
  board_list list = board_list::invalid;
  std::string text;
  std::string written_in = {};  // the phase it was written in (see written_in() below)
  static constexpr auto wire_fields() {
    return std::tuple{field<"phase">(&board_propose::written_in), field<"list">(&board_propose::list),
                      field<"text">(&board_propose::text)};
  }
};
struct proposal_decide {
  static constexpr std::string_view wire_name = "proposal_decide";
  std::string proposal;
  bool accept = false;
  static constexpr auto wire_fields() {
    return std::tuple{field<"proposal">(&proposal_decide::proposal), field<"accept">(&proposal_decide::accept)};
  }
};

// Entries in the current phase.
struct entry_add {
  static constexpr std::string_view wire_name = "entry_add";
  std::string text;
  int prompt = -1;
  std::string written_in = {};  // the phase it was written in (see written_in() below)
  static constexpr auto wire_fields() {
    return std::tuple{field<"phase">(&entry_add::written_in), field<"text">(&entry_add::text),
                      field_or_default<"prompt">(&entry_add::prompt)};
  }
};
struct entry_edit {
  static constexpr std::string_view wire_name = "entry_edit";
  std::string entry;
  std::string text;
  int version = 0;
  static constexpr auto wire_fields() {
    return std::tuple{field<"entry">(&entry_edit::entry), field<"text">(&entry_edit::text),
                      field<"version">(&entry_edit::version)};
  }
};
struct entry_remove {
  static constexpr std::string_view wire_name = "entry_remove";
  std::string entry;
  static constexpr auto wire_fields() { return std::tuple{field<"entry">(&entry_remove::entry)}; }
};
struct entry_share {
  static constexpr std::string_view wire_name = "entry_share";
  std::string entry;
  static constexpr auto wire_fields() { return std::tuple{field<"entry">(&entry_share::entry)}; }
};

// Adaptations to practice. The presenter's are accepted at once; others'
// are suggestions the presenter accepts or declines.
struct adaptation_fields {
  std::string change;
  std::string for_whom;
  evidence_list evidence;
  std::string check_in;
  std::vector<std::string> follow_ups;
  static constexpr auto wire_fields() {
    return std::tuple{field<"change">(&adaptation_fields::change),
                      field_or_default<"for_whom">(&adaptation_fields::for_whom),
                      field_or_default<"evidence">(&adaptation_fields::evidence),
                      field_or_default<"check_in">(&adaptation_fields::check_in),
                      field_or_default<"follow_ups">(&adaptation_fields::follow_ups)};
  }
};
struct adaptation_add {
  static constexpr std::string_view wire_name = "adaptation_add";
  adaptation_fields fields;
  std::string written_in = {};  // the phase it was written in (see written_in() below)
  static constexpr auto wire_fields() {
    return std::tuple{field<"phase">(&adaptation_add::written_in), flattened(&adaptation_add::fields)};
  }
};
struct adaptation_edit {
  static constexpr std::string_view wire_name = "adaptation_edit";
  std::string adaptation;
  adaptation_fields fields;
  int version = 0;
  static constexpr auto wire_fields() {
    return std::tuple{field<"adaptation">(&adaptation_edit::adaptation), flattened(&adaptation_edit::fields),
                      field<"version">(&adaptation_edit::version)};
  }
};
struct adaptation_decide {
  static constexpr std::string_view wire_name = "adaptation_decide";
  std::string adaptation;
  bool accept = false;
  int version = 0;
  static constexpr auto wire_fields() {
    return std::tuple{field<"adaptation">(&adaptation_decide::adaptation), field<"accept">(&adaptation_decide::accept),
                      field<"version">(&adaptation_decide::version)};
  }
};
struct adaptation_remove {
  static constexpr std::string_view wire_name = "adaptation_remove";
  std::string adaptation;
  static constexpr auto wire_fields() { return std::tuple{field<"adaptation">(&adaptation_remove::adaptation)}; }
};

// The transcript arrives already redacted: real names never leave the
// presenter's browser.
struct transcript_import {
  static constexpr std::string_view wire_name = "transcript_import";
  std::vector<transcript_line> lines;  // ids are assigned by apply
  std::string format;
  bool consent = false;
  static constexpr auto wire_fields() {
    return std::tuple{field_shown_as<"lines", std::vector<line_import>>(&transcript_import::lines),
                      field_or_default<"format">(&transcript_import::format),
                      field_or_default<"consent">(&transcript_import::consent)};
  }
};
struct transcript_withdraw {
  static constexpr std::string_view wire_name = "transcript_withdraw";
  static constexpr auto wire_fields() { return std::tuple{}; }
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
  static constexpr auto wire_fields() {
    return std::tuple{field<"phase">(&annotate::written_in),
                      field<"from_line">(&annotate::from_line),
                      field_or_default<"to_line">(&annotate::to_line),
                      field_or_default<"start_char">(&annotate::start_char),
                      field_or_default<"end_char">(&annotate::end_char),
                      field<"tag">(&annotate::tag),
                      field_or_default<"comment">(&annotate::comment)};
  }
};
struct annotation_edit {
  static constexpr std::string_view wire_name = "annotation_edit";
  std::string annotation;
  annotation_tag tag = annotation_tag::invalid;
  std::string comment;
  int version = 0;
  static constexpr auto wire_fields() {
    return std::tuple{field<"annotation">(&annotation_edit::annotation), field<"tag">(&annotation_edit::tag),
                      field_or_default<"comment">(&annotation_edit::comment),
                      field<"version">(&annotation_edit::version)};
  }
};
struct annotation_remove {
  static constexpr std::string_view wire_name = "annotation_remove";
  std::string annotation;
  static constexpr auto wire_fields() { return std::tuple{field<"annotation">(&annotation_remove::annotation)}; }
};
struct annotation_reply {
  static constexpr std::string_view wire_name = "annotation_reply";
  std::string annotation;
  std::string text;
  std::string written_in = {};  // the phase it was written in (see written_in() below)
  static constexpr auto wire_fields() {
    return std::tuple{field<"phase">(&annotation_reply::written_in), field<"annotation">(&annotation_reply::annotation),
                      field<"text">(&annotation_reply::text)};
  }
};
struct focus_line {
  static constexpr std::string_view wire_name = "focus_line";
  std::string line;  // empty: nobody is being brought anywhere
  static constexpr auto wire_fields() { return std::tuple{field_or_default<"line">(&focus_line::line)}; }
};

// A follow-up session's check-in on one carried adaptation or question
// (state.carried): the presenter's record of what happened, edited in place.
// version 0 writes the first check-in on the thread.
struct check_in_save {
  static constexpr std::string_view wire_name = "check_in_save";
  std::string thread;
  tried_state tried = tried_state::invalid;
  std::string happened;
  evidence_list evidence;
  std::string note;
  check_in_decision decision = check_in_decision::invalid;
  std::string adjusted;
  int version = 0;
  std::string written_in = {};  // the phase it was written in (see written_in() below)
  static constexpr auto wire_fields() {
    return std::tuple{field<"phase">(&check_in_save::written_in),
                      field<"thread">(&check_in_save::thread),
                      field<"tried">(&check_in_save::tried),
                      field_or_default<"happened">(&check_in_save::happened),
                      field_or_default<"evidence">(&check_in_save::evidence),
                      field_or_default<"note">(&check_in_save::note),
                      field<"decision">(&check_in_save::decision),
                      field_or_default<"adjusted">(&check_in_save::adjusted),
                      field<"version">(&check_in_save::version)};
  }
};

// Issued by the server, never accepted from a client.
struct connect {
  static constexpr std::string_view wire_name = "connect";
  static constexpr bool server_only = true;
  static constexpr auto wire_fields() { return std::tuple{}; }
};
struct disconnect {
  static constexpr std::string_view wire_name = "disconnect";
  static constexpr bool server_only = true;
  static constexpr auto wire_fields() { return std::tuple{}; }
};
struct expire_timer {
  static constexpr std::string_view wire_name = "expire_timer";
  static constexpr bool server_only = true;
  static constexpr auto wire_fields() { return std::tuple{}; }
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
                 cmd::move_presenter, cmd::check_in_save, cmd::connect, cmd::disconnect, cmd::expire_timer>;

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
