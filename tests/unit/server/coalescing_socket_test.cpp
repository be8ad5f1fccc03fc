// The socket under every WebSocket holds queued frames back to send them with
// the next write: nothing may be lost, reordered or left behind.
#include "coalescing_socket.hpp"

#include <gtest/gtest.h>

#include <future>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace debrief::server {
namespace {

class CoalescingSocket : public ::testing::Test {
 protected:
  void SetUp() override {
    tcp::acceptor acceptor(ioc_, {net::ip::make_address("127.0.0.1"), 0});
    std::promise<beast::error_code> accepted;
    acceptor.async_accept([&](beast::error_code ec, tcp::socket socket) {
      if (ec) return accepted.set_value(ec);
      server_.emplace(coalescing_socket(std::move(socket)));
      server_->async_accept([&](beast::error_code ec) { accepted.set_value(ec); });
    });
    io_ = std::thread([this] { ioc_.run(); });
    client_.next_layer().connect(acceptor.local_endpoint());
    client_.handshake("127.0.0.1", "/ws");
    ASSERT_FALSE(accepted.get_future().get());
  }

  void TearDown() override {
    work_.reset();
    net::post(ioc_, [this] {
      beast::error_code ignored;
      beast::get_lowest_layer(*server_).close(ignored);
    });
    io_.join();
  }

  // One message written on the server's side, held back or not; returns once
  // the stream counts it written.
  beast::error_code write(const std::string& text, bool hold) {
    std::promise<beast::error_code> done;
    net::post(ioc_, [&] {
      server_->next_layer().hold(hold);
      server_->text(true);
      server_->async_write(net::buffer(text), [&](beast::error_code ec, std::size_t) { done.set_value(ec); });
    });
    return done.get_future().get();
  }

  std::size_t held_bytes() {
    std::promise<std::size_t> held;
    net::post(ioc_, [&] { held.set_value(server_->next_layer().held_bytes()); });
    return held.get_future().get();
  }

  std::string read() {
    beast::flat_buffer buffer;
    client_.read(buffer);
    return beast::buffers_to_string(buffer.data());
  }

  net::io_context ioc_;
  net::executor_work_guard<net::io_context::executor_type> work_{ioc_.get_executor()};
  std::optional<websocket::stream<coalescing_socket>> server_;
  net::io_context client_ioc_;
  websocket::stream<tcp::socket> client_{client_ioc_};
  std::thread io_;
};

TEST_F(CoalescingSocket, HeldMessagesAreNotSentUntilTheNextWriteThenArriveWholeAndInOrder) {
  ASSERT_FALSE(write("first", true));
  ASSERT_FALSE(write("second", true));
  EXPECT_GT(held_bytes(), std::string("firstsecond").size());  // with their frame headers
  EXPECT_EQ(client_.next_layer().available(), 0u);

  ASSERT_FALSE(write("third", false));
  EXPECT_EQ(held_bytes(), 0u);
  EXPECT_EQ(read(), "first");
  EXPECT_EQ(read(), "second");
  EXPECT_EQ(read(), "third");
}

TEST_F(CoalescingSocket, ABacklogLargerThanTheSocketsBuffersGoesOutWholeThroughPartialWrites) {
  // Megabytes held, then one write: with small socket buffers the kernel
  // takes them a piece at a time, so the write completes in several parts.
  std::promise<void> shrunk;
  net::post(ioc_, [&] {
    beast::get_lowest_layer(*server_).set_option(net::socket_base::send_buffer_size(8192));
    shrunk.set_value();
  });
  shrunk.get_future().get();
  client_.next_layer().set_option(net::socket_base::receive_buffer_size(8192));
  std::vector<std::string> sent;
  for (int i = 0; i < 200; ++i) sent.push_back(std::to_string(i) + ":" + std::string(16 << 10, 'a' + i % 26));
  std::thread writer([&] {
    for (std::size_t i = 0; i < sent.size(); ++i) ASSERT_FALSE(write(sent[i], i + 1 < sent.size()));
  });
  for (const auto& expected : sent) ASSERT_EQ(read(), expected);
  writer.join();
  EXPECT_EQ(held_bytes(), 0u);
}

TEST_F(CoalescingSocket, AClosingHandshakeSendsWhatWasHeldBeforeTheClose) {
  ASSERT_FALSE(write("last words", true));
  std::promise<beast::error_code> closed;
  net::post(ioc_, [&] {
    server_->next_layer().hold(false);
    server_->async_close(websocket::close_code::normal, [&](beast::error_code ec) { closed.set_value(ec); });
  });
  EXPECT_EQ(read(), "last words");
  beast::flat_buffer buffer;
  beast::error_code ec;
  client_.read(buffer, ec);
  EXPECT_EQ(ec, websocket::error::closed);
  EXPECT_FALSE(closed.get_future().get());
}

}  // namespace
}  // namespace debrief::server
