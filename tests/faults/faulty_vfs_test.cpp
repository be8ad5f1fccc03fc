// The power cut of the test VFS loses what a real one would: a commit that
// was never synced is gone after it, one that was synced is there. Without
// this, the power-cut test could pass with a VFS that loses nothing.

#include "faulty_vfs.hpp"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <stdexcept>
#include <string>

#include "harness.hpp"

namespace debrief::testing {
namespace {

void exec(sqlite3* db, const std::string& sql) {
  char* error = nullptr;
  if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
    const std::string message = error ? error : "?";
    sqlite3_free(error);
    throw std::runtime_error(sql + ": " + message);
  }
}

// Commits one row with the given sync setting, cuts the power, then counts
// the rows a plain reopening finds.
int rows_after_power_cut(const std::filesystem::path& path, const char* synchronous) {
  auto& vfs = faulty_vfs::install();
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, vfs.name().c_str()) != SQLITE_OK) {
    throw std::runtime_error("cannot open");
  }
  exec(db, "PRAGMA journal_mode = WAL");
  exec(db, "PRAGMA synchronous = FULL");
  exec(db, "CREATE TABLE t (x INTEGER)");  // synced, whatever comes next
  exec(db, std::string("PRAGMA synchronous = ") + synchronous);
  exec(db, "INSERT INTO t VALUES (1)");
  vfs.cut_power();
  sqlite3_close(db);
  vfs.restore_after_power_cut();

  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK)
    throw std::runtime_error("reopen");
  sqlite3_stmt* count = nullptr;
  sqlite3_prepare_v2(db, "SELECT COUNT(*) FROM t", -1, &count, nullptr);
  sqlite3_step(count);
  const int rows = sqlite3_column_int(count, 0);
  sqlite3_finalize(count);
  sqlite3_close(db);
  return rows;
}

TEST(FaultyVfs, APowerCutLosesWhatWasNotSyncedAndKeepsWhatWas) {
  temp_dir dir;
  EXPECT_EQ(rows_after_power_cut(dir.path() / "unsynced.db", "OFF"), 0);
  EXPECT_EQ(rows_after_power_cut(dir.path() / "synced.db", "FULL"), 1);
}

}  // namespace
}  // namespace debrief::testing
