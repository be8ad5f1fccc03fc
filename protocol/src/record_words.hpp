#pragma once
// The phrases the Markdown and HTML records share, so both say the same
// thing in the same words (the formats differ only in markup).

#include <string>

#include "debrief/protocol/record.hpp"

namespace debrief::protocol::words {

// "Student A, line 2", "lines 2–3", or "words no longer in the transcript".
inline std::string where(const record_quote& q) {
  if (q.first_line == 0) return "words no longer in the transcript";
  std::string lines = q.first_line == q.last_line
                          ? "line " + std::to_string(q.first_line)
                          : "lines " + std::to_string(q.first_line) + "–" + std::to_string(q.last_line);
  return q.speaker.empty() ? lines : q.speaker + ", " + lines;
}

// Who said the quoted words, in a sentence: "Student A said (line 2):".
inline std::string said(const record_quote& q) {
  if (q.first_line == 0) return "Quoted from an earlier version of the transcript:";
  if (q.speaker.empty()) return "Transcript, " + where(q) + ":";
  return q.speaker + " said (" + where(record_quote{q.first_line, q.last_line, "", ""}) + "):";
}

inline std::string comment_by(const std::optional<std::string>& author) {
  return author ? "Comment by " + *author + ":" : "Comment (anonymous):";
}

inline std::string times_stated(const session_record& r) {
  return r.time_zone == "UTC" ? "Times are in UTC." : "Times are in " + r.time_zone + " time.";
}

// "2027-03-15" as "15 Mar 2027", the record's one date format.
inline std::string date(const std::string& iso) {
  static const char* months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  if (iso.size() != 10 || iso[4] != '-' || iso[7] != '-') return iso;
  const int month = (iso[5] - '0') * 10 + (iso[6] - '0');
  if (month < 1 || month > 12) return iso;
  const auto day = iso.substr(8, 2);
  return std::string(day[0] == '0' ? day.substr(1) : day) + " " + months[month - 1] + " " + iso.substr(0, 4);
}

inline std::string opening_line(const session_record& r) {
  return r.template_name + " · started " + r.created.text + " · exported " + r.exported.text;
}

inline std::string consent_sentence(const session_record& r) {
  if (!r.consent) return "";
  return "Transcript of " + std::to_string(r.transcript_lines) +
         " lines. The learner's consent to the recording "
         "and to sharing it was confirmed by " +
         r.consent->confirmed_by + " on " + r.consent->at.text + ".";
}

inline std::string closing_line(const session_record& r) {
  return "Debrief record of session " + r.session + ", exported " + r.exported.text + ".";
}

// A session of an inquiry: "Planned for 15 Mar 2026 · Focal learners: Student A, Student B"; "" otherwise.
inline std::string inquiry_line(const session_record& r) {
  std::string out = r.date.empty() ? "" : "Planned for " + date(r.date);
  if (!r.learners.empty()) {
    out += (out.empty() ? "" : " · ") + std::string(r.learners.size() == 1 ? "Focal learner: " : "Focal learners: ");
    for (std::size_t i = 0; i < r.learners.size(); ++i) out += (i ? ", " : "") + r.learners[i];
  }
  return out;
}

// "Adaptation: Start with a drawing — for Student A · check in on 1 Mar 2026 · from 22 Nov 2025"
inline std::string carried_line(const record_carried& c) {
  std::string out = c.kind + ": " + c.text;
  if (!c.status.empty()) out += " — " + c.status;
  if (!c.for_whom.empty()) out += " — for " + c.for_whom;
  if (!c.check_in.empty()) out += " · check in on " + date(c.check_in);
  if (!c.from.empty()) out += " · from " + date(c.from);
  return out;
}

// "Partly tried · Decision: Adjust — now: “Start with a drawing, then a table”"
inline std::string check_in_outcome(const record_check_in& c) {
  std::string out = c.tried;
  if (!c.for_whom.empty()) out = "For " + c.for_whom + " · " + out;
  out += " · Decision: " + c.decision;
  if (!c.adjusted.empty()) out += " — now: “" + c.adjusted + "”";
  return out;
}

// What happened, or for a question what the learner said.
inline std::string happened_label(const record_check_in& c) {
  return c.kind == "Question" ? "What the learner said:" : "What happened:";
}

inline const char* carried_heading = "Carried from earlier sessions";
inline const char* notices_heading = "Notices from the event host";
inline const char* pseudonyms_only = "Students are named by pseudonym only.";
inline const char* anonymous_phase = "Written anonymously: authors are not named.";
inline const char* other_notes = "Other notes";

}  // namespace debrief::protocol::words
