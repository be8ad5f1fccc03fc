// Adaptations to practice: the presenter's commitments, and colleagues'
// suggestions that the presenter accepts or declines.

#include "apply_support.hpp"
#include "debrief/protocol/time_zone.hpp"

namespace debrief::protocol {

using namespace detail;

namespace {

std::variant<cmd::adaptation_fields, rejection> clean(const session_state& s, const cmd::adaptation_fields& f) {
  if (auto r = check_text(f.change, limits::max_adaptation_chars, "The change")) return *r;
  cmd::adaptation_fields out;
  out.change = text::trimmed(f.change);
  out.for_whom = text::trimmed(f.for_whom);
  if (out.for_whom.empty()) out.for_whom = "all learners";
  if (text::char_count(out.for_whom) > limits::max_for_whom_chars) {
    return reject(error_code::too_large,
                  "\"For whom\" can be at most " + std::to_string(limits::max_for_whom_chars) + " characters.");
  }
  if (text::has_control_chars(out.for_whom)) {
    return reject(error_code::invalid, "\"For whom\" is a pseudonym or \"all learners\", on one line.");
  }
  if (auto r = check_evidence(s, f.evidence)) return *r;
  out.evidence = f.evidence;
  if (!f.check_in.empty() && !parse_day(f.check_in)) {
    return reject(error_code::invalid, "A check-in date looks like 2026-03-15.");
  }
  out.check_in = f.check_in;
  if (f.follow_ups.size() > limits::max_follow_ups)
    return reject(error_code::too_large, "At most " + std::to_string(limits::max_follow_ups) + " follow-up questions.");
  for (const auto& q : f.follow_ups) {
    if (auto r = check_text(q, limits::max_follow_up_chars, "A follow-up question")) return *r;
    out.follow_ups.push_back(text::trimmed(q));
  }
  return out;
}

void assign(adaptation& a, cmd::adaptation_fields f) {
  a.change = std::move(f.change);
  a.for_whom = std::move(f.for_whom);
  a.evidence = std::move(f.evidence);
  a.check_in = std::move(f.check_in);
  a.follow_ups = std::move(f.follow_ups);
}

// The presenter may change any adaptation; others only their own suggestion.
std::variant<const adaptation*, rejection> changeable(const session_state& s, const std::string& id,
                                                      const sender& from) {
  const auto* a = find_by_id(s.adaptations, id);
  if (a == nullptr) return reject(error_code::not_found, "There is no such adaptation.");
  const bool presenter = s.has_role(from.participant, role::presenter);
  if (!presenter && !(a->author == from.participant && a->status == adaptation_status::suggested)) {
    return reject(error_code::forbidden, "Only the presenter can change this adaptation.");
  }
  return a;
}

}  // namespace

outcome handle(const session_state& s, const cmd::adaptation_add& c, const sender& from, millis) {
  if (s.adaptations.size() >= limits::max_adaptations)
    return reject(error_code::too_large, "Too many adaptations (" + std::to_string(limits::max_adaptations) + ").");
  auto fields = clean(s, c.fields);
  if (auto* r = std::get_if<rejection>(&fields)) return *r;
  adaptation a;
  a.id = next_id(s, "a");
  assign(a, std::get<cmd::adaptation_fields>(std::move(fields)));
  a.author = from.participant;
  a.status = s.has_role(from.participant, role::presenter) ? adaptation_status::accepted : adaptation_status::suggested;
  return one(evt::adaptation_saved{std::move(a)});
}

outcome handle(const session_state& s, const cmd::adaptation_edit& c, const sender& from, millis) {
  auto found = changeable(s, c.adaptation, from);
  if (auto* r = std::get_if<rejection>(&found)) return *r;
  auto a = *std::get<const adaptation*>(found);
  if (a.version != c.version) return stale("adaptation", a.version, a);
  auto fields = clean(s, c.fields);
  if (auto* r = std::get_if<rejection>(&fields)) return *r;
  assign(a, std::get<cmd::adaptation_fields>(std::move(fields)));
  ++a.version;
  return one(evt::adaptation_saved{std::move(a)});
}

outcome handle(const session_state& s, const cmd::adaptation_decide& c, const sender&, millis) {
  const auto* found = find_by_id(s.adaptations, c.adaptation);
  if (found == nullptr) return reject(error_code::not_found, "There is no such adaptation.");
  if (found->version != c.version) return stale("adaptation", found->version, *found);
  if (found->status != adaptation_status::suggested) {
    return reject(error_code::conflict, "Only a suggestion can be accepted or declined.");
  }
  auto a = *found;
  a.status = c.accept ? adaptation_status::accepted : adaptation_status::declined;
  ++a.version;
  return one(evt::adaptation_saved{std::move(a)});
}

outcome handle(const session_state& s, const cmd::adaptation_remove& c, const sender& from, millis) {
  auto found = changeable(s, c.adaptation, from);
  if (auto* r = std::get_if<rejection>(&found)) return *r;
  return one(evt::adaptation_removed{c.adaptation});
}

}  // namespace debrief::protocol
