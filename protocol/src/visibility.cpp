#include "debrief/protocol/visibility.hpp"

#include "apply_support.hpp"

namespace debrief::protocol {

namespace {

bool anonymous_phase(const session_state& s, const std::string& phase_id) {
  const auto* phase = s.find_phase(phase_id);
  return phase != nullptr && phase->anonymous;
}

template <class T>
nlohmann::json shown(const session_state& s, T value, const std::string& viewer) {
  if (value.author != viewer && anonymous_phase(s, value.phase)) value.author.clear();
  return value;
}

// What others learn of a hidden entry or annotation: that it exists.
template <class T>
nlohmann::json placeholder(const session_state& s, const T& value) {
  nlohmann::json j = {{"id", value.id}, {"phase", value.phase}, {"hidden", true}};
  if (!anonymous_phase(s, value.phase)) j["author"] = value.author;
  return j;
}

template <class T, class Visible>
event_views private_views(const session_state& s, const T& value, const char* type, const char* field,
                          Visible visible) {
  event_views v;
  v.author = value.author;
  const std::string someone_else = "\x01";  // matches no participant id
  v.for_others = {{"type", type},
                  {field, visible(s, value, someone_else) ? shown(s, value, someone_else) : placeholder(s, value)}};
  v.for_author = {{"type", type}, {field, value}};
  return v;
}

}  // namespace

bool entry_visible(const session_state& s, const entry& e, const std::string& viewer) {
  return e.author == viewer || e.shared || !detail::hidden_phase(s, e.phase);
}

bool annotation_visible(const session_state& s, const annotation& a, const std::string& viewer) {
  return a.author == viewer || !detail::hidden_phase(s, a.phase);
}

nlohmann::json view_state(const session_state& s, const std::string& viewer) {
  // Hidden items appear as the same placeholders events carry, so a client
  // counts "3 private notes" whether it caught up by events or by snapshot.
  nlohmann::json j = s;
  auto& entries = j["entries"] = nlohmann::json::array();
  for (const auto& e : s.entries)
    entries.push_back(entry_visible(s, e, viewer) ? shown(s, e, viewer) : placeholder(s, e));
  auto& annotations = j["annotations"] = nlohmann::json::array();
  for (const auto& a : s.annotations) {
    annotations.push_back(annotation_visible(s, a, viewer) ? shown(s, a, viewer) : placeholder(s, a));
  }
  return j;
}

event_views view_event(const session_state& after, const event& e) {
  if (const auto* saved = std::get_if<evt::entry_saved>(&e)) {
    return private_views(after, saved->entry, "entry_saved", "entry", entry_visible);
  }
  if (const auto* saved = std::get_if<evt::annotation_saved>(&e)) {
    return private_views(after, saved->annotation, "annotation_saved", "annotation", annotation_visible);
  }
  event_views v;
  v.for_others = e;
  if (shown_as_stored(e)) return v;
  if (const auto* revealed = std::get_if<evt::phase_revealed>(&e)) {
    // Everyone now gets what was written there (authors left out in an
    // anonymous phase); each author already holds their own.
    auto& entries = v.for_others["entries"] = nlohmann::json::array();
    for (const auto& x : after.entries) {
      if (x.phase == revealed->phase) entries.push_back(shown(after, x, {}));
    }
    auto& annotations = v.for_others["annotations"] = nlohmann::json::array();
    for (const auto& x : after.annotations) {
      if (x.phase == revealed->phase) annotations.push_back(shown(after, x, {}));
    }
  }
  return v;
}

bool shown_as_stored(const event& e) {
  return !std::holds_alternative<evt::entry_saved>(e) && !std::holds_alternative<evt::annotation_saved>(e) &&
         !std::holds_alternative<evt::phase_revealed>(e);
}

bool changes_lobby(const event& e) {
  return std::holds_alternative<evt::participant_joined>(e) || std::holds_alternative<evt::participant_left>(e) ||
         std::holds_alternative<evt::presence_changed>(e) || std::holds_alternative<evt::facilitator_handed_over>(e) ||
         std::holds_alternative<evt::presenter_moved>(e) || std::holds_alternative<evt::session_started>(e) ||
         std::holds_alternative<evt::session_ended>(e) || std::holds_alternative<evt::agenda_changed>(e);
}

}  // namespace debrief::protocol
