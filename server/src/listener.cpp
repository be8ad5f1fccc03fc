#include "listener.hpp"

#include <stdexcept>

namespace debrief::server {

listener::listener(net::io_context& ioc, const tcp::endpoint& endpoint, hub& rooms, const http_options& options)
    : ioc_(ioc), acceptor_(net::make_strand(ioc)), hub_(rooms), options_(options) {
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
  acceptor_.async_accept(net::make_strand(ioc_), beast::bind_front_handler(&listener::on_accept, shared_from_this()));
}

void listener::on_accept(beast::error_code ec, tcp::socket socket) {
  if (ec == net::error::operation_aborted || !acceptor_.is_open()) return;
  if (!ec) {
    // An ack follows its event on the same socket; without this, Nagle holds
    // the ack until the client's delayed ACK (up to 40 ms).
    beast::error_code ignored;
    socket.set_option(tcp::no_delay(true), ignored);
    std::make_shared<http_session>(std::move(socket), hub_, options_)->run();
  }
  accept_next();
}

}  // namespace debrief::server
