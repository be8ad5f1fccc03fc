#pragma once
// What each person may see. In a private phase, entries and annotations are
// their author's alone until the facilitator reveals the phase: they are left
// out of everyone else's snapshots and events, not merely hidden on screen.

#include <string>

#include <nlohmann/json.hpp>

#include "debrief/protocol/events.hpp"
#include "debrief/protocol/state.hpp"

namespace debrief::protocol {

// The session as `viewer` (a participant id, or empty for someone who has
// not joined, and for exports) may see it.
nlohmann::json view_state(const session_state& s, const std::string& viewer);

// An event as shown to clients, given the state right after it. `for_others`
// goes to everyone except `author`, who gets `for_author` when it is set.
struct event_views {
  nlohmann::json for_others;
  std::string author;
  nlohmann::json for_author;  // null: the author sees `for_others` too
};
event_views view_event(const session_state& after, const event& e);
// True when every viewer gets `e` exactly as it is stored (most events), so
// its stored text can be sent as it is.
bool shown_as_stored(const event& e);

// True when `e` changes what a connection that has not joined is shown (see
// lobby_message): who is here, the status, the agenda.
bool changes_lobby(const event& e);

bool entry_visible(const session_state& s, const entry& e, const std::string& viewer);
bool annotation_visible(const session_state& s, const annotation& a, const std::string& viewer);

}  // namespace debrief::protocol
