// What a room does for its event: publishing its summary to the event's
// board, and taking a host action as its facilitator's command would be
// taken (decided against applied state, stored, broadcast; the sender is the
// host's HTTP request, answered through a callback instead of an ack).

#include "log.hpp"
#include "metrics.hpp"
#include "room.hpp"

namespace debrief::server {

void room::publish_summary() {
  if (!board_ || !event_ || erased_) return;
  auto now = protocol::summarize(committed_, committed_seq_, static_cast<int>(event_->position));
  // Writing that changes nothing a host sees sends nothing (and keeps the
  // seq of the change that did).
  if (published_ && protocol::same_picture(*published_, now)) return;
  published_ = now;
  board_->publish(now);
}

void room::apply_host(protocol::host_action action, std::function<void(std::optional<protocol::rejection>)> done) {
  net::post(strand_, [self = shared_from_this(), action = std::move(action), done = std::move(done)]() mutable {
    using protocol::error_code;
    if (self->erased_) return done(protocol::rejection{error_code::not_found, "This room was deleted."});
    // Its event was deleted meanwhile and the room kept: no host acts on it.
    if (!self->event_) return done(protocol::rejection{error_code::not_found, "This room is in no event."});
    const auto now = self->clock_();
    auto result = protocol::apply_host(self->applied_, action, now);
    if (auto* why = std::get_if<protocol::rejection>(&result)) {
      metrics::get().command("host_action", protocol::to_string(why->code));
      return done(*why);
    }
    auto events = std::get<std::vector<protocol::event>>(std::move(result));
    if (events.empty()) return done(std::nullopt);
    if (!self->store_.available()) {
      metrics::get().command("host_action", protocol::to_string(error_code::unavailable));
      return done(protocol::rejection{error_code::unavailable, "Changes can't be saved right now; try again."});
    }
    self->commit(std::move(events), now, {}, "host_action", [done = std::move(done)](bool stored) {
      if (!stored)
        return done(protocol::rejection{error_code::unavailable, "Changes can't be saved right now; try again."});
      done(std::nullopt);
    });
  });
}

void room::leave_event() {
  net::post(strand_, [self = shared_from_this()] {
    self->keys_.host_key.clear();
    self->event_.reset();
    self->board_.reset();
    self->published_.reset();
  });
}

}  // namespace debrief::server
