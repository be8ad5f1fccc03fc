#pragma once
// An event: one host (a PD leader) runs many rooms, each a normal session,
// made together from one template. The host never takes part in a room's
// writing; they watch every room through its summary, speak to rooms with
// notices, and act on many rooms at once (start, pause, resume, add time,
// move to a phase). Pure: the server decides who is the host (the host key)
// and which rooms an action reaches.

#include <cstdint>
#include <string>
#include <tuple>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

#include "debrief/protocol/apply.hpp"
#include "debrief/protocol/fields.hpp"
#include "debrief/protocol/rejection.hpp"
#include "debrief/protocol/state.hpp"

namespace debrief::protocol {

// What a room's summary warns its host about. `ended` stands alone; the
// others hold for a room not ended. Whether a timer is over by more than
// over_time_after_ms depends on the clock, so it is no flag: over_time()
// below (and the console) read it from the summary's timer.
enum class room_flag { invalid, no_facilitator, no_presenter, nobody, ended };

NLOHMANN_JSON_SERIALIZE_ENUM(room_flag, {{room_flag::invalid, nullptr},
                                         {room_flag::no_facilitator, "no_facilitator"},
                                         {room_flag::no_presenter, "no_presenter"},
                                         {room_flag::nobody, "nobody"},
                                         {room_flag::ended, "ended"}})

// One person of a room as its host sees them (hosts looking in are not listed).
struct summary_person {
  std::string name;
  protocol::role role = role::invalid;
  bool online = false;
  bool done = false;  // done with the current phase
  bool operator==(const summary_person&) const = default;
  static constexpr auto wire_fields() {
    return std::tuple{field<"name">(&summary_person::name), field<"role">(&summary_person::role),
                      field<"online">(&summary_person::online), field<"done">(&summary_person::done)};
  }
};

// A small picture of one room, all a host console shows of it. The server
// keeps the latest per room and sends a host only summaries that changed.
struct room_summary {
  std::string session;  // the room's code (the host holds every room's link)
  std::string label;    // the session's title
  int position = 0;     // 1..N within the event, as on the join sheet
  // The seq of the latest event that changed this summary (not of every
  // event: writing that changes nothing here sends nothing to the host).
  std::int64_t seq = 0;
  session_status status = session_status::invalid;
  int phase = 0;   // index into the room's agenda
  int phases = 0;  // how many phases the agenda has
  std::string phase_id;
  std::string phase_title;
  protocol::phase_kind phase_kind = phase_kind::invalid;
  timer_state timer;
  std::vector<summary_person> people;  // in join order, hosts left out
  int joined = 0;                      // people.size()
  int online = 0;                      // of people
  int done = 0;                        // of people
  int hosts = 0;                       // hosts looking in now (online participants of role host)
  int adaptations = 0;                 // adaptations recorded (any status)
  std::vector<room_flag> flags;        // in room_flag's order
  bool operator==(const room_summary&) const = default;
  static constexpr auto wire_fields() {
    return std::tuple{field<"session">(&room_summary::session),
                      field<"label">(&room_summary::label),
                      field<"position">(&room_summary::position),
                      field<"seq">(&room_summary::seq),
                      field<"status">(&room_summary::status),
                      field<"phase">(&room_summary::phase),
                      field<"phases">(&room_summary::phases),
                      field<"phase_id">(&room_summary::phase_id),
                      field<"phase_title">(&room_summary::phase_title),
                      field<"phase_kind">(&room_summary::phase_kind),
                      field<"timer">(&room_summary::timer),
                      field<"people">(&room_summary::people),
                      field<"joined">(&room_summary::joined),
                      field<"online">(&room_summary::online),
                      field<"done">(&room_summary::done),
                      field<"hosts">(&room_summary::hosts),
                      field<"adaptations">(&room_summary::adaptations),
                      field<"flags">(&room_summary::flags)};
  }
};

// The summary of a room in state `s` as of event `seq` (its `seq` field is
// `seq`; the server keeps the older seq when nothing else changed: see
// same_picture).
room_summary summarize(const session_state& s, std::int64_t seq, int position);
// True if the two summaries show the same (everything but seq equal).
bool same_picture(const room_summary& a, const room_summary& b);

// A timer that ran out more than this long ago is "over time" for its host.
inline constexpr millis over_time_after_ms = 2 * 60 * 1000;
// True if `t` is expired and more than over_time_after_ms past zero at `now`.
bool over_time(const timer_state& t, millis now);

// What a host may do to a room. Each is applied as the room's facilitator's
// command would be, then followed by a notice_posted of kind `action` that
// tells the room what the host did (a `notice` is one notice_posted of kind
// `message`).
namespace host_act {
struct notice {
  static constexpr std::string_view wire_name = "notice";
  std::string text;  // 1..max_notice_chars
  static constexpr auto wire_fields() { return std::tuple{field<"text">(&notice::text)}; }
};
// A room in the lobby starts; then the current phase's timer starts if idle.
struct start {
  static constexpr std::string_view wire_name = "start";
  static constexpr auto wire_fields() { return std::tuple{}; }
};
struct pause {  // a running timer
  static constexpr std::string_view wire_name = "pause";
  static constexpr auto wire_fields() { return std::tuple{}; }
};
struct resume {  // a paused timer
  static constexpr std::string_view wire_name = "resume";
  static constexpr auto wire_fields() { return std::tuple{}; }
};
struct add_time {  // as timer_add, with its limits
  static constexpr std::string_view wire_name = "add_time";
  int seconds = 60;
  static constexpr auto wire_fields() { return std::tuple{field<"seconds">(&add_time::seconds)}; }
};
struct go_to_phase {  // by the phase's id; a room without that phase: not_found
  static constexpr std::string_view wire_name = "go_to_phase";
  std::string phase;
  static constexpr auto wire_fields() { return std::tuple{field<"phase">(&go_to_phase::phase)}; }
};
}  // namespace host_act

using host_action = std::variant<host_act::notice, host_act::start, host_act::pause, host_act::resume,
                                 host_act::add_time, host_act::go_to_phase>;

// What `a` does to a room in state `s` (see host_act above), or why it
// cannot: the events to store, ending with the room's notice_posted.
outcome apply_host(const session_state& s, const host_action& a, millis now);

// Reads {"action": "<wire name>", ...its fields} (the body of a host's
// action request, without its "rooms"), or why not (invalid, naming the field).
std::variant<host_action, rejection> parse_host_action(const nlohmann::json& body);

}  // namespace debrief::protocol
