// A backup made while a debrief is being written, restored as the README
// says (server stopped, the backup copied over the database file, -wal and
// -shm removed, server started): every session is there, and every event
// acknowledged before the backup began, exactly as it was stored.

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "debrief/storage/backup.hpp"
#include "debrief/storage/database.hpp"
#include "harness.hpp"

namespace debrief::testing {
namespace {

namespace fs = std::filesystem;

std::vector<storage::event_record> log_of(const fs::path& db, const std::string& code) {
  storage::database reopened(db.string());
  return reopened.events_after(code, 0);
}

// The README's restore, step by step.
void restore(const fs::path& backup, const fs::path& db) {
  fs::copy_file(backup, db, fs::copy_options::overwrite_existing);
  fs::remove(db.string() + "-wal");
  fs::remove(db.string() + "-shm");
}

TEST(BackupRestore, ABackupMadeWhileADebriefIsWrittenRestoresEverySessionAsItWas) {
  temp_dir live_dir;
  temp_dir backups;
  const auto live_db = live_dir.path() / "debrief.db";
  std::vector<created> sessions;
  fs::path backup;
  std::int64_t acked_before_backup = 0;
  {
    test_server server(live_db);
    for (int i = 0; i < 3; ++i) sessions.push_back(create_session(server.port()));
    const auto& busy = sessions.front();
    ws_client facilitator(server.port());
    facilitator.join(busy.code, "Maya", "facilitator", busy.facilitator_key);
    ws_client presenter(server.port());
    presenter.join(busy.code, "Jordan", "presenter");
    facilitator.ok({{"type", "start_session"}});
    facilitator.ok({{"type", "next_phase"}});

    std::atomic<std::int64_t> last_acked{0};
    std::atomic<bool> stop{false};
    std::thread writing([&] {
      // Below the per-participant rate limit (20 a second), so every one is applied.
      for (int n = 0; !stop; ++n) {
        const auto ack = presenter.command(
            {{"type", "board_add"}, {"list", "know"}, {"text", "item " + std::to_string(n)}, {"phase", "assumptions"}});
        if (ack.at("type") != "ack") break;  // shows as too few items below
        last_acked = ack.at("seq").get<std::int64_t>();
        std::this_thread::sleep_for(std::chrono::milliseconds(60));
      }
    });
    EXPECT_TRUE(eventually([&] { return last_acked.load() >= 20; }));
    acked_before_backup = last_acked.load();
    backup = storage::back_up_into(live_db.string(), backups.path()).path;
    const auto acked_after_backup = last_acked.load();
    EXPECT_TRUE(eventually([&] { return last_acked.load() > acked_after_backup + 5; }));  // writing went on
    stop = true;
    writing.join();
  }
  ASSERT_TRUE(storage::verify_file(backup.string()).ok());

  temp_dir fresh;
  const auto restored_db = fresh.path() / "debrief.db";
  restore(backup, restored_db);
  std::vector<std::string> codes;
  for (const auto& s : sessions) codes.push_back(s.code);
  std::sort(codes.begin(), codes.end());
  EXPECT_EQ(stored_sessions(restored_db), codes);
  // Each session's log is the live log up to some point at or after the
  // last acknowledgement before the backup: nothing lost, nothing changed.
  for (const auto& s : sessions) {
    const auto restored = log_of(restored_db, s.code);
    const auto live = log_of(live_db, s.code);
    ASSERT_LE(restored.size(), live.size());
    EXPECT_TRUE(std::equal(restored.begin(), restored.end(), live.begin())) << s.code;
  }
  EXPECT_GE(static_cast<std::int64_t>(log_of(restored_db, sessions.front().code).size()), acked_before_backup);

  // A fresh server serves the restored sessions: the facilitator finds the board.
  test_server server(restored_db);
  ws_client facilitator(server.port());
  facilitator.join(sessions.front().code, "Maya", "facilitator", sessions.front().facilitator_key);
  const auto board = facilitator.last_snapshot().at("state").at("board");
  EXPECT_GE(board.size(), 10u);
  EXPECT_EQ(board.at(0).at("text"), "item 0");
}

TEST(BackupRestore, TheServerBacksUpOnItsScheduleAndKeepsTheNewest) {
  temp_dir live_dir;
  temp_dir backups;
  created session;
  {
    test_server server(live_dir.path() / "debrief.db", {}, {}, [&](server::config& c) {
      c.backup_dir = backups.path().string();
      c.backup_interval = std::chrono::milliseconds(30);
      c.backup_keep = 2;
    });
    session = create_session(server.port());
    const auto first = storage::backup_name(std::chrono::system_clock::now());
    // Two made after the session was stored, and so an older one pruned.
    ASSERT_TRUE(eventually(
        [&] {
          const auto all = storage::backups_in(backups.path());
          return all.size() == 2 && all.front().filename().string() > first;
        },
        std::chrono::seconds(20)));
  }
  const auto kept = storage::backups_in(backups.path());
  ASSERT_EQ(kept.size(), 2u);
  for (const auto& b : kept) {
    EXPECT_TRUE(storage::verify_file(b.string()).ok()) << b;
    storage::database copy(b.string());
    EXPECT_TRUE(copy.load_session(session.code).has_value()) << b;
  }
}

}  // namespace
}  // namespace debrief::testing
