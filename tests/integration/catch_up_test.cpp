#include <gtest/gtest.h>

#include "harness.hpp"

namespace debrief::testing {
namespace {

struct running_session {
  temp_dir dir;
  test_server server{dir.path() / "debrief.db"};
  created session = create_session(server.port());
  ws_client facilitator{server.port()};
  std::string token = facilitator.join(session.code, "Maya", "facilitator", session.facilitator_key).at("token");
  std::int64_t step(const char* type) { return facilitator.command({{"type", type}}).at("seq"); }
};

TEST(CatchUp, AReconnectingClientGetsExactlyTheEventsItMissed) {
  running_session s;
  std::string token;
  std::int64_t seen = 0;
  {
    ws_client colleague(s.server.port());
    const auto ack = colleague.join(s.session.code, "Lena", "colleague");
    token = ack.at("token");
    seen = ack.at("seq");
    colleague.close();
  }
  s.step("start_session");
  s.step("timer_start");
  const auto last = s.step("next_phase");

  ws_client back(s.server.port());
  back.hello(s.session.code, {{"token", token}, {"last_seq", seen}});
  std::vector<std::int64_t> received;
  std::vector<std::string> types;
  while (received.empty() || received.back() < last) {
    const auto m = back.receive();
    ASSERT_EQ(m.at("type"), "event") << "expected events, not " << m.dump();
    received.push_back(m.at("seq"));
    types.push_back(m.at("event").at("type"));
  }
  std::vector<std::int64_t> expected;
  for (auto q = seen + 1; q <= last; ++q) expected.push_back(q);
  EXPECT_EQ(received, expected);
  // It went offline after joining; that, the protocol steps, in order
  // (leaving a phase with a running timer keeps that timer first).
  EXPECT_EQ(types, (std::vector<std::string>{"presence_changed", "session_started", "timer_started",
                                             "phase_timer_saved", "phase_changed"}));
}

// No seq, one ahead of the server, or one from before the session had
// anyone in it (the recent history never holds its first event, which
// carries the whole template: no client has applied less than a join).
TEST(CatchUp, AClientWithoutAUsableSeqGetsASnapshot) {
  running_session s;
  const auto last = s.step("start_session");
  for (const json& extra : {json::object(), json{{"last_seq", last + 5}}, json{{"last_seq", 0}}}) {
    ws_client c(s.server.port());
    auto hello = extra;
    hello["token"] = s.token;
    c.hello(s.session.code, hello);
    const auto snap = c.receive();
    ASSERT_EQ(snap.at("type"), "snapshot");
    EXPECT_EQ(snap.at("seq"), last);
    EXPECT_EQ(snap.at("state").at("status"), "live");
  }
}

TEST(CatchUp, AClientThatIsUpToDateGetsNothingMore) {
  running_session s;
  const auto last = s.step("start_session");
  ws_client c(s.server.port());
  c.hello(s.session.code, {{"token", s.token}, {"last_seq", last}});
  s.step("timer_start");
  const auto next = c.receive();
  EXPECT_EQ(next.at("type"), "event");
  EXPECT_EQ(next.at("seq"), last + 1);
}

}  // namespace
}  // namespace debrief::testing
