// The agenda (phases and their minutes), the facilitator role, readiness and
// the reveal of private phases.

#include "apply_support.hpp"

namespace debrief::protocol {

using namespace detail;

namespace {

bool in_range(const session_state& s, int phase) {
  return phase >= 0 && static_cast<std::size_t>(phase) < s.tmpl.phases.size();
}

rejection no_such_phase(int phase) {
  return reject(error_code::not_found, "There is no phase " + std::to_string(phase) + " in this session.");
}

// A new agenda; the current phase keeps its place (by id) and its timer,
// unless its own planned minutes changed while the timer was idle.
outcome agenda(const session_state& s, std::vector<phase_template> phases, int current) {
  auto timer = s.timer;
  const auto* before = s.current_phase();
  const auto& after = phases[static_cast<std::size_t>(current)];
  if (timer.status == timer_status::idle && before != nullptr && before->minutes != after.minutes) {
    session_template t = s.tmpl;
    t.phases = phases;
    const auto used = timer.used_ms;
    timer = idle_timer_for(t, current);
    timer.used_ms = used;
  }
  return one(evt::agenda_changed{std::move(phases), current, timer});
}

}  // namespace

outcome handle(const session_state& s, const cmd::set_phase_minutes& c, const sender&, millis) {
  if (!in_range(s, c.phase)) return no_such_phase(c.phase);
  if (c.minutes < limits::min_phase_minutes || c.minutes > limits::max_phase_minutes) {
    return reject(error_code::invalid, "A phase lasts from " + std::to_string(limits::min_phase_minutes) + " to " +
                                           std::to_string(limits::max_phase_minutes) + " minutes.");
  }
  auto phases = s.tmpl.phases;
  phases[static_cast<std::size_t>(c.phase)].minutes = c.minutes;
  return agenda(s, std::move(phases), s.phase);
}

outcome handle(const session_state& s, const cmd::add_phase& c, const sender&, millis) {
  if (c.at < 0 || static_cast<std::size_t>(c.at) > s.tmpl.phases.size()) return no_such_phase(c.at);
  if (s.tmpl.phases.size() >= limits::max_phases)
    return reject(error_code::too_large, "At most " + std::to_string(limits::max_phases) + " phases.");
  auto phase = c.phase;
  phase.id = next_id(s, "ph");
  auto phases = s.tmpl.phases;
  phases.insert(phases.begin() + c.at, phase);
  // Inserting at or before the current phase pushes it one place on.
  return agenda(s, std::move(phases), c.at <= s.phase && s.status != session_status::lobby ? s.phase + 1 : s.phase);
}

outcome handle(const session_state& s, const cmd::remove_phase& c, const sender&, millis) {
  if (!in_range(s, c.phase)) return no_such_phase(c.phase);
  if (s.tmpl.phases.size() == 1) return reject(error_code::conflict, "A session needs at least one phase.");
  if (c.phase == s.phase) return reject(error_code::conflict, "Move to another phase before removing this one.");
  auto phases = s.tmpl.phases;
  phases.erase(phases.begin() + c.phase);
  return agenda(s, std::move(phases), c.phase < s.phase ? s.phase - 1 : s.phase);
}

outcome handle(const session_state& s, const cmd::move_phase& c, const sender&, millis) {
  if (!in_range(s, c.from)) return no_such_phase(c.from);
  if (!in_range(s, c.to)) return no_such_phase(c.to);
  if (c.from == c.to) return std::vector<event>{};
  auto phases = s.tmpl.phases;
  const auto current_id = phases[static_cast<std::size_t>(s.phase)].id;
  auto moved = phases[static_cast<std::size_t>(c.from)];
  phases.erase(phases.begin() + c.from);
  phases.insert(phases.begin() + c.to, moved);
  const auto it = std::find_if(phases.begin(), phases.end(), [&](const auto& p) { return p.id == current_id; });
  // Worked out before the call: the order in which arguments are evaluated is
  // unspecified, and `phases` is moved into the first one.
  const auto current = static_cast<int>(it - phases.begin());
  return agenda(s, std::move(phases), current);
}

outcome handle(const session_state& s, const cmd::hand_over& c, const sender& from, millis) {
  const auto* to = s.find_participant(c.to);
  if (to == nullptr) return reject(error_code::not_found, "That person is not in this session.");
  if (to->id == from.participant) return reject(error_code::conflict, "You are already the facilitator.");
  if (to->role == role::facilitator) return reject(error_code::conflict, "They already facilitate.");
  if (to->role == role::host) return reject(error_code::conflict, "The event's host cannot facilitate a room.");
  if (to->role == role::presenter) {
    return reject(error_code::conflict, "The presenter cannot also facilitate; choose a colleague or observer.");
  }
  return one(evt::facilitator_handed_over{from.participant, to->id});
}

outcome handle(const session_state& s, const cmd::move_presenter& c, const sender&, millis) {
  const auto* to = s.find_participant(c.to);
  if (to == nullptr) return reject(error_code::not_found, "That person is not in this session.");
  if (to->role == role::presenter) return reject(error_code::conflict, "They already present.");
  if (to->role == role::host) return reject(error_code::conflict, "The event's host cannot present in a room.");
  if (to->role == role::facilitator) {
    return reject(error_code::conflict, "The facilitator cannot also present; hand over facilitation first.");
  }
  if (s.status == session_status::ended) return reject(error_code::conflict, "The session has ended.");
  const auto current = std::find_if(s.participants.begin(), s.participants.end(),
                                    [](const auto& p) { return p.role == role::presenter; });
  return one(evt::presenter_moved{current == s.participants.end() ? "" : current->id, to->id});
}

outcome handle(const session_state& s, const cmd::reveal_phase& c, const sender&, millis) {
  if (!in_range(s, c.phase)) return no_such_phase(c.phase);
  const auto& phase = s.tmpl.phases[static_cast<std::size_t>(c.phase)];
  if (!phase.is_private) return reject(error_code::conflict, "This phase is not private; nothing to reveal.");
  if (s.is_revealed(phase.id)) return reject(error_code::conflict, "This phase is already revealed.");
  return one(evt::phase_revealed{phase.id});
}

outcome handle(const session_state& s, const cmd::set_done& c, const sender& from, millis) {
  if (s.status != session_status::live) return reject(error_code::conflict, "The session is not running.");
  const bool is_done = std::find(s.done.begin(), s.done.end(), from.participant) != s.done.end();
  if (is_done == c.done) return std::vector<event>{};
  return one(evt::readiness_changed{from.participant, c.done});
}

}  // namespace debrief::protocol
