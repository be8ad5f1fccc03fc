#pragma once
// A whole debrief, command by command: every board, entry, adaptation,
// transcript and agenda command, private and anonymous phases, reveals,
// re-imports and a withdrawal. Shared by the replay test and the reducer
// vectors (reducer_vectors_test.cpp), which replay it through apply/evolve.

#include <string>
#include <vector>

#include "debrief/protocol/host.hpp"
#include "follow_up.hpp"

namespace debrief::protocol::activity {

using L = board_list;
using T = annotation_tag;

inline constexpr millis second = 1000;
inline constexpr millis minute = 60 * second;

// What the event's host does to the room (host.hpp), beside its people's commands.
struct by_host {
  host_action action;
};

struct step {
  std::variant<command, by_host> c;
  sender from;           // nobody for the host
  bool refused = false;  // a slip the server must refuse
  millis wait = second;  // since the previous step
};

inline std::vector<transcript_line> corrected_lines() {
  auto lines = sample_lines();
  lines.insert(lines.begin(), {"", "Teacher", speaker_role::teacher, 0, "Let's begin."});
  return lines;
}

// Ids in the comments are those the commands are expected to create.
inline std::vector<step> a_whole_debrief() {
  return {
      {cmd::join{"Maya", role::facilitator, true}, nobody},
      {cmd::join{"Sam", role::presenter}, nobody},
      {cmd::join{"Ana", role::colleague}, nobody},
      {cmd::join{"Olu", role::observer}, nobody},
      {cmd::join{"Kim", role::colleague}, nobody},
      // The lobby: a quick extra round that moves on by itself [ph1], a longer opening, the transcript.
      {cmd::add_phase{5, {"new", "Quick round", phase_kind::discussion, 3, {}, writers::everyone, false, false, true}},
       maya},
      {cmd::set_phase_minutes{0, 6}, maya},
      {cmd::transcript_import{sample_lines(), "vtt", true}, sam},
      {cmd::transcript_import{sample_lines(), "vtt", false}, sam, true},  // no consent
      {cmd::start_session{}, maya},
      {cmd::set_done{true}, ana},
      {cmd::set_done{true}, olu},
      {cmd::set_done{true}, olu},                                           // no change, no event
      {cmd::board_add{L::know, "Likes art"}, sam},                          // i2
      {cmd::next_phase{}, maya},                                            // assumptions
      {cmd::entry_add{"I know she likes art", 0}, sam},                     // e3
      {cmd::entry_add{"So do I", 0}, ana, true},                            // only the presenter writes here
      {cmd::board_add{L::assumptions, "Fractions are hard for her"}, sam},  // i4
      {cmd::board_propose{L::find_out, "Ask about home"}, ana},             // q5
      {cmd::proposal_decide{"q5", true}, sam},                              // i6
      {cmd::board_propose{L::dont_know, "How she feels"}, kim},             // q7
      {cmd::proposal_decide{"q7", false}, sam},
      {cmd::proposal_decide{"q7", true}, sam, true},  // already decided
      {cmd::board_move{"i2", L::assumptions, 0, 1}, sam},
      {cmd::board_edit{"i2", "Likes drawing", 1}, sam, true},  // stale
      {cmd::board_edit{"i2", "Likes drawing", 2}, sam},
      {cmd::next_phase{}, maya},  // the transcript
      {cmd::timer_start{}, maya},
      {cmd::annotate{"L2", "", -1, -1, T::wonder, "Tables?"}, ana},           // n8
      {cmd::annotate{"L1", "L2", 17, 15, T::notice, "Her first move"}, kim},  // n9
      {cmd::annotate{"L7", "", -1, -1, T::notice, ""}, kim, true},            // no such line
      {cmd::annotation_reply{"n8", "She loves that café"}, sam},              // r10
      {cmd::annotation_edit{"n8", T::strength, "Real life!", 1}, ana},
      {cmd::annotation_edit{"n8", T::need, "", 1}, ana, true},  // stale
      {cmd::focus_line{"L3"}, maya},
      {cmd::focus_line{"L3"}, sam},                                   // already there, no event
      {cmd::transcript_import{corrected_lines(), "vtt", true}, sam},  // n8 and n9 move down a line
      {cmd::focus_line{"L4"}, sam},
      {cmd::next_phase{}, maya},                               // the private noticings
      {cmd::entry_add{"She counted on her fingers", 0}, ana},  // e11
      {cmd::entry_add{"Why tables?", 1}, kim},                 // e12
      {cmd::entry_share{"e12"}, kim},
      {cmd::entry_edit{"e11", "She counted the chairs", 1}, ana},
      {cmd::entry_edit{"e11", "Mine", 2}, kim, true},                      // hidden from Kim
      {cmd::annotate{"L5", "", -1, -1, T::need, "Private thought"}, ana},  // n13
      {cmd::entry_add{"Oops", -1}, maya},                                  // e14
      {cmd::entry_remove{"e14"}, maya},
      {cmd::reveal_phase{3}, maya},
      {cmd::reveal_phase{3}, maya, true},  // twice
      {cmd::go_to_phase{4}, maya},         // open talk
      {cmd::board_mark{"i4", item_status::challenged, {"annotation:n8", "line:L3", "item:i6"}, 1}, sam},
      {cmd::board_mark{"i4", item_status::confirmed, {"annotation:n99"}, 2}, sam, true},
      {cmd::board_remove{"i6", 1}, sam},
      {cmd::adaptation_add{{"Let her choose the context", "", {}, "", {}}}, ana},  // a15
      {cmd::adaptation_edit{"a15", {"Let her choose the story", "Student A", {"annotation:n8"}, "", {}}, 1}, ana},
      {cmd::adaptation_decide{"a15", true, 2}, sam},
      {cmd::next_phase{}, maya},  // the quick round, which moves on by itself
      {cmd::timer_start{}, maya},
      {cmd::expire_timer{}, nobody, true, 2 * minute},   // not yet
      {cmd::expire_timer{}, nobody, false, 1 * minute},  // timer_expired, then the chart
      {cmd::entry_add{"Said: tables", 0}, kim},          // e16
      {cmd::entry_add{"Did: counted", 1}, maya},         // e17
      {cmd::entry_add{"My view", 2}, sam, true},         // colleagues only
      {cmd::move_phase{0, 3}, maya},
      {cmd::remove_phase{3}, maya},
      {cmd::remove_phase{5}, maya, true},  // the current phase
      {cmd::set_phase_minutes{5, 9}, maya},
      {cmd::next_phase{}, maya},  // adaptations
      {cmd::adaptation_add{{"Start with a drawing",
                            "Student A",
                            {"annotation:n8", "line:L3"},
                            "2028-02-29",
                            {"Which café?", "What did you count?"}}},
       sam},                                                      // a18
      {cmd::adaptation_add{{"Try pairs", "", {}, "", {}}}, kim},  // a19
      {cmd::adaptation_decide{"a19", false, 1}, sam},
      {cmd::adaptation_add{{"Ask her first", "", {}, "", {}}}, ana},  // a20
      {cmd::adaptation_remove{"a20"}, ana},
      {cmd::adaptation_add{{"Check in", "", {}, "2027-02-29", {}}}, sam, true},  // no such day
      {cmd::hand_over{"p2"}, maya, true},                                        // not the presenter
      {cmd::hand_over{"p5"}, maya},
      {cmd::next_phase{}, maya, true},                 // no longer the facilitator
      {cmd::next_phase{}, kim},                        // the private, anonymous reflection
      {cmd::entry_add{"I will listen more", 0}, ana},  // e21
      {cmd::entry_add{"I will wait", 0}, maya},        // e22
      {cmd::set_done{true}, ana},
      {cmd::reveal_phase{7}, kim},
      {cmd::annotation_remove{"n9"}, kim},
      {cmd::transcript_withdraw{}, sam},
      {cmd::transcript_withdraw{}, sam, true},  // nothing left to withdraw
      {cmd::transcript_import{sample_lines(), "srt", true}, sam},
      {cmd::go_to_phase{1}, kim},                                          // back to the transcript
      {cmd::annotate{"L1", "", -1, -1, T::notice, "A fresh start"}, ana},  // n23
      {cmd::focus_line{"L1"}, maya, true},                                 // colleagues cannot
      {cmd::focus_line{"L1"}, kim},
      // The room is one of an event's: its host speaks to it, and gives it time.
      {by_host{host_act::notice{"Ten minutes to go"}}, nobody},  // n24
      {by_host{host_act::add_time{300}}, nobody},                // n25 says so
      {by_host{host_act::go_to_phase{"lunch"}}, nobody, true},   // no such phase here
      {cmd::end_session{}, kim},
      {cmd::board_add{L::know, "Too late"}, sam, true},
  };
}

// The spring follow-up of that debrief (follow_up.hpp's spring_start: its
// adaptation 1.a18, question 1.a18.q1 and assumption 1.i4, which is on the
// board as i1): a new transcript, check-ins on the adaptation and the
// question, the assumption re-marked, a new assumption and adaptation.
inline std::vector<step> a_follow_up() {
  using Tr = tried_state;
  using D = check_in_decision;
  return {
      {cmd::join{"Maya", role::facilitator, true}, nobody},
      {cmd::join{"Sam", role::presenter}, nobody},
      {cmd::join{"Ana", role::colleague}, nobody},
      {cmd::join{"Olu", role::observer}, nobody},
      {cmd::join{"Kim", role::colleague}, nobody},
      {cmd::start_session{}, maya},
      {cmd::check_in_save{"1.a18", Tr::yes, "", {}, "", D::keep, "", 0}, sam, true},  // not a check-in phase
      {cmd::next_phase{}, maya},                                                      // the new transcript
      {cmd::transcript_import{sample_lines(), "vtt", true}, sam},
      {cmd::annotate{"L2", "", -1, -1, T::strength, "She drew first"}, ana},  // n2
      {cmd::next_phase{}, maya},                                              // check in
      {cmd::check_in_save{
           "1.a18", Tr::partly, "She drew the tables, then counted", {"line:L2", "annotation:n2"}, "", D::keep, "", 0},
       sam},  // k3
      {cmd::check_in_save{"1.a18.q1",
                          Tr::yes,
                          "\"The one with blue chairs\"",
                          {"line:L4"},
                          "",
                          D::adjust,
                          "Which café did you draw?",
                          0},
       sam},                                                  // k4
      {cmd::entry_add{"Did she draw at home too?", 0}, ana},  // e5
      {cmd::check_in_save{"1.a18",
                          Tr::yes,
                          "She drew, then counted",
                          {"line:L2"},
                          "Drew before talking",
                          D::adjust,
                          "Start with a drawing, then a table",
                          1},
       sam},
      {cmd::check_in_save{"1.a18", Tr::yes, "", {}, "", D::drop, "", 1}, sam, true},  // stale
      {cmd::check_in_save{"1.i4", Tr::yes, "", {}, "", D::keep, "", 0}, sam, true},   // re-marked instead
      {cmd::check_in_save{"1.a18", Tr::yes, "", {}, "", D::keep, "", 2}, ana, true},  // only the presenter
      {cmd::board_mark{"i1", item_status::confirmed, {"line:L4"}, 1}, sam},
      {cmd::next_phase{}, maya},                                         // revisit the assumptions
      {cmd::board_add{L::assumptions, "She explains by drawing"}, sam},  // i6
      {cmd::next_phase{}, maya},                                         // keep, adjust, add
      {cmd::adaptation_add{
           {"Ask her to draw the menu", "Student A", {"line:L2"}, "2026-05-01", {"What did you draw?"}}},
       sam},  // a7
      {cmd::end_session{}, maya},
  };
}

struct run_result {
  session_state state;
  events log;
  std::vector<session_state> states;  // states[i]: right after log[i]
  std::vector<std::string> surprises;
};

// The step's command or host action, by its wire name.
inline std::string step_name(const step& st) {
  if (const auto* h = std::get_if<by_host>(&st.c)) {
    return "host " +
           std::string(std::visit([](const auto& a) { return std::decay_t<decltype(a)>::wire_name; }, h->action));
  }
  return command_name(std::get<command>(st.c));
}

// What the step gives in state `s`: a person's command as the room applies
// it, or the host's action.
inline outcome apply_step(const session_state& s, const step& st, millis now) {
  if (const auto* h = std::get_if<by_host>(&st.c)) return apply_host(s, h->action, now);
  return apply(s, written_here(s, std::get<command>(st.c)), st.from, now);
}

inline bool is_command(const step& st, const auto& of_type) {
  const auto* c = std::get_if<command>(&st.c);
  return c != nullptr && c->index() == command{of_type}.index();
}

inline evt::session_created the_debrief_created() {
  return std::get<evt::session_created>(create_session("K7M2Q9XP4TDA", "Grade 7 triad", workshop_template(), t0));
}

inline run_result run(const std::vector<step>& script, const evt::session_created& created = the_debrief_created()) {
  run_result r{evolve({}, created), {created}, {}, {}};
  r.states.push_back(r.state);
  millis now = t0;
  for (std::size_t i = 0; i < script.size(); ++i) {
    const auto& st = script[i];
    now += st.wait;
    const auto before = r.state;
    const auto out = apply_step(r.state, st, now);
    const auto where = "step " + std::to_string(i) + " (" + step_name(st) + ")";
    if (!(r.state == before)) r.surprises.push_back(where + " changed the state it was given");
    if (const auto* why = std::get_if<rejection>(&out)) {
      if (!st.refused) r.surprises.push_back(where + " was refused: " + why->message);
      continue;
    }
    if (st.refused) r.surprises.push_back(where + " was accepted");
    for (const auto& e : std::get<events>(out)) {
      r.state = evolve(r.state, e);
      r.log.push_back(e);
      r.states.push_back(r.state);
    }
  }
  return r;
}

}  // namespace debrief::protocol::activity
