// A room stores a snapshot of its session with the commit of its 100th event
// since the last (the rule for large sessions: snapshot_due_test).
#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <thread>

#include "debrief/storage/database.hpp"
#include "harness.hpp"

namespace debrief::testing {
namespace {

std::int64_t stored_snapshot_seq(const std::filesystem::path& db, const std::string& code) {
  storage::database store(db.string());
  const auto session = store.load_session(code);
  if (!session || !session->snapshot) return 0;
  return session->snapshot->seq;
}

// A timer command and its opposite, so the state stays small; paced under
// a person's message rate (20 a second).
void toggle_timer(ws_client& facilitator, int times) {
  for (int i = 0; i < times; ++i) {
    if (i >= 30) std::this_thread::sleep_for(std::chrono::milliseconds(55));
    facilitator.ok({{"type", i % 2 == 0 ? "timer_pause" : "timer_resume"}});
  }
}

TEST(Snapshots, ASmallSessionIsSnapshottedEveryHundredEvents) {
  temp_dir dir;
  const auto db = dir.path() / "debrief.db";
  test_server server(db);
  const auto session = create_session(server.port());
  ws_client facilitator(server.port());
  facilitator.join(session.code, "Maya", "facilitator", session.facilitator_key);
  facilitator.ok({{"type", "start_session"}});
  facilitator.ok({{"type", "timer_start"}});
  toggle_timer(facilitator, 120);
  const auto seq = stored_snapshot_seq(db, session.code);
  EXPECT_GE(seq, 100);
  EXPECT_LE(seq, 124);
}

}  // namespace
}  // namespace debrief::testing
