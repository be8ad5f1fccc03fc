// A session nobody started is deleted a day after it was created, as
// DELETE would: connections are told and closed, every row goes. Sessions
// that started stay however old they are.

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>

#include "debrief/storage/database.hpp"
#include "harness.hpp"

namespace debrief::testing {
namespace {

constexpr std::int64_t hour = 60 * 60 * 1000;

std::vector<std::string> sorted(std::vector<std::string> v) {
  std::sort(v.begin(), v.end());
  return v;
}

unsigned export_status(std::uint16_t port, const created& session) {
  return http_request(port, http::verb::get, "/api/sessions/" + session.code + "/export", {}, session.facilitator_key)
      .status;
}

class LobbyExpiry : public ::testing::Test {
 protected:
  std::atomic<std::int64_t> now{1'790'000'000'000};
  temp_dir dir;
  std::filesystem::path db = dir.path() / "debrief.db";

  std::unique_ptr<test_server> start(std::chrono::milliseconds sweep_interval = std::chrono::minutes(10)) {
    return std::make_unique<test_server>(
        db, std::filesystem::path{}, [this] { return now.load(); },
        [sweep_interval](server::config& c) { c.lobby_sweep_interval = sweep_interval; });
  }

  // Creates a session and starts it.
  static created started_session(std::uint16_t port) {
    const auto session = create_session(port);
    ws_client facilitator(port);
    facilitator.join(session.code, "Maya", "facilitator", session.facilitator_key);
    facilitator.ok({{"type", "start_session"}});
    return session;
  }
};

TEST_F(LobbyExpiry, ASweepDeletesASessionLeftInTheLobbyAndClosesItsConnections) {
  // Sweeps run every few milliseconds: the clock below decides when one finds something.
  auto server = start(std::chrono::milliseconds(5));
  const auto idle = create_session(server->port());
  const auto started = started_session(server->port());
  ws_client waiting(server->port());
  waiting.join(idle.code, "Lena", "colleague");

  now += 24 * hour + 1;
  // Told why, then closed normally: the same ending as a DELETE.
  const auto told = waiting.receive_type("error", std::chrono::seconds(10));
  EXPECT_EQ(told.at("code"), "not_found");
  websocket::close_code code{};
  EXPECT_TRUE(waiting.closed_by_server(&code));
  EXPECT_EQ(code, websocket::close_code::normal);

  EXPECT_EQ(export_status(server->port(), idle), 404u);
  ws_client late(server->port());
  late.send({{"type", "hello"}, {"version", 2}, {"session", idle.code}});
  EXPECT_EQ(late.receive().at("code"), "not_found");
  EXPECT_EQ(export_status(server->port(), started), 200u);

  server.reset();
  EXPECT_EQ(stored_sessions(db), std::vector<std::string>{started.code});
}

TEST_F(LobbyExpiry, AtStartASessionPastItsExpiryIsDeletedAndOneWithinItIsKept) {
  created idle;
  created started;
  {
    auto server = start();
    idle = create_session(server->port());
    started = started_session(server->port());
  }
  now += 24 * hour - 1;
  {
    auto server = start();
    EXPECT_EQ(export_status(server->port(), idle), 200u);
  }
  EXPECT_EQ(stored_sessions(db), sorted({idle.code, started.code}));

  now += 1;
  {
    auto server = start();
    EXPECT_EQ(export_status(server->port(), idle), 404u);
    EXPECT_EQ(export_status(server->port(), started), 200u);
  }
  EXPECT_EQ(stored_sessions(db), std::vector<std::string>{started.code});
}

}  // namespace
}  // namespace debrief::testing
