#pragma once
// The pure core: state + command -> events, and state + event -> state.
// No I/O and no clock: the time of a command is an argument.

#include <string_view>
#include <variant>
#include <vector>

#include "debrief/protocol/commands.hpp"
#include "debrief/protocol/events.hpp"
#include "debrief/protocol/rejection.hpp"
#include "debrief/protocol/state.hpp"

namespace debrief::protocol {

using outcome = std::variant<std::vector<event>, rejection>;

// Decides what a command means in the given state. Never mutates.
outcome apply(const session_state& state, const command& c, const sender& from, millis now);

// Folds one event into the state.
session_state evolve(session_state state, const event& e);

// What a session of an inquiry starts with (state.hpp, inquiry.hpp); all
// empty for any other session.
struct inquiry_start {
  std::string date;                   // YYYY-MM-DD, or empty
  std::vector<std::string> learners;  // the focal learners' pseudonyms
  std::vector<carried_item> carried;  // carry_forward() of its earlier sessions
};

// A fresh session: the first event of every session's log, or why the title
// (or the date, or a learner's pseudonym) is refused. An empty title takes
// the template's name.
std::variant<evt::session_created, rejection> create_session(std::string session, std::string_view title,
                                                             session_template tmpl, millis now,
                                                             inquiry_start start = {});

}  // namespace debrief::protocol
