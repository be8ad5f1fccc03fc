#pragma once
// Givens for the activity tests (board, entries, adaptations, transcript,
// agenda, privacy, export): a template with a phase of every kind, a session
// with five people in it, and outcomes printed as JSON so a failure reads as
// the events that were expected and the events that came.
//
// Everything lives in namespace activity so that it never collides with the
// other protocol test helpers linked into the same binary.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <ostream>
#include <string>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

#include "debrief/protocol/apply.hpp"
#include "written_here.hpp"

namespace debrief::protocol::activity {

using json = nlohmann::json;
using events = std::vector<event>;

inline constexpr millis t0 = 1'763'850'000'000;  // 2025-11-22 22:20 UTC

// Phase indexes of the workshop template.
inline constexpr int opening = 0;
inline constexpr int assumptions = 1;  // only the presenter writes
inline constexpr int reading = 2;      // the transcript phase
inline constexpr int noticings = 3;    // private discussion
inline constexpr int talk = 4;         // open discussion
inline constexpr int chart = 5;        // colleagues fill the chart
inline constexpr int adapting = 6;     // adaptations
inline constexpr int reflecting = 7;   // private and anonymous reflection

// One phase of every kind; ids hold no digits so they never move the id counter.
inline session_template workshop_template() {
  return {
      "workshop",
      "Workshop debrief",
      "A phase of every kind.",
      {{"open", "Opening", phase_kind::opening, 5, {"Why are we here?"}},
       {"assume",
        "Assumptions",
        phase_kind::assumptions,
        7,
        {"Know", "Don't know", "Assume", "Find out"},
        writers::presenter},
       {"read", "Read the transcript", phase_kind::transcript, 8, {}},
       {"notice", "What we noticed", phase_kind::discussion, 5, {"Noticed", "Wondered"}, writers::everyone, true},
       {"talk", "Talk it through", phase_kind::discussion, 10, {"What stood out?", "What next?"}},
       {"chart", "Chart", phase_kind::chart, 6, {"Said", "Did", "Next"}, writers::colleagues},
       {"adapt", "Adaptations", phase_kind::adaptations, 8, {}},
       {"reflect", "Reflection", phase_kind::reflection, 4, {"What will you carry?"}, writers::everyone, true, true}}};
}

inline const sender maya{"p1"};  // facilitator
inline const sender sam{"p2"};   // presenter
inline const sender ana{"p3"};   // colleague
inline const sender olu{"p4"};   // observer
inline const sender kim{"p5"};   // colleague
inline const sender nobody{""};  // a connection that has not joined

inline session_state replay(const events& log, session_state from = {}) {
  for (const auto& e : log) from = evolve(std::move(from), e);
  return from;
}

inline json as_json(const event& e) { return json(e); }
inline json as_json(const events& log) {
  auto out = json::array();
  for (const auto& e : log) out.push_back(as_json(e));
  return out;
}

// An outcome that prints as JSON in failure messages.
struct result {
  outcome value;
};

inline json as_json(const result& r) {
  if (const auto* why = std::get_if<rejection>(&r.value)) {
    return {{"rejected", to_string(why->code)}, {"message", why->message}, {"current", why->current}};
  }
  return as_json(std::get<events>(r.value));
}

inline void PrintTo(const result& r, std::ostream* os) { *os << as_json(r).dump(); }

inline result when(const session_state& s, const command& c, const sender& from, millis now = t0) {
  return {apply(s, written_here(s, c), from, now)};
}

// Applies a command that must succeed and folds its events into the state.
inline session_state given(const session_state& s, const command& c, const sender& from, millis now = t0) {
  const auto o = apply(s, written_here(s, c), from, now);
  if (const auto* why = std::get_if<rejection>(&o)) {
    ADD_FAILURE() << "given " << command_name(c) << " was refused: " << to_string(why->code) << ": " << why->message;
    return s;
  }
  return replay(std::get<events>(o), s);
}

// Maya facilitates, Sam presents, Ana and Kim are colleagues, Olu observes;
// they join as Maya, Sam, Ana, Olu, Kim, so their ids are p1 to p5.
inline session_state everyone_joined(session_state s) {
  s = given(s, cmd::join{"Maya", role::facilitator, true}, nobody);
  s = given(s, cmd::join{"Sam", role::presenter}, nobody);
  s = given(s, cmd::join{"Ana", role::colleague}, nobody);
  s = given(s, cmd::join{"Olu", role::observer}, nobody);
  s = given(s, cmd::join{"Kim", role::colleague}, nobody);
  return s;
}

inline session_state lobby() {
  auto created =
      std::get<evt::session_created>(create_session("K7M2Q9XP4TDA", "Grade 7 triad", workshop_template(), t0));
  return everyone_joined(evolve({}, created));
}

// Live, in the given phase, its timer idle.
inline session_state in_phase(int phase) {
  auto s = given(lobby(), cmd::start_session{}, maya);
  if (phase != 0) s = given(s, cmd::go_to_phase{phase}, maya);
  return s;
}

// A redacted transcript of four lines, without ids (apply assigns them).
inline std::vector<transcript_line> sample_lines() {
  return {{"", "Teacher", speaker_role::teacher, 0, "What did you try first?"},
          {"", "Student A", speaker_role::student, 4000, "I drew the café tables."},
          {"", "Teacher", speaker_role::teacher, 9000, "Why tables?"},
          {"", "Student A", speaker_role::student, 12000, "Because I could count the chairs."}};
}

// The same lines as they stand in the state after an import.
inline std::vector<transcript_line> sample_lines_with_ids() {
  auto lines = sample_lines();
  for (std::size_t i = 0; i < lines.size(); ++i) lines[i].id = "L" + std::to_string(i + 1);
  return lines;
}

inline session_state with_transcript(const session_state& s, std::vector<transcript_line> lines = sample_lines()) {
  return given(s, cmd::transcript_import{std::move(lines), "vtt", true}, sam, t0);
}

inline std::string repeated(const std::string& unit, std::size_t times) {
  std::string out;
  for (std::size_t i = 0; i < times; ++i) out += unit;
  return out;
}

MATCHER_P(Gives, expected, "gives exactly " + as_json(events(expected)).dump()) {
  const auto* got = std::get_if<events>(&arg.value);
  if (got == nullptr) {
    *result_listener << "which is rejected: " << as_json(arg).dump();
    return false;
  }
  if (*got == events(expected)) return true;
  // The JSON Patch from expected to actual points at the difference.
  *result_listener << "which differs by " << json::diff(as_json(events(expected)), as_json(*got)).dump();
  return false;
}

inline auto GivesNothing() { return Gives(events{}); }

MATCHER_P(Rejects, code, "is rejected with code " + to_string(code) + " and a message") {
  const auto* why = std::get_if<rejection>(&arg.value);
  if (why == nullptr) {
    *result_listener << "which is accepted with " << as_json(arg).dump();
    return false;
  }
  *result_listener << "which is rejected with " << to_string(why->code) << ": \"" << why->message << "\"";
  return why->code == code && !why->message.empty();
}

// A rejection whose message names something (a line number, a limit).
MATCHER_P2(RejectsSaying, code, words,
           "is rejected with code " + to_string(code) + " and a message containing \"" + std::string(words) + "\"") {
  const auto* why = std::get_if<rejection>(&arg.value);
  if (why == nullptr) {
    *result_listener << "which is accepted with " << as_json(arg).dump();
    return false;
  }
  *result_listener << "which is rejected with " << to_string(why->code) << ": \"" << why->message << "\"";
  return why->code == code && why->message.find(words) != std::string::npos;
}

// A stale edit: conflict, carrying the thing's current value.
MATCHER_P(RejectsAsStale, current, "is a conflict carrying current = " + json(current).dump()) {
  const auto* why = std::get_if<rejection>(&arg.value);
  if (why == nullptr) {
    *result_listener << "which is accepted with " << as_json(arg).dump();
    return false;
  }
  *result_listener << "which is " << as_json(arg).dump();
  return why->code == error_code::conflict && why->current == json(current) && !why->message.empty();
}

}  // namespace debrief::protocol::activity
