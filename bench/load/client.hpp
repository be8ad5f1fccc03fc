#pragma once
// One WebSocket connection of the generator: connect (optionally from a
// chosen loopback source address), TCP_NODELAY, handshake, then a read loop
// that hands every text frame to its owner, and a write queue with one write
// in flight (Beast allows one read and one write at a time).

#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "beast.hpp"

namespace debrief::bench {

class ws_client;

// Called on the thread that runs the connection's io_context: the
// generator's main thread, or the host consoles' own (hosts.hpp).
struct client_events {
  virtual ~client_events() = default;
  virtual void on_open(ws_client& c) = 0;
  virtual void on_message(ws_client& c, std::string_view text, std::int64_t at_us) = 0;
  virtual void on_failed(ws_client& c, std::string_view stage, const beast::error_code& ec) = 0;
};

class ws_client : public std::enable_shared_from_this<ws_client> {
 public:
  ws_client(net::io_context& ioc, client_events& owner, std::uint32_t room, std::uint32_t member);

  void open(const tcp::endpoint& server, const std::optional<net::ip::address>& source, std::string host);
  void send(std::string text);
  // Stops reporting failures (the generator is shutting down) and closes.
  void abandon();

  std::uint32_t room() const { return room_; }
  std::uint32_t member() const { return member_; }

  // Last event seq this connection applied (gap detection).
  std::int64_t last_seq = -1;

 private:
  void on_connect(const beast::error_code& ec);
  void on_handshake(const beast::error_code& ec);
  void read_next();
  void on_read(const beast::error_code& ec, std::size_t bytes);
  void write_next();
  void on_write(const beast::error_code& ec, std::size_t bytes);
  void fail(std::string_view stage, const beast::error_code& ec);

  websocket::stream<tcp::socket> ws_;
  client_events& owner_;
  std::uint32_t room_;
  std::uint32_t member_;
  std::string host_;
  beast::flat_buffer buffer_;
  std::deque<std::string> queue_;
  bool writing_ = false;
  bool abandoned_ = false;
};

}  // namespace debrief::bench
