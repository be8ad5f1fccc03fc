// What a stranger can hold open is bounded: a WebSocket that never says
// hello is closed, a participant whose device vanishes is shown offline
// within the idle timeout, one address holds only so many WebSockets, and
// the server never accepts more sockets than its descriptors allow.

#include <gtest/gtest.h>

#include "harness.hpp"

namespace debrief::testing {
namespace {

test_server server_with(const temp_dir& dir, const std::function<void(server::config&)>& adjust) {
  return test_server(dir.path() / "debrief.db", {}, {}, adjust);
}

// An upgrade request made by hand, so that a refusal can be read as HTTP.
http_reply try_upgrade(std::uint16_t port) {
  return http_request(port, http::verb::get, "/ws", {}, {},
                      {{"Connection", "Upgrade"},
                       {"Upgrade", "websocket"},
                       {"Sec-WebSocket-Version", "13"},
                       {"Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ=="}});
}

TEST(ConnectionLimits, ASocketThatNeverSaysHelloIsClosed) {
  temp_dir dir;
  auto server = server_with(dir, [](server::config& c) { c.hello_timeout = 300ms; });
  ws_client silent(server.port());
  websocket::close_code code{};
  ASSERT_TRUE(silent.closed_by_server(&code, 5s));
  EXPECT_EQ(code, websocket::close_code::policy_error);
}

TEST(ConnectionLimits, AConnectionThatSaidHelloOutlivesTheHelloDeadline) {
  temp_dir dir;
  auto server = server_with(dir, [](server::config& c) { c.hello_timeout = 300ms; });
  const auto session = create_session(server.port());
  ws_client watcher(server.port());
  watcher.hello(session.code);
  std::this_thread::sleep_for(600ms);
  watcher.send({{"type", "ping"}, {"t", 1}});
  EXPECT_EQ(watcher.receive_type("pong").at("t"), 1);
}

TEST(ConnectionLimits, AConnectionThatWatchesTheLobbyWithoutJoiningIsClosed) {
  temp_dir dir;
  auto server = server_with(dir, [](server::config& c) { c.join_timeout = 400ms; });
  const auto session = create_session(server.port());
  ws_client watcher(server.port());
  watcher.hello(session.code);
  websocket::close_code code{};
  ASSERT_TRUE(watcher.closed_by_server(&code, 5s));
  EXPECT_EQ(static_cast<unsigned>(code), 4000u);
}

TEST(ConnectionLimits, JoinedAndResumedConnectionsOutliveTheJoinDeadline) {
  temp_dir dir;
  auto server = server_with(dir, [](server::config& c) { c.join_timeout = 300ms; });
  const auto session = create_session(server.port());
  ws_client joined(server.port());
  const auto token = joined.join(session.code, "Maya", "facilitator", session.facilitator_key).at("token");
  ws_client resumed(server.port());
  EXPECT_FALSE(resumed.hello(session.code, {{"token", token}}).at("you").is_null());
  std::this_thread::sleep_for(700ms);
  for (auto* c : {&joined, &resumed}) {
    c->send({{"type", "ping"}, {"t", 2}});
    EXPECT_EQ(c->receive_type("pong").at("t"), 2);
  }
}

TEST(ConnectionLimits, AParticipantWhoseDeviceVanishesIsShownOfflineWithinTheIdleTimeout) {
  temp_dir dir;
  auto server = server_with(dir, [](server::config& c) { c.idle_timeout = 1s; });
  const auto session = create_session(server.port());
  ws_client facilitator(server.port());
  facilitator.join(session.code, "Maya", "facilitator", session.facilitator_key);
  // Joins, then neither reads nor answers pings: a phone that lost its network
  // without closing anything.
  ws_client vanished(server.port());
  const auto you = vanished.join(session.code, "Lena", "colleague").at("you");
  EXPECT_EQ(facilitator.receive_type("event").at("event").at("type"), "participant_joined");
  // The facilitator keeps reading (and so answers the server's pings).
  const auto started = std::chrono::steady_clock::now();
  const auto offline = facilitator.receive_type("event", 10s).at("event");
  EXPECT_EQ(offline.at("type"), "presence_changed");
  EXPECT_EQ(offline.at("participant"), you);
  EXPECT_EQ(offline.at("online"), false);
  // Not before the idle time has passed: someone silent for less is still there.
  EXPECT_GE(std::chrono::steady_clock::now() - started, 900ms);
}

TEST(ConnectionLimits, OneAddressHoldsAtMostSoManyWebSockets) {
  temp_dir dir;
  auto server = server_with(dir, [](server::config& c) { c.websockets_per_address = 2; });
  auto first = std::make_unique<ws_client>(server.port());
  ws_client second(server.port());
  const auto refused = try_upgrade(server.port());
  EXPECT_EQ(refused.status, 429u);
  EXPECT_EQ(json::parse(refused.body).at("error").at("code"), "rate_limited");
  EXPECT_NE(refused.body.find("2 connections"), std::string::npos) << refused.body;
  // Plain HTTP from the same address is not counted against it.
  EXPECT_EQ(http_request(server.port(), http::verb::get, "/healthz").status, 200u);

  first->close();
  first.reset();
  EXPECT_TRUE(eventually([&] { return try_upgrade(server.port()).status == 101u; }));
}

TEST(ConnectionLimits, BeyondItsMaximumTheServerClosesNewSocketsAndRecovers) {
  temp_dir dir;
  auto server = server_with(dir, [](server::config& c) { c.max_connections = 2; });
  auto first = std::make_unique<ws_client>(server.port());
  ws_client second(server.port());

  net::io_context ioc;
  tcp::socket extra(ioc);
  extra.connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), server.port()));
  const std::string request = "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n";
  beast::error_code ec;
  net::write(extra, net::buffer(request), ec);
  char byte = 0;
  net::read(extra, net::buffer(&byte, 1), ec);
  EXPECT_TRUE(ec == net::error::eof || ec == net::error::connection_reset) << ec.message();

  // The two already open still work.
  second.send({{"type", "ping"}, {"t", 2}});
  EXPECT_EQ(second.receive_type("pong").at("t"), 2);

  first->close();
  first.reset();
  EXPECT_TRUE(eventually([&] {
    try {
      return http_request(server.port(), http::verb::get, "/healthz").status == 200u;
    } catch (const std::exception&) {
      return false;
    }
  }));
}

}  // namespace
}  // namespace debrief::testing
