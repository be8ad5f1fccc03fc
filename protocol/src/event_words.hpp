#pragma once
// The phrases the event's Markdown, HTML and summary share, so all say the
// same thing in the same words (the formats differ only in markup). Nothing
// here is escaped: each format escapes as it writes.

#include <string>

#include "event_record.hpp"
#include "record_words.hpp"

namespace debrief::protocol::event_words {

inline std::string title(const event_record& r) { return r.title.empty() ? "Event" : r.title; }

inline std::string rooms(std::size_t n) { return std::to_string(n) + (n == 1 ? " room" : " rooms"); }

// "An event of 30 rooms · created 14 Mar 2026, 08:00 UTC · exported 14 Mar 2026, 16:00 UTC"
inline std::string opening_line(const event_record& r) {
  return "An event of " + rooms(r.rooms.size()) + " · created " + r.created.text + " · exported " + r.exported.text;
}

inline std::string times_stated(const event_record& r) {
  return r.time_zone == "UTC" ? "Times are in UTC." : "Times are in " + r.time_zone + " time.";
}

inline std::string closing_line(const event_record& r) {
  return "Debrief record of the event “" + title(r) + "”, exported " + r.exported.text + ".";
}

inline std::string summary_closing_line(const event_record& r) {
  return "Debrief summary of the event “" + title(r) + "”, exported " + r.exported.text + ".";
}

inline std::string finished_line(const event_record& r) {
  return "Rooms finished: " + std::to_string(r.finished) + " of " + std::to_string(r.rooms.size()) + ".";
}

inline std::string status_word(session_status s) {
  switch (s) {
    case session_status::lobby: return "Not started";
    case session_status::live: return "Under way";
    case session_status::ended: return "Ended";
    default: return "";
  }
}

// "3. Grade 7 science"
inline std::string room_heading(const event_record_room& room) {
  return std::to_string(room.position) + ". " + room.label;
}

// "Talk (2 of 7)", or "—" for a room that has not started.
inline std::string phase_reached(const event_record_room& room) {
  if (room.phase_number == 0) return "—";
  return room.phase_title + " (" + std::to_string(room.phase_number) + " of " + std::to_string(room.phases) + ")";
}

// "Workshop debrief · started 22 Nov 2025, 23:20 UTC · Ended in Reflection (8 of 8)"
inline std::string room_line(const event_record_room& room) {
  std::string out =
      room.record.template_name + " · started " + room.record.created.text + " · " + status_word(room.status);
  if (room.phase_number == 0) return out;
  return out + (room.status == session_status::ended ? " in " : ": ") + phase_reached(room);
}

// "12 min 05 s", "45 s"; whole seconds.
inline std::string duration(millis ms) {
  const auto seconds = (ms + 500) / 1000;
  if (seconds < 60) return std::to_string(seconds) + " s";
  const auto s = seconds % 60;
  return std::to_string(seconds / 60) + " min " + (s < 10 ? "0" : "") + std::to_string(s) + " s";
}

}  // namespace debrief::protocol::event_words
