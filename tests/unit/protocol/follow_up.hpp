#pragma once
// Givens for a follow-up session of an inquiry: a template with a check-in
// phase, and what an earlier session carried in (an adaptation, one of its
// follow-up questions, and an assumption left challenged). Shared by the
// check-in tests, the export tests and the reducer vectors.

#include <string>

#include "activity_support.hpp"

namespace debrief::protocol::activity {

// Phase indexes of the follow-up template.
inline constexpr int follow_up_opening = 0;
inline constexpr int follow_up_reading = 1;   // the new transcript
inline constexpr int follow_up_checking = 2;  // the check-in phase
inline constexpr int follow_up_revisit = 3;   // assumptions, the presenter writes
inline constexpr int follow_up_adapting = 4;

inline session_template follow_up_template() {
  return {"follow-up-test",
          "Follow-up check-in",
          "Check in on what was decided last time.",
          {{"open", "What we decided last time", phase_kind::opening, 5, {}},
           {"read", "Read the new conversation", phase_kind::transcript, 10, {}},
           {"check", "Check in", phase_kind::check_in, 15, {"What happened?"}},
           {"revisit", "Revisit the assumptions", phase_kind::assumptions, 8, {}, writers::presenter},
           {"adapt", "Keep, adjust, add", phase_kind::adaptations, 10, {}}}};
}

inline carried_item carried(std::string thread, carried_kind kind, std::string text, std::string for_whom = "",
                            std::string check_in = "", item_status status = item_status::open) {
  return {std::move(thread), kind, std::move(text), std::move(for_whom), std::move(check_in), status, "2025-11-22"};
}

// The fall debrief's adaptation a18, its first question, and its assumption i4.
inline inquiry_start spring_start() {
  return {"2026-03-15",
          {"Student A"},
          {carried("1.a18", carried_kind::adaptation, "Start with a drawing", "Student A", "2026-03-01"),
           carried("1.a18.q1", carried_kind::question, "Which café?", "Student A"),
           carried("1.i4", carried_kind::assumption, "Fractions are hard for her", "", "", item_status::challenged)}};
}

inline evt::session_created follow_up_created(inquiry_start start = spring_start()) {
  return std::get<evt::session_created>(
      create_session("M3N4P5Q6R7ST", "Spring follow-up", follow_up_template(), t0, std::move(start)));
}

// Everyone of the workshop's lobby joined (activity_support.hpp).
inline session_state follow_up_lobby() { return everyone_joined(evolve({}, follow_up_created())); }

// Live in the given phase of the follow-up, the new transcript imported.
inline session_state follow_up_in(int phase) {
  auto s = given(follow_up_lobby(), cmd::start_session{}, maya);
  s = with_transcript(s);
  if (phase != 0) s = given(s, cmd::go_to_phase{phase}, maya);
  return s;
}

inline cmd::check_in_save check_in_on(std::string thread, tried_state tried, check_in_decision decision,
                                      int version = 0, std::string adjusted = "") {
  cmd::check_in_save c;
  c.thread = std::move(thread);
  c.tried = tried;
  c.decision = decision;
  c.adjusted = std::move(adjusted);
  c.version = version;
  return c;
}

}  // namespace debrief::protocol::activity
