#include "client.hpp"

#include <netinet/in.h>

#include "clock.hpp"

namespace debrief::bench {

namespace {
#ifndef IP_BIND_ADDRESS_NO_PORT
constexpr int IP_BIND_ADDRESS_NO_PORT = 24;
#endif
// Lets many sockets bind the same source address and still pick their port
// at connect time, by the whole 4-tuple, so 10,000 clients do not run out of
// ephemeral ports at bind().
using bind_no_port = net::detail::socket_option::boolean<IPPROTO_IP, IP_BIND_ADDRESS_NO_PORT>;
}  // namespace

ws_client::ws_client(net::io_context& ioc, client_events& owner, std::uint32_t room, std::uint32_t member)
    : ws_(ioc), owner_(owner), room_(room), member_(member) {}

void ws_client::open(const tcp::endpoint& server, const std::optional<net::ip::address>& source, std::string host) {
  host_ = std::move(host);
  auto& socket = ws_.next_layer();
  beast::error_code ec;
  socket.open(server.protocol(), ec);
  if (!ec && source) {
    socket.set_option(bind_no_port(true), ec);
    if (!ec) socket.bind(tcp::endpoint(*source, 0), ec);
  }
  if (ec) {
    net::post(ws_.get_executor(), [self = shared_from_this(), ec] { self->fail("open", ec); });
    return;
  }
  socket.async_connect(server, [self = shared_from_this()](const beast::error_code& e) { self->on_connect(e); });
}

void ws_client::on_connect(const beast::error_code& ec) {
  if (abandoned_) return;  // shutting down: the owner may be gone
  if (ec) return fail("connect", ec);
  beast::error_code ignored;
  ws_.next_layer().set_option(tcp::no_delay(true), ignored);
  ws_.set_option(websocket::stream_base::timeout::suggested(beast::role_type::client));
  ws_.set_option(websocket::stream_base::decorator(
      [](websocket::request_type& req) { req.set(http::field::user_agent, "debrief-load"); }));
  ws_.async_handshake(host_, "/ws", [self = shared_from_this()](const beast::error_code& e) { self->on_handshake(e); });
}

void ws_client::on_handshake(const beast::error_code& ec) {
  if (abandoned_) return;  // shutting down: the owner may be gone
  if (ec) return fail("handshake", ec);
  ws_.text(true);
  owner_.on_open(*this);
  read_next();
}

void ws_client::read_next() {
  ws_.async_read(buffer_,
                 [self = shared_from_this()](const beast::error_code& ec, std::size_t n) { self->on_read(ec, n); });
}

void ws_client::on_read(const beast::error_code& ec, std::size_t) {
  if (abandoned_) return;  // shutting down: the owner may be gone
  if (ec) return fail("read", ec);
  const auto at = now_us();
  const auto data = buffer_.cdata();
  owner_.on_message(*this, std::string_view(static_cast<const char*>(data.data()), data.size()), at);
  buffer_.consume(buffer_.size());
  read_next();
}

void ws_client::send(std::string text) {
  queue_.push_back(std::move(text));
  if (!writing_) write_next();
}

void ws_client::write_next() {
  if (queue_.empty()) return;
  writing_ = true;
  ws_.async_write(net::buffer(queue_.front()),
                  [self = shared_from_this()](const beast::error_code& ec, std::size_t n) { self->on_write(ec, n); });
}

void ws_client::on_write(const beast::error_code& ec, std::size_t) {
  if (abandoned_) return;  // shutting down: the owner may be gone
  writing_ = false;
  if (ec) return fail("write", ec);
  queue_.pop_front();
  write_next();
}

void ws_client::abandon() {
  abandoned_ = true;
  beast::error_code ignored;
  ws_.next_layer().shutdown(tcp::socket::shutdown_both, ignored);
  ws_.next_layer().close(ignored);
}

void ws_client::fail(std::string_view stage, const beast::error_code& ec) {
  if (abandoned_) return;
  abandoned_ = true;  // report once
  owner_.on_failed(*this, stage, ec);
}

}  // namespace debrief::bench
