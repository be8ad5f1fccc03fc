#pragma once
// The TCP socket under a WebSocket stream, able to hold back what is written
// to it and send it in front of the next write: the frames of several queued
// messages (an event and its sender's ack, a slow reader's backlog) leave in
// one sendmsg instead of one each. Loopback or not, the kernel's cost is per
// send, not per byte, at these sizes.
//
// Bytes are never reordered and never left behind by the rule its owner
// keeps: hold only while another write of its own is sure to follow, and
// clear the hold before anything else may be the last write (a close). The
// WebSocket stream writes one frame at a time, so a held write and the write
// that sends it never overlap.

#include <algorithm>
#include <string>

#include <boost/container/small_vector.hpp>

#include "beast.hpp"

namespace debrief::server {

class coalescing_socket {
  // A frame's header and payload, and the held bytes: no allocation.
  using buffer_list = boost::container::small_vector<net::const_buffer, 4>;

 public:
  using executor_type = tcp::socket::executor_type;
  using next_layer_type = tcp::socket;

  explicit coalescing_socket(tcp::socket&& socket) : socket_(std::move(socket)) {}

  executor_type get_executor() noexcept { return socket_.get_executor(); }
  tcp::socket& next_layer() noexcept { return socket_; }
  const tcp::socket& next_layer() const noexcept { return socket_; }

  // While on, a write is copied aside and completes at once, unsent.
  void hold(bool on) noexcept { holding_ = on; }
  std::size_t held_bytes() const noexcept { return held_.size(); }

  template <class MutableBufferSequence, class ReadHandler>
  auto async_read_some(const MutableBufferSequence& buffers, ReadHandler&& handler) {
    return socket_.async_read_some(buffers, std::forward<ReadHandler>(handler));
  }

  template <class ConstBufferSequence, class WriteHandler>
  auto async_write_some(const ConstBufferSequence& buffers, WriteHandler&& handler) {
    if (!holding_ && held_.empty()) return socket_.async_write_some(buffers, std::forward<WriteHandler>(handler));
    return net::async_compose<WriteHandler, void(beast::error_code, std::size_t)>(write_op{*this, to_vector(buffers)},
                                                                                  handler, socket_);
  }

 private:
  template <class ConstBufferSequence>
  static buffer_list to_vector(const ConstBufferSequence& buffers) {
    buffer_list all;
    for (auto b = net::buffer_sequence_begin(buffers); b != net::buffer_sequence_end(buffers); ++b) all.push_back(*b);
    return all;
  }

  struct write_op {
    coalescing_socket& s;
    buffer_list buffers;
    bool started = false;
    bool held = false;

    template <class Self>
    void operator()(Self& self, beast::error_code ec = {}, std::size_t written = 0) {
      if (!started) {
        started = true;
        if (!s.holding_) return send(self);
        held = true;
        const auto size = net::buffer_size(buffers);
        const auto at = s.held_.size();
        s.held_.resize(at + size);
        net::buffer_copy(net::buffer(s.held_.data() + at, size), buffers);
        // Written, as far as the stream can tell; never completed from
        // inside the call that started it.
        return net::post(s.socket_.get_executor(), beast::bind_front_handler(std::move(self), ec, size));
      }
      if (held || ec) return self.complete(ec, held ? written : 0);
      // The held bytes went first; only what followed them is this write's.
      const auto of_held = std::min(written, s.held_.size());
      s.held_.erase(0, of_held);
      // Thousands of connections sit idle between commits: none keeps a
      // buffer (one allocation per held send costs less than 10,000 kept).
      if (s.held_.empty()) s.held_ = std::string();
      // Completing with nothing written would end the caller's write loop
      // as if it were done: go on until some of this write's bytes went.
      if (written == of_held && net::buffer_size(buffers) > 0) return send(self);
      self.complete(ec, written - of_held);
    }

    template <class Self>
    void send(Self& self) {
      // The socket copies the sequence it is given: a local one will do,
      // while this operation's own moves away with `self`.
      auto all = buffers;
      all.insert(all.begin(), net::buffer(s.held_));
      s.socket_.async_write_some(all, std::move(self));
    }
  };

  tcp::socket socket_;
  std::string held_;
  bool holding_ = false;
};

// The WebSocket stream's closing handshake ends by shutting the socket down.
template <class TeardownHandler>
void async_teardown(beast::role_type role, coalescing_socket& socket, TeardownHandler&& handler) {
  beast::websocket::async_teardown(role, socket.next_layer(), std::forward<TeardownHandler>(handler));
}

inline void teardown(beast::role_type role, coalescing_socket& socket, beast::error_code& ec) {
  beast::websocket::teardown(role, socket.next_layer(), ec);
}

}  // namespace debrief::server
