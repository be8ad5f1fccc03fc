#include <gtest/gtest.h>

#include "harness.hpp"

namespace debrief::testing {
namespace {

// Reads events until the one with `last_seq`, returning them in arrival order.
std::vector<json> events_through(ws_client& c, std::int64_t last_seq) {
  std::vector<json> out;
  for (;;) {
    auto m = c.receive();
    if (m.at("type") != "event") continue;
    out.push_back(m);
    if (m.at("seq").get<std::int64_t>() >= last_seq) return out;
  }
}

std::vector<std::int64_t> seqs(const std::vector<json>& events) {
  std::vector<std::int64_t> out;
  for (const auto& e : events) out.push_back(e.at("seq"));
  return out;
}

TEST(LiveSession, ThreeClientsSeeTheSameEventsInTheSameGapFreeOrder) {
  temp_dir dir;
  test_server server(dir.path() / "debrief.db");
  const auto session = create_session(server.port());

  ws_client facilitator(server.port());
  const auto fac_ack = facilitator.join(session.code, "Maya", "facilitator", session.facilitator_key);
  ASSERT_EQ(fac_ack.at("type"), "ack") << fac_ack.dump();
  ws_client presenter(server.port());
  ASSERT_EQ(presenter.join(session.code, "Ravi", "presenter").at("type"), "ack");
  ws_client colleague(server.port());
  const auto col_ack = colleague.join(session.code, "Lena", "colleague");
  ASSERT_EQ(col_ack.at("type"), "ack");
  const auto joined_seq = col_ack.at("seq").get<std::int64_t>();

  // Everyone sees all three names before the facilitator goes on.
  for (auto* c : {&facilitator, &presenter}) events_through(*c, joined_seq);

  std::int64_t last = 0;
  for (const auto* type :
       {"start_session", "timer_start", "timer_pause", "timer_resume", "timer_add", "next_phase", "previous_phase"}) {
    const auto ack = facilitator.command({{"type", type}});
    ASSERT_EQ(ack.at("type"), "ack") << type << ": " << ack.dump();
    last = ack.at("seq");
  }

  const auto at_presenter = events_through(presenter, last);
  const auto at_colleague = events_through(colleague, last);
  ASSERT_EQ(at_presenter.size(), 8u);
  EXPECT_EQ(at_presenter, at_colleague);
  const auto numbers = seqs(at_presenter);
  for (std::size_t i = 0; i < numbers.size(); ++i) EXPECT_EQ(numbers[i], joined_seq + 1 + static_cast<std::int64_t>(i));

  std::vector<std::string> types;
  for (const auto& e : at_presenter) types.push_back(e.at("event").at("type"));
  // Leaving the first phase keeps its running timer, which coming back resumes.
  EXPECT_EQ(types, (std::vector<std::string>{"session_started", "timer_started", "timer_paused", "timer_resumed",
                                             "timer_extended", "phase_timer_saved", "phase_changed", "phase_changed"}));
  EXPECT_EQ(at_presenter[7].at("event").at("timer").at("status"), "paused");
  const auto& extended = at_presenter[4].at("event").at("timer");
  EXPECT_EQ(extended.at("status"), "running");
  EXPECT_EQ(extended.at("duration_ms"), (3 * 60 + 60) * 1000);
}

TEST(LiveSession, PresenceFollowsConnections) {
  temp_dir dir;
  test_server server(dir.path() / "debrief.db");
  const auto session = create_session(server.port());
  ws_client facilitator(server.port());
  facilitator.join(session.code, "Maya", "facilitator", session.facilitator_key);

  std::string token;
  {
    ws_client colleague(server.port());
    const auto ack = colleague.join(session.code, "Lena", "colleague");
    token = ack.at("token");
    EXPECT_EQ(facilitator.receive_type("event").at("event").at("type"), "participant_joined");
    colleague.close();
  }
  auto offline = facilitator.receive_type("event").at("event");
  EXPECT_EQ(offline.at("type"), "presence_changed");
  EXPECT_EQ(offline.at("online"), false);

  ws_client again(server.port());
  const auto welcome = again.hello(session.code, {{"token", token}});
  EXPECT_EQ(welcome.at("you"), "p2");
  auto online = facilitator.receive_type("event").at("event");
  EXPECT_EQ(online.at("type"), "presence_changed");
  EXPECT_EQ(online.at("participant"), "p2");
  EXPECT_EQ(online.at("online"), true);
}

TEST(LiveSession, OnlyTheFacilitatorStepsTheProtocol) {
  temp_dir dir;
  test_server server(dir.path() / "debrief.db");
  const auto session = create_session(server.port());
  ws_client colleague(server.port());
  colleague.join(session.code, "Lena", "colleague");
  const auto reply = colleague.command({{"type", "start_session"}});
  EXPECT_EQ(reply.at("type"), "error");
  EXPECT_EQ(reply.at("code"), "forbidden");

  ws_client impostor(server.port());
  const auto wrong_key = impostor.join(session.code, "Sam", "facilitator", "0123456789abcdef0123456789abcdef");
  EXPECT_EQ(wrong_key.at("code"), "forbidden");
}

}  // namespace
}  // namespace debrief::testing
