// The inquiry's story as a printable page, styled and escaped as the session
// record's page is (record_render.hpp): landmarks, headings, print styles,
// no script, the learner's words always quotations. No session code.

#include "debrief/protocol/inquiry.hpp"
#include "inquiry_words.hpp"
#include "record_render.hpp"

namespace debrief::protocol {

namespace {

using render::html_escaped;
using render::html_text;

// Beside the session record's style: a thread's steps as a timeline.
constexpr const char* inquiry_style = R"css(
.steps{list-style:none;padding-left:0;border-left:3px solid #6b7fa3;margin:.5rem 0 1rem .3rem}
.steps>li{padding-left:.8rem;margin:.6rem 0}
.when{font-weight:600}
.standing{color:#333}
@media print{.steps>li,.words{break-inside:avoid}}
)css";

std::string section_open(const char* id, const char* title) {
  return std::string("<section aria-labelledby=\"") + id + "\">\n<h2 id=\"" + id + "\">" + title + "</h2>\n";
}

std::string step_item(carried_kind kind, const inquiry_record_step& st) {
  std::string out = "<li><span class=\"when\">" + html_escaped(inquiry_words::step_heading(st)) + "</span> — " +
                    html_escaped(inquiry_words::step_sentence(kind, st));
  if (inquiry_words::has_text(st)) out += " “" + html_text(st.text) + "”";
  out += "\n";
  if (st.what == inquiry_record_step::kind::check_in) {
    if (!st.happened.empty()) {
      out += "<p><span class=\"label\">" + html_escaped(inquiry_words::happened_label(kind)) + "</span> " +
             html_text(st.happened) + "</p>\n";
    }
    out += render::html_evidence(st.evidence);
    if (!st.note.empty()) {
      out += "<p><span class=\"label\">" + html_escaped(inquiry_words::note_label) + "</span> " + html_text(st.note) +
             "</p>\n";
    }
    out += "<p><span class=\"label\">" + html_escaped(inquiry_words::decision_sentence(st)) + "</span>";
    if (st.decision == check_in_decision::adjust) out += " “" + html_text(st.adjusted) + "”";
    out += "</p>\n";
  } else {
    out += render::html_evidence(st.evidence);
  }
  return out + "</li>\n";
}

std::string threads_section(const char* id, const char* title, const inquiry_record& r,
                            const std::vector<inquiry_record_thread>& threads) {
  std::string out = section_open(id, title);
  if (threads.empty()) out += "<p class=\"note\">None yet.</p>\n";
  for (const auto& t : threads) {
    out += "<article>\n<h3>" + html_text(t.text) + "</h3>\n<p class=\"standing\">";
    const auto for_line = inquiry_words::for_line(t);
    if (!for_line.empty()) out += html_escaped(for_line) + " · ";
    out += "<span class=\"status\">" + html_escaped(inquiry_words::standing(t)) + "</span></p>\n";
    for (const auto& a : r.adaptations) {
      if (a.thread == t.adaptation) out += "<p>About the adaptation “" + html_text(a.text) + "”</p>\n";
    }
    out += "<ol class=\"steps\">\n";
    for (const auto& st : t.steps) out += step_item(t.kind, st);
    out += "</ol>\n</article>\n";
  }
  return out + "</section>\n";
}

std::string sessions_section(const inquiry_record& r) {
  std::string out = section_open("sessions", "Sessions");
  if (r.sessions.empty()) return out + "<p class=\"note\">None left.</p>\n</section>\n";
  out += "<ol>\n";
  for (const auto& s : r.sessions) out += "<li>" + html_text(inquiry_words::session_line(s)) + "</li>\n";
  return out + "</ol>\n</section>\n";
}

std::string words_section(const inquiry_record& r) {
  std::string out = section_open("learner-words", "The learner’s words over time");
  out += "<p class=\"note\">" + html_escaped(inquiry_words::words_intro) + "</p>\n";
  if (r.learner_words.empty()) out += "<p class=\"note\">None quoted yet.</p>\n";
  const inquiry_record_words* previous = nullptr;
  for (const auto& w : r.learner_words) {
    if (previous == nullptr || previous->position != w.position) {
      out += "<h3>" + html_escaped(words::date(w.day)) + " · " + html_text(w.session_title) + "</h3>\n";
    }
    previous = &w;
    out += "<div class=\"words\">\n" + render::html_quote(w.quote) + "<p class=\"note\">Quoted as evidence by ";
    for (std::size_t i = 0; i < w.cited_by.size(); ++i) {
      if (i > 0) out += "; ";
      out += html_escaped(inquiry_words::cited_by(w.cited_by[i])) + " “" + html_text(w.cited_by[i].text) + "”";
    }
    out += ".</p>\n</div>\n";
  }
  return out + "</section>\n";
}

}  // namespace

std::string export_html(const inquiry_record& r) {
  const auto title = inquiry_words::title(r);
  std::string page =
      "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>" +
      html_escaped(title) + " — inquiry record</title>\n<style>" + render::html_style() + inquiry_style +
      "</style>\n</head>\n<body>\n";
  page += "<header>\n<h1>" + html_escaped(title) + "</h1>\n<p class=\"meta\">" +
          html_escaped(inquiry_words::opening_line(r)) + "</p>\n";
  page += "<p class=\"meta\">" + html_escaped(inquiry_words::times_stated(r)) + " " + words::pseudonyms_only + "</p>\n";
  page +=
      "<p class=\"hint\">To print or save as PDF, use your browser’s Print command (Ctrl+P, or ⌘P on a Mac).</p>\n"
      "</header>\n<main>\n";
  page += sessions_section(r) + threads_section("adaptations", "Adaptations", r, r.adaptations) +
          threads_section("questions", "Follow-up questions", r, r.questions) +
          threads_section("assumptions", "Assumptions", r, r.assumptions) + words_section(r);
  page +=
      "</main>\n<footer>\n<p>" + html_escaped(inquiry_words::closing_line(r)) + "</p>\n</footer>\n</body>\n</html>\n";
  return page;
}

std::string export_html(const inquiry_info& info, const std::vector<inquiry_session>& sessions, millis now,
                        const time_zone& zone) {
  return export_html(build_inquiry_record(info, sessions, now, zone));
}

}  // namespace debrief::protocol
