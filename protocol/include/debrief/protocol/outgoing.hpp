#pragma once
// Each event as the server sends it: the message text every viewer gets,
// built once per event, and what it becomes when the transcript is withdrawn.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "debrief/protocol/events.hpp"
#include "debrief/protocol/state.hpp"

namespace debrief::protocol {

// One message's text, shared by every connection it is sent to.
using shared_text = std::shared_ptr<const std::string>;

inline shared_text make_text(std::string s) { return std::make_shared<const std::string>(std::move(s)); }

// One event as sent: one buffer for everyone, and another for its author
// when the author may see more (an entry in a private phase).
struct outgoing_event {
  std::int64_t seq = 0;
  millis time = 0;
  shared_text for_others;
  std::string author;
  shared_text for_author;  // null: the author gets for_others
  // What the event becomes once the transcript is withdrawn (see
  // scrubbed_body), for an event that holds transcript words.
  std::optional<std::string> scrubbed_body;

  const shared_text& for_viewer(const std::string& participant) const {
    return for_author && participant == author ? for_author : for_others;
  }
};

// The messages of one event, given the state right after it and the event
// as stored (JSON text).
outgoing_event make_outgoing(std::int64_t seq, millis time, const session_state& after, const event& e,
                             std::string_view stored);

// After a withdrawal: an event that held transcript words is shown to
// everyone as the "scrubbed" marker it is now stored as; others are kept.
void scrub_transcript(outgoing_event& e);

}  // namespace debrief::protocol
