// The message rate limit holds per person, not per socket: one participant
// with many connections, or many unjoined connections from one address,
// get one allowance between them.

#include <gtest/gtest.h>

#include <memory>
#include <vector>

#include "harness.hpp"

namespace debrief::testing {
namespace {

constexpr int burst = 40;
constexpr int per_second = 20;

// The most a full bucket can give within `elapsed`, however slow the
// machine: the burst plus what refilled meanwhile (and one for rounding).
double most_allowed(std::chrono::steady_clock::time_point since) {
  const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - since;
  return burst + per_second * elapsed.count() + 1;
}

struct tally {
  int accepted = 0;
  int limited = 0;
};

// Reads `c` until it has answered `expected` messages: an answer of
// `accepted_type`, or a rate_limited error. Events in between are skipped.
void count_answers(ws_client& c, int expected, const std::string& accepted_type, tally& t) {
  for (int answered = 0; answered < expected;) {
    const auto m = c.receive();
    if (m.at("type") == accepted_type) {
      ++t.accepted;
      ++answered;
    } else if (m.at("type") == "error") {
      EXPECT_EQ(m.at("code"), "rate_limited") << m.dump();
      ++t.limited;
      ++answered;
    }
  }
}

TEST(MessageRate, OneParticipantWithFifteenSocketsSharesOneAllowance) {
  temp_dir dir;
  test_server server(dir.path() / "debrief.db");
  const auto session = create_session(server.port());
  const auto began = std::chrono::steady_clock::now();  // before the participant's bucket exists

  std::vector<std::unique_ptr<ws_client>> sockets;
  sockets.push_back(std::make_unique<ws_client>(server.port()));
  const auto token = sockets.front()
                         ->join(session.code, "Maya", "facilitator", session.facilitator_key)
                         .at("token")
                         .get<std::string>();
  sockets.front()->ok({{"type", "start_session"}});
  while (sockets.size() < 15) {
    auto c = std::make_unique<ws_client>(server.port());
    ASSERT_EQ(c->hello(session.code, {{"token", token}}).at("you"), "p1");
    c->receive_type("snapshot");
    sockets.push_back(std::move(c));
  }

  constexpr int per_socket = 40;  // each socket alone stays within a burst
  for (std::size_t s = 0; s < sockets.size(); ++s) {
    for (int i = 0; i < per_socket; ++i) {
      sockets[s]->send(
          {{"type", "timer_add"}, {"id", "s" + std::to_string(s) + "-" + std::to_string(i)}, {"seconds", 1}});
    }
  }
  tally t;
  for (auto& c : sockets) count_answers(*c, per_socket, "ack", t);
  const int sent = per_socket * static_cast<int>(sockets.size());

  EXPECT_EQ(t.accepted + t.limited, sent);
  EXPECT_LE(t.accepted, most_allowed(began)) << "out of " << sent;
  EXPECT_GT(t.limited, 0);
  // Exactly the accepted ones were applied.
  ws_client observer(server.port());
  observer.hello(session.code, {{"token", token}});
  const auto timer = observer.receive_type("snapshot").at("state").at("timer");
  EXPECT_EQ(timer.at("duration_ms"), 3 * 60 * 1000 + t.accepted * 1000);
}

TEST(MessageRate, UnjoinedSocketsFromOneAddressShareOneAllowanceApartFromParticipants) {
  temp_dir dir;
  // The same figures as a participant's, so one helper bounds both.
  test_server server(dir.path() / "debrief.db", {}, {}, [](server::config& cfg) {
    cfg.unjoined_burst = burst;
    cfg.unjoined_per_second = per_second;
  });
  const auto session = create_session(server.port());
  ws_client facilitator(server.port());
  facilitator.join(session.code, "Maya", "facilitator", session.facilitator_key);

  const auto began = std::chrono::steady_clock::now();  // the hellos and join above came earlier: 2 tokens
  std::vector<std::unique_ptr<ws_client>> watchers;
  for (int i = 0; i < 10; ++i) {
    watchers.push_back(std::make_unique<ws_client>(server.port()));
    watchers.back()->hello(session.code);
  }
  constexpr int pings = 10;
  for (auto& w : watchers) {
    for (int i = 0; i < pings; ++i) w->send({{"type", "ping"}, {"t", i}});
  }
  tally t;
  for (auto& w : watchers) count_answers(*w, pings, "pong", t);
  // 10 hellos and 100 pings against one bucket that had at most 40 - 2.
  EXPECT_EQ(t.accepted + t.limited, pings * 10);
  EXPECT_LE(t.accepted + 10, most_allowed(began));
  EXPECT_GT(t.limited, 0);

  // The facilitator, on the same address, has an allowance of their own.
  EXPECT_EQ(facilitator.command({{"type", "start_session"}}).at("type"), "ack");
}

}  // namespace
}  // namespace debrief::testing
