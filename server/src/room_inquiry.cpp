// What a room does for inquiries: becoming the first session of one, and
// closing when its inquiry is deleted.

#include "log.hpp"
#include "room.hpp"

namespace debrief::server {

void room::start_inquiry(std::string key, storage::inquiry_record inquiry,
                         std::function<void(std::variant<storage::inquiry_record, protocol::rejection>)> done) {
  net::post(strand_, [self = shared_from_this(), key = std::move(key), inquiry = std::move(inquiry),
                      done = std::move(done)]() mutable {
    using protocol::error_code;
    if (self->erased_) return done(protocol::rejection{error_code::not_found, "There is no such session."});
    if (!self->keys_.may_export(self->committed_, self->token_holder(key), key)) {
      return done(protocol::rejection{error_code::forbidden,
                                      "Only the facilitator or the presenter can start an inquiry from a session."});
    }
    // Taken now, before the disk answers: a second request meanwhile is refused too.
    if (self->inquiry_) {
      return done(protocol::rejection{error_code::conflict, "This session is already part of an inquiry."});
    }
    if (!self->store_.available()) {
      return done(protocol::rejection{error_code::unavailable, "The inquiry could not be stored; try again."});
    }
    if (inquiry.title.empty()) inquiry.title = self->committed_.title;
    self->inquiry_ = storage::inquiry_place{inquiry.id, 1};
    storage::write_batch batch;
    batch.session = self->id_;
    batch.create_inquiry = inquiry;
    self->submit_batch(
        std::move(batch), [self, inquiry, done = std::move(done)](const std::optional<std::string>& error) {
          if (error) {
            self->inquiry_.reset();
            log_event(log_level::error, "inquiry_create_failed", "creating an inquiry failed",
                      {{"session", session_ref(self->id_)}, {"error", *error}});
            return done(
                protocol::rejection{protocol::error_code::unavailable, "The inquiry could not be stored; try again."});
          }
          log_event(log_level::info, "inquiry_created", "an inquiry was created from a session",
                    {{"inquiry", inquiry_ref(inquiry.id)}, {"session", session_ref(self->id_)}});
          done(inquiry);
        });
  });
}

void room::close_for_erase(std::string why, std::function<void()> closed) {
  net::post(strand_, [self = shared_from_this(), why = std::move(why), closed = std::move(closed)] {
    if (!self->erased_) self->close_as_erased(why, "session deleted");
    closed();
  });
}

}  // namespace debrief::server
