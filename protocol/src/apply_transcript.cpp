// The transcript (already redacted in the presenter's browser), annotations
// anchored to its lines, and bringing everyone to one line.

#include "apply_support.hpp"
#include "debrief/protocol/transcript_anchor.hpp"

namespace debrief::protocol {

using namespace detail;

namespace {

std::variant<const annotation*, rejection> visible_annotation(const session_state& s, const std::string& id,
                                                              const sender& from) {
  const auto* a = find_by_id(s.annotations, id);
  if (a == nullptr || (a->author != from.participant && hidden_phase(s, a->phase))) {
    return reject(error_code::not_found, "There is no such annotation.");
  }
  return a;
}

std::optional<rejection> check_lines(const std::vector<transcript_line>& lines) {
  if (lines.empty()) return reject(error_code::invalid, "The transcript has no lines.");
  if (lines.size() > limits::max_transcript_lines) {
    return reject(error_code::too_large,
                  "A transcript can have at most " + std::to_string(limits::max_transcript_lines) + " lines.");
  }
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const auto where = "Line " + std::to_string(i + 1) + ": ";
    const auto& l = lines[i];
    const auto speaker = text::trimmed(l.speaker);
    if (text::char_count(speaker) > limits::max_speaker_chars) {
      return reject(error_code::too_large,
                    where + "the speaker can be at most " + std::to_string(limits::max_speaker_chars) + " characters.");
    }
    if (speaker.empty() || text::has_control_chars(speaker)) {
      return reject(error_code::invalid, where + "the speaker must be named, on one line.");
    }
    if (l.role == speaker_role::invalid) return reject(error_code::invalid, where + "the speaker's role is unknown.");
    if (auto r = check_text(l.text, limits::max_line_chars, "The text")) {
      return reject(r->code, where + r->message);
    }
    if (l.start_ms < -1) return reject(error_code::invalid, where + "the time cannot be negative.");
  }
  return std::nullopt;
}

}  // namespace

outcome handle(const session_state& s, const cmd::transcript_import& c, const sender& from, millis now) {
  if (!c.consent) {
    return reject(error_code::invalid,
                  "Confirm that the learner agreed to the recording and to sharing it with colleagues.");
  }
  if (auto r = check_lines(c.lines)) return *r;
  transcript t;
  for (std::size_t i = 0; i < c.lines.size(); ++i) {
    auto line = c.lines[i];
    line.id = "L" + std::to_string(i + 1);
    line.speaker = text::trimmed(line.speaker);
    t.lines.push_back(std::move(line));
  }
  t.consent_by = from.participant;
  t.consent_at = now;
  t.source_format = c.format.substr(0, 20);
  t.version = s.transcript ? s.transcript->version + 1 : 1;

  std::vector<event> events;
  // Annotations survive a corrected re-import wherever their words still are.
  std::vector<annotation> moved;
  for (const auto& a : s.annotations) {
    auto placed = reanchor(a, t.lines);
    if (placed != a) moved.push_back(std::move(placed));
  }
  events.emplace_back(evt::transcript_imported{std::move(t)});
  for (auto& a : moved) events.emplace_back(evt::annotation_saved{std::move(a)});
  return events;
}

outcome handle(const session_state& s, const cmd::transcript_withdraw&, const sender&, millis) {
  if (!s.transcript) return reject(error_code::conflict, "There is no transcript to withdraw.");
  return one(evt::transcript_withdrawn{});
}

outcome handle(const session_state& s, const cmd::annotate& c, const sender& from, millis) {
  if (!s.transcript) return reject(error_code::conflict, "There is no transcript yet.");
  if (c.tag == annotation_tag::invalid) return reject(error_code::invalid, "Tag it notice, wonder, strength or need.");
  if (!c.comment.empty()) {
    if (auto r = check_text(c.comment, limits::max_entry_chars, "A comment")) return *r;
  }
  if (s.annotations.size() >= limits::max_annotations)
    return reject(error_code::too_large, "Too many annotations (" + std::to_string(limits::max_annotations) + ").");
  annotation a;
  a.from_line = c.from_line;
  a.to_line = c.to_line.empty() ? c.from_line : c.to_line;
  a.start_char = c.start_char;
  a.end_char = c.end_char;
  auto quote = quote_of(s.transcript->lines, a);
  if (auto* why = std::get_if<std::string>(&quote)) return reject(error_code::invalid, *why);
  a.quote = std::get<quoted>(quote).text;
  a.id = next_id(s, "n");
  a.phase = s.current_phase() ? s.current_phase()->id : std::string();
  a.tag = c.tag;
  a.comment = text::trimmed(c.comment);
  a.author = from.participant;
  return one(evt::annotation_saved{std::move(a)});
}

outcome handle(const session_state& s, const cmd::annotation_edit& c, const sender& from, millis) {
  auto found = visible_annotation(s, c.annotation, from);
  if (auto* r = std::get_if<rejection>(&found)) return *r;
  auto a = *std::get<const annotation*>(found);
  if (a.author != from.participant) return reject(error_code::forbidden, "Only its author can change an annotation.");
  if (a.version != c.version) return stale("annotation", a.version, a);
  if (c.tag == annotation_tag::invalid) return reject(error_code::invalid, "Tag it notice, wonder, strength or need.");
  if (!c.comment.empty()) {
    if (auto r = check_text(c.comment, limits::max_entry_chars, "A comment")) return *r;
  }
  a.tag = c.tag;
  a.comment = text::trimmed(c.comment);
  ++a.version;
  return one(evt::annotation_saved{std::move(a)});
}

outcome handle(const session_state& s, const cmd::annotation_remove& c, const sender& from, millis) {
  auto found = visible_annotation(s, c.annotation, from);
  if (auto* r = std::get_if<rejection>(&found)) return *r;
  if (std::get<const annotation*>(found)->author != from.participant) {
    return reject(error_code::forbidden, "Only its author can remove an annotation.");
  }
  return one(evt::annotation_removed{c.annotation});
}

outcome handle(const session_state& s, const cmd::annotation_reply& c, const sender& from, millis now) {
  auto found = visible_annotation(s, c.annotation, from);
  if (auto* r = std::get_if<rejection>(&found)) return *r;
  if (auto r = check_text(c.text, limits::max_entry_chars, "A reply")) return *r;
  auto a = *std::get<const annotation*>(found);
  if (a.replies.size() >= limits::max_replies)
    return reject(error_code::too_large, "Too many replies (" + std::to_string(limits::max_replies) + ").");
  a.replies.push_back({next_id(s, "r"), from.participant, text::trimmed(c.text), now});
  return one(evt::annotation_saved{std::move(a)});
}

outcome handle(const session_state& s, const cmd::focus_line& c, const sender& from, millis) {
  if (!c.line.empty() && (!s.transcript || !find_by_id(s.transcript->lines, c.line))) {
    return reject(error_code::not_found, "There is no such line.");
  }
  if (c.line == s.focus_line) return std::vector<event>{};
  return one(evt::focus_changed{c.line, from.participant});
}

}  // namespace debrief::protocol
