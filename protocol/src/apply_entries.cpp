// Entries: what each person writes in a phase (noticings, reflections,
// chart cells), private to their author in a private phase until revealed.

#include "apply_support.hpp"

namespace debrief::protocol {

using namespace detail;

namespace {

bool may_write(writers w, role r) {
  switch (w) {
    case writers::presenter: return r == role::presenter;
    case writers::colleagues: return r == role::facilitator || r == role::colleague;
    default: return r == role::facilitator || r == role::presenter || r == role::colleague;
  }
}

std::variant<const entry*, rejection> own_entry(const session_state& s, const std::string& id, const sender& from) {
  const auto* e = find_by_id(s.entries, id);
  if (e == nullptr || (e->author != from.participant && hidden_phase(s, e->phase) && !e->shared)) {
    return reject(error_code::not_found, "There is no such entry.");
  }
  if (e->author != from.participant) return reject(error_code::forbidden, "Only its author can change an entry.");
  return e;
}

}  // namespace

outcome handle(const session_state& s, const cmd::entry_add& c, const sender& from, millis) {
  const auto* phase = s.current_phase();
  if (phase == nullptr) return reject(error_code::conflict, "There is no current phase.");
  if (!may_write(phase->writers, s.role_of(from.participant))) {
    return reject(error_code::forbidden,
                  "In this phase only the " + nlohmann::json(phase->writers).get<std::string>() + " may write.");
  }
  if (c.prompt < -1 || c.prompt >= static_cast<int>(phase->prompts.size())) {
    return reject(error_code::invalid, "There is no such prompt in this phase.");
  }
  if (auto r = check_text(c.text, limits::max_entry_chars, "An entry")) return *r;
  if (s.entries.size() >= limits::max_entries)
    return reject(error_code::too_large, "Too many entries (" + std::to_string(limits::max_entries) + ").");
  return one(
      evt::entry_saved{{next_id(s, "e"), phase->id, c.prompt, text::trimmed(c.text), from.participant, false, 1}});
}

outcome handle(const session_state& s, const cmd::entry_edit& c, const sender& from, millis) {
  auto found = own_entry(s, c.entry, from);
  if (auto* r = std::get_if<rejection>(&found)) return *r;
  auto e = *std::get<const entry*>(found);
  if (e.version != c.version) return stale("entry", e.version, e);
  if (auto r = check_text(c.text, limits::max_entry_chars, "An entry")) return *r;
  e.text = text::trimmed(c.text);
  ++e.version;
  return one(evt::entry_saved{std::move(e)});
}

outcome handle(const session_state& s, const cmd::entry_remove& c, const sender& from, millis) {
  auto found = own_entry(s, c.entry, from);
  if (auto* r = std::get_if<rejection>(&found)) return *r;
  return one(evt::entry_removed{c.entry});
}

outcome handle(const session_state& s, const cmd::entry_share& c, const sender& from, millis) {
  auto found = own_entry(s, c.entry, from);
  if (auto* r = std::get_if<rejection>(&found)) return *r;
  auto e = *std::get<const entry*>(found);
  if (!hidden_phase(s, e.phase) || e.shared) return reject(error_code::conflict, "Everyone can already see it.");
  e.shared = true;
  ++e.version;
  return one(evt::entry_saved{std::move(e)});
}

}  // namespace debrief::protocol
