#include "async_client.hpp"

#include <thread>

namespace debrief::testing {

namespace net = server::net;
namespace beast = server::beast;
using tcp = server::tcp;

async_client::async_client(net::io_context& ioc, message_fn on_message, closed_fn on_closed)
    : ws_(ioc), on_message_(std::move(on_message)), on_closed_(std::move(on_closed)) {}

std::shared_ptr<async_client> async_client::open(net::io_context& ioc, std::uint16_t port, message_fn on_message,
                                                 closed_fn on_closed) {
  std::shared_ptr<async_client> c(new async_client(ioc, std::move(on_message), std::move(on_closed)));
  c->start(port);
  return c;
}

void async_client::start(std::uint16_t port) {
  const tcp::endpoint server(net::ip::make_address("127.0.0.1"), port);
  beast::get_lowest_layer(ws_).async_connect(server, [self = shared_from_this(), port](beast::error_code ec) {
    if (ec) return self->fail(ec);
    self->ws_.async_handshake("127.0.0.1:" + std::to_string(port), "/ws", [self](beast::error_code ec) {
      if (ec) return self->fail(ec);
      self->ready_ = true;
      self->read_next();
      self->write_next();
    });
  });
}

void async_client::send(const json& message) {
  if (!open_) return;
  outbox_.push_back(message.dump());
  if (ready_ && !writing_) write_next();
}

void async_client::write_next() {
  if (!open_ || writing_ || outbox_.empty()) return;
  writing_ = true;
  ws_.text(true);
  ws_.async_write(net::buffer(outbox_.front()), [self = shared_from_this()](beast::error_code ec, std::size_t) {
    self->writing_ = false;
    if (ec) return self->fail(ec);
    self->outbox_.pop_front();
    self->write_next();
  });
}

void async_client::read_next() {
  ws_.async_read(buffer_, [self = shared_from_this()](beast::error_code ec, std::size_t) {
    if (ec) return self->fail(ec);
    const auto text = beast::buffers_to_string(self->buffer_.data());
    self->buffer_.consume(self->buffer_.size());
    if (!self->open_) return;
    self->on_message_(json::parse(text), text.size());
    self->read_next();
  });
}

void async_client::drop() {
  beast::error_code ignored;
  beast::get_lowest_layer(ws_).socket().close(ignored);
  open_ = false;
}

void async_client::fail(beast::error_code ec) {
  if (!open_) return;
  open_ = false;
  outbox_.clear();
  beast::error_code ignored;
  beast::get_lowest_layer(ws_).socket().close(ignored);
  if (on_closed_) on_closed_(ec);
}

bool run_until(net::io_context& ioc, const std::function<bool()>& done, std::chrono::milliseconds timeout) {
  const auto give_up = std::chrono::steady_clock::now() + timeout;
  while (!done() && std::chrono::steady_clock::now() < give_up) {
    ioc.restart();
    // One handler at a time, so `done` is checked often; with no work at
    // all it returns at once, so wait a little instead of spinning.
    if (ioc.run_one_for(std::chrono::milliseconds(2)) == 0 && ioc.stopped()) {
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
  }
  return done();
}

}  // namespace debrief::testing
