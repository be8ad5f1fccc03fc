#pragma once
// What a client (or the server itself, for presence and the timer's end) asks
// of a session. One struct per command; the sender is passed beside it.

#include <string>
#include <variant>

#include <nlohmann/json.hpp>

#include "debrief/protocol/state.hpp"

namespace debrief::protocol {

namespace cmd {

struct join {
  std::string name;
  protocol::role role = role::invalid;
  // Decided by the shell, which holds the session's facilitator key.
  bool facilitator_key_valid = false;
};
struct leave {};
struct start_session {};
struct next_phase {};
struct previous_phase {};
struct go_to_phase {
  int phase = 0;
};
struct timer_start {};
struct timer_pause {};
struct timer_resume {};
struct timer_add {
  int seconds = 60;
};
struct timer_reset {};
struct end_session {};

// Issued by the server, never accepted from a client.
struct connect {};
struct disconnect {};
struct expire_timer {};

}  // namespace cmd

using command = std::variant<cmd::join, cmd::leave, cmd::start_session, cmd::next_phase, cmd::previous_phase,
                             cmd::go_to_phase, cmd::timer_start, cmd::timer_pause, cmd::timer_resume,
                             cmd::timer_add, cmd::timer_reset, cmd::end_session, cmd::connect,
                             cmd::disconnect, cmd::expire_timer>;

// Who sends a command: a participant id, or empty before joining.
struct sender {
  std::string participant;
};

}  // namespace debrief::protocol
