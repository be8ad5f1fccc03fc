#include "debrief/protocol/outgoing.hpp"

#include <nlohmann/json.hpp>

#include "debrief/protocol/visibility.hpp"
#include "debrief/protocol/wire.hpp"

namespace debrief::protocol {

outgoing_event make_outgoing(std::int64_t seq, millis time, const session_state& after, const event& e,
                             std::string_view stored) {
  outgoing_event out;
  out.seq = seq;
  out.time = time;
  out.scrubbed_body = scrubbed_body(e);
  if (shown_as_stored(e)) {
    out.for_others = make_text(event_message_text(seq, time, stored));
    return out;
  }
  auto views = view_event(after, e);
  out.for_others = make_text(event_message(seq, time, views.for_others).dump());
  if (!views.for_author.is_null()) {
    out.author = views.author;
    out.for_author = make_text(event_message(seq, time, views.for_author).dump());
  }
  return out;
}

void scrub_transcript(outgoing_event& e) {
  if (!e.scrubbed_body) return;
  e.for_others = make_text(event_message_text(e.seq, e.time, *e.scrubbed_body));
  e.for_author = nullptr;
  e.scrubbed_body.reset();
}

}  // namespace debrief::protocol
