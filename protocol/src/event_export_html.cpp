// The event's record as one printable page: the event's title and date, a
// contents list linking to each room, then a section per room (its label,
// then its record as the session export's page shows it, one heading level
// down), each room starting a printed page. Styled and escaped as the
// session record's page (record_render.hpp); no script, no session code.

#include <algorithm>
#include <iterator>
#include <string_view>

#include "debrief/protocol/event_export.hpp"
#include "event_words.hpp"
#include "record_render.hpp"

namespace debrief::protocol {

namespace {

using render::html_escaped;
using render::html_text;

constexpr const char* event_style = R"css(
h5{font-size:.95rem;margin:.9rem 0 .3rem;color:#333}
.room>h2{border-bottom-width:4px}
.contents li{margin:.1rem 0}
@media print{.room{break-before:page}.room .adaptations,.room .notes{break-before:auto}}
)css";

std::string room_anchor(const event_record_room& room) { return "room-" + std::to_string(room.position); }

// A room's record inside the room's section: every heading one level
// deeper and every id (and the aria-labelledby naming it) prefixed with the
// room's anchor, so ids stay unique across rooms. Only the renderer's own
// markup can match: html_escaped turns every "<" and '"' people typed into
// entities.
std::string nested(const std::string& html, const std::string& anchor) {
  static constexpr std::string_view id_attributes[] = {" id=\"", " aria-labelledby=\""};
  std::string out;
  out.reserve(html.size() + 256);
  std::size_t i = 0;
  while (i < html.size()) {
    const auto rest = std::string_view(html).substr(i);
    // "<h2" or "</h2": where the level digit is.
    const std::size_t level_at = rest.starts_with("</h") ? 3 : rest.starts_with("<h") ? 2 : 0;
    if (level_at != 0 && rest.size() > level_at && rest[level_at] >= '2' && rest[level_at] <= '4') {
      out.append(rest.substr(0, level_at)).push_back(static_cast<char>(rest[level_at] + 1));
      i += level_at + 1;
      continue;
    }
    const auto* attribute = std::find_if(std::begin(id_attributes), std::end(id_attributes),
                                         [&](std::string_view a) { return rest.starts_with(a); });
    if (attribute != std::end(id_attributes)) {
      out.append(*attribute).append(anchor).append("-");
      i += attribute->size();
      continue;
    }
    out += html[i++];
  }
  return out;
}

std::string room_section(const event_record_room& room) {
  const auto anchor = room_anchor(room);
  std::string out = "<section class=\"room\" aria-labelledby=\"" + anchor + "\">\n<h2 id=\"" + anchor + "\">" +
                    html_text(event_words::room_heading(room)) + "</h2>\n";
  out += "<p class=\"meta\">" + html_escaped(event_words::room_line(room)) + "</p>\n";
  if (const auto inquiry = words::inquiry_line(room.record); !inquiry.empty()) {
    out += "<p class=\"meta\">" + html_escaped(inquiry) + "</p>\n";
  }
  return out + nested(render::html_sections(room.record), anchor) + "</section>\n";
}

}  // namespace

std::string event_export_html(const event_export_input& e, millis now, const time_zone& zone) {
  const auto r = build_event_record(e, now, zone);
  const auto title = event_words::title(r);
  std::string page =
      "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>" +
      html_escaped(title) + " — event record</title>\n<style>" + render::html_style() + event_style +
      "</style>\n</head>\n<body>\n";
  page += "<header>\n<h1>" + html_escaped(title) + "</h1>\n<p class=\"meta\">" +
          html_escaped(event_words::opening_line(r)) + "</p>\n";
  page += "<p class=\"meta\">" + html_escaped(event_words::times_stated(r)) + " " + words::pseudonyms_only + "</p>\n";
  page += "<p class=\"meta\">" + html_escaped(event_words::finished_line(r)) + "</p>\n";
  page +=
      "<p class=\"hint\">To print or save as PDF, use your browser’s Print command (Ctrl+P, or ⌘P on a Mac).</p>\n"
      "</header>\n<main>\n";
  page += "<nav aria-labelledby=\"contents\">\n<h2 id=\"contents\">Contents</h2>\n";
  if (r.rooms.empty()) page += "<p class=\"note\">No rooms.</p>\n";
  if (!r.rooms.empty()) page += "<ul class=\"contents\">\n";
  for (const auto& room : r.rooms) {
    page += "<li><a href=\"#" + room_anchor(room) + "\">" + html_text(event_words::room_heading(room)) + "</a> — " +
            html_escaped(event_words::status_word(room.status)) + "</li>\n";
  }
  if (!r.rooms.empty()) page += "</ul>\n";
  page += "</nav>\n";
  for (const auto& room : r.rooms) page += room_section(room);
  page += "</main>\n<footer>\n<p>" + html_escaped(event_words::closing_line(r)) + "</p>\n</footer>\n</body>\n</html>\n";
  return page;
}

}  // namespace debrief::protocol
