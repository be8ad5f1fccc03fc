// The record as Markdown for the team's notes. What people wrote is escaped,
// so a "*" or "<b>" they typed shows as typed wherever the notes are rendered.

#include "debrief/protocol/export.hpp"

#include "record_render.hpp"
#include "record_words.hpp"

namespace debrief::protocol {

namespace {

// Escapes Markdown's markup characters; a line break continues the same
// block (`continuation` is what the next line starts with).
std::string md(const std::string& text, const std::string& continuation = "") {
  std::string out;
  for (const char c : text) {
    if (c == '\n') {
      out += "\n" + continuation;
      continue;
    }
    if (c == '\r') continue;
    if (std::string_view("\\`*_[]<>#|~").find(c) != std::string_view::npos) out += '\\';
    out += c;
  }
  return out;
}

std::string quoted(const record_quote& q, const std::string& continuation) {
  return md(words::said(q)) + " “" + md(q.text, continuation) + "”";
}

std::string evidence_line(const record_evidence& e, const std::string& continuation) {
  switch (e.what) {
    case record_evidence::kind::line: return quoted(*e.line, continuation);
    case record_evidence::kind::annotation: {
      const auto& a = *e.annotation;
      std::string out = md(a.tag) + " on what " + quoted(a.quote, continuation);
      if (!a.comment.empty()) out += " " + md(words::comment_by(a.author)) + " " + md(a.comment, continuation);
      return out;
    }
    case record_evidence::kind::item: return "Board item: “" + md(e.item, continuation) + "”";
    default: return "Evidence no longer in the session.";
  }
}

void write_evidence(std::string& out, const std::vector<record_evidence>& evidence, const std::string& indent) {
  for (const auto& e : evidence) out += indent + "- Evidence: " + evidence_line(e, indent + "  ") + "\n";
}

void annotation_section(std::string& out, const record_annotation& a) {
  out += "\n### " + md(a.tag) + " · " + md(words::where(a.quote)) + "\n\n";
  out += "> " + md(words::said(a.quote)) + " “" + md(a.quote.text, "> ") + "”\n\n";
  if (!a.comment.empty()) out += md(words::comment_by(a.author)) + " " + md(a.comment) + "\n";
  if (!a.replies.empty()) out += "\n";
  for (const auto& r : a.replies) {
    out += "- Reply by " + md(r.author) + ", " + r.at.text + ": " + md(r.text, "  ") + "\n";
  }
}

// Everything under the record's title, from its people to its notes: the
// whole session export's body, which the event export repeats per room.
std::string sections(const session_record& r) {
  std::string out = "\n## People\n\n";
  for (const auto& p : r.people) out += "- " + md(p.name) + " (" + p.role + ")\n";
  if (r.consent) out += "\n" + md(words::consent_sentence(r)) + "\n";

  if (!r.carried.empty()) {
    out += "\n## " + std::string(words::carried_heading) + "\n\n";
    for (const auto& c : r.carried) out += "- " + md(words::carried_line(c), "  ") + "\n";
  }

  out += "\n## Assumption board\n";
  for (const auto& list : r.board) {
    out += "\n### " + md(list.title) + "\n\n";
    if (list.items.empty()) out += "Nothing yet.\n";
    for (const auto& i : list.items) {
      out += "- " + md(i.text, "  ");
      if (!i.status.empty()) out += " — " + i.status;
      out += "\n";
      write_evidence(out, i.evidence, "  ");
    }
  }

  out += "\n## Transcript annotations\n";
  if (r.annotations.empty()) out += "\nNone.\n";
  for (const auto& a : r.annotations) annotation_section(out, a);

  if (!r.carried.empty()) {
    out += "\n## Check-ins\n";
    if (r.check_ins.empty()) out += "\nNone yet.\n";
  }
  for (const auto& c : r.check_ins) {
    out += "\n### " + md(c.kind) + ": " + md(c.text) + "\n\n";
    out += md(words::check_in_outcome(c)) + "\n";
    if (!c.happened.empty()) out += "\n" + md(words::happened_label(c)) + " " + md(c.happened) + "\n";
    if (!c.evidence.empty() || !c.note.empty()) out += "\n";
    write_evidence(out, c.evidence, "");
    if (!c.note.empty()) out += "- Evidence in the presenter's words: " + md(c.note, "  ") + "\n";
  }

  out += "\n## Adaptations\n";
  if (r.adaptations.empty()) out += "\nNone yet.\n";
  for (const auto& a : r.adaptations) {
    out += "\n### " + md(a.change) + "\n\nFor " + md(a.for_whom);
    if (!a.check_in.empty()) out += " · check in on " + md(words::date(a.check_in));
    out += "\n";
    if (!a.follow_ups.empty()) out += "\nAsk next time:\n\n";
    for (const auto& q : a.follow_ups) out += "- " + md(q, "  ") + "\n";
    if (!a.evidence.empty()) out += "\n";
    write_evidence(out, a.evidence, "");
  }

  out += "\n## Notes and reflections\n";
  if (r.phases.empty()) out += "\nNone shared.\n";
  for (const auto& phase : r.phases) {
    out += "\n### " + md(phase.title) + "\n";
    if (phase.anonymous) out += "\n" + std::string(words::anonymous_phase) + "\n";
    for (const auto& p : phase.prompts) {
      out += "\n#### " + md(p.prompt.empty() ? words::other_notes : p.prompt) + "\n\n";
      for (const auto& e : p.entries) {
        out += "- " + md(e.text, "  ");
        if (e.author) out += " — " + md(*e.author);
        out += "\n";
      }
    }
  }
  return out;
}

}  // namespace

std::string export_markdown(const session_record& r) {
  std::string out = "# " + md(r.title.empty() ? "Debrief" : r.title) + "\n\n";
  out += md(words::opening_line(r)) + "\n\n" + words::times_stated(r) + " " + words::pseudonyms_only + "\n";

  if (const auto inquiry = words::inquiry_line(r); !inquiry.empty()) out += "\n" + md(inquiry) + "\n";

  return out + sections(r) + "\n---\n\n" + md(words::closing_line(r)) + "\n";
}

std::string export_markdown(const session_state& s, millis now, const time_zone& zone) {
  return export_markdown(build_record(s, now, zone));
}

}  // namespace debrief::protocol

namespace debrief::protocol::render {

std::string markdown_text(const std::string& text, const std::string& continuation) { return md(text, continuation); }
std::string markdown_quote(const record_quote& q, const std::string& continuation) { return quoted(q, continuation); }
std::string markdown_evidence(const record_evidence& e, const std::string& continuation) {
  return evidence_line(e, continuation);
}
std::string markdown_sections(const session_record& r) { return sections(r); }

}  // namespace debrief::protocol::render
