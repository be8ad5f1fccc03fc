// Sessions of an inquiry: what an earlier session hands on when a follow-up
// is created (create_session's inquiry_start), and the presenter's check-ins
// on the carried adaptations and questions.

#include <set>

#include "apply_support.hpp"
#include "debrief/protocol/time_zone.hpp"

namespace debrief::protocol {

using namespace detail;

namespace {

// The longest text a carried item (or a check-in's adjusted text) may hold:
// the limit of what it was in the session it began in.
std::size_t max_text_chars(carried_kind kind) {
  switch (kind) {
    case carried_kind::adaptation: return limits::max_adaptation_chars;
    case carried_kind::question: return limits::max_follow_up_chars;
    case carried_kind::assumption:
    case carried_kind::invalid: break;
  }
  return limits::max_item_chars;
}

std::optional<rejection> check_one_line(const std::string& value, std::size_t max_chars, const std::string& what) {
  if (text::char_count(value) > max_chars) {
    return reject(error_code::too_large, what + " can be at most " + std::to_string(max_chars) + " characters.");
  }
  if (text::has_control_chars(value)) return reject(error_code::invalid, what + " must be a single line of text.");
  return std::nullopt;
}

// Optional free text (what happened, the note): may be empty.
std::optional<rejection> check_optional_text(const std::string& value, std::size_t max_chars, const char* what) {
  if (text::trimmed(value).empty()) return std::nullopt;
  return check_text(value, max_chars, what);
}

std::optional<rejection> check_carried(const carried_item& c, std::set<std::string>& threads) {
  const auto where = "Carried item \"" + c.thread + "\": ";
  if (c.thread.empty()) return reject(error_code::invalid, "A carried item needs a thread.");
  if (auto r = check_one_line(c.thread, limits::max_thread_chars, "A carried item's thread")) return r;
  if (!threads.insert(c.thread).second) {
    return reject(error_code::invalid, "The thread \"" + c.thread + "\" is carried twice.");
  }
  if (c.kind == carried_kind::invalid) {
    return reject(error_code::invalid, where + "kind must be adaptation, question or assumption.");
  }
  if (c.status == item_status::invalid) {
    return reject(error_code::invalid, where + "status must be open, confirmed or challenged.");
  }
  const auto what = where + "the text";
  if (auto r = check_text(c.text, max_text_chars(c.kind), what.c_str())) return r;
  if (auto r = check_one_line(c.for_whom, limits::max_for_whom_chars, where + "\"for whom\"")) return r;
  if (!c.check_in.empty() && !parse_day(c.check_in)) {
    return reject(error_code::invalid, where + "a check-in date looks like 2026-03-15.");
  }
  if (!c.from.empty() && !parse_day(c.from)) {
    return reject(error_code::invalid, where + "\"from\" is a date like 2026-03-15.");
  }
  return std::nullopt;
}

}  // namespace

namespace detail {

std::variant<inquiry_start, rejection> clean_inquiry_start(inquiry_start start) {
  if (!start.date.empty() && !parse_day(start.date)) {
    return reject(error_code::invalid, "A session's date looks like 2026-03-15.");
  }
  if (start.learners.size() > limits::max_learners) {
    return reject(error_code::too_large,
                  "At most " + std::to_string(limits::max_learners) + " focal learners (pseudonyms).");
  }
  for (auto& learner : start.learners) {
    learner = text::trimmed(learner);
    if (learner.empty()) return reject(error_code::invalid, "A focal learner's pseudonym cannot be empty.");
    if (auto r = check_one_line(learner, limits::max_for_whom_chars, "A focal learner's pseudonym")) return *r;
  }
  if (start.carried.size() > limits::max_carried) {
    return reject(error_code::too_large,
                  "At most " + std::to_string(limits::max_carried) + " items can be carried into a session.");
  }
  // Carried assumptions become board items.
  const auto assumptions = std::count_if(start.carried.begin(), start.carried.end(),
                                         [](const auto& c) { return c.kind == carried_kind::assumption; });
  if (static_cast<std::size_t>(assumptions) > limits::max_board_items) {
    return reject(error_code::too_large, "At most " + std::to_string(limits::max_board_items) +
                                             " assumptions can be carried (they go on the board).");
  }
  std::set<std::string> threads;
  for (auto& c : start.carried) {
    if (auto r = check_carried(c, threads)) return *r;
    c.text = text::trimmed(c.text);
  }
  return start;
}

}  // namespace detail

outcome handle(const session_state& s, const cmd::check_in_save& c, const sender& from, millis) {
  // The permission table has placed it in a check-in phase of a session
  // that has not ended; a lobby's phase 0 is not being worked in yet.
  if (s.status != session_status::live) return reject(error_code::conflict, "The session has not started yet.");
  const auto carried =
      std::find_if(s.carried.begin(), s.carried.end(), [&](const carried_item& x) { return x.thread == c.thread; });
  if (carried == s.carried.end()) {
    // Named back only when it could be a thread at all.
    const auto named = text::char_count(c.thread) <= limits::max_thread_chars ? " \"" + c.thread + "\"" : "";
    return reject(error_code::not_found, "Nothing carried into this session has the thread" + named + ".");
  }
  if (carried->kind == carried_kind::assumption) {
    return reject(error_code::invalid,
                  "An assumption is checked on the board: mark it confirmed or challenged (board_mark).");
  }
  // Someone else's edit first: the current check-in goes back before anything else is looked at.
  const auto existing =
      std::find_if(s.check_ins.begin(), s.check_ins.end(), [&](const check_in& x) { return x.thread == c.thread; });
  if (existing != s.check_ins.end() && existing->version != c.version) {
    return stale("check-in", existing->version, *existing);
  }
  if (existing == s.check_ins.end() && c.version != 0) {
    return reject(error_code::conflict, "There is no check-in on this yet: send version 0 to write the first.");
  }
  if (c.tried == tried_state::invalid) {
    return reject(error_code::invalid, carried->kind == carried_kind::question
                                           ? "Say whether the question was asked: yes, partly or not_yet."
                                           : "Say whether the adaptation was tried: yes, partly or not_yet.");
  }
  if (c.decision == check_in_decision::invalid) {
    return reject(error_code::invalid, "Decide: keep, adjust or drop.");
  }
  if (auto r = check_optional_text(c.happened, limits::max_check_in_chars, "What happened")) return *r;
  if (auto r = check_optional_text(c.note, limits::max_check_in_chars, "The note")) return *r;
  const bool adjusting = c.decision == check_in_decision::adjust;
  if (adjusting) {
    if (auto r = check_text(c.adjusted, max_text_chars(carried->kind), "The adjusted text")) return *r;
  } else if (!text::trimmed(c.adjusted).empty()) {
    return reject(error_code::invalid, "Adjusted text goes only with the decision adjust.");
  }
  if (auto r = check_evidence(s, c.evidence)) return *r;

  check_in saved;
  if (existing != s.check_ins.end()) {
    saved = *existing;
    ++saved.version;
  } else {
    saved.id = next_id(s, "k");
    saved.thread = c.thread;
    saved.version = 1;
  }
  saved.phase = s.current_phase()->id;
  saved.tried = c.tried;
  saved.happened = text::trimmed(c.happened);
  saved.evidence = c.evidence;
  saved.note = text::trimmed(c.note);
  saved.decision = c.decision;
  saved.adjusted = adjusting ? text::trimmed(c.adjusted) : std::string();
  saved.author = from.participant;
  return one(evt::check_in_saved{std::move(saved)});
}

}  // namespace debrief::protocol
