// What a host console shows of a room: its summary, and the clock rule that
// makes a room "over time".

#include <algorithm>

#include "debrief/protocol/host.hpp"

namespace debrief::protocol {

room_summary summarize(const session_state& s, std::int64_t seq, int position) {
  room_summary r;
  r.session = s.session;
  r.label = s.title;
  r.position = position;
  r.seq = seq;
  r.status = s.status;
  r.phase = s.phase;
  r.phases = static_cast<int>(s.tmpl.phases.size());
  if (const auto* phase = s.current_phase()) {
    r.phase_id = phase->id;
    r.phase_title = phase->title;
    r.phase_kind = phase->kind;
  }
  r.timer = s.timer;
  bool facilitator_online = false;
  bool has_presenter = false;
  for (const auto& p : s.participants) {
    if (p.role == role::host) {
      // Hosts looking in are counted, never listed: they are not the room's people.
      if (p.online) ++r.hosts;
      continue;
    }
    const bool done = std::find(s.done.begin(), s.done.end(), p.id) != s.done.end();
    r.people.push_back({p.name, p.role, p.online, done});
    if (p.online) ++r.online;
    if (done) ++r.done;
    facilitator_online = facilitator_online || (p.role == role::facilitator && p.online);
    has_presenter = has_presenter || p.role == role::presenter;
  }
  r.joined = static_cast<int>(r.people.size());
  r.adaptations = static_cast<int>(s.adaptations.size());
  if (s.status == session_status::ended) {
    r.flags = {room_flag::ended};
  } else {
    if (!facilitator_online) r.flags.push_back(room_flag::no_facilitator);
    if (!has_presenter) r.flags.push_back(room_flag::no_presenter);
    if (r.online == 0) r.flags.push_back(room_flag::nobody);
  }
  return r;
}

bool same_picture(const room_summary& a, const room_summary& b) {
  auto a_as_of_b = a;
  a_as_of_b.seq = b.seq;
  return a_as_of_b == b;
}

bool over_time(const timer_state& t, millis now) {
  return t.status == timer_status::expired && t.used_at(now) - t.zero_used_ms > over_time_after_ms;
}

}  // namespace debrief::protocol
