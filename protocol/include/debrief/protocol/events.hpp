#pragma once
// Facts in the past tense. The event log is the session: replaying it from an
// empty state through evolve() rebuilds the state.

#include <string>
#include <variant>

#include <nlohmann/json.hpp>

#include "debrief/protocol/state.hpp"

namespace debrief::protocol {

namespace evt {

struct session_created {
  std::string session;
  std::string title;
  session_template tmpl;
  millis created_at = 0;
  bool operator==(const session_created&) const = default;
};
struct participant_joined {
  protocol::participant participant;
  bool operator==(const participant_joined&) const = default;
};
struct participant_left {
  std::string participant;
  bool operator==(const participant_left&) const = default;
};
struct presence_changed {
  std::string participant;
  bool online = false;
  bool operator==(const presence_changed&) const = default;
};
struct session_started {
  int phase = 0;
  timer_state timer;
  bool operator==(const session_started&) const = default;
};
struct phase_changed {
  int phase = 0;
  timer_state timer;
  bool operator==(const phase_changed&) const = default;
};

// The timer events differ only in name: each carries the resulting timer.
template <int Tag>
struct timer_changed {
  timer_state timer;
  bool operator==(const timer_changed&) const = default;
};
using timer_started = timer_changed<0>;
using timer_paused = timer_changed<1>;
using timer_resumed = timer_changed<2>;
using timer_extended = timer_changed<3>;
using timer_reset = timer_changed<4>;
using timer_expired = timer_changed<5>;

struct session_ended {
  timer_state timer;
  bool operator==(const session_ended&) const = default;
};

}  // namespace evt

using event = std::variant<evt::session_created, evt::participant_joined, evt::participant_left,
                           evt::presence_changed, evt::session_started, evt::phase_changed, evt::timer_started,
                           evt::timer_paused, evt::timer_resumed, evt::timer_extended, evt::timer_reset,
                           evt::timer_expired, evt::session_ended>;

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
