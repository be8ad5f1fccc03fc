#include "debrief/protocol/effects.hpp"

#include "debrief/protocol/visibility.hpp"

namespace debrief::protocol {

namespace {

// Presence and membership leave the timer alone; anything else may move it.
bool changes_timer(const event& e) {
  return !std::holds_alternative<evt::participant_joined>(e) && !std::holds_alternative<evt::participant_left>(e) &&
         !std::holds_alternative<evt::presence_changed>(e);
}

}  // namespace

side_effects effects_of(const std::vector<event>& events) {
  side_effects out;
  for (const auto& e : events) {
    if (const auto* joined = std::get_if<evt::participant_joined>(&e)) out.joined.push_back(joined->participant.id);
    if (const auto* gone = std::get_if<evt::participant_left>(&e)) out.left.push_back(gone->participant);
    out.started = out.started || std::holds_alternative<evt::session_started>(e);
    out.ended = out.ended || std::holds_alternative<evt::session_ended>(e);
    out.transcript_withdrawn = out.transcript_withdrawn || std::holds_alternative<evt::transcript_withdrawn>(e);
    out.timer_may_change = out.timer_may_change || changes_timer(e);
    out.lobby_changed = out.lobby_changed || changes_lobby(e);
  }
  return out;
}

}  // namespace debrief::protocol
