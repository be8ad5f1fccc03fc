#pragma once
// What applied events ask of the shell besides the new state, as values:
// the server issues credentials, marks the stored session, scrubs, and
// moves connections as these say, without looking at event types itself.

#include <string>
#include <vector>

#include "debrief/protocol/events.hpp"

namespace debrief::protocol {

struct side_effects {
  // Participants made (one per join): each gets a resume token.
  std::vector<std::string> joined;
  // Participants who left: their connections are shown only the lobby.
  std::vector<std::string> left;
  bool started = false;  // the session left the lobby: lobby expiry lets it be
  bool ended = false;
  // The transcript was withdrawn: its words leave the stored log, the
  // messages kept for catching up, and the snapshot.
  bool transcript_withdrawn = false;
  // The running timer's deadline may have moved: store it, rearm the expiry.
  bool timer_may_change = false;
  // What a connection that has not joined is shown changed (lobby_message).
  bool lobby_changed = false;

  bool operator==(const side_effects&) const = default;
};

side_effects effects_of(const std::vector<event>& events);

}  // namespace debrief::protocol
