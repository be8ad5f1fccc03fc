// What a server does when its disk stops taking writes, and after: each
// fault is injected by the test VFS (faulty_vfs.hpp), not by a full disk.

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "faulty_vfs.hpp"
#include "harness.hpp"

namespace debrief::testing {
namespace {

// A server whose database is opened through the faulty VFS, probing storage
// again at most every 300 ms once a write failed.
void use_faulty_vfs(server::config& cfg) {
  cfg.storage_vfs = faulty_vfs::install().name();
  cfg.storage_retry_max = std::chrono::milliseconds(300);
}

// Waits, without a time limit of its own, until `done` holds.
template <typename Condition>
void wait_until(Condition done) {
  while (!done()) std::this_thread::sleep_for(5ms);
}

unsigned readyz(std::uint16_t port) { return http_request(port, http::verb::get, "/readyz").status; }

// A session with a facilitator who started it: one room of several.
struct running_session {
  created session;
  std::unique_ptr<ws_client> facilitator;
  std::string token;
  std::int64_t seq = 0;  // of the last acknowledged command

  explicit running_session(std::uint16_t port)
      : session(create_session(port)), facilitator(std::make_unique<ws_client>(port)) {
    token = facilitator->join(session.code, "Maya", "facilitator", session.facilitator_key).at("token");
    seq = facilitator->ok({{"type", "start_session"}}).at("seq");
  }
};

const json add_a_minute = {{"type", "timer_add"}, {"seconds", 60}};

std::int64_t timer_duration(std::uint16_t port, const running_session& s) {
  return snapshot_of(port, s.session.code, s.token).at("state").at("timer").at("duration_ms");
}

class StorageFaults : public ::testing::Test {
 protected:
  void TearDown() override {
    vfs.hold_syncs(false);
    vfs.heal();
  }
  faulty_vfs& vfs = faulty_vfs::install();
  temp_dir dir;
};

TEST_F(StorageFaults, AFailedGroupCommitRefusesEachCommandAndKeepsEveryoneConnected) {
  test_server server(dir.path() / "debrief.db", {}, {}, use_faulty_vfs);
  std::vector<running_session> rooms;
  for (int i = 0; i < 4; ++i) rooms.emplace_back(server.port());
  std::vector<std::int64_t> durations;
  for (const auto& r : rooms) durations.push_back(timer_duration(server.port(), r));

  // The first room's commit waits in its sync; the other rooms' commands
  // queue behind it and are committed together next, with writes failing.
  vfs.hold_syncs(true);
  rooms[0].facilitator->send({{"type", "timer_add"}, {"id", "first"}, {"seconds", 60}});
  wait_until([&] { return vfs.syncs_waiting() > 0; });
  for (std::size_t i = 1; i < rooms.size(); ++i) {
    rooms[i].facilitator->send({{"type", "timer_add"}, {"id", "grouped"}, {"seconds", 60}});
  }
  std::this_thread::sleep_for(300ms);  // lets the three reach the writer's queue
  vfs.fail_writes(true);
  vfs.hold_syncs(false);

  const auto first = rooms[0].facilitator->receive_type("ack");
  EXPECT_EQ(first.at("seq"), rooms[0].seq + 1) << "the commit already under way was stored";
  rooms[0].seq = first.at("seq");
  for (std::size_t i = 1; i < rooms.size(); ++i) {
    const auto answer = rooms[i].facilitator->receive_type("error");
    EXPECT_EQ(answer.at("code"), "unavailable") << answer;
    EXPECT_EQ(answer.at("id"), "grouped");
  }
  EXPECT_GT(vfs.refused(), 0u);
  EXPECT_EQ(readyz(server.port()), 503u);

  // Nobody was disconnected; everyone reads the state as of the last stored event.
  for (std::size_t i = 1; i < rooms.size(); ++i) {
    const auto again = rooms[i].facilitator->command(add_a_minute);
    EXPECT_EQ(again.at("code"), "unavailable") << "refused at once while storage is down";
    EXPECT_EQ(timer_duration(server.port(), rooms[i]), durations[i]);
  }

  vfs.heal();
  wait_until([&] { return readyz(server.port()) == 200; });
  for (auto& r : rooms) {
    const auto ack = r.facilitator->ok(add_a_minute);
    EXPECT_EQ(ack.at("seq"), r.seq + 1) << "no gap where the refused commands were";
  }
  for (std::size_t i = 1; i < rooms.size(); ++i) {
    EXPECT_EQ(timer_duration(server.port(), rooms[i]), durations[i] + 60'000);
  }
}

TEST_F(StorageFaults, CommandsAppliedOnTopOfAFailedOneAreRefusedWithItAndLeaveNoGap) {
  test_server server(dir.path() / "debrief.db", {}, {}, use_faulty_vfs);
  running_session room(server.port());
  const auto before = timer_duration(server.port(), room);

  // The first commit waits in its sync; the next three are applied on top of
  // it meanwhile and wait behind it. Then its sync fails.
  vfs.hold_syncs(true);
  const std::vector<std::string> ids = {"c1", "c2", "c3", "c4"};
  room.facilitator->send({{"type", "timer_add"}, {"id", ids[0]}, {"seconds", 60}});
  wait_until([&] { return vfs.syncs_waiting() > 0; });
  for (std::size_t i = 1; i < ids.size(); ++i) {
    room.facilitator->send({{"type", "timer_add"}, {"id", ids[i]}, {"seconds", 60}});
  }
  std::this_thread::sleep_for(300ms);  // lets the three reach the room and the writer's queue
  vfs.fail_syncs(true);
  vfs.hold_syncs(false);
  for (const auto& id : ids) {
    const auto answer = room.facilitator->receive_type("error");
    EXPECT_EQ(answer.at("id"), id);
    EXPECT_EQ(answer.at("code"), "unavailable");
  }

  vfs.heal();
  EXPECT_EQ(room.facilitator->receive_type("storage", 10s).at("state"), "ok");
  EXPECT_EQ(timer_duration(server.port(), room), before) << "none of the four was kept";
  // Sent again with the same ids, they are new commands, stored right after
  // the last stored event.
  for (std::size_t i = 0; i < ids.size(); ++i) {
    room.facilitator->send({{"type", "timer_add"}, {"id", ids[i]}, {"seconds", 60}});
    const auto ack = room.facilitator->receive_type("ack");
    EXPECT_EQ(ack.at("id"), ids[i]);
    EXPECT_EQ(ack.at("seq"), room.seq + 1 + static_cast<std::int64_t>(i));
  }
  EXPECT_EQ(timer_duration(server.port(), room), before + 4 * 60'000);
}

TEST_F(StorageFaults, EveryConnectedBrowserIsToldAndTheServerRecoversByItself) {
  test_server server(dir.path() / "debrief.db", {}, {}, use_faulty_vfs);
  running_session room(server.port());
  ws_client colleague(server.port());
  const auto joined = colleague.join(room.session.code, "Lena", "colleague");
  const auto colleague_token = joined.at("token");
  ws_client watcher(server.port());  // not joined: shown the lobby only
  watcher.hello(room.session.code);
  watcher.receive_type("lobby");
  EXPECT_EQ(http_request(server.port(), http::verb::get, "/readyz").body, R"({"status":"ready"})");

  vfs.fail_syncs(true);
  const auto refused = room.facilitator->command(add_a_minute);
  EXPECT_EQ(refused.at("code"), "unavailable");
  for (auto* c : {&colleague, &watcher}) {
    EXPECT_EQ(c->receive_type("storage"), (json{{"type", "storage"}, {"state", "unavailable"}}));
  }
  const auto readiness = http_request(server.port(), http::verb::get, "/readyz");
  EXPECT_EQ(readiness.status, 503u);
  EXPECT_EQ(json::parse(readiness.body).at("error").at("code"), "unavailable");
  EXPECT_EQ(http_request(server.port(), http::verb::get, "/healthz").status, 200u) << "alive all the same";

  // A reconnect is served, and told at once.
  ws_client returning(server.port());
  returning.hello(room.session.code, {{"token", colleague_token}});
  EXPECT_EQ(returning.receive_type("storage").at("state"), "unavailable");
  EXPECT_FALSE(returning.receive_type("snapshot").is_null());

  vfs.heal();
  for (auto* c : {&colleague, &watcher, &returning}) {
    EXPECT_EQ(c->receive_type("storage", 10s), (json{{"type", "storage"}, {"state", "ok"}}));
  }
  EXPECT_EQ(readyz(server.port()), 200u);
  EXPECT_EQ(room.facilitator->ok(add_a_minute).at("seq"), joined.at("seq").get<std::int64_t>() + 1)
      << "the refused command left no trace";
}

TEST_F(StorageFaults, AJoinThatCouldNotBeStoredLeavesItsConnectionInTheLobby) {
  test_server server(dir.path() / "debrief.db", {}, {}, use_faulty_vfs);
  running_session room(server.port());
  ws_client newcomer(server.port());
  newcomer.hello(room.session.code);
  newcomer.receive_type("lobby");
  const json join = {
      {"type", "join"}, {"id", "join-1"}, {"name", "Lena"}, {"role", "colleague"}, {"client_secret", random_hex()}};

  vfs.fail_writes(true);
  newcomer.send(join);
  EXPECT_EQ(newcomer.receive_type("error").at("code"), "unavailable");
  vfs.heal();
  EXPECT_EQ(newcomer.receive_type("storage", 10s).at("state"), "ok");

  // The same join again is a new join, not the retry of a stored one.
  newcomer.send(join);
  const auto ack = newcomer.receive_type("ack");
  EXPECT_EQ(ack.at("seq"), room.seq + 1);
  EXPECT_EQ(snapshot_of(server.port(), room.session.code, ack.at("token")).at("state").at("participants").size(), 2u);
}

TEST_F(StorageFaults, ADeleteWhileStorageIsUnavailableIsRefusedAndClosesNothing) {
  test_server server(dir.path() / "debrief.db", {}, {}, use_faulty_vfs);
  running_session room(server.port());
  const auto target = "/api/sessions/" + room.session.code;

  vfs.fail_writes(true);
  EXPECT_EQ(room.facilitator->command(add_a_minute).at("code"), "unavailable");
  EXPECT_EQ(http_request(server.port(), http::verb::delete_, target, {}, room.session.facilitator_key).status, 503u);
  EXPECT_EQ(room.facilitator->command(add_a_minute).at("code"), "unavailable") << "still connected, still the session";

  vfs.heal();
  EXPECT_EQ(room.facilitator->receive_type("storage", 10s).at("state"), "ok");
  EXPECT_EQ(http_request(server.port(), http::verb::delete_, target, {}, room.session.facilitator_key).status, 200u);
}

TEST_F(StorageFaults, ATimerThatRanOutWhileStorageWasUnavailableExpiresWhenItIsBack) {
  std::atomic<std::int64_t> now{1'790'000'000'000};  // simulated time: the server's clock is this test's
  test_server server(
      dir.path() / "debrief.db", {}, [&] { return now.load(); }, use_faulty_vfs);
  running_session room(server.port());
  room.facilitator->ok({{"type", "timer_start"}});

  vfs.fail_writes(true);
  EXPECT_EQ(room.facilitator->command(add_a_minute).at("code"), "unavailable");
  now += 60 * 60 * 1000;  // an hour later: the phase's time is long up

  vfs.heal();
  const auto expired = room.facilitator->receive_type("event", 10s);
  EXPECT_EQ(expired.at("event").at("type"), "timer_expired") << expired;
}

TEST_F(StorageFaults, AStopThatCouldNotWriteIsReported) {
  const auto stopped_with_failure = [&](bool failing) {
    server::config cfg;
    cfg.bind = "127.0.0.1";
    cfg.port = 0;
    cfg.db = (dir.path() / "debrief.db").string();
    cfg.static_dir = dir.path().string();
    use_faulty_vfs(cfg);
    server::app app(cfg);
    std::thread serving([&] { app.run(); });
    {
      running_session room(app.port());
      if (failing) vfs.fail_writes(true);
      EXPECT_EQ(room.facilitator->command(add_a_minute).at("type"), failing ? "error" : "ack");
    }
    app.stop();
    serving.join();
    vfs.heal();
    return app.storage_failed();
  };
  EXPECT_FALSE(stopped_with_failure(false));
  EXPECT_TRUE(stopped_with_failure(true));
}

}  // namespace
}  // namespace debrief::testing
