#pragma once
// Givens for the protocol tests: a small template, sessions with people
// already in them, and readable printing of states, events and rejections.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <ostream>
#include <string>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

#include "debrief/protocol/apply.hpp"
#include "written_here.hpp"

namespace debrief::protocol {

// gtest prints values it cannot format as bytes; JSON is what people read.
inline void PrintTo(const rejection& r, std::ostream* os) {
  *os << "rejection{" << to_string(r.code) << ", \"" << r.message << "\"}";
}
inline void PrintTo(const timer_state& t, std::ostream* os) { *os << nlohmann::json(t).dump(); }
inline void PrintTo(const participant& p, std::ostream* os) { *os << nlohmann::json(p).dump(); }
inline void PrintTo(const session_state& s, std::ostream* os) { *os << nlohmann::json(s).dump(); }
inline void PrintTo(const session_template& t, std::ostream* os) { *os << nlohmann::json(t).dump(); }

namespace evt {
inline void print_event(const event& e, std::ostream* os) {
  nlohmann::json j;
  to_json(j, e);
  *os << j.dump();
}
inline void PrintTo(const session_created& e, std::ostream* os) { print_event(e, os); }
inline void PrintTo(const participant_joined& e, std::ostream* os) { print_event(e, os); }
inline void PrintTo(const participant_left& e, std::ostream* os) { print_event(e, os); }
inline void PrintTo(const presence_changed& e, std::ostream* os) { print_event(e, os); }
inline void PrintTo(const session_started& e, std::ostream* os) { print_event(e, os); }
inline void PrintTo(const phase_changed& e, std::ostream* os) { print_event(e, os); }
inline void PrintTo(const session_ended& e, std::ostream* os) { print_event(e, os); }
template <fixed_name Name>
void PrintTo(const timer_changed<Name>& e, std::ostream* os) {
  print_event(e, os);
}
}  // namespace evt

namespace test {

using events = std::vector<event>;

// Phases of 5, 10 and 2 minutes.
inline session_template small_template() {
  return {"small",
          "Small debrief",
          "Three short phases.",
          {{"open", "Opening", phase_kind::opening, 5, {"Why are we here?"}},
           {"talk", "Talk", phase_kind::discussion, 10, {"What did you notice?", "What did you wonder?"}},
           {"close", "Close", phase_kind::reflection, 2, {}}}};
}

inline constexpr millis five_minutes = 5 * 60'000;
inline constexpr millis ten_minutes = 10 * 60'000;
inline constexpr millis two_minutes = 2 * 60'000;

inline const sender facilitator{"p1"};
inline const sender presenter{"p2"};
inline const sender colleague{"p3"};
inline const sender observer{"p4"};
inline const sender stranger{"p99"};  // a participant id nobody holds
inline const sender newcomer{""};     // a connection that has not joined

inline evt::session_created created_event(millis now = 0) {
  auto created = create_session("K7M2Q9XP4TDA", "Grade 7 triad", small_template(), now);
  return std::get<evt::session_created>(created);
}

inline session_state replay(const events& log, session_state from = {}) {
  for (const auto& e : log) from = evolve(std::move(from), e);
  return from;
}

// The events of an outcome that must not be a rejection.
inline events events_of(const outcome& o) {
  if (const auto* r = std::get_if<rejection>(&o)) {
    ADD_FAILURE() << "unexpected rejection " << to_string(r->code) << ": " << r->message;
    return {};
  }
  return std::get<events>(o);
}

// Applies a command that must succeed and folds its events into the state.
inline session_state given(const session_state& s, const command& c, const sender& from, millis now = 0) {
  return replay(events_of(apply(s, written_here(s, c), from, now)), s);
}

inline session_state new_session() { return evolve({}, created_event()); }

// p1 facilitator, p2 presenter, p3 colleague, p4 observer; all online.
inline session_state lobby_with_everyone() {
  auto s = new_session();
  s = given(s, cmd::join{"Maya", role::facilitator, true}, newcomer);
  s = given(s, cmd::join{"Sam", role::presenter}, newcomer);
  s = given(s, cmd::join{"Ana", role::colleague}, newcomer);
  s = given(s, cmd::join{"Olu", role::observer}, newcomer);
  return s;
}

// Started at t=0: phase 0, its 5-minute timer idle.
inline session_state live_session() { return given(lobby_with_everyone(), cmd::start_session{}, facilitator, 0); }

inline session_state ended_session() { return given(live_session(), cmd::end_session{}, facilitator, 0); }

// The timer of phase 0 started at t=1000, so it ends at t=301000.
inline session_state running_timer() { return given(live_session(), cmd::timer_start{}, facilitator, 1000); }

MATCHER_P(Rejects, code, "is a rejection with code " + to_string(code) + " and a message") {
  const auto* r = std::get_if<rejection>(&arg);
  if (r == nullptr) {
    *result_listener << "which is accepted with " << std::get<events>(arg).size() << " event(s)";
    return false;
  }
  *result_listener << "which is rejected with " << to_string(r->code) << ": \"" << r->message << "\"";
  return r->code == code && !r->message.empty();
}

MATCHER_P(Gives, expected, "gives exactly the expected events") {
  const auto* got = std::get_if<events>(&arg);
  if (got == nullptr) {
    const auto& r = std::get<rejection>(arg);
    *result_listener << "which is rejected with " << to_string(r.code) << ": \"" << r.message << "\"";
    return false;
  }
  return ::testing::ExplainMatchResult(::testing::ContainerEq(events(expected)), *got, result_listener);
}

}  // namespace test
}  // namespace debrief::protocol
