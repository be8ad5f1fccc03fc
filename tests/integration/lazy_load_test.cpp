// Sessions are read from disk when someone wants them (hello, export,
// delete, a timer about to run out) and leave memory when nobody has for a
// while; nothing about them changes on the way.

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <thread>

#include "debrief/storage/database.hpp"
#include "harness.hpp"

namespace debrief::testing {
namespace {

constexpr std::int64_t hour = 60 * 60 * 1000;

class LazyLoad : public ::testing::Test {
 protected:
  std::atomic<std::int64_t> now{1'790'000'000'000};
  temp_dir dir;
  std::filesystem::path db = dir.path() / "debrief.db";

  // A server that lets a room go after 200 ms idle, on the test's clock.
  std::unique_ptr<test_server> start(std::chrono::milliseconds sweep_interval = std::chrono::minutes(10)) {
    return std::make_unique<test_server>(
        db, std::filesystem::path{}, [this] { return now.load(); },
        [sweep_interval](server::config& c) {
          c.unload_after = 200ms;
          c.lobby_sweep_interval = sweep_interval;
        });
  }
};

TEST_F(LazyLoad, ASessionIsNotLoadedAtStartButOnHelloAndThenWorks) {
  created session;
  std::string token;
  {
    auto server = start();
    session = create_session(server->port());
    ws_client facilitator(server->port());
    token = facilitator.join(session.code, "Maya", "facilitator", session.facilitator_key).at("token");
    facilitator.ok({{"type", "start_session"}});
  }
  auto server = start();
  EXPECT_EQ(server->loaded_sessions(), 0u);

  ws_client back(server->port());
  EXPECT_EQ(back.hello(session.code, {{"token", token}}).at("you"), "p1");
  EXPECT_EQ(back.receive_type("snapshot").at("state").at("status"), "live");
  EXPECT_EQ(back.command({{"type", "next_phase"}}).at("type"), "ack");
  EXPECT_EQ(server->loaded_sessions(), 1u);

  // An unknown code is still refused as before.
  ws_client stranger(server->port());
  stranger.send({{"type", "hello"}, {"version", 2}, {"session", "NOSUCHCODE"}});
  EXPECT_EQ(stranger.receive().at("code"), "not_found");
  EXPECT_EQ(server->loaded_sessions(), 1u);
}

TEST_F(LazyLoad, HellosArrivingTogetherShareOneLoadAndOneRoom) {
  created session;
  {
    auto server = start();
    session = create_session(server->port());
  }
  auto server = start();
  std::vector<std::unique_ptr<ws_client>> clients;
  for (int i = 0; i < 6; ++i) clients.push_back(std::make_unique<ws_client>(server->port()));
  // All sent before any answer is read: the loads overlap.
  for (auto& c : clients) c->send({{"type", "hello"}, {"version", 2}, {"session", session.code}});
  for (auto& c : clients) {
    c->receive_type("welcome");
    c->receive_type("lobby");
  }
  EXPECT_EQ(server->loaded_sessions(), 1u);

  // One room: a join through the first is seen by every other connection.
  clients[0]->send({{"type", "join"},
                    {"id", "j1"},
                    {"name", "Maya"},
                    {"role", "facilitator"},
                    {"facilitator_key", session.facilitator_key},
                    {"client_secret", random_hex()}});
  for (std::size_t i = 1; i < clients.size(); ++i) receive_lobby_naming(*clients[i], "Maya");
}

TEST_F(LazyLoad, AnIdleEmptyRoomLeavesMemoryAndComesBackIntact) {
  auto server = start();
  const auto session = create_session(server->port());
  std::string token;
  json acked;
  json before;
  {
    ws_client facilitator(server->port());
    token = facilitator.join(session.code, "Maya", "facilitator", session.facilitator_key).at("token");
    facilitator.ok({{"type", "start_session"}});
    facilitator.send({{"type", "timer_start"}, {"id", "retried-1"}});
    acked = facilitator.receive_type("ack");
    before = snapshot_of(server->port(), session.code, token).at("state");
  }
  // Nobody connected, nothing to store: after the idle period it goes.
  ASSERT_TRUE(eventually([&] { return server->loaded_sessions() == 0; }));

  ws_client back(server->port());
  EXPECT_EQ(back.hello(session.code, {{"token", token}, {"last_seq", acked.at("seq")}}).at("you"), "p1");
  // The retry of a command acknowledged before the unload gets the same
  // answer, and nothing happens twice.
  back.send({{"type", "timer_start"}, {"id", "retried-1"}});
  const auto again = back.receive_type("ack");
  EXPECT_EQ(again.at("seq"), acked.at("seq"));
  const auto after = snapshot_of(server->port(), session.code, token).at("state");
  EXPECT_EQ(after.at("timer"), before.at("timer"));
  EXPECT_EQ(after.at("phase"), before.at("phase"));
  EXPECT_EQ(after.at("status"), "live");
  // And it goes on from the same seq.
  const auto next = back.command({{"type", "timer_pause"}});
  ASSERT_EQ(next.at("type"), "ack");
  EXPECT_GT(next.at("seq").get<std::int64_t>(), acked.at("seq").get<std::int64_t>());
}

TEST_F(LazyLoad, ARoomSomeoneIsConnectedToStaysInMemory) {
  auto server = start();
  const auto session = create_session(server->port());
  ws_client facilitator(server->port());
  facilitator.join(session.code, "Maya", "facilitator", session.facilitator_key);
  // Many idle periods, and upkeep rounds, with the connection open.
  std::this_thread::sleep_for(1500ms);
  EXPECT_EQ(server->loaded_sessions(), 1u);
  EXPECT_EQ(facilitator.command({{"type", "start_session"}}).at("type"), "ack");
  facilitator.close();
  ASSERT_TRUE(eventually([&] { return server->loaded_sessions() == 0; }));
}

TEST_F(LazyLoad, ARunningTimerOfAnUnloadedSessionRunsOutOnTime) {
  std::string token;
  created session;
  json timer;
  {
    auto server = start();
    session = create_session(server->port());
    ws_client facilitator(server->port());
    token = facilitator.join(session.code, "Maya", "facilitator", session.facilitator_key).at("token");
    facilitator.ok({{"type", "start_session"}});
    facilitator.ok({{"type", "timer_start"}});
    timer = snapshot_of(server->port(), session.code, token).at("state").at("timer");
    ASSERT_EQ(timer.at("status"), "running");
  }
  // A restart, nobody connects: the timer is known from storage alone.
  auto server = start();
  EXPECT_EQ(server->loaded_sessions(), 0u);
  now = timer.at("ends_at").get<std::int64_t>();
  ASSERT_TRUE(eventually([&] { return server->loaded_sessions() == 1; }));
  ws_client watcher(server->port());
  watcher.hello(session.code, {{"token", token}});
  json state;
  ASSERT_TRUE(eventually([&] {
    state = snapshot_of(server->port(), session.code, token).at("state");
    return state.at("timer").at("status") == "expired";
  })) << state.dump();

  // Once more without a restart: unloaded while it ran, loaded again to run out.
  watcher.ok({{"type", "next_phase"}});
  watcher.ok({{"type", "timer_start"}});
  const auto second = snapshot_of(server->port(), session.code, token).at("state").at("timer");
  watcher.close();
  ASSERT_TRUE(eventually([&] { return server->loaded_sessions() == 0; }));
  now = second.at("ends_at").get<std::int64_t>();
  ASSERT_TRUE(eventually([&] { return server->loaded_sessions() == 1; }));
  ASSERT_TRUE(eventually([&] {
    state = snapshot_of(server->port(), session.code, token).at("state");
    return state.at("timer").at("status") == "expired";
  })) << state.dump();
}

// A file upgraded from schema 4 marks every started, unended session "timer
// unknown" (due 0): the server loads each once, stores what it finds, and
// lets it go again.
TEST_F(LazyLoad, SessionsWhoseTimerIsUnknownAfterAnUpgradeAreLookedAtOnce) {
  created running;
  created not_counting;
  std::string token;
  json timer;
  {
    auto server = start();
    running = create_session(server->port());
    not_counting = create_session(server->port());
    ws_client facilitator(server->port());
    token = facilitator.join(running.code, "Maya", "facilitator", running.facilitator_key).at("token");
    facilitator.ok({{"type", "start_session"}});
    facilitator.ok({{"type", "timer_start"}});
    timer = snapshot_of(server->port(), running.code, token).at("state").at("timer");
    ws_client other(server->port());
    other.join(not_counting.code, "Ravi", "facilitator", not_counting.facilitator_key);
    other.ok({{"type", "start_session"}});
  }
  {
    storage::database store(db.string());
    std::vector<storage::write_batch> unknown(2);
    unknown[0].session = running.code;
    unknown[1].session = not_counting.code;
    for (auto& b : unknown) {
      b.timer_changed = true;
      b.timer_due = 0;
    }
    store.commit(unknown);
  }
  auto server = start();
  ASSERT_TRUE(eventually([&] {
    storage::database store(db.string());
    return store.running_timers() ==
           std::vector<storage::due_timer>{{running.code, timer.at("ends_at").get<std::int64_t>()}};
  }));
  ASSERT_TRUE(eventually([&] { return server->loaded_sessions() == 0; }));
}

TEST_F(LazyLoad, LobbyExpiryDeletesANeverStartedSessionThatIsNotLoaded) {
  created idle;
  created started;
  {
    auto server = start();
    idle = create_session(server->port());
    started = create_session(server->port());
    ws_client facilitator(server->port());
    facilitator.join(started.code, "Maya", "facilitator", started.facilitator_key);
    facilitator.ok({{"type", "start_session"}});
  }
  auto server = start(5ms);
  EXPECT_EQ(server->loaded_sessions(), 0u);
  now += 24 * hour + 1;
  ASSERT_TRUE(eventually([&] { return stored_sessions(db) == std::vector<std::string>{started.code}; }));
}

TEST_F(LazyLoad, AnEndedSessionIsExportedFromDisk) {
  auto server = start();
  const auto session = create_session(server->port());
  {
    ws_client facilitator(server->port());
    facilitator.join(session.code, "Maya", "facilitator", session.facilitator_key);
    facilitator.ok({{"type", "start_session"}});
    facilitator.ok({{"type", "end_session"}});
  }
  ASSERT_TRUE(eventually([&] { return server->loaded_sessions() == 0; }));

  const auto reply = http_request(server->port(), http::verb::get,
                                  "/api/sessions/" + session.code + "/export?format=json", {}, session.facilitator_key);
  EXPECT_EQ(reply.status, 200u);
  EXPECT_NE(reply.body.find("Maya"), std::string::npos);
  // A wrong key is still refused, and an unknown code still not found.
  EXPECT_EQ(
      http_request(server->port(), http::verb::get, "/api/sessions/" + session.code + "/export", {}, "wrong").status,
      403u);
  EXPECT_EQ(http_request(server->port(), http::verb::get, "/api/sessions/NOSUCHCODE/export", {}, "k").status, 404u);
}

TEST_F(LazyLoad, AnUnloadedSessionCanBeDeleted) {
  auto server = start();
  const auto session = create_session(server->port());
  ASSERT_TRUE(eventually([&] { return server->loaded_sessions() == 0; }));
  const auto reply =
      http_request(server->port(), http::verb::delete_, "/api/sessions/" + session.code, {}, session.facilitator_key);
  EXPECT_EQ(reply.status, 200u);
  server.reset();
  EXPECT_TRUE(stored_sessions(db).empty());
}

TEST_F(LazyLoad, ASessionThatCannotBeReadIsReportedAsUnavailableNotAsMissing) {
  {
    storage::database store(db.string());
    storage::write_batch damaged;
    damaged.session = "DAMAGED00000";
    damaged.create = storage::session_record{"DAMAGED00000", "key", now.load()};
    damaged.events = {{1, now.load(), "not json"}};
    store.commit({damaged});
  }
  auto server = start();
  ws_client c(server->port());
  c.send({{"type", "hello"}, {"version", 2}, {"session", "DAMAGED00000"}});
  EXPECT_EQ(c.receive().at("code"), "unavailable");
  websocket::close_code code{};
  EXPECT_TRUE(c.closed_by_server(&code));
  EXPECT_EQ(code, websocket::close_code::internal_error);
  EXPECT_EQ(http_request(server->port(), http::verb::get, "/api/sessions/DAMAGED00000/export", {}, "key").status, 503u);
}

}  // namespace
}  // namespace debrief::testing
