#include <gtest/gtest.h>

#include <optional>

#include "harness.hpp"

namespace debrief::testing {
namespace {

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
    before = snapshot_of(server.port(), session.code, token).at("state");
  }

  test_server server(db);
  // Presence is re-derived after a restart: nobody is connected yet, and the
  // server says so (at load, so before anyone can join).
  ws_client observer(server.port());
  observer.join(session.code, "Olu", "observer");
  const auto after = observer.last_snapshot().at("state");
  EXPECT_EQ(after.at("status"), "live");
  EXPECT_EQ(after.at("phase"), 1);
  EXPECT_EQ(after.at("timer"), before.at("timer"));  // the same deadline: it kept counting
  EXPECT_EQ(after.at("timer").at("status"), "running");
  ASSERT_EQ(after.at("participants").size(), 3u);
  for (const auto& p : after.at("participants")) {
    EXPECT_EQ(p.at("online").get<bool>(), p.at("name") == "Olu") << p.dump();
  }

  ws_client back(server.port());
  EXPECT_EQ(back.hello(session.code, {{"token", token}}).at("you"), "p1");
  back.receive_type("snapshot");
  EXPECT_EQ(back.command({{"type", "timer_pause"}}).at("type"), "ack");
}

TEST(Restart, AnEndedSessionStaysReadableButTakesNoCommands) {
  temp_dir dir;
  const auto db = dir.path() / "debrief.db";
  created session;
  std::string token;
  {
    test_server server(db);
    session = create_session(server.port());
    ws_client facilitator(server.port());
    token = facilitator.join(session.code, "Maya", "facilitator", session.facilitator_key).at("token");
    ASSERT_EQ(facilitator.command({{"type", "end_session"}}).at("type"), "ack");
  }
  test_server server(db);
  EXPECT_EQ(snapshot_of(server.port(), session.code, token).at("state").at("status"), "ended");
  ws_client late(server.port());
  late.hello(session.code);
  EXPECT_EQ(late.receive_type("lobby").at("status"), "ended");
  late.send(
      {{"type", "join"}, {"id", "late-1"}, {"name", "Sam"}, {"role", "colleague"}, {"client_secret", random_hex()}});
  EXPECT_EQ(late.receive_type("error").at("code"), "conflict");
}

}  // namespace
}  // namespace debrief::testing
