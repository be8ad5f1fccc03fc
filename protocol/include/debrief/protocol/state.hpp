#pragma once
// Session state: plain values, copied and compared freely. Changed only by
// evolve(state, event) so that replaying the event log rebuilds it exactly.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "debrief/protocol/activities.hpp"

namespace debrief::protocol {

// millis (from activities.hpp): milliseconds since the Unix epoch on the
// server's wall clock.

// A host is the event's host looking in (host.hpp): read-only, listed, and
// never facilitator or presenter.
enum class role { invalid, facilitator, presenter, colleague, observer, host };

enum class phase_kind {
  invalid,
  opening,
  assumptions,
  transcript,
  adaptations,
  reflection,
  discussion,
  chart,
  check_in
};

enum class session_status { invalid, lobby, live, ended };

enum class timer_status { invalid, idle, running, paused, expired };

// Who may write entries in a phase.
enum class writers { invalid, everyone, presenter, colleagues };

NLOHMANN_JSON_SERIALIZE_ENUM(role, {{role::invalid, nullptr},
                                    {role::facilitator, "facilitator"},
                                    {role::presenter, "presenter"},
                                    {role::colleague, "colleague"},
                                    {role::observer, "observer"},
                                    {role::host, "host"}})

NLOHMANN_JSON_SERIALIZE_ENUM(phase_kind, {{phase_kind::invalid, nullptr},
                                          {phase_kind::opening, "opening"},
                                          {phase_kind::assumptions, "assumptions"},
                                          {phase_kind::transcript, "transcript"},
                                          {phase_kind::adaptations, "adaptations"},
                                          {phase_kind::reflection, "reflection"},
                                          {phase_kind::discussion, "discussion"},
                                          {phase_kind::chart, "chart"},
                                          {phase_kind::check_in, "check_in"}})

NLOHMANN_JSON_SERIALIZE_ENUM(session_status, {{session_status::invalid, nullptr},
                                              {session_status::lobby, "lobby"},
                                              {session_status::live, "live"},
                                              {session_status::ended, "ended"}})

NLOHMANN_JSON_SERIALIZE_ENUM(writers, {{writers::invalid, nullptr},
                                       {writers::everyone, "everyone"},
                                       {writers::presenter, "presenter"},
                                       {writers::colleagues, "colleagues"}})

NLOHMANN_JSON_SERIALIZE_ENUM(timer_status, {{timer_status::invalid, nullptr},
                                            {timer_status::idle, "idle"},
                                            {timer_status::running, "running"},
                                            {timer_status::paused, "paused"},
                                            {timer_status::expired, "expired"}})

struct phase_template {
  std::string id;
  std::string title;
  phase_kind kind = phase_kind::invalid;
  int minutes = 0;
  std::vector<std::string> prompts;
  protocol::writers writers = writers::everyone;
  bool is_private = false;    // entries hidden from others until revealed
  bool anonymous = false;     // revealed entries do not name their authors
  bool auto_advance = false;  // move on by itself when the timer runs out
  bool operator==(const phase_template&) const = default;
  static constexpr auto wire_fields() {
    return std::tuple{field<"id">(&phase_template::id),
                      field<"title">(&phase_template::title),
                      field<"kind">(&phase_template::kind),
                      field<"minutes">(&phase_template::minutes),
                      field<"prompts">(&phase_template::prompts),
                      field<"writers">(&phase_template::writers),
                      field<"private">(&phase_template::is_private),
                      field<"anonymous">(&phase_template::anonymous),
                      field<"auto_advance">(&phase_template::auto_advance)};
  }
};

struct session_template {
  std::string id;
  std::string name;
  std::string description;
  std::vector<phase_template> phases;
  bool operator==(const session_template&) const = default;
  static constexpr auto wire_fields() {
    return std::tuple{field<"id">(&session_template::id), field<"name">(&session_template::name),
                      field<"description">(&session_template::description), field<"phases">(&session_template::phases)};
  }
};

// The server owns the clock: a running timer is a deadline, so every client
// (and a restarted server) derives the same remaining time from it.
struct timer_state {
  timer_status status = timer_status::idle;
  millis duration_ms = 0;
  millis remaining_ms = 0;  // meaningful unless running
  millis ends_at = 0;       // meaningful only while running
  // Time this phase has been under way, kept through pauses, resets and time
  // past zero: used_ms as of `since`, still counting from `since` when it is
  // not 0 (a running timer, or an expired one while its phase is current).
  // Absent in events stored before used time was kept: read as 0.
  millis used_ms = 0;
  millis since = 0;
  // The used time at which this timer ran out (0 unless expired): the time
  // past zero is the used time beyond it. Not used_ms − duration_ms, which
  // would count the time used before a reset again. Absent in events stored
  // before this field: read as 0.
  millis zero_used_ms = 0;
  bool operator==(const timer_state&) const = default;
  static constexpr auto wire_fields() {
    return std::tuple{field<"status">(&timer_state::status),
                      field<"duration_ms">(&timer_state::duration_ms),
                      field<"remaining_ms">(&timer_state::remaining_ms),
                      field<"ends_at">(&timer_state::ends_at),
                      field_or_default<"used_ms">(&timer_state::used_ms),
                      field_or_default<"since">(&timer_state::since),
                      field_or_default<"zero_used_ms">(&timer_state::zero_used_ms)};
  }

  millis remaining_at(millis now) const;
  // used_ms brought up to `now`.
  millis used_at(millis now) const;
  // The same timer, no longer counting: used time folded in up to `now`.
  timer_state frozen_at(millis now) const;
};

struct participant {
  std::string id;
  std::string name;
  protocol::role role = role::invalid;
  bool online = false;
  bool operator==(const participant&) const = default;
  static constexpr auto wire_fields() {
    return std::tuple{field<"id">(&participant::id), field<"name">(&participant::name),
                      field<"role">(&participant::role), field<"online">(&participant::online)};
  }
};

struct session_state {
  std::string session;
  std::string title;
  millis created_at = 0;
  session_template tmpl;
  // A session of an inquiry (a presenter's partnership with a few focal
  // learners across the year) may be planned for a day, and starts from
  // what the inquiry's earlier sessions left open. Empty otherwise.
  std::string date;                   // YYYY-MM-DD, or empty
  std::vector<std::string> learners;  // the focal learners' pseudonyms
  std::vector<carried_item> carried;
  session_status status = session_status::invalid;
  int phase = 0;
  timer_state timer;
  std::vector<participant> participants;
  int participants_ever_joined = 0;  // numbers new participant ids; never reused

  std::vector<board_item> board;  // in display order within each list
  std::vector<protocol::proposal> proposals;
  std::vector<protocol::entry> entries;
  std::vector<protocol::adaptation> adaptations;
  std::optional<protocol::transcript> transcript;
  std::vector<protocol::annotation> annotations;
  std::vector<protocol::check_in> check_ins;
  std::vector<std::string> done;                    // participants done with the current phase
  std::vector<std::string> revealed;                // ids of private phases revealed so far
  std::string focus_line;                           // the line everyone is brought to
  std::map<std::string, timer_state> phase_timers;  // timers of phases left part-way, by phase id
  std::vector<notice> notices;                      // from the event host, oldest first
  int ids_issued = 0;                               // numbers new item ids; never reused
  bool operator==(const session_state&) const = default;

  const participant* find_participant(const std::string& id) const;
  bool has_role(const std::string& participant_id, role r) const;
  role role_of(const std::string& participant_id) const;
  const phase_template* current_phase() const;
  const phase_template* find_phase(const std::string& phase_id) const;
  bool is_revealed(const std::string& phase_id) const;
};

// An idle timer holding the planned length of the given phase.
timer_state idle_timer_for(const session_template& tmpl, int phase);

// The full state; it holds nothing secret, so the same form is stored in
// snapshots and sent to clients.
void to_json(nlohmann::json& j, const session_state& s);
void from_json(const nlohmann::json& j, session_state& s);

}  // namespace debrief::protocol
