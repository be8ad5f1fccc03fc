#pragma once
// The phrases the inquiry's Markdown and HTML share, so both tell the story
// in the same words (the formats differ only in markup). Nothing here is
// escaped: each format escapes as it writes.

#include <string>

#include "debrief/protocol/inquiry.hpp"
#include "record_words.hpp"

namespace debrief::protocol::inquiry_words {

inline std::string title(const inquiry_record& r) { return r.title.empty() ? "Inquiry" : r.title; }

// "Student A", "Student A and Student B", "Student A, Student B and Student C".
inline std::string learners(const std::vector<std::string>& names) {
  std::string out;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i > 0) out += i + 1 == names.size() ? " and " : ", ";
    out += names[i];
  }
  return out;
}

inline std::string opening_line(const inquiry_record& r) {
  std::string out = r.learners.empty() ? "An inquiry" : "An inquiry with " + learners(r.learners);
  return out + " · started " + r.created.text + " · exported " + r.exported.text;
}

inline std::string times_stated(const inquiry_record& r) {
  return r.time_zone == "UTC" ? "Times are in UTC." : "Times are in " + r.time_zone + " time.";
}

inline std::string closing_line(const inquiry_record& r) {
  return "Inquiry record of “" + title(r) + "”, exported " + r.exported.text + ".";
}

inline std::string status_word(session_status s) {
  switch (s) {
    case session_status::lobby: return "planned";
    case session_status::live: return "under way";
    case session_status::ended: return "ended";
    default: return "";
  }
}

// "15 Jan 2026 · Winter check-in (Follow-up check-in, ended)".
inline std::string session_line(const inquiry_record_session& s) {
  std::string out = words::date(s.day) + " · " + (s.title.empty() ? "Untitled session" : s.title);
  return out + " (" + s.template_name + ", " + status_word(s.status) + ")";
}

inline std::string assumption_status(item_status s) {
  switch (s) {
    case item_status::confirmed: return "Confirmed";
    case item_status::challenged: return "Challenged";
    default: return "Still open";
  }
}

// Where a thread stands now.
inline std::string standing(const inquiry_record_thread& t) {
  switch (t.kind) {
    case carried_kind::adaptation: return t.carried ? "Still being tried" : "Let go";
    case carried_kind::question: return t.carried ? "Still to ask" : "Let go";
    default: return assumption_status(t.status) + (t.carried ? ", carried on" : "");
  }
}

// "For Student A · check in on 10 Jan 2026"; a question adds nothing more.
inline std::string for_line(const inquiry_record_thread& t) {
  if (t.kind == carried_kind::assumption) return "";
  std::string out = "For " + t.for_whom;
  if (!t.check_in.empty()) out += " · check in on " + words::date(t.check_in);
  return out;
}

// The head of one step: where and when it happened.
inline std::string step_heading(const inquiry_record_step& st) {
  if (st.what == inquiry_record_step::kind::carried_in) {
    return words::date(st.day) + " · decided in a session no longer in the inquiry";
  }
  return words::date(st.day) + " · " + (st.session_title.empty() ? "Untitled session" : st.session_title);
}

// What the step did, as a sentence that the step's own words follow.
inline std::string step_sentence(carried_kind kind, const inquiry_record_step& st) {
  using k = inquiry_record_step::kind;
  switch (st.what) {
    case k::decided:
      return kind == carried_kind::question ? "To ask " + st.for_whom + ":" : "Decided, for " + st.for_whom + ":";
    case k::carried_in: return "Carried in as:";
    case k::on_board: return assumption_status(st.status) + ":";
    case k::check_in: break;
  }
  const bool question = kind == carried_kind::question;
  switch (st.tried) {
    case tried_state::yes: return question ? "Checked in: asked." : "Checked in: tried.";
    case tried_state::partly: return question ? "Checked in: partly asked." : "Checked in: partly tried.";
    default: return question ? "Checked in: not asked yet." : "Checked in: not tried yet.";
  }
}

// A step's own words, when it has them apart from the sentence (a
// check-in's words are its happened, note and decision).
inline bool has_text(const inquiry_record_step& st) { return st.what != inquiry_record_step::kind::check_in; }

inline std::string happened_label(carried_kind kind) {
  return kind == carried_kind::question ? "What the learner said:" : "What happened:";
}

inline const char* note_label = "In the presenter's words:";

inline std::string decision_sentence(const inquiry_record_step& st) {
  switch (st.decision) {
    case check_in_decision::keep: return "Decision: keep it.";
    case check_in_decision::adjust: return "Decision: adjust it to";
    default: return "Decision: let it go.";
  }
}

inline std::string kind_word(carried_kind kind) {
  switch (kind) {
    case carried_kind::adaptation: return "adaptation";
    case carried_kind::question: return "question";
    default: return "assumption";
  }
}

// "the adaptation", "a check-in on the question" — the quoted item follows.
inline std::string cited_by(const inquiry_record_citation& c) {
  return (c.check_in ? "a check-in on the " : "the ") + kind_word(c.kind);
}

inline const char* words_intro =
    "What the learner said, as the team quoted it for evidence, by date (transcript lines whose speaker is a "
    "student).";

}  // namespace debrief::protocol::inquiry_words
