#pragma once
// Givens for the inquiry tests (carry_forward, the inquiry record and its
// exports, the calendar): session states built as values, so each test
// states exactly what its sessions hold.

#include <string>
#include <vector>

#include "debrief/protocol/inquiry.hpp"

namespace debrief::protocol::inquiry_testing {

inline constexpr millis fall = 1'763'850'000'000;  // 2025-11-22 22:20 UTC

inline adaptation accepted(std::string id, std::string change, std::string for_whom, std::string check_in = "",
                           std::vector<std::string> follow_ups = {}, evidence_list evidence = {}) {
  adaptation a;
  a.id = std::move(id);
  a.change = std::move(change);
  a.for_whom = std::move(for_whom);
  a.check_in = std::move(check_in);
  a.follow_ups = std::move(follow_ups);
  a.evidence = std::move(evidence);
  a.author = "p2";
  a.status = adaptation_status::accepted;
  return a;
}

inline adaptation with_status(adaptation a, adaptation_status status) {
  a.status = status;
  return a;
}

inline board_item assumption(std::string id, std::string text, item_status status, std::string thread = "",
                             evidence_list evidence = {}) {
  board_item i;
  i.id = std::move(id);
  i.list = board_list::assumptions;
  i.text = std::move(text);
  i.author = thread.empty() ? "p2" : "";
  i.status = status;
  i.evidence = std::move(evidence);
  i.thread = std::move(thread);
  return i;
}

inline check_in checked(std::string id, std::string thread, check_in_decision decision, std::string adjusted = "",
                        tried_state tried = tried_state::yes, std::string happened = "", evidence_list evidence = {},
                        std::string note = "") {
  check_in c;
  c.id = std::move(id);
  c.thread = std::move(thread);
  c.phase = "check";
  c.tried = tried;
  c.happened = std::move(happened);
  c.evidence = std::move(evidence);
  c.note = std::move(note);
  c.decision = decision;
  c.adjusted = std::move(adjusted);
  c.author = "p2";
  return c;
}

// An ended session of an inquiry, planned for `date` (or dated by its
// creation when empty), with its presenter Sam (p2) and colleague Ana (p3).
inline session_state session_on(std::string date, millis created_at = fall) {
  session_state s;
  s.session = "CODE" + date;
  s.title = "Session of " + date;
  s.created_at = created_at;
  s.tmpl.id = "follow-up";
  s.tmpl.name = "Follow-up check-in";
  s.date = std::move(date);
  s.status = session_status::ended;
  s.participants = {{"p1", "Maya", role::facilitator, false},
                    {"p2", "Sam", role::presenter, false},
                    {"p3", "Ana", role::colleague, false}};
  return s;
}

}  // namespace debrief::protocol::inquiry_testing
