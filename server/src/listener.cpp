#include "listener.hpp"

#include <stdexcept>

#include "log.hpp"
#include "metrics.hpp"

namespace debrief::server {

listener::listener(net::io_context& ioc, const tcp::endpoint& endpoint, hub& rooms, const http_options& options)
    : ioc_(ioc), acceptor_(net::make_strand(ioc)), hub_(rooms), options_(options), pause_(acceptor_.get_executor()) {
  acceptor_.open(endpoint.protocol());
  acceptor_.set_option(net::socket_base::reuse_address(true));
  beast::error_code ec;
  acceptor_.bind(endpoint, ec);
  if (ec) {
    throw std::runtime_error("cannot listen on " + endpoint.address().to_string() + ":" +
                             std::to_string(endpoint.port()) + ": " + ec.message());
  }
  acceptor_.listen(net::socket_base::max_listen_connections);
}

void listener::run() { accept_next(); }

void listener::stop() {
  net::post(acceptor_.get_executor(), [self = shared_from_this()] {
    beast::error_code ignored;
    self->acceptor_.close(ignored);
  });
}

std::uint16_t listener::port() const { return acceptor_.local_endpoint().port(); }

void listener::accept_next() {
  auto on_accept = beast::bind_front_handler(&listener::on_accept, shared_from_this());
  // On one thread a strand per connection would only add a lock and a hop
  // to every message queued for it (a commit queues one per member).
  if (options_.one_network_thread) return acceptor_.async_accept(ioc_.get_executor(), std::move(on_accept));
  acceptor_.async_accept(net::make_strand(ioc_), std::move(on_accept));
}

void listener::on_accept(beast::error_code ec, tcp::socket socket) {
  if (ec == net::error::operation_aborted || !acceptor_.is_open()) return;
  if (ec == net::error::no_descriptors || ec == net::error::no_buffer_space || ec == net::error::no_memory) {
    // Out of descriptors despite the reserve: accepting again at once would
    // spin. Pause, and let connections close meanwhile.
    log_event(log_level::error, "accept_failed", "cannot accept a connection; pausing 100 ms",
              {{"error", ec.message()}});
    pause_.expires_after(std::chrono::milliseconds(100));
    pause_.async_wait([self = shared_from_this()](beast::error_code) { self->accept_next(); });
    return;
  }
  if (!ec) {
    if (auto place = options_.connections->take_socket()) {
      // An ack follows its event on the same socket; without this, Nagle holds
      // the ack until the client's delayed ACK (up to 40 ms).
      beast::error_code ignored;
      socket.set_option(tcp::no_delay(true), ignored);
      std::make_shared<http_connection>(std::move(socket), hub_, options_, std::move(place))->run();
    } else {
      metrics::get().refused(limit_hit::connections_full);
      note_full();
      beast::error_code ignored;
      socket.close(ignored);  // full: nothing to answer with that costs less
    }
  }
  accept_next();
}

void listener::note_full() {
  // Once per burst, not once per refused socket.
  const auto now = std::chrono::steady_clock::now();
  if (now - last_full_note_ < std::chrono::seconds(10)) return;
  last_full_note_ = now;
  log_event(log_level::warn, "connections_refused", "refusing connections: the server holds as many as it may",
            {{"open", options_.connections->max_sockets()}});
}

}  // namespace debrief::server
