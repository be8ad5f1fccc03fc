// The event's record as data: each room's record exactly as the session's
// JSON export gives it, less its session code, under the room's position,
// label, status and phase; and the summary's counts.

#include "debrief/protocol/event_export.hpp"
#include "debrief/protocol/export.hpp"
#include "event_record.hpp"
#include "record_render.hpp"

namespace debrief::protocol {

namespace {

using json = nlohmann::json;

json room_json(const event_record_room& room) {
  auto record = export_json(room.record);
  record.erase("session");
  json phase = nullptr;
  if (room.phase_number != 0) {
    phase = {{"id", room.phase_id}, {"title", room.phase_title}, {"number", room.phase_number}};
  }
  return {{"position", room.position}, {"label", room.label},
          {"status", room.status},     {"phase", phase},
          {"phases", room.phases},     {"adaptations", room.record.adaptations.size()},
          {"record", record}};
}

json phase_json(const event_phase_use& p) {
  if (p.reached == 0) return {{"id", p.id}, {"title", p.title}, {"rooms_reached", 0}, {"used_ms", nullptr}};
  return {{"id", p.id},
          {"title", p.title},
          {"rooms_reached", p.reached},
          {"used_ms", {{"median", p.median_ms}, {"min", p.min_ms}, {"max", p.max_ms}}}};
}

}  // namespace

json event_export_json(const event_export_input& e, millis now, const time_zone& zone) {
  const auto r = build_event_record(e, now, zone);
  json rooms = json::array();
  for (const auto& room : r.rooms) rooms.push_back(room_json(room));
  json phases = json::array();
  for (const auto& p : r.phases) phases.push_back(phase_json(p));
  return {{"format", "debrief-event-export"},
          {"version", 1},
          {"title", r.title},
          {"time_zone", r.time_zone},
          {"created", render::json_time(r.created)},
          {"exported", render::json_time(r.exported)},
          {"rooms_finished", r.finished},
          {"phases", phases},
          {"rooms", rooms}};
}

}  // namespace debrief::protocol
