#include "debrief/protocol/state.hpp"

#include <algorithm>

namespace debrief::protocol {

millis timer_state::remaining_at(millis now) const {
  switch (status) {
    case timer_status::running: return std::max<millis>(0, ends_at - now);
    case timer_status::expired: return 0;
    default: return remaining_ms;
  }
}

millis timer_state::used_at(millis now) const { return used_ms + (since > 0 ? std::max<millis>(0, now - since) : 0); }

timer_state timer_state::frozen_at(millis now) const {
  auto t = *this;
  t.used_ms = used_at(now);
  t.since = 0;
  if (t.status == timer_status::running) {
    t.status = timer_status::paused;
    t.remaining_ms = remaining_at(now);
    t.ends_at = 0;
  }
  return t;
}

const participant* session_state::find_participant(const std::string& id) const {
  auto it = std::find_if(participants.begin(), participants.end(), [&](const auto& p) { return p.id == id; });
  return it == participants.end() ? nullptr : &*it;
}

bool session_state::has_role(const std::string& participant_id, role r) const { return role_of(participant_id) == r; }

role session_state::role_of(const std::string& participant_id) const {
  const auto* p = find_participant(participant_id);
  return p == nullptr ? role::invalid : p->role;
}

const phase_template* session_state::current_phase() const {
  if (phase < 0 || static_cast<std::size_t>(phase) >= tmpl.phases.size()) return nullptr;
  return &tmpl.phases[static_cast<std::size_t>(phase)];
}

const phase_template* session_state::find_phase(const std::string& phase_id) const {
  auto it = std::find_if(tmpl.phases.begin(), tmpl.phases.end(), [&](const auto& p) { return p.id == phase_id; });
  return it == tmpl.phases.end() ? nullptr : &*it;
}

bool session_state::is_revealed(const std::string& phase_id) const {
  return std::find(revealed.begin(), revealed.end(), phase_id) != revealed.end();
}

timer_state idle_timer_for(const session_template& tmpl, int phase) {
  timer_state t;
  if (phase >= 0 && static_cast<std::size_t>(phase) < tmpl.phases.size()) {
    t.duration_ms = static_cast<millis>(tmpl.phases[static_cast<std::size_t>(phase)].minutes) * 60'000;
  }
  t.remaining_ms = t.duration_ms;
  return t;
}

void to_json(nlohmann::json& j, const session_state& s) {
  j = {{"session", s.session},
       {"title", s.title},
       {"created_at", s.created_at},
       {"status", s.status},
       {"phase", s.phase},
       {"timer", s.timer},
       {"participants", s.participants},
       {"participants_ever_joined", s.participants_ever_joined},
       {"template", s.tmpl},
       {"date", s.date},
       {"learners", s.learners},
       {"carried", s.carried},
       {"board", s.board},
       {"proposals", s.proposals},
       {"entries", s.entries},
       {"adaptations", s.adaptations},
       {"transcript", s.transcript ? nlohmann::json(*s.transcript) : nlohmann::json()},
       {"annotations", s.annotations},
       {"check_ins", s.check_ins},
       {"done", s.done},
       {"revealed", s.revealed},
       {"focus_line", s.focus_line},
       {"phase_timers", s.phase_timers},
       {"notices", s.notices},
       {"ids_issued", s.ids_issued}};
}

void from_json(const nlohmann::json& j, session_state& s) {
  j.at("session").get_to(s.session);
  j.at("title").get_to(s.title);
  j.at("created_at").get_to(s.created_at);
  j.at("status").get_to(s.status);
  j.at("phase").get_to(s.phase);
  j.at("timer").get_to(s.timer);
  j.at("participants").get_to(s.participants);
  j.at("participants_ever_joined").get_to(s.participants_ever_joined);
  j.at("template").get_to(s.tmpl);
  // Absent in snapshots stored before inquiries (schema 8).
  if (j.contains("date")) j.at("date").get_to(s.date);
  if (j.contains("learners")) j.at("learners").get_to(s.learners);
  if (j.contains("carried")) j.at("carried").get_to(s.carried);
  j.at("board").get_to(s.board);
  j.at("proposals").get_to(s.proposals);
  j.at("entries").get_to(s.entries);
  j.at("adaptations").get_to(s.adaptations);
  if (j.at("transcript").is_null()) {
    s.transcript.reset();
  } else {
    s.transcript = j.at("transcript").get<transcript>();
  }
  j.at("annotations").get_to(s.annotations);
  if (j.contains("check_ins")) j.at("check_ins").get_to(s.check_ins);
  j.at("done").get_to(s.done);
  j.at("revealed").get_to(s.revealed);
  j.at("focus_line").get_to(s.focus_line);
  j.at("phase_timers").get_to(s.phase_timers);
  // Absent in snapshots stored before event hosts (schema 9).
  if (j.contains("notices")) j.at("notices").get_to(s.notices);
  j.at("ids_issued").get_to(s.ids_issued);
}

}  // namespace debrief::protocol
