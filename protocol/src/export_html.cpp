// The record as a printable page for the team's binder: headings, landmarks
// for screen readers, print styles with sensible page breaks, no script.
// Every piece of text is escaped; the student's words are quotations with
// their speaker and line, set apart from colleagues' comments.

#include "debrief/protocol/export.hpp"

#include "record_render.hpp"
#include "record_words.hpp"

namespace debrief::protocol {

namespace {

std::string esc(const std::string& in) {
  std::string out;
  for (const char c : in) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

// What someone wrote, line breaks kept.
std::string user(const std::string& text) { return "<span class=\"text\">" + esc(text) + "</span>"; }

constexpr const char* style = R"css(
:root{color:#1a1a1a;background:#fff}
body{font:16px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;max-width:48rem;margin:0 auto;padding:1.5rem 1rem 3rem}
h1{font-size:1.7rem;margin:0 0 .25rem}
h2{font-size:1.3rem;border-bottom:2px solid #bbb;padding-bottom:.2rem;margin:2rem 0 .75rem}
h3{font-size:1.1rem;margin:1.25rem 0 .4rem}
h4{font-size:1rem;margin:1rem 0 .3rem;color:#333}
.meta,.note{color:#444;margin:.25rem 0}
.hint{background:#eef4fb;border:1px solid #b9cde4;border-radius:6px;padding:.5rem .75rem;margin:1rem 0}
ul{padding-left:1.4rem}
li{margin:.25rem 0}
.text{white-space:pre-wrap;overflow-wrap:anywhere}
.status{font-weight:600}
.evidence{list-style:none;padding-left:1rem;border-left:3px solid #ddd;margin:.3rem 0 .6rem}
.label{font-weight:600}
blockquote{margin:.5rem 0;padding:.4rem .8rem;border-left:4px solid #6b7fa3;background:#f4f6fa}
blockquote p{margin:0}
.said{font-size:.9rem;color:#333;margin:0 0 .15rem}
.annotation{margin:0 0 1.25rem}
.comment{margin:.4rem 0}
.byline{color:#444}
footer{margin-top:3rem;color:#444;font-size:.9rem;border-top:1px solid #ddd;padding-top:.5rem}
@page{margin:18mm 16mm}
@media print{
  :root{font-size:11pt}
  body{max-width:none;padding:0;font-size:11pt}
  .hint{display:none}
  h2{break-before:auto;break-after:avoid}
  h3,h4{break-after:avoid}
  blockquote,li,.annotation,.comment{break-inside:avoid}
  .adaptations,.notes{break-before:page}
  blockquote{background:none}
}
)css";

std::string quote_block(const record_quote& q) {
  return "<blockquote><p class=\"said\">" + esc(words::said(q)) + "</p><p>" + user(q.text) + "</p></blockquote>\n";
}

std::string comment_paragraph(const std::optional<std::string>& author, const std::string& comment) {
  return "<p class=\"comment\"><span class=\"label\">" + esc(words::comment_by(author)) + "</span> " + user(comment) +
         "</p>\n";
}

std::string evidence_items(const std::vector<record_evidence>& evidence) {
  if (evidence.empty()) return "";
  std::string out = "<ul class=\"evidence\" aria-label=\"Evidence\">\n";
  for (const auto& e : evidence) {
    out += "<li><span class=\"label\">Evidence:</span> ";
    switch (e.what) {
      case record_evidence::kind::line: out += quote_block(*e.line); break;
      case record_evidence::kind::annotation: {
        const auto& a = *e.annotation;
        out += esc(a.tag) + " on what was said\n" + quote_block(a.quote);
        if (!a.comment.empty()) out += comment_paragraph(a.author, a.comment);
        break;
      }
      case record_evidence::kind::item: out += "Board item “" + user(e.item) + "”"; break;
      default: out += "Evidence no longer in the session.";
    }
    out += "</li>\n";
  }
  return out + "</ul>\n";
}

std::string section_open(const char* id, const char* title, const char* css_class = "") {
  return std::string("<section class=\"") + css_class + "\" aria-labelledby=\"" + id + "\">\n<h2 id=\"" + id + "\">" +
         title + "</h2>\n";
}

std::string people_section(const session_record& r) {
  std::string out = section_open("people", "People") + "<ul>\n";
  for (const auto& p : r.people) out += "<li>" + user(p.name) + " (" + esc(p.role) + ")</li>\n";
  out += "</ul>\n";
  if (r.consent) out += "<p>" + esc(words::consent_sentence(r)) + "</p>\n";
  return out + "</section>\n";
}

std::string carried_section(const session_record& r) {
  if (r.carried.empty()) return "";
  std::string out = section_open("carried", words::carried_heading) + "<ul>\n";
  for (const auto& c : r.carried) out += "<li>" + user(words::carried_line(c)) + "</li>\n";
  return out + "</ul>\n</section>\n";
}

std::string check_ins_section(const session_record& r) {
  if (r.carried.empty()) return "";
  std::string out = section_open("check-ins", "Check-ins");
  if (r.check_ins.empty()) out += "<p class=\"note\">None yet.</p>\n";
  for (const auto& c : r.check_ins) {
    out += "<article>\n<h3>" + esc(c.kind) + ": " + user(c.text) + "</h3>\n";
    out += "<p>" + user(words::check_in_outcome(c)) + "</p>\n";
    if (!c.happened.empty()) {
      out += "<p><span class=\"label\">" + esc(words::happened_label(c)) + "</span> " + user(c.happened) + "</p>\n";
    }
    out += evidence_items(c.evidence);
    if (!c.note.empty()) {
      out += "<p><span class=\"label\">Evidence in the presenter's words:</span> " + user(c.note) + "</p>\n";
    }
    out += "</article>\n";
  }
  return out + "</section>\n";
}

std::string board_section(const session_record& r) {
  std::string out = section_open("board", "Assumption board");
  for (const auto& list : r.board) {
    out += "<h3>" + esc(list.title) + "</h3>\n";
    if (list.items.empty()) {
      out += "<p class=\"note\">Nothing yet.</p>\n";
      continue;
    }
    out += "<ul>\n";
    for (const auto& i : list.items) {
      out += "<li>" + user(i.text);
      if (!i.status.empty()) out += " — <span class=\"status\">" + esc(i.status) + "</span>";
      out += "\n" + evidence_items(i.evidence) + "</li>\n";
    }
    out += "</ul>\n";
  }
  return out + "</section>\n";
}

std::string annotations_section(const session_record& r) {
  std::string out = section_open("annotations", "Transcript annotations");
  if (r.annotations.empty()) out += "<p class=\"note\">None.</p>\n";
  for (const auto& a : r.annotations) {
    out += "<article class=\"annotation\">\n<h3>" + esc(a.tag) + " · " + esc(words::where(a.quote)) + "</h3>\n";
    out += quote_block(a.quote);
    if (!a.comment.empty()) out += comment_paragraph(a.author, a.comment);
    if (!a.replies.empty()) {
      out += "<ul class=\"replies\" aria-label=\"Replies\">\n";
      for (const auto& reply : a.replies) {
        out += "<li><span class=\"label\">Reply by " + esc(reply.author) + ", " + esc(reply.at.text) + ":</span> " +
               user(reply.text) + "</li>\n";
      }
      out += "</ul>\n";
    }
    out += "</article>\n";
  }
  return out + "</section>\n";
}

std::string adaptations_section(const session_record& r) {
  std::string out = section_open("adaptations", "Adaptations", "adaptations");
  if (r.adaptations.empty()) out += "<p class=\"note\">None yet.</p>\n";
  for (const auto& a : r.adaptations) {
    out += "<article>\n<h3>" + user(a.change) + "</h3>\n<p>For " + user(a.for_whom);
    if (!a.check_in.empty()) out += " · check in on " + esc(words::date(a.check_in));
    out += "</p>\n";
    if (!a.follow_ups.empty()) {
      out += "<p class=\"label\">Ask next time:</p>\n<ul>\n";
      for (const auto& q : a.follow_ups) out += "<li>" + user(q) + "</li>\n";
      out += "</ul>\n";
    }
    out += evidence_items(a.evidence) + "</article>\n";
  }
  return out + "</section>\n";
}

std::string notes_section(const session_record& r) {
  std::string out = section_open("notes", "Notes and reflections", "notes");
  if (r.phases.empty()) out += "<p class=\"note\">None shared.</p>\n";
  for (const auto& phase : r.phases) {
    out += "<h3>" + esc(phase.title) + "</h3>\n";
    if (phase.anonymous) out += "<p class=\"note\">" + esc(words::anonymous_phase) + "</p>\n";
    for (const auto& p : phase.prompts) {
      out += "<h4>" + user(p.prompt.empty() ? words::other_notes : p.prompt) + "</h4>\n<ul>\n";
      for (const auto& e : p.entries) {
        out += "<li>" + user(e.text);
        if (e.author) out += " <span class=\"byline\">— " + esc(*e.author) + "</span>";
        out += "</li>\n";
      }
      out += "</ul>\n";
    }
  }
  return out + "</section>\n";
}

// Everything under the record's header, from its people to its notes: the
// page's main part, which the event export repeats per room.
std::string sections(const session_record& r) {
  return people_section(r) + carried_section(r) + board_section(r) + annotations_section(r) + check_ins_section(r) +
         adaptations_section(r) + notes_section(r);
}

}  // namespace

std::string export_html(const session_record& r) {
  const auto title = r.title.empty() ? std::string("Debrief") : r.title;
  std::string page =
      "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>" +
      esc(title) + " — debrief record</title>\n<style>" + style + "</style>\n</head>\n<body>\n";
  page += "<header>\n<h1>" + esc(title) + "</h1>\n<p class=\"meta\">" + esc(words::opening_line(r)) + "</p>\n";
  page += "<p class=\"meta\">" + esc(words::times_stated(r)) + " " + words::pseudonyms_only + "</p>\n";
  if (const auto inquiry = words::inquiry_line(r); !inquiry.empty())
    page += "<p class=\"meta\">" + esc(inquiry) + "</p>\n";
  page +=
      "<p class=\"hint\">To print or save as PDF, use your browser’s Print command (Ctrl+P, or ⌘P on a Mac).</p>\n"
      "</header>\n<main>\n";
  page += sections(r);
  page += "</main>\n<footer>\n<p>" + esc(words::closing_line(r)) + "</p>\n</footer>\n</body>\n</html>\n";
  return page;
}

std::string export_html(const session_state& s, millis now, const time_zone& zone) {
  return export_html(build_record(s, now, zone));
}

}  // namespace debrief::protocol

namespace debrief::protocol::render {

std::string html_escaped(const std::string& text) { return esc(text); }
std::string html_text(const std::string& text) { return user(text); }
std::string html_quote(const record_quote& q) { return quote_block(q); }
std::string html_evidence(const std::vector<record_evidence>& evidence) { return evidence_items(evidence); }
const char* html_style() { return style; }
std::string html_sections(const session_record& r) { return sections(r); }

}  // namespace debrief::protocol::render
