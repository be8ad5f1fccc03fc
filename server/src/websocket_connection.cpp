#include "websocket_connection.hpp"

#include <algorithm>

#include "clock.hpp"
#include "debrief/protocol/limits.hpp"
#include "debrief/protocol/wire.hpp"
#include "host_connection.hpp"
#include "hub.hpp"
#include "metrics.hpp"

namespace debrief::server {

namespace {

// Before hello a connection belongs to no session: nothing is its to send.
nlohmann::json before_hello(const std::string& id) {
  return protocol::error_message({protocol::error_code::not_joined, "Send hello before any command."}, id);
}

}  // namespace

websocket_connection::websocket_connection(tcp::socket&& socket, hub& rooms, const net::ip::address& client,
                                           websocket_timeouts timeouts, std::vector<std::shared_ptr<void>> places)
    : ws_(std::move(socket)),
      hub_(rooms),
      bucket_(rooms.unjoined_bucket(client)),
      timeouts_(timeouts),
      deadline_(ws_.get_executor()),
      places_(std::move(places)) {}

websocket_connection::~websocket_connection() {
  if (room_) room_->detach(this);
}

void websocket_connection::run(http::request<http::string_body> upgrade) {
  // Beast pings a connection silent for half the idle time and drops it when
  // the whole has passed: a vanished participant shows offline that soon.
  auto timeout = websocket::stream_base::timeout::suggested(beast::role_type::server);
  timeout.idle_timeout = timeouts_.idle;
  timeout.keep_alive_pings = true;
  ws_.set_option(timeout);
  // No limit of Beast's: it would fail the connection at the frame's header,
  // dropping the socket while the client still sends, so that the client
  // never reads the 1009. The session counts instead (read_next), and the
  // close's own timeout bounds how long an oversize message is drained.
  ws_.read_message_max(0);
  // A message goes as one frame in one write: Beast's default splits any
  // message past 4 KB into frames written one by one (a large snapshot into
  // hundreds of sends).
  ws_.auto_fragment(false);
  ws_.async_accept(upgrade, beast::bind_front_handler(&websocket_connection::on_accept, shared_from_this()));
}

void websocket_connection::on_accept(beast::error_code ec) {
  if (ec) return;
  // A socket that never says hello would otherwise be held for ever,
  // answering pings: enough of them exhaust the server's descriptors.
  deadline_.expires_after(timeouts_.hello);
  deadline_.async_wait(beast::bind_front_handler(&websocket_connection::on_hello_deadline, shared_from_this()));
  wait_for_message();
}

void websocket_connection::on_hello_deadline(beast::error_code ec) {
  if (ec || room_ || host_ || closing_ || close_when_drained_) return;  // cancelled, or hello came
  begin_close(static_cast<unsigned short>(websocket::close_code::policy_error), "no hello in time");
}

void websocket_connection::on_join_deadline(beast::error_code ec) {
  if (ec || joined_ || closing_ || close_when_drained_) return;  // cancelled, or joined
  begin_close(lobby_watch_ended, "no join in time");
}

void websocket_connection::wait_for_message() {
  // A read into no buffer: Beast reads the next message's first bytes into
  // its own frame buffer (answering pings and keeping its timeouts
  // meanwhile) and completes with none copied. An idle connection, which
  // most are, then holds no read buffer of its own; the message's buffer is
  // made when it has come, for its size. (Not a null buffer: Beast's UTF-8
  // check reads from its address even when it is empty.)
  ws_.async_read_some(net::mutable_buffer(&no_bytes_, 0),
                      beast::bind_front_handler(&websocket_connection::on_message_start, shared_from_this()));
}

void websocket_connection::on_message_start(beast::error_code ec, std::size_t bytes) {
  // An empty message is already whole.
  if (ec || ws_.is_message_done()) return on_read(ec, bytes);
  read_next();
}

void websocket_connection::read_next() {
  // A piece at a time, never past the limit by more than one byte: a message
  // that reaches it is refused (refuse_oversize) without being held whole.
  // Beast sizes a piece by what the frame's header announces: the cap keeps
  // a header that claims megabytes from reserving them before they come.
  ws_.async_read_some(buffer_, std::min(max_message_bytes + 1 - buffer_.size(), max_read_piece_bytes),
                      beast::bind_front_handler(&websocket_connection::on_read, shared_from_this()));
}

void websocket_connection::on_read(beast::error_code ec, std::size_t) {
  if (ec) {  // closed, timed out, or not WebSocket
    deadline_.cancel();
    return leave_room();
  }
  if (buffer_.size() > max_message_bytes) return refuse_oversize();
  if (!ws_.is_message_done()) return read_next();
  if (!ws_.got_text()) {
    send_json(protocol::error_message({protocol::error_code::bad_message, "Only text frames are accepted."}));
  } else {
    handle(beast::buffers_to_string(buffer_.data()));
  }
  // Give the memory back: most connections are idle between small messages,
  // and a transcript import can leave megabytes behind.
  buffer_.consume(buffer_.size());
  buffer_.shrink_to_fit();
  if (!closing_ && !opening_) wait_for_message();
}

void websocket_connection::opened(open_result r, protocol::hello hello) {
  opening_ = false;
  if (r.r) {
    room_ = std::move(r.r);
    room_->attach(shared_from_this(), std::move(hello));
  } else if (r.unreadable) {
    send_json(protocol::error_message({protocol::error_code::unavailable, "This session cannot be read right now."}));
    close_after_send(1011, "storage unavailable");
  } else {
    send_json(protocol::error_message({protocol::error_code::not_found, "There is no session with that code."}));
    close_after_send(1008, "no such session");
  }
  if (!closing_) wait_for_message();
}

void websocket_connection::leave_room() {
  // Now, not at destruction: pending writes may keep this object alive a
  // while longer.
  if (room_) {
    room_->detach(this);
    room_.reset();
  }
  host_.reset();  // unsubscribes
}

void websocket_connection::refuse_oversize() {
  leave_room();
  buffer_ = {};
  if (closing_) return;
  // Counted, and logged as a count now and then (app.cpp): a flood of them
  // must not flood the log.
  metrics::get().cut(cut_off::message_too_big);
  queue_.truncate(writing_ ? 1 : 0);  // the write in flight still reads its message
  // Beast's close sends the close frame, then reads and discards the rest of
  // the message until the client's own close frame: the client, done
  // sending, reads 1009 instead of finding the socket gone.
  begin_close(static_cast<unsigned short>(websocket::close_code::too_big), "message too big");
}

void websocket_connection::handle(const std::string& text) {
  using protocol::error_code;
  if (!bucket_->take()) {
    metrics::get().refused(joined_ ? limit_hit::participant_messages : limit_hit::unjoined_messages);
    // Refused before it reaches the room, so a flood costs one JSON parse
    // (bounded by the message limit) and no room work; the id is echoed so
    // the client knows which command to resend.
    const auto j = nlohmann::json::parse(text, nullptr, false);
    const auto id = j.is_object() && j.contains("id") && j.at("id").is_string() ? j.at("id").get<std::string>() : "";
    send_json(protocol::error_message(
        {error_code::rate_limited, "Too many messages: a person may send " +
                                       std::to_string(static_cast<int>(participant_messages.per_second)) +
                                       " a second (" + std::to_string(static_cast<int>(participant_messages.burst)) +
                                       " at once). Nothing was applied; try again shortly."},
        id.size() <= protocol::limits::max_command_id_chars ? id : ""));
    return;
  }
  if (host_) return handle_host(text);
  if (!room_) {
    // A host console's first message stands instead of hello.
    if (const auto first = nlohmann::json::parse(text, nullptr, false); is_host_message(first)) {
      deadline_.cancel();
      host_ = std::make_shared<host_subscription>(hub_, weak_from_this());
      host_->start(first);
      return;
    }
  }
  auto parsed = protocol::parse_client_message(text);
  if (auto* bad = std::get_if<protocol::parse_error>(&parsed)) {
    // A command with wrong fields is refused for its sender's role first,
    // which only the room knows (and before hello, nobody has a role).
    if (bad->command.empty() || bad->id.empty()) return send_json(protocol::error_message(bad->why, bad->id));
    if (!room_) return send_json(before_hello(bad->id));
    return room_->refuse(this, std::move(*bad));
  }
  auto& message = std::get<protocol::client_message>(parsed);
  if (auto* ping = std::get_if<protocol::ping>(&message)) {
    send_json(protocol::pong_message(ping->t, hub_.clock()()));
    return;
  }
  if (auto* hello = std::get_if<protocol::hello>(&message)) {
    if (room_) {
      send_json(protocol::error_message({error_code::bad_message, "This connection has already said hello."}));
      return;
    }
    if (hello->version != protocol::protocol_version) {
      send_json(
          protocol::error_message({error_code::unsupported_version,
                                   "This server speaks protocol version " + std::to_string(protocol::protocol_version) +
                                       " only; reload the page to get a client that does."}));
      return close_after_send(1002, "unsupported version");
    }
    // Reading pauses until the room is known (it may be loading from disk):
    // what the client sends next is for that room.
    opening_ = true;
    // A lobby is cheap to watch but not free: an abandoned join page lets
    // go of its socket after a while (the room's use_rate_bucket says joined).
    deadline_.expires_after(timeouts_.join);
    deadline_.async_wait(beast::bind_front_handler(&websocket_connection::on_join_deadline, shared_from_this()));
    const auto code = hello->session;  // before the hello moves into the callback
    hub_.open(code, [self = shared_from_this(), hello = std::move(*hello)](open_result r) mutable {
      net::post(self->ws_.get_executor(), [self, r = std::move(r), hello = std::move(hello)]() mutable {
        self->opened(std::move(r), std::move(hello));
      });
    });
    return;
  }
  auto& command = std::get<protocol::client_command>(message);
  if (!room_) return send_json(before_hello(command.id));
  room_->submit(this, std::move(command));
}

void websocket_connection::handle_host(const std::string& text) {
  auto parsed = protocol::parse_client_message(text);
  if (auto* message = std::get_if<protocol::client_message>(&parsed)) {
    if (auto* ping = std::get_if<protocol::ping>(message)) {
      return send_json(protocol::pong_message(ping->t, hub_.clock()()));
    }
  }
  send_json(protocol::error_message(
      {protocol::error_code::bad_message, "A host's connection sends only ping after its first message."}));
}

void websocket_connection::send_json(const nlohmann::json& message) { enqueue(make_text(message.dump())); }

// The room's calls below run at once when the room runs on this
// connection's thread and executor (one network thread: no strands), else
// they are posted; all four the same way, so their order is kept.
void websocket_connection::send(shared_text message) {
  net::dispatch(ws_.get_executor(), [self = shared_from_this(), message = std::move(message)]() mutable {
    self->enqueue(std::move(message));
  });
}

void websocket_connection::send(std::vector<shared_text> messages, std::chrono::steady_clock::time_point committed) {
  net::dispatch(ws_.get_executor(), [self = shared_from_this(), messages = std::move(messages), committed]() mutable {
    for (auto& m : messages) {
      if (!self->push(std::move(m))) return;
    }
    self->flush();
    metrics::get().delivered(std::chrono::steady_clock::now() - committed);
  });
}

void websocket_connection::enqueue(shared_text message) {
  if (push(std::move(message))) flush();
}

bool websocket_connection::push(shared_text message) {
  if (closing_) return false;
  // Only the backlog counts, so one message larger than the limit (the
  // snapshot of a very full session) still goes out to a client that keeps up.
  if (queue_.bytes() >= max_queued_bytes || queue_.size() >= max_queued_messages) {
    // It is not reading: waiting for it would hold every later message of
    // its room hostage. Drop it; it can resume from its last seq.
    metrics::get().cut(cut_off::send_queue_full);
    // The message being written stays until its write completes: the write
    // in flight still reads it.
    queue_.truncate(writing_ ? 1 : 0);
    closing_ = true;
    beast::error_code ignored;
    beast::get_lowest_layer(ws_).close(ignored);
    return false;
  }
  queue_.push(std::move(message));
  backlog_.store(queue_.bytes(), std::memory_order_relaxed);
  return true;
}

void websocket_connection::flush() {
  if (!writing_) write_next();
}

void websocket_connection::write_next() {
  backlog_.store(queue_.bytes(), std::memory_order_relaxed);
  if (queue_.empty()) {
    if (close_when_drained_) {
      auto [code, reason] = std::move(*close_when_drained_);
      close_when_drained_.reset();
      begin_close(code, std::move(reason));
    }
    return;
  }
  writing_ = true;
  // Another message waits behind this one: a small one's frame goes out with
  // the next, up to a bound, so a commit costs a connection one send. (A
  // large one, a joiner's snapshot, goes alone rather than be copied.)
  auto& socket = ws_.next_layer();
  socket.hold(queue_.size() > 1 && queue_.front()->size() <= max_coalesced_message_bytes &&
              socket.held_bytes() < max_coalesced_bytes);
  ws_.text(true);
  ws_.async_write(net::buffer(*queue_.front()),
                  beast::bind_front_handler(&websocket_connection::on_write, shared_from_this()));
}

void websocket_connection::on_write(beast::error_code ec, std::size_t) {
  writing_ = false;
  // After an overflow the queue was emptied while this write was in flight
  // (it may still have succeeded): nothing more goes out.
  if (ec || closing_) {
    ws_.next_layer().hold(false);
    queue_.truncate(0);
    backlog_.store(0, std::memory_order_relaxed);
    return;
  }
  queue_.pop();
  write_next();
}

void websocket_connection::close_after_send(unsigned short code, std::string reason) {
  net::dispatch(ws_.get_executor(), [self = shared_from_this(), code, reason = std::move(reason)]() mutable {
    if (self->closing_ || self->close_when_drained_) return;
    self->close_when_drained_.emplace(code, std::move(reason));
    if (!self->writing_) self->write_next();
  });
}

void websocket_connection::use_rate_bucket(std::shared_ptr<token_bucket> bucket) {
  // On this connection's executor (its strand, with more than one network
  // thread), which reads bucket_ for every message.
  net::dispatch(ws_.get_executor(), [self = shared_from_this(), bucket = std::move(bucket)]() mutable {
    self->bucket_ = std::move(bucket);
    // Only a participant's connection gets their bucket: joined.
    self->joined_ = true;
    self->deadline_.cancel();
  });
}

void websocket_connection::begin_close(unsigned short code, std::string reason) {
  closing_ = true;
  // The close frame may be the last write: it must send whatever is held.
  ws_.next_layer().hold(false);
  websocket::close_reason why(static_cast<websocket::close_code>(code), reason);
  ws_.async_close(why, [self = shared_from_this()](beast::error_code) {});
}

}  // namespace debrief::server
