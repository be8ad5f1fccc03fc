#include <gtest/gtest.h>

#include "harness.hpp"

namespace debrief::testing {
namespace {

TEST(Retry, TheSameCommandIdTwiceHasOneEffectAndTheSameAck) {
  temp_dir dir;
  test_server server(dir.path() / "debrief.db");
  const auto session = create_session(server.port());
  ws_client facilitator(server.port());
  const auto token = facilitator.join(session.code, "Maya", "facilitator", session.facilitator_key).at("token");
  facilitator.ok({{"type", "start_session"}});

  const json add = {{"type", "timer_add"}, {"id", "fixed-id-1"}, {"seconds", 60}};
  facilitator.send(add);
  facilitator.send(add);  // sent again before the first answer came back
  std::vector<json> acks;
  int extended = 0;
  while (acks.size() < 2) {
    const auto m = facilitator.receive();
    if (m.at("type") == "ack") acks.push_back(m);
    if (m.at("type") == "event" && m.at("event").at("type") == "timer_extended") ++extended;
  }
  EXPECT_EQ(acks[0], acks[1]);
  EXPECT_EQ(extended, 1);

  // And again later, on a new connection of the same participant.
  const auto before = snapshot_of(server.port(), session.code, token);
  EXPECT_EQ(before.at("state").at("timer").at("duration_ms"), 4 * 60 * 1000);
}

TEST(Retry, AJoinRetriedAfterALostAckGivesTheSameParticipant) {
  temp_dir dir;
  test_server server(dir.path() / "debrief.db");
  const auto session = create_session(server.port());
  const json join = {
      {"type", "join"}, {"id", "k3v9-1"}, {"name", "Lena"}, {"role", "colleague"}, {"client_secret", random_hex()}};
  json first;
  {
    ws_client c(server.port());
    c.hello(session.code);
    c.receive_type("lobby");
    c.send(join);
    first = c.receive_type("ack");
  }
  ws_client again(server.port());
  again.hello(session.code);
  again.receive_type("lobby");
  again.send(join);
  const auto second = again.receive_type("ack");
  EXPECT_EQ(second.at("you"), first.at("you"));
  EXPECT_EQ(second.at("token"), first.at("token"));
  ASSERT_FALSE(again.last_snapshot().is_null()) << "the bound connection was not shown the session";

  EXPECT_EQ(snapshot_of(server.port(), session.code, first.at("token")).at("state").at("participants").size(), 1u);
}

TEST(Retry, RetriesAreRecognisedAfterARestart) {
  temp_dir dir;
  const auto db = dir.path() / "debrief.db";
  created session;
  std::string token;
  json first;
  const json next = {{"type", "next_phase"}, {"id", "before-crash-7"}};
  {
    test_server server(db);
    session = create_session(server.port());
    ws_client facilitator(server.port());
    token = facilitator.join(session.code, "Maya", "facilitator", session.facilitator_key).at("token");
    facilitator.ok({{"type", "start_session"}});
    facilitator.send(next);
    first = facilitator.receive_type("ack");
  }
  test_server server(db);
  ws_client facilitator(server.port());
  facilitator.hello(session.code, {{"token", token}});
  const auto state = facilitator.receive_type("snapshot").at("state");
  facilitator.send(next);
  EXPECT_EQ(facilitator.receive_type("ack"), first);
  EXPECT_EQ(state.at("phase"), 1);
  EXPECT_EQ(snapshot_of(server.port(), session.code, token).at("state").at("phase"), 1);  // not 2
}

TEST(RateLimit, AFloodIsAnsweredWithRateLimitedAndNothingIsApplied) {
  temp_dir dir;
  test_server server(dir.path() / "debrief.db");
  const auto session = create_session(server.port());
  ws_client facilitator(server.port());
  const auto token = facilitator.join(session.code, "Maya", "facilitator", session.facilitator_key).at("token");
  facilitator.ok({{"type", "start_session"}});
  constexpr int sent = 100;
  for (int i = 0; i < sent; ++i)
    facilitator.send({{"type", "timer_add"}, {"id", "f" + std::to_string(i)}, {"seconds", 1}});
  int acked = 0;
  int limited = 0;
  while (acked + limited < sent) {
    const auto m = facilitator.receive();
    if (m.at("type") == "ack") ++acked;
    if (m.at("type") == "error") {
      EXPECT_EQ(m.at("code"), "rate_limited");
      EXPECT_TRUE(m.contains("id"));
      ++limited;
    }
  }
  EXPECT_GT(limited, 0);
  EXPECT_LT(acked, sent);
  const auto timer = snapshot_of(server.port(), session.code, token).at("state").at("timer");
  EXPECT_EQ(timer.at("duration_ms"), 3 * 60 * 1000 + acked * 1000);  // exactly the acked ones
}

}  // namespace
}  // namespace debrief::testing
