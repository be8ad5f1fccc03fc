#pragma once
// Accepts TCP connections and gives each its own strand and http_connection.

#include <chrono>
#include <memory>

#include "beast.hpp"
#include "http_connection.hpp"

namespace debrief::server {

class listener : public std::enable_shared_from_this<listener> {
 public:
  listener(net::io_context& ioc, const tcp::endpoint& endpoint, hub& rooms, const http_options& options);
  void run();
  void stop();
  std::uint16_t port() const;

 private:
  void accept_next();
  void on_accept(beast::error_code ec, tcp::socket socket);
  void note_full();

  net::io_context& ioc_;
  tcp::acceptor acceptor_;
  hub& hub_;
  const http_options& options_;
  net::steady_timer pause_;  // after running out of descriptors
  std::chrono::steady_clock::time_point last_full_note_{};
};

}  // namespace debrief::server
