// Beyond kill -9, which keeps the page cache: a power cut loses every byte not
// yet synced. Rooms of clients send commands while the test VFS cuts the
// power at a random moment (the seed is printed; DEBRIEF_POWER_CUT_SEED
// repeats it); the files are then put back as their last successful syncs
// left them and reopened with SQLite's own VFS. Every acknowledged command
// must be there, each at its ack's seq, with no gap in any session's log.

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <atomic>
#include <cstdlib>
#include <iostream>
#include <mutex>
#include <random>
#include <set>
#include <thread>

#include "faulty_vfs.hpp"
#include "harness.hpp"

namespace debrief::testing {
namespace {

constexpr int room_count = 4;
constexpr int commands_per_room = 200;  // bounds the load whatever the timing

struct acknowledged {
  std::string session;
  std::string participant;
  std::string id;
  std::int64_t seq = 0;
};

std::uint64_t seed_from_environment() {
  if (const char* s = std::getenv("DEBRIEF_POWER_CUT_SEED")) return std::strtoull(s, nullptr, 10);
  return std::random_device{}();
}

// The stored log, read with SQLite's default VFS as after a reboot.
class stored_log {
 public:
  explicit stored_log(const std::filesystem::path& db) {
    if (sqlite3_open_v2(db.c_str(), &db_, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
      throw std::runtime_error("cannot open " + db.string());
    }
  }
  ~stored_log() { sqlite3_close(db_); }

  // The command key stored with the event at `seq`, or "" if none.
  std::string command_at(const std::string& session, std::int64_t seq) {
    return text("SELECT command_key FROM events WHERE session = ?1 AND seq = ?2", session, seq);
  }
  // True if the session's seqs are exactly 1..max.
  bool gap_free(const std::string& session) {
    return text("SELECT COUNT(*) = MAX(seq) AND MIN(seq) = 1 FROM events WHERE session = ?1", session, 0) == "1";
  }
  std::string integrity() { return text("PRAGMA integrity_check", {}, 0); }

 private:
  std::string text(const char* sql, const std::string& session, std::int64_t seq) {
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(db_, sql, -1, &stmt, nullptr) != SQLITE_OK) throw std::runtime_error(sqlite3_errmsg(db_));
    if (sqlite3_bind_parameter_count(stmt) >= 1) sqlite3_bind_text(stmt, 1, session.c_str(), -1, SQLITE_TRANSIENT);
    if (sqlite3_bind_parameter_count(stmt) >= 2) sqlite3_bind_int64(stmt, 2, seq);
    std::string out;
    if (sqlite3_step(stmt) == SQLITE_ROW && sqlite3_column_type(stmt, 0) != SQLITE_NULL) {
      out = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
    }
    sqlite3_finalize(stmt);
    return out;
  }
  sqlite3* db_ = nullptr;
};

TEST(PowerCut, EveryAcknowledgedCommandIsOnDiskAfterThePowerGoes) {
  const auto seed = seed_from_environment();
  std::cout << "power cut seed " << seed << " (DEBRIEF_POWER_CUT_SEED repeats it)\n";
  std::mt19937_64 random(seed);
  auto& vfs = faulty_vfs::install();
  temp_dir dir;
  const auto db = dir.path() / "debrief.db";

  std::mutex mutex;
  std::vector<acknowledged> acks;
  std::atomic<std::size_t> ack_count{0};
  std::size_t refused = 0;
  const auto cut_after = std::uniform_int_distribution<std::size_t>(50, room_count * commands_per_room / 2)(random);
  {
    test_server server(db, {}, {}, [&](server::config& cfg) {
      cfg.storage_vfs = vfs.name();
      // Checkpoints every few dozen commits: the cut may fall while the log
      // is copied into the database file or started afresh.
      cfg.checkpoint_frames = 64;
    });
    std::vector<std::thread> rooms;
    for (int r = 0; r < room_count; ++r) {
      rooms.emplace_back([&, r] {
        const auto session = create_session(server.port());
        ws_client facilitator(server.port());
        const auto joined = facilitator.join(session.code, "Maya", "facilitator", session.facilitator_key);
        facilitator.ok({{"type", "start_session"}});
        for (int k = 0; k < commands_per_room; ++k) {
          auto answer = facilitator.command({{"type", "timer_add"}, {"seconds", 60}});
          // A person may send 20 messages a second: nothing was applied, send again.
          while (answer.at("type") == "error" && answer.at("code") == "rate_limited") {
            std::this_thread::sleep_for(50ms);
            answer = facilitator.command({{"type", "timer_add"}, {"seconds", 60}});
          }
          std::lock_guard lock(mutex);
          if (answer.at("type") == "ack") {
            acks.push_back({session.code, joined.at("you"), answer.at("id"), answer.at("seq")});
            ++ack_count;
          } else {
            ASSERT_EQ(answer.at("code"), "unavailable") << answer;
            ++refused;
          }
        }
      });
    }
    while (ack_count < cut_after) std::this_thread::sleep_for(std::chrono::microseconds(200));
    vfs.cut_power();
    for (auto& t : rooms) t.join();
  }  // the server stops with the power off: nothing more reaches the disk
  vfs.restore_after_power_cut();

  stored_log log(db);
  EXPECT_EQ(log.integrity(), "ok");
  std::size_t found = 0;
  std::set<std::string> sessions;
  for (const auto& a : acks) {
    // The command's key is its sender and its id (see room.cpp dedup_key).
    if (log.command_at(a.session, a.seq) == a.participant + "\x1f" + a.id) {
      ++found;
    } else {
      ADD_FAILURE() << "acknowledged " << a.id << " at seq " << a.seq << " of " << a.session << " is not stored";
    }
    sessions.insert(a.session);
  }
  for (const auto& s : sessions) EXPECT_TRUE(log.gap_free(s)) << s;
  std::cout << "power cut after " << cut_after << " acks: " << acks.size() << " acknowledged, " << found
            << " found after it; " << refused << " refused as unavailable once the power was off\n";
  EXPECT_EQ(found, acks.size());
  EXPECT_GE(acks.size(), cut_after);
}

}  // namespace
}  // namespace debrief::testing
