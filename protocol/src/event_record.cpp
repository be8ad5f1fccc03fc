// The event's record: every room's session record, built by build_record
// as the session export builds it, and the time each phase used across the
// rooms.

#include "event_record.hpp"

#include <algorithm>
#include <map>

namespace debrief::protocol {

namespace {

event_record_room room_record(const event_room& room, millis now, const time_zone& zone) {
  const auto& s = room.state;
  event_record_room out;
  out.position = room.position;
  out.label = s.title;
  out.status = s.status;
  out.phases = static_cast<int>(s.tmpl.phases.size());
  if (const auto* phase = s.current_phase(); phase != nullptr && s.status != session_status::lobby) {
    out.phase_id = phase->id;
    out.phase_title = phase->title;
    out.phase_number = s.phase + 1;
  }
  out.record = build_record(s, now, zone);
  out.record.session.clear();
  return out;
}

// The time each room used in each phase it reached, by phase id.
std::map<std::string, std::vector<millis>> used_times(const event_export_input& e, millis now) {
  std::map<std::string, std::vector<millis>> used;
  for (const auto& room : e.rooms) {
    const auto& s = room.state;
    const auto* current = s.status == session_status::lobby ? nullptr : s.current_phase();
    for (const auto& [id, timer] : s.phase_timers) {
      if (current == nullptr || id != current->id) used[id].push_back(timer.used_at(now));
    }
    if (current != nullptr) used[current->id].push_back(s.timer.used_at(now));
  }
  return used;
}

millis median(std::vector<millis> values) {
  std::sort(values.begin(), values.end());
  const auto n = values.size();
  return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

std::vector<event_phase_use> phase_uses(const event_export_input& e, millis now) {
  std::vector<event_phase_use> out;
  for (const auto& room : e.rooms) {
    for (const auto& phase : room.state.tmpl.phases) {
      const auto seen = std::any_of(out.begin(), out.end(), [&](const auto& p) { return p.id == phase.id; });
      if (!seen) out.push_back({phase.id, phase.title});
    }
  }
  const auto used = used_times(e, now);
  for (auto& phase : out) {
    const auto times = used.find(phase.id);
    if (times == used.end()) continue;
    phase.reached = static_cast<int>(times->second.size());
    phase.median_ms = median(times->second);
    phase.min_ms = *std::min_element(times->second.begin(), times->second.end());
    phase.max_ms = *std::max_element(times->second.begin(), times->second.end());
  }
  return out;
}

}  // namespace

event_record build_event_record(const event_export_input& e, millis now, const time_zone& zone) {
  event_record r;
  r.title = e.title;
  r.time_zone = zone.name;
  r.created = {e.created_at, format_local_time(zone, e.created_at)};
  r.exported = {now, format_local_time(zone, now)};
  for (const auto& room : e.rooms) {
    r.rooms.push_back(room_record(room, now, zone));
    if (room.state.status == session_status::ended) ++r.finished;
  }
  r.phases = phase_uses(e, now);
  return r;
}

}  // namespace debrief::protocol
