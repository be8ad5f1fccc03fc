// A host's action on one room: the room's own commands, as its facilitator
// would send them, followed by a notice telling the room what the host did.

#include "apply_support.hpp"
#include "debrief/protocol/host.hpp"

namespace debrief::protocol {

using namespace detail;

namespace {

template <class... Ts>
struct overloaded : Ts... {
  using Ts::operator()...;
};
// Spelled out for compilers without aggregate deduction (clang < 17, which
// builds the fuzzer).
template <class... Ts>
overloaded(Ts...) -> overloaded<Ts...>;

std::optional<rejection> room_has_room_for_a_notice(const session_state& s) {
  if (s.notices.size() < limits::max_notices) return std::nullopt;
  return reject(error_code::too_large, "This room already has " + std::to_string(limits::max_notices) +
                                           " notices from the event host; nothing was done.");
}

std::string plural(int n, const char* unit) { return std::to_string(n) + " " + unit + (n == 1 ? "" : "s"); }

std::string time_added(int seconds) {
  return seconds % 60 == 0 ? plural(seconds / 60, "minute") : plural(seconds, "second");
}

// The events of a room command, or why not, as the room's facilitator would
// meet them. The host stands in for no participant: these commands do not
// read their sender.
template <class Command>
outcome as_facilitator(const session_state& s, const Command& c, millis now) {
  return handle(s, c, sender{}, now);
}

// `done` (the room's own events) followed by the notice saying what the host did.
outcome with_notice(const session_state& s, outcome done, const std::string& what, millis now) {
  if (std::holds_alternative<rejection>(done)) return done;
  auto events = std::get<std::vector<event>>(std::move(done));
  auto after = s;
  for (const auto& e : events) after = evolve(std::move(after), e);
  events.push_back(evt::notice_posted{{next_id(after, "n"), notice_kind::action, "The event host " + what + ".", now}});
  return events;
}

outcome start(const session_state& s, millis now) {
  if (s.status == session_status::live) {
    if (s.timer.status != timer_status::idle) return reject(error_code::conflict, "Already started.");
    return with_notice(s, as_facilitator(s, cmd::timer_start{}, now), "started the timer", now);
  }
  auto started = as_facilitator(s, cmd::start_session{}, now);
  if (std::holds_alternative<rejection>(started)) return started;
  auto events = std::get<std::vector<event>>(std::move(started));
  auto live = s;
  for (const auto& e : events) live = evolve(std::move(live), e);
  if (live.timer.status == timer_status::idle) {
    auto timer = as_facilitator(live, cmd::timer_start{}, now);
    if (std::holds_alternative<rejection>(timer)) return timer;
    for (auto& e : std::get<std::vector<event>>(timer)) events.push_back(std::move(e));
  }
  return with_notice(s, std::move(events), "started the session", now);
}

// A timer command of a room that has started (the room's own refusals say
// why not otherwise), then the notice.
template <class Command>
outcome in_live_room(const session_state& s, const Command& c, const std::string& what, millis now) {
  if (s.status == session_status::lobby) return reject(error_code::conflict, "This room has not started.");
  return with_notice(s, as_facilitator(s, c, now), what, now);
}

outcome go_to_phase(const session_state& s, const std::string& phase_id, millis now) {
  if (s.status == session_status::lobby) return reject(error_code::conflict, "This room has not started.");
  const auto& phases = s.tmpl.phases;
  const auto it = std::find_if(phases.begin(), phases.end(), [&](const auto& p) { return p.id == phase_id; });
  if (it == phases.end()) return reject(error_code::not_found, "This room has no phase \"" + phase_id + "\".");
  const auto index = static_cast<int>(it - phases.begin());
  return with_notice(s, as_facilitator(s, cmd::go_to_phase{index}, now), "moved the room to " + it->title, now);
}

}  // namespace

outcome apply_host(const session_state& s, const host_action& a, millis now) {
  if (s.status == session_status::ended) return reject(error_code::conflict, "This room has ended.");
  if (auto r = room_has_room_for_a_notice(s)) return *r;
  return std::visit(
      overloaded{
          [&](const host_act::notice& n) -> outcome {
            if (auto r = check_text(n.text, limits::max_notice_chars, "A notice")) return *r;
            return one(evt::notice_posted{{next_id(s, "n"), notice_kind::message, text::trimmed(n.text), now}});
          },
          [&](const host_act::start&) { return start(s, now); },
          [&](const host_act::pause&) { return in_live_room(s, cmd::timer_pause{}, "paused the timer", now); },
          [&](const host_act::resume&) { return in_live_room(s, cmd::timer_resume{}, "resumed the timer", now); },
          [&](const host_act::add_time& t) {
            return in_live_room(s, cmd::timer_add{t.seconds}, "added " + time_added(t.seconds), now);
          },
          [&](const host_act::go_to_phase& g) { return go_to_phase(s, g.phase, now); },
      },
      a);
}

}  // namespace debrief::protocol
