#pragma once
// Facts in the past tense. The event log is the session: replaying it from an
// empty state through evolve() rebuilds the state. Each event's JSON body is
// its wire_fields() beside "type" (fields.hpp); the client's TypeScript union
// is printed from the same lists (tools/debrief_contract.cpp).

#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <variant>

#include <nlohmann/json.hpp>

#include "debrief/protocol/fields.hpp"
#include "debrief/protocol/state.hpp"
#include "debrief/protocol/wire_names.hpp"

namespace debrief::protocol {

namespace evt {

struct session_created {
  static constexpr std::string_view wire_name = "session_created";
  std::string session;
  std::string title;
  session_template tmpl;
  millis created_at = 0;
  // A session of an inquiry (state.hpp): its day, its focal learners, and
  // what its earlier sessions hand on. Empty for any other session.
  std::string date;
  std::vector<std::string> learners;
  std::vector<carried_item> carried;
  bool operator==(const session_created&) const = default;
  static constexpr auto wire_fields() {
    return std::tuple{field<"session">(&session_created::session),
                      field<"title">(&session_created::title),
                      field<"template">(&session_created::tmpl),
                      field<"created_at">(&session_created::created_at),
                      field_or_default<"date">(&session_created::date),
                      field_or_default<"learners">(&session_created::learners),
                      field_or_default<"carried">(&session_created::carried)};
  }
};
struct participant_joined {
  static constexpr std::string_view wire_name = "participant_joined";
  protocol::participant participant;
  bool operator==(const participant_joined&) const = default;
  static constexpr auto wire_fields() { return std::tuple{field<"participant">(&participant_joined::participant)}; }
};
struct participant_left {
  static constexpr std::string_view wire_name = "participant_left";
  std::string participant;
  bool operator==(const participant_left&) const = default;
  static constexpr auto wire_fields() { return std::tuple{field<"participant">(&participant_left::participant)}; }
};
struct presence_changed {
  static constexpr std::string_view wire_name = "presence_changed";
  std::string participant;
  bool online = false;
  bool operator==(const presence_changed&) const = default;
  static constexpr auto wire_fields() {
    return std::tuple{field<"participant">(&presence_changed::participant), field<"online">(&presence_changed::online)};
  }
};
struct session_started {
  static constexpr std::string_view wire_name = "session_started";
  int phase = 0;
  timer_state timer;
  bool operator==(const session_started&) const = default;
  static constexpr auto wire_fields() {
    return std::tuple{field<"phase">(&session_started::phase), field<"timer">(&session_started::timer)};
  }
};
struct phase_changed {
  static constexpr std::string_view wire_name = "phase_changed";
  int phase = 0;
  timer_state timer;
  bool operator==(const phase_changed&) const = default;
  static constexpr auto wire_fields() {
    return std::tuple{field<"phase">(&phase_changed::phase), field<"timer">(&phase_changed::timer)};
  }
};

// The timer events differ only in name: each carries the resulting timer.
template <fixed_name Name>
struct timer_changed {
  static constexpr std::string_view wire_name = Name;
  timer_state timer;
  bool operator==(const timer_changed&) const = default;
  static constexpr auto wire_fields() { return std::tuple{field<"timer">(&timer_changed::timer)}; }
};
using timer_started = timer_changed<"timer_started">;
using timer_paused = timer_changed<"timer_paused">;
using timer_resumed = timer_changed<"timer_resumed">;
using timer_extended = timer_changed<"timer_extended">;
using timer_reset = timer_changed<"timer_reset">;
using timer_expired = timer_changed<"timer_expired">;

struct session_ended {
  static constexpr std::string_view wire_name = "session_ended";
  timer_state timer;
  bool operator==(const session_ended&) const = default;
  static constexpr auto wire_fields() { return std::tuple{field<"timer">(&session_ended::timer)}; }
};

struct agenda_changed {
  static constexpr std::string_view wire_name = "agenda_changed";
  std::vector<phase_template> phases;
  int phase = 0;  // the current phase's index in the new agenda
  timer_state timer;
  bool operator==(const agenda_changed&) const = default;
  static constexpr auto wire_fields() {
    return std::tuple{field<"phases">(&agenda_changed::phases), field<"phase">(&agenda_changed::phase),
                      field<"timer">(&agenda_changed::timer)};
  }
};
struct facilitator_handed_over {
  static constexpr std::string_view wire_name = "facilitator_handed_over";
  std::string from;
  std::string to;
  bool operator==(const facilitator_handed_over&) const = default;
  static constexpr auto wire_fields() {
    return std::tuple{field<"from">(&facilitator_handed_over::from), field<"to">(&facilitator_handed_over::to)};
  }
};
struct presenter_moved {
  static constexpr std::string_view wire_name = "presenter_moved";
  std::string from;  // empty when nobody presented
  std::string to;
  bool operator==(const presenter_moved&) const = default;
  static constexpr auto wire_fields() {
    return std::tuple{field<"from">(&presenter_moved::from), field<"to">(&presenter_moved::to)};
  }
};
// Stored with the phase id only; what becomes visible is added when the
// event is shown to clients (visibility.hpp), from the state.
struct phase_revealed {
  static constexpr std::string_view wire_name = "phase_revealed";
  std::string phase;
  bool operator==(const phase_revealed&) const = default;
  static constexpr auto wire_fields() { return std::tuple{field<"phase">(&phase_revealed::phase)}; }
  // Shown to clients, from the state (visibility.cpp): what was written in the
  // phase, authors left out in an anonymous phase.
  static constexpr auto shown_fields() {
    return std::tuple{shown_field<"entries", std::vector<entry>>(),
                      shown_field<"annotations", std::vector<annotation>>()};
  }
};
struct readiness_changed {
  static constexpr std::string_view wire_name = "readiness_changed";
  std::string participant;
  bool done = false;
  bool operator==(const readiness_changed&) const = default;
  static constexpr auto wire_fields() {
    return std::tuple{field<"participant">(&readiness_changed::participant), field<"done">(&readiness_changed::done)};
  }
};
struct board_item_saved {
  static constexpr std::string_view wire_name = "board_item_saved";
  board_item item;
  int index = -1;  // position within its list for a new item; -1 keeps it in place
  bool operator==(const board_item_saved&) const = default;
  static constexpr auto wire_fields() {
    return std::tuple{field<"item">(&board_item_saved::item), field<"index">(&board_item_saved::index)};
  }
};
struct board_item_moved {
  static constexpr std::string_view wire_name = "board_item_moved";
  std::string item;
  board_list list = board_list::invalid;
  int index = 0;
  int version = 0;
  bool operator==(const board_item_moved&) const = default;
  static constexpr auto wire_fields() {
    return std::tuple{field<"item">(&board_item_moved::item), field<"list">(&board_item_moved::list),
                      field<"index">(&board_item_moved::index), field<"version">(&board_item_moved::version)};
  }
};
struct board_item_removed {
  static constexpr std::string_view wire_name = "board_item_removed";
  std::string item;
  bool operator==(const board_item_removed&) const = default;
  static constexpr auto wire_fields() { return std::tuple{field<"item">(&board_item_removed::item)}; }
};
struct proposal_saved {
  static constexpr std::string_view wire_name = "proposal_saved";
  protocol::proposal proposal;
  bool operator==(const proposal_saved&) const = default;
  static constexpr auto wire_fields() { return std::tuple{field<"proposal">(&proposal_saved::proposal)}; }
};
struct entry_saved {
  static constexpr std::string_view wire_name = "entry_saved";
  // Everyone but its author receives a placeholder while its phase is private
  // and unrevealed (visibility.cpp).
  static constexpr bool may_be_placeholder = true;
  protocol::entry entry;
  bool operator==(const entry_saved&) const = default;
  static constexpr auto wire_fields() { return std::tuple{field<"entry">(&entry_saved::entry)}; }
};
struct entry_removed {
  static constexpr std::string_view wire_name = "entry_removed";
  std::string entry;
  bool operator==(const entry_removed&) const = default;
  static constexpr auto wire_fields() { return std::tuple{field<"entry">(&entry_removed::entry)}; }
};
struct adaptation_saved {
  static constexpr std::string_view wire_name = "adaptation_saved";
  protocol::adaptation adaptation;
  bool operator==(const adaptation_saved&) const = default;
  static constexpr auto wire_fields() { return std::tuple{field<"adaptation">(&adaptation_saved::adaptation)}; }
};
struct adaptation_removed {
  static constexpr std::string_view wire_name = "adaptation_removed";
  std::string adaptation;
  bool operator==(const adaptation_removed&) const = default;
  static constexpr auto wire_fields() { return std::tuple{field<"adaptation">(&adaptation_removed::adaptation)}; }
};
// Existing annotations re-anchored to the new lines follow as annotation_saved.
struct transcript_imported {
  static constexpr std::string_view wire_name = "transcript_imported";
  protocol::transcript transcript;
  bool operator==(const transcript_imported&) const = default;
  static constexpr auto wire_fields() { return std::tuple{field<"transcript">(&transcript_imported::transcript)}; }
};
struct transcript_withdrawn {
  static constexpr std::string_view wire_name = "transcript_withdrawn";
  bool operator==(const transcript_withdrawn&) const = default;
  static constexpr auto wire_fields() { return std::tuple{}; }
};
struct annotation_saved {
  static constexpr std::string_view wire_name = "annotation_saved";
  // Everyone but its author receives a placeholder while its phase is private
  // and unrevealed (visibility.cpp).
  static constexpr bool may_be_placeholder = true;
  protocol::annotation annotation;
  bool operator==(const annotation_saved&) const = default;
  static constexpr auto wire_fields() { return std::tuple{field<"annotation">(&annotation_saved::annotation)}; }
};
struct annotation_removed {
  static constexpr std::string_view wire_name = "annotation_removed";
  std::string annotation;
  bool operator==(const annotation_removed&) const = default;
  static constexpr auto wire_fields() { return std::tuple{field<"annotation">(&annotation_removed::annotation)}; }
};
struct focus_changed {
  static constexpr std::string_view wire_name = "focus_changed";
  std::string line;
  std::string by;
  bool operator==(const focus_changed&) const = default;
  static constexpr auto wire_fields() {
    return std::tuple{field<"line">(&focus_changed::line), field<"by">(&focus_changed::by)};
  }
};
// The timer of a phase being left, kept so that coming back (an undo of an
// accidental advance) resumes it instead of starting over.
struct phase_timer_saved {
  static constexpr std::string_view wire_name = "phase_timer_saved";
  std::string phase;  // phase id
  timer_state timer;  // paused or expired
  bool operator==(const phase_timer_saved&) const = default;
  static constexpr auto wire_fields() {
    return std::tuple{field<"phase">(&phase_timer_saved::phase), field<"timer">(&phase_timer_saved::timer)};
  }
};
// The presenter's check-in on a carried adaptation or question, new or
// edited (one per thread).
struct check_in_saved {
  static constexpr std::string_view wire_name = "check_in_saved";
  protocol::check_in check_in;
  bool operator==(const check_in_saved&) const = default;
  static constexpr auto wire_fields() { return std::tuple{field<"check_in">(&check_in_saved::check_in)}; }
};
// A notice from the event host (host.hpp's apply_host), kept in the room.
struct notice_posted {
  static constexpr std::string_view wire_name = "notice_posted";
  protocol::notice notice;
  bool operator==(const notice_posted&) const = default;
  static constexpr auto wire_fields() { return std::tuple{field<"notice">(&notice_posted::notice)}; }
};
// What a withdrawn transcript's events become in the stored log: the words
// are gone, and replaying it changes nothing.
struct scrubbed {
  static constexpr std::string_view wire_name = "scrubbed";
  std::string was;  // the original event type
  bool operator==(const scrubbed&) const = default;
  static constexpr auto wire_fields() { return std::tuple{field<"was">(&scrubbed::was)}; }
};

}  // namespace evt

using event =
    std::variant<evt::session_created, evt::participant_joined, evt::participant_left, evt::presence_changed,
                 evt::session_started, evt::phase_changed, evt::timer_started, evt::timer_paused, evt::timer_resumed,
                 evt::timer_extended, evt::timer_reset, evt::timer_expired, evt::session_ended, evt::agenda_changed,
                 evt::facilitator_handed_over, evt::phase_revealed, evt::readiness_changed, evt::board_item_saved,
                 evt::board_item_moved, evt::board_item_removed, evt::proposal_saved, evt::entry_saved,
                 evt::entry_removed, evt::adaptation_saved, evt::adaptation_removed, evt::transcript_imported,
                 evt::transcript_withdrawn, evt::annotation_saved, evt::annotation_removed, evt::focus_changed,
                 evt::scrubbed, evt::phase_timer_saved, evt::presenter_moved, evt::check_in_saved, evt::notice_posted>;

// Event types that hold transcript words or remarks on them, scrubbed from
// the stored log when the transcript is withdrawn.
bool holds_transcript_text(const event& e);

// What such an event's stored body becomes when the transcript is withdrawn:
// a bare "scrubbed" marker naming its type, as JSON text. None for an event
// that holds no transcript text. Storage keeps it beside the body, so that
// it never has to read the event JSON to scrub.
std::optional<std::string> scrubbed_body(const event& e);

static_assert(all_distinct(wire_names<event>), "two events share a wire name");

// The wire name of an event, e.g. "phase_changed".
std::string event_type(const event& e);

namespace evt {
// In namespace evt so that argument-dependent lookup finds them for the
// event variant (whose alternatives live here).
void to_json(nlohmann::json& j, const event& e);
// Throws nlohmann::json::exception on a malformed or unknown event.
void from_json(const nlohmann::json& j, event& e);
}  // namespace evt

}  // namespace debrief::protocol
