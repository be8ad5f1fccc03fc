#pragma once
// One browser's WebSocket: reads its messages, hands commands to its room,
// and writes what the room sends through a bounded queue, one write at a time.

#include <atomic>
#include <chrono>
#include <memory>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>
#include "beast.hpp"
#include "coalescing_socket.hpp"
#include "connection.hpp"
#include "debrief/protocol/wire.hpp"
#include "metrics.hpp"
#include "rate_limit.hpp"
#include "send_queue.hpp"

namespace debrief::server {

class hub;
class room;
class host_subscription;
struct open_result;

// A client that falls this far behind is cut off rather than slowing its room.
inline constexpr std::size_t max_queued_bytes = 4 << 20;
inline constexpr std::size_t max_queued_messages = 1024;
// Queued messages sent in one write: each at most this large (events and
// acks), together at most about this much.
inline constexpr std::size_t max_coalesced_message_bytes = 2 << 10;
inline constexpr std::size_t max_coalesced_bytes = 64 << 10;
// Large enough for a 5000-line transcript import; everything else is small.
inline constexpr std::size_t max_message_bytes = 2 << 20;
// A message is read in pieces of at most this much, its buffer growing as
// they come.
inline constexpr std::size_t max_read_piece_bytes = 64 << 10;
// Messages a participant may send, over all their connections: a burst,
// then so many a second. (Connections that have not joined share one bucket
// per client address instead; see hub::unjoined_bucket.)
inline constexpr rate_limit participant_messages{40, 20};

// How long a WebSocket may wait before hello, watch a lobby without joining,
// and stay silent.
struct websocket_timeouts {
  std::chrono::milliseconds hello = std::chrono::seconds(10);
  std::chrono::milliseconds join = std::chrono::minutes(15);
  std::chrono::milliseconds idle = std::chrono::seconds(30);
};

// The close code for a connection that watched a lobby past
// websocket_timeouts::join: the client reconnects when its person acts.
inline constexpr unsigned short lobby_watch_ended = 4000;

class websocket_connection : public connection, public std::enable_shared_from_this<websocket_connection> {
 public:
  // `client`: where the upgrade request came from (see client_address).
  // `places`: what this connection holds in the server's connection counts,
  // given back when it is gone.
  websocket_connection(tcp::socket&& socket, hub& rooms, const net::ip::address& client, websocket_timeouts timeouts,
                       std::vector<std::shared_ptr<void>> places);
  ~websocket_connection() override;

  void run(http::request<http::string_body> upgrade);

  void send(shared_text message) override;
  void send(std::vector<shared_text> messages, std::chrono::steady_clock::time_point committed) override;
  void close_after_send(unsigned short code, std::string reason) override;
  void use_rate_bucket(std::shared_ptr<token_bucket> bucket) override;
  std::size_t backlog_bytes() const override { return backlog_.load(std::memory_order_relaxed); }

 private:
  void on_accept(beast::error_code ec);
  // Waits for a message's first bytes, then reads it whole (read_next).
  void wait_for_message();
  void on_message_start(beast::error_code ec, std::size_t bytes);
  void read_next();
  // The hub's answer to hello: the room, or null for an unknown code.
  void opened(open_result r, protocol::hello hello);
  void on_read(beast::error_code ec, std::size_t bytes);
  void leave_room();
  void refuse_oversize();
  void handle(const std::string& text);
  // A host console's connection (host_connection.hpp) sends only ping.
  void handle_host(const std::string& text);
  void send_json(const nlohmann::json& message);
  // Queues without starting a write, so that what arrives together leaves
  // together (flush starts it); false once the connection is being closed.
  bool push(shared_text message);
  void flush();
  void enqueue(shared_text message);
  void write_next();
  void on_write(beast::error_code ec, std::size_t bytes);
  void begin_close(unsigned short code, std::string reason);
  void on_hello_deadline(beast::error_code ec);
  void on_join_deadline(beast::error_code ec);

  // A plain socket underneath: the WebSocket stream keeps its own timeouts
  // (handshake, idle pings), so tcp_stream's per-operation timers are unneeded.
  // It can hold a queued message's frame back to send with the next.
  websocket::stream<coalescing_socket> ws_;
  beast::flat_buffer buffer_;
  char no_bytes_ = 0;  // where wait_for_message's empty read points
  hub& hub_;
  std::shared_ptr<room> room_;
  std::shared_ptr<host_subscription> host_;  // instead of a room: a host console
  bool opening_ = false;                     // hello sent, room not yet known: reading waits

  send_queue queue_;
  // queue_.bytes(), for backlog_bytes() on other threads.
  std::atomic<std::size_t> backlog_{0};
  bool writing_ = false;
  bool closing_ = false;
  std::optional<std::pair<unsigned short, std::string>> close_when_drained_;

  // Incoming messages take a token from here: the client address's bucket
  // until the room says whose messages these are.
  std::shared_ptr<token_bucket> bucket_;
  websocket_timeouts timeouts_;
  // Closes a connection that never says hello, then one that says hello but
  // never joins (or resumes) a participant.
  net::steady_timer deadline_;
  bool joined_ = false;
  std::vector<std::shared_ptr<void>> places_;
  counted_connection counted_{true};
};

}  // namespace debrief::server
