// The inquiry's story as Markdown for the presenter's notes, in the session
// record's words and escaping (record_render.hpp). No session code: the
// notes travel further than the inquiry key.

#include "debrief/protocol/inquiry.hpp"
#include "inquiry_words.hpp"
#include "record_render.hpp"

namespace debrief::protocol {

namespace {

using render::markdown_text;

std::string quoted(const std::string& text, const std::string& continuation) {
  return "“" + markdown_text(text, continuation) + "”";
}

void write_evidence(std::string& out, const std::vector<record_evidence>& evidence, const std::string& indent) {
  for (const auto& e : evidence) {
    out += indent + "- Evidence: " + render::markdown_evidence(e, indent + "  ") + "\n";
  }
}

void write_step(std::string& out, carried_kind kind, const inquiry_record_step& st) {
  out += "- " + markdown_text(inquiry_words::step_heading(st)) + " — " +
         markdown_text(inquiry_words::step_sentence(kind, st));
  if (inquiry_words::has_text(st)) out += " " + quoted(st.text, "  ");
  out += "\n";
  if (st.what == inquiry_record_step::kind::check_in) {
    if (!st.happened.empty()) {
      out += "  - " + markdown_text(inquiry_words::happened_label(kind)) + " " + quoted(st.happened, "    ") + "\n";
    }
    write_evidence(out, st.evidence, "  ");
    if (!st.note.empty()) {
      out += "  - " + markdown_text(inquiry_words::note_label) + " " + quoted(st.note, "    ") + "\n";
    }
    out += "  - " + markdown_text(inquiry_words::decision_sentence(st));
    if (st.decision == check_in_decision::adjust) out += " " + quoted(st.adjusted, "    ");
    out += "\n";
    return;
  }
  write_evidence(out, st.evidence, "  ");
}

const inquiry_record_thread* thread_in(const std::vector<inquiry_record_thread>& threads, const std::string& id) {
  for (const auto& t : threads) {
    if (t.thread == id) return &t;
  }
  return nullptr;
}

void write_threads(std::string& out, const inquiry_record& r, const std::vector<inquiry_record_thread>& threads) {
  if (threads.empty()) out += "\nNone yet.\n";
  for (const auto& t : threads) {
    out += "\n### " + markdown_text(t.text) + "\n\n";
    const auto for_line = inquiry_words::for_line(t);
    if (!for_line.empty()) out += markdown_text(for_line) + " · ";
    out += markdown_text(inquiry_words::standing(t)) + "\n";
    if (const auto* a = thread_in(r.adaptations, t.adaptation)) {
      out += "\nAbout the adaptation " + quoted(a->text, "") + "\n";
    }
    out += "\n";
    for (const auto& st : t.steps) write_step(out, t.kind, st);
  }
}

void write_learner_words(std::string& out, const inquiry_record& r) {
  out += "\n## The learner's words over time\n\n" + markdown_text(inquiry_words::words_intro) + "\n";
  if (r.learner_words.empty()) out += "\nNone quoted yet.\n";
  const inquiry_record_words* previous = nullptr;
  for (const auto& w : r.learner_words) {
    if (previous == nullptr || previous->position != w.position) {
      out += "\n### " + markdown_text(words::date(w.day) + " · " + w.session_title) + "\n";
    }
    previous = &w;
    out += "\n> " + render::markdown_quote(w.quote, "> ") + "\n\nQuoted as evidence by ";
    for (std::size_t i = 0; i < w.cited_by.size(); ++i) {
      if (i > 0) out += "; ";
      out += markdown_text(inquiry_words::cited_by(w.cited_by[i])) + " " + quoted(w.cited_by[i].text, "");
    }
    out += ".\n";
  }
}

}  // namespace

std::string export_markdown(const inquiry_record& r) {
  std::string out = "# " + markdown_text(inquiry_words::title(r)) + "\n\n";
  out += markdown_text(inquiry_words::opening_line(r)) + "\n\n" + inquiry_words::times_stated(r) + " " +
         words::pseudonyms_only + "\n";

  out += "\n## Sessions\n\n";
  if (r.sessions.empty()) out += "None left.\n";
  for (const auto& s : r.sessions) out += "- " + markdown_text(inquiry_words::session_line(s)) + "\n";

  out += "\n## Adaptations\n";
  write_threads(out, r, r.adaptations);
  out += "\n## Follow-up questions\n";
  write_threads(out, r, r.questions);
  out += "\n## Assumptions\n";
  write_threads(out, r, r.assumptions);
  write_learner_words(out, r);
  return out + "\n---\n\n" + markdown_text(inquiry_words::closing_line(r)) + "\n";
}

std::string export_markdown(const inquiry_info& info, const std::vector<inquiry_session>& sessions, millis now,
                            const time_zone& zone) {
  return export_markdown(build_inquiry_record(info, sessions, now, zone));
}

}  // namespace debrief::protocol
