// The event's record as Markdown: the event's title and date, a contents
// list, then a section per room (its label, then its record as the session
// export writes it, one heading level down), in position order. Escaped as
// the session record is; no session code.

#include "debrief/protocol/event_export.hpp"
#include "event_words.hpp"
#include "record_render.hpp"

namespace debrief::protocol {

namespace {

using render::markdown_text;

// A room's record under the room's own heading: every heading one level
// deeper. A line that starts with "#" is always one of the record's
// headings, never someone's words: markdown_text escapes "#".
std::string one_level_down(const std::string& markdown) {
  std::string out;
  out.reserve(markdown.size() + 64);
  bool line_start = true;
  for (const char c : markdown) {
    if (line_start && c == '#') out += '#';
    out += c;
    line_start = c == '\n';
  }
  return out;
}

std::string room_section(const event_record_room& room) {
  std::string out = "\n---\n\n## " + markdown_text(event_words::room_heading(room)) + "\n\n";
  out += markdown_text(event_words::room_line(room)) + "\n";
  if (const auto inquiry = words::inquiry_line(room.record); !inquiry.empty()) {
    out += "\n" + markdown_text(inquiry) + "\n";
  }
  return out + one_level_down(render::markdown_sections(room.record));
}

}  // namespace

std::string event_export_markdown(const event_export_input& e, millis now, const time_zone& zone) {
  const auto r = build_event_record(e, now, zone);
  std::string out = "# " + markdown_text(event_words::title(r)) + "\n\n";
  out += markdown_text(event_words::opening_line(r)) + "\n\n" + event_words::times_stated(r) + " " +
         words::pseudonyms_only + "\n\n" + markdown_text(event_words::finished_line(r)) + "\n";

  out += "\n## Contents\n\n";
  if (r.rooms.empty()) out += "No rooms.\n";
  for (const auto& room : r.rooms) {
    out += "- " + markdown_text(event_words::room_heading(room)) + " — " + event_words::status_word(room.status) + "\n";
  }
  for (const auto& room : r.rooms) out += room_section(room);
  return out + "\n---\n\n" + markdown_text(event_words::closing_line(r)) + "\n";
}

}  // namespace debrief::protocol
