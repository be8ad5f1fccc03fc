#pragma once
// A WebSocket client driven by the test's own io_context, so that one test
// thread keeps many connections reading at the same time. (A synchronous
// client reads only while it waits for its own answer; with big events the
// others' queues would fill up and the server would rightly cut them off.)

#include <chrono>
#include <deque>
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "beast.hpp"

namespace debrief::testing {

class async_client : public std::enable_shared_from_this<async_client> {
 public:
  using json = nlohmann::json;
  // The message and the size of its frame.
  using message_fn = std::function<void(const json&, std::size_t)>;
  using closed_fn = std::function<void(server::beast::error_code)>;

  // Connects to 127.0.0.1:port and opens /ws. Messages sent before the
  // handshake completes wait for it. `on_closed` runs once, on the first error.
  static std::shared_ptr<async_client> open(server::net::io_context& ioc, std::uint16_t port, message_fn on_message,
                                            closed_fn on_closed);

  void send(const json& message);
  // Drops the connection without a closing handshake (as a crash would).
  void drop();
  bool is_open() const { return open_; }

 private:
  async_client(server::net::io_context& ioc, message_fn on_message, closed_fn on_closed);
  void start(std::uint16_t port);
  void read_next();
  void write_next();
  void fail(server::beast::error_code ec);

  server::websocket::stream<server::beast::tcp_stream> ws_;
  server::beast::flat_buffer buffer_;
  message_fn on_message_;
  closed_fn on_closed_;
  std::deque<std::string> outbox_;
  bool ready_ = false;  // handshake done
  bool writing_ = false;
  bool open_ = true;
};

// Runs `ioc` until `done()` holds or the timeout passes; returns done().
bool run_until(server::net::io_context& ioc, const std::function<bool()>& done, std::chrono::milliseconds timeout);

}  // namespace debrief::testing
