#include <gtest/gtest.h>

#include <optional>

#include "harness.hpp"

namespace debrief::testing {
namespace {

json snapshot_of(std::uint16_t port, const std::string& code) {
  ws_client c(port);
  c.hello(code);
  return c.receive_type("snapshot");
}

TEST(Restart, ARestartedServerServesTheSameSessionAndKeepsTheTimerRunning) {
  temp_dir dir;
  const auto db = dir.path() / "debrief.db";
  created session;
  std::string token;
  json before;
  {
    test_server server(db);
    session = create_session(server.port());
    ws_client facilitator(server.port());
    token = facilitator.join(session.code, "Maya", "facilitator", session.facilitator_key).at("token");
    ws_client presenter(server.port());
    presenter.join(session.code, "Ravi", "presenter");
    for (const auto* type : {"start_session", "next_phase", "timer_start"}) {
      ASSERT_EQ(facilitator.command({{"type", type}}).at("type"), "ack");
    }
    before = snapshot_of(server.port(), session.code).at("state");
  }

  test_server server(db);
  // Presence is re-derived after a restart: nobody is connected yet, and the
  // server says so with presence events, which may follow the snapshot.
  ws_client observer(server.port());
  observer.hello(session.code);
  json after = observer.receive_type("snapshot").at("state");
  auto online_count = [&] {
    int n = 0;
    for (const auto& p : after.at("participants")) n += p.at("online").get<bool>() ? 1 : 0;
    return n;
  };
  while (online_count() > 0) {
    const auto e = observer.receive_type("event").at("event");
    ASSERT_EQ(e.at("type"), "presence_changed");
    for (auto& p : after.at("participants")) {
      if (p.at("id") == e.at("participant")) p["online"] = e.at("online");
    }
  }
  EXPECT_EQ(after.at("status"), "live");
  EXPECT_EQ(after.at("phase"), 1);
  EXPECT_EQ(after.at("timer"), before.at("timer"));  // the same deadline: it kept counting
  EXPECT_EQ(after.at("timer").at("status"), "running");
  ASSERT_EQ(after.at("participants").size(), 2u);
  for (const auto& p : after.at("participants")) EXPECT_FALSE(p.at("online").get<bool>());

  ws_client back(server.port());
  EXPECT_EQ(back.hello(session.code, {{"token", token}}).at("you"), "p1");
  back.receive_type("snapshot");
  EXPECT_EQ(back.command({{"type", "timer_pause"}}).at("type"), "ack");
}

TEST(Restart, AnEndedSessionStaysReadableButTakesNoCommands) {
  temp_dir dir;
  const auto db = dir.path() / "debrief.db";
  created session;
  {
    test_server server(db);
    session = create_session(server.port());
    ws_client facilitator(server.port());
    facilitator.join(session.code, "Maya", "facilitator", session.facilitator_key);
    ASSERT_EQ(facilitator.command({{"type", "end_session"}}).at("type"), "ack");
  }
  test_server server(db);
  ws_client c(server.port());
  c.hello(session.code);
  EXPECT_EQ(c.receive_type("snapshot").at("state").at("status"), "ended");
  ws_client facilitator(server.port());
  facilitator.hello(session.code);
  facilitator.receive_type("snapshot");
  EXPECT_EQ(facilitator.command({{"type", "join"}, {"name", "Sam"}, {"role", "colleague"}}).at("code"), "conflict");
}

}  // namespace
}  // namespace debrief::testing
