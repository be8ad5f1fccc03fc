#include <gtest/gtest.h>

#include <atomic>
#include <optional>

#include "debrief/storage/database.hpp"
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

TEST(Restart, ATimerThatRanOutWhileTheServerWasDownIsRecordedAsExpiringWhenItDid) {
  temp_dir dir;
  const auto db = dir.path() / "debrief.db";
  std::atomic<std::int64_t> now{1'790'000'000'000};
  const auto clock = [&now] { return now.load(); };
  created session;
  std::string token;
  std::int64_t ends_at = 0;
  std::int64_t seq = 0;
  {
    test_server server(db, {}, clock);
    session = create_session(server.port());
    ws_client facilitator(server.port());
    token = facilitator.join(session.code, "Maya", "facilitator", session.facilitator_key).at("token");
    ASSERT_EQ(facilitator.command({{"type", "start_session"}}).at("type"), "ack");
    const auto started = facilitator.command({{"type", "timer_start"}});
    ASSERT_EQ(started.at("type"), "ack");
    seq = started.at("seq");
    ends_at = snapshot_of(server.port(), session.code, token).at("state").at("timer").at("ends_at");
    ASSERT_GT(ends_at, now.load());
  }
  // The server comes back ten seconds after the timer's deadline.
  now = ends_at + 10'000;
  {
    test_server server(db, {}, clock);
    ws_client back(server.port());
    back.hello(session.code, {{"token", token}, {"last_seq", seq}});
    for (;;) {
      const auto m = back.receive_type("event");
      if (m.at("event").at("type") != "timer_expired") continue;
      EXPECT_EQ(m.at("time"), ends_at);
      EXPECT_EQ(m.at("event").at("timer").at("status"), "expired");
      break;
    }
  }
  // And so it is stored, for exports and histories.
  storage::database reopened(db.string());
  bool found = false;
  for (const auto& e : reopened.events_after(session.code, seq)) {
    if (json::parse(e.body).at("type") != "timer_expired") continue;
    EXPECT_EQ(e.time, ends_at);
    found = true;
  }
  EXPECT_TRUE(found);
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
