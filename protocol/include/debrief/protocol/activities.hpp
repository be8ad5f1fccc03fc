#pragma once
// What a debrief produces: the presenter's assumption board, everyone's
// entries (noticings, reflections, chart cells), adaptations to practice, and
// the transcript with its annotations. Plain values; every editable thing
// carries a version so a stale edit is refused instead of overwriting.

#include <cstdint>
#include <string>
#include <tuple>
#include <vector>

#include <nlohmann/json.hpp>

#include "debrief/protocol/fields.hpp"

namespace debrief::protocol {

using millis = std::int64_t;

enum class board_list { invalid, know, dont_know, assumptions, find_out };
enum class item_status { invalid, open, confirmed, challenged };
enum class proposal_state { invalid, pending, accepted, set_aside };
enum class adaptation_status { invalid, suggested, accepted, declined };
enum class annotation_tag { invalid, notice, wonder, strength, need };
enum class speaker_role { invalid, teacher, student, other };
// What an earlier session of the inquiry hands on (see carried_item).
enum class carried_kind { invalid, adaptation, question, assumption };
// A check-in: was the adaptation tried, or the question asked?
enum class tried_state { invalid, yes, partly, not_yet };
// A check-in's decision on the adaptation or question: carry it on as it
// is, carry it on changed, or let it go.
enum class check_in_decision { invalid, keep, adjust, drop };
// A notice from the event host (host.hpp): what they wrote, or what one of
// their actions did to the room.
enum class notice_kind { invalid, message, action };

NLOHMANN_JSON_SERIALIZE_ENUM(board_list, {{board_list::invalid, nullptr},
                                          {board_list::know, "know"},
                                          {board_list::dont_know, "dont_know"},
                                          {board_list::assumptions, "assumptions"},
                                          {board_list::find_out, "find_out"}})
NLOHMANN_JSON_SERIALIZE_ENUM(item_status, {{item_status::invalid, nullptr},
                                           {item_status::open, "open"},
                                           {item_status::confirmed, "confirmed"},
                                           {item_status::challenged, "challenged"}})
NLOHMANN_JSON_SERIALIZE_ENUM(proposal_state, {{proposal_state::invalid, nullptr},
                                              {proposal_state::pending, "pending"},
                                              {proposal_state::accepted, "accepted"},
                                              {proposal_state::set_aside, "set_aside"}})
NLOHMANN_JSON_SERIALIZE_ENUM(adaptation_status, {{adaptation_status::invalid, nullptr},
                                                 {adaptation_status::suggested, "suggested"},
                                                 {adaptation_status::accepted, "accepted"},
                                                 {adaptation_status::declined, "declined"}})
NLOHMANN_JSON_SERIALIZE_ENUM(annotation_tag, {{annotation_tag::invalid, nullptr},
                                              {annotation_tag::notice, "notice"},
                                              {annotation_tag::wonder, "wonder"},
                                              {annotation_tag::strength, "strength"},
                                              {annotation_tag::need, "need"}})
NLOHMANN_JSON_SERIALIZE_ENUM(speaker_role, {{speaker_role::invalid, nullptr},
                                            {speaker_role::teacher, "teacher"},
                                            {speaker_role::student, "student"},
                                            {speaker_role::other, "other"}})
NLOHMANN_JSON_SERIALIZE_ENUM(carried_kind, {{carried_kind::invalid, nullptr},
                                            {carried_kind::adaptation, "adaptation"},
                                            {carried_kind::question, "question"},
                                            {carried_kind::assumption, "assumption"}})
NLOHMANN_JSON_SERIALIZE_ENUM(tried_state, {{tried_state::invalid, nullptr},
                                           {tried_state::yes, "yes"},
                                           {tried_state::partly, "partly"},
                                           {tried_state::not_yet, "not_yet"}})
NLOHMANN_JSON_SERIALIZE_ENUM(check_in_decision, {{check_in_decision::invalid, nullptr},
                                                 {check_in_decision::keep, "keep"},
                                                 {check_in_decision::adjust, "adjust"},
                                                 {check_in_decision::drop, "drop"}})
NLOHMANN_JSON_SERIALIZE_ENUM(notice_kind, {{notice_kind::invalid, nullptr},
                                           {notice_kind::message, "message"},
                                           {notice_kind::action, "action"}})

// The structs below are stored and sent as their wire_fields() list them
// (fields.hpp); client input never reaches them directly (wire.cpp reads
// commands field by field).

// Evidence is a reference to something else in the session:
// "item:<id>", "annotation:<id>" or "line:<id>".
using evidence_list = std::vector<std::string>;

struct board_item {
  std::string id;
  board_list list = board_list::invalid;
  std::string text;
  std::string author;
  item_status status = item_status::open;
  evidence_list evidence;
  int version = 1;
  // The assumption's identity across the inquiry's sessions when it was
  // carried in from an earlier one (carried_item::thread); empty otherwise.
  std::string thread;
  bool operator==(const board_item&) const = default;
  static constexpr auto wire_fields() {
    return std::tuple{field<"id">(&board_item::id),           field<"list">(&board_item::list),
                      field<"text">(&board_item::text),       field<"author">(&board_item::author),
                      field<"status">(&board_item::status),   field<"evidence">(&board_item::evidence),
                      field<"version">(&board_item::version), field_or_default<"thread">(&board_item::thread)};
  }
};

// A colleague's suggestion for the presenter's board.
struct proposal {
  std::string id;
  board_list list = board_list::invalid;
  std::string text;
  std::string author;
  proposal_state state = proposal_state::pending;
  std::string item;  // the board item it became, once accepted
  bool operator==(const proposal&) const = default;
  static constexpr auto wire_fields() {
    return std::tuple{field<"id">(&proposal::id),       field<"list">(&proposal::list),
                      field<"text">(&proposal::text),   field<"author">(&proposal::author),
                      field<"state">(&proposal::state), field<"item">(&proposal::item)};
  }
};

// One person's contribution in a phase: a noticing, a reflection, a chart
// cell. `prompt` is the index of the phase prompt (or chart column) it
// answers, or -1.
struct entry {
  std::string id;
  std::string phase;  // phase id
  int prompt = -1;
  std::string text;
  std::string author;
  bool shared = false;  // shared by its author before the reveal
  int version = 1;
  bool operator==(const entry&) const = default;
  static constexpr auto wire_fields() {
    return std::tuple{field<"id">(&entry::id),          field<"phase">(&entry::phase),
                      field<"prompt">(&entry::prompt),  field<"text">(&entry::text),
                      field<"author">(&entry::author),  field<"shared">(&entry::shared),
                      field<"version">(&entry::version)};
  }
};

struct adaptation {
  std::string id;
  std::string change;
  std::string for_whom;  // a focal student's pseudonym, or "all learners"
  evidence_list evidence;
  std::string check_in;  // YYYY-MM-DD, or empty
  std::vector<std::string> follow_ups;
  std::string author;
  adaptation_status status = adaptation_status::suggested;
  int version = 1;
  bool operator==(const adaptation&) const = default;
  static constexpr auto wire_fields() {
    return std::tuple{field<"id">(&adaptation::id),
                      field<"change">(&adaptation::change),
                      field<"for_whom">(&adaptation::for_whom),
                      field<"evidence">(&adaptation::evidence),
                      field<"check_in">(&adaptation::check_in),
                      field<"follow_ups">(&adaptation::follow_ups),
                      field<"author">(&adaptation::author),
                      field<"status">(&adaptation::status),
                      field<"version">(&adaptation::version)};
  }
};

struct transcript_line {
  std::string id;  // stable across re-imports of the same source line
  std::string speaker;
  speaker_role role = speaker_role::other;
  millis start_ms = -1;  // -1: no timestamp
  std::string text;
  bool operator==(const transcript_line&) const = default;
  static constexpr auto wire_fields() {
    return std::tuple{field<"id">(&transcript_line::id), field<"speaker">(&transcript_line::speaker),
                      field<"role">(&transcript_line::role), field<"start_ms">(&transcript_line::start_ms),
                      field<"text">(&transcript_line::text)};
  }
};

struct transcript {
  std::vector<transcript_line> lines;
  std::string consent_by;  // participant who confirmed the learner's consent
  millis consent_at = 0;
  std::string source_format;
  int version = 1;
  bool operator==(const transcript&) const = default;
  static constexpr auto wire_fields() {
    return std::tuple{field<"lines">(&transcript::lines), field<"consent_by">(&transcript::consent_by),
                      field<"consent_at">(&transcript::consent_at), field<"source_format">(&transcript::source_format),
                      field<"version">(&transcript::version)};
  }
};

struct reply {
  std::string id;
  std::string author;
  std::string text;
  millis at = 0;
  bool operator==(const reply&) const = default;
  static constexpr auto wire_fields() {
    return std::tuple{field<"id">(&reply::id), field<"author">(&reply::author), field<"text">(&reply::text),
                      field<"at">(&reply::at)};
  }
};

struct annotation {
  std::string id;
  std::string phase;  // phase id it was written in (private phases hide it)
  std::string from_line;
  std::string to_line;
  int start_char = -1;  // optional character range inside from_line..to_line
  int end_char = -1;
  std::string quote;  // the annotated text, so it can be re-anchored
  annotation_tag tag = annotation_tag::invalid;
  std::string comment;
  std::string author;
  std::vector<protocol::reply> replies;
  bool placed = true;  // false when a re-import lost its lines
  int version = 1;
  bool operator==(const annotation&) const = default;
  static constexpr auto wire_fields() {
    return std::tuple{field<"id">(&annotation::id),
                      field<"phase">(&annotation::phase),
                      field<"from_line">(&annotation::from_line),
                      field<"to_line">(&annotation::to_line),
                      field<"start_char">(&annotation::start_char),
                      field<"end_char">(&annotation::end_char),
                      field<"quote">(&annotation::quote),
                      field<"tag">(&annotation::tag),
                      field<"comment">(&annotation::comment),
                      field<"author">(&annotation::author),
                      field<"replies">(&annotation::replies),
                      field<"placed">(&annotation::placed),
                      field<"version">(&annotation::version)};
  }
};

// Something decided in an earlier session of the same inquiry, brought into
// this one when it was created: an accepted adaptation still being tried, a
// follow-up question still to ask, an assumption still open or challenged.
// `thread` names the same adaptation (question, assumption) in every session
// of the inquiry: "<position>.<id>" of the session and item it began in (a
// question: "<position>.<adaptation id>.q<n>", n from 1), kept as it is
// carried on. It never holds a session code.
struct carried_item {
  std::string thread;
  carried_kind kind = carried_kind::invalid;
  std::string text;                        // the change (as last adjusted), the question, the assumption
  std::string for_whom;                    // adaptations and questions: a pseudonym, or "all learners"
  std::string check_in;                    // adaptations: YYYY-MM-DD, or empty
  item_status status = item_status::open;  // assumptions: as they were left
  std::string from;                        // YYYY-MM-DD of the session that last decided it
  bool operator==(const carried_item&) const = default;
  static constexpr auto wire_fields() {
    return std::tuple{field<"thread">(&carried_item::thread),     field<"kind">(&carried_item::kind),
                      field<"text">(&carried_item::text),         field<"for_whom">(&carried_item::for_whom),
                      field<"check_in">(&carried_item::check_in), field<"status">(&carried_item::status),
                      field<"from">(&carried_item::from)};
  }
};

// The presenter's check-in on one carried adaptation or question (one per
// thread per session, edited in place): tried (asked) or not, what happened
// (what the learner said), the evidence, and whether it goes on as it is,
// changed, or not at all.
struct check_in {
  std::string id;
  std::string thread;  // the carried_item it checks in on
  std::string phase;   // the check-in phase it was written in
  tried_state tried = tried_state::invalid;
  std::string happened;
  evidence_list evidence;  // "line:", "annotation:", "item:" of this session
  std::string note;        // evidence in the presenter's words, when no line says it
  check_in_decision decision = check_in_decision::invalid;
  std::string adjusted;  // the changed adaptation or question, when decision is adjust
  std::string author;
  int version = 1;
  bool operator==(const check_in&) const = default;
  static constexpr auto wire_fields() {
    return std::tuple{field<"id">(&check_in::id),
                      field<"thread">(&check_in::thread),
                      field<"phase">(&check_in::phase),
                      field<"tried">(&check_in::tried),
                      field<"happened">(&check_in::happened),
                      field<"evidence">(&check_in::evidence),
                      field<"note">(&check_in::note),
                      field<"decision">(&check_in::decision),
                      field<"adjusted">(&check_in::adjusted),
                      field<"author">(&check_in::author),
                      field<"version">(&check_in::version)};
  }
};

// A notice from the event host to a room, kept in the room's state and
// record; each person dismisses it on their own device. Ids "n<k>".
struct notice {
  std::string id;
  notice_kind kind = notice_kind::invalid;
  std::string text;
  millis time = 0;  // when the host sent it
  bool operator==(const notice&) const = default;
  static constexpr auto wire_fields() {
    return std::tuple{field<"id">(&notice::id), field<"kind">(&notice::kind), field<"text">(&notice::text),
                      field<"time">(&notice::time)};
  }
};

}  // namespace debrief::protocol
