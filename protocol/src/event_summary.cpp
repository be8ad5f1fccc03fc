// The event's one-page summary for the PD leader's report: how many rooms
// finished, the time each phase used across the rooms that reached it, and
// each room's status, phase and adaptations recorded. A printable page with
// the session record's style; every text escaped, no script, no session code.

#include "debrief/protocol/event_export.hpp"
#include "event_words.hpp"
#include "record_render.hpp"

namespace debrief::protocol {

namespace {

using render::html_escaped;
using render::html_text;

constexpr const char* summary_style = R"css(
body{max-width:60rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1.5rem;font-size:.95rem}
caption{text-align:left;color:#444;padding:.25rem 0}
th,td{border-bottom:1px solid #ddd;padding:.3rem .5rem;text-align:left;vertical-align:top}
th{border-bottom:2px solid #bbb}
td.number,th.number{text-align:right;font-variant-numeric:tabular-nums}
@media print{:root{font-size:9pt}body{font-size:9pt}h2{margin:1rem 0 .4rem}tr{break-inside:avoid}}
)css";

std::string phases_table(const event_record& r) {
  std::string out =
      "<section aria-labelledby=\"phases\">\n<h2 id=\"phases\">Time used per phase</h2>\n"
      "<table>\n<caption>Across the rooms that reached each phase (its timer ran, or the room is in it).</caption>\n"
      "<thead><tr><th scope=\"col\">Phase</th><th scope=\"col\" class=\"number\">Rooms reached</th>"
      "<th scope=\"col\" class=\"number\">Median</th><th scope=\"col\" class=\"number\">Shortest</th>"
      "<th scope=\"col\" class=\"number\">Longest</th></tr></thead>\n<tbody>\n";
  for (const auto& p : r.phases) {
    out += "<tr><th scope=\"row\">" + html_text(p.title) + "</th><td class=\"number\">" + std::to_string(p.reached) +
           "</td>";
    if (p.reached == 0) {
      out += "<td class=\"number\">—</td><td class=\"number\">—</td><td class=\"number\">—</td></tr>\n";
      continue;
    }
    for (const auto ms : {p.median_ms, p.min_ms, p.max_ms}) {
      out += "<td class=\"number\">" + html_escaped(event_words::duration(ms)) + "</td>";
    }
    out += "</tr>\n";
  }
  return out + "</tbody>\n</table>\n</section>\n";
}

std::string rooms_table(const event_record& r) {
  std::string out =
      "<section aria-labelledby=\"rooms\">\n<h2 id=\"rooms\">Rooms</h2>\n<table>\n"
      "<thead><tr><th scope=\"col\" class=\"number\">#</th><th scope=\"col\">Room</th><th scope=\"col\">Status</th>"
      "<th scope=\"col\">Phase reached</th><th scope=\"col\" class=\"number\">Adaptations recorded</th></tr></thead>\n"
      "<tbody>\n";
  for (const auto& room : r.rooms) {
    out += "<tr><td class=\"number\">" + std::to_string(room.position) + "</td><th scope=\"row\">" +
           html_text(room.label) + "</th><td>" + html_escaped(event_words::status_word(room.status)) + "</td><td>" +
           html_text(event_words::phase_reached(room)) + "</td><td class=\"number\">" +
           std::to_string(room.record.adaptations.size()) + "</td></tr>\n";
  }
  return out + "</tbody>\n</table>\n</section>\n";
}

}  // namespace

std::string event_summary_html(const event_export_input& e, millis now, const time_zone& zone) {
  const auto r = build_event_record(e, now, zone);
  const auto title = event_words::title(r);
  std::string page =
      "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>" +
      html_escaped(title) + " — event summary</title>\n<style>" + render::html_style() + summary_style +
      "</style>\n</head>\n<body>\n";
  page += "<header>\n<h1>" + html_escaped(title) + "</h1>\n<p class=\"meta\">" +
          html_escaped(event_words::opening_line(r)) + "</p>\n";
  page += "<p class=\"meta\">" + html_escaped(event_words::times_stated(r)) + "</p>\n";
  page +=
      "<p class=\"hint\">To print or save as PDF, use your browser’s Print command (Ctrl+P, or ⌘P on a Mac).</p>\n"
      "</header>\n<main>\n";
  page += "<p class=\"finished\">" + html_escaped(event_words::finished_line(r)) + "</p>\n";
  page += phases_table(r) + rooms_table(r);
  page += "</main>\n<footer>\n<p>" + html_escaped(event_words::summary_closing_line(r)) +
          "</p>\n</footer>\n</body>\n</html>\n";
  return page;
}

}  // namespace debrief::protocol
