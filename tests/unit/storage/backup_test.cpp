// Backups of a database in use: a whole, checked copy under a time-stamped
// name (never a half-written file under that name), the oldest pruned, and
// a damaged file told apart from a good one.

#include <thread>

#include "debrief/storage/backup.hpp"
#include "test_support.hpp"

namespace debrief::storage::test {
namespace {

namespace fs = std::filesystem;
using ::testing::SizeIs;

// A folder of its own for one test's backups.
struct temp_folder {
  fs::path path = fs::temp_directory_path() / ("debrief-backup-test-" + std::to_string(::getpid()) + "-" +
                                               ::testing::UnitTest::GetInstance()->current_test_info()->name());
  temp_folder() {
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~temp_folder() { fs::remove_all(path); }
};

std::vector<fs::path> files_in(const fs::path& dir) {
  std::vector<fs::path> out;
  for (const auto& e : fs::directory_iterator(dir)) out.push_back(e.path().filename());
  return out;
}

TEST(Backup, ACopyHoldsEverySessionAsStoredAndPassesItsCheck) {
  temp_database_file file;
  temp_folder dir;
  database db(file.path());
  db.commit({creating("S1", 5), creating("S2", 2)});

  const auto made = back_up_into(file.path(), dir.path);

  EXPECT_EQ(made.path.parent_path(), dir.path);
  EXPECT_THAT(made.path.filename().string(), ::testing::MatchesRegex(R"(debrief-[0-9]{8}T[0-9]{6}\.[0-9]{3}Z\.db)"));
  EXPECT_EQ(made.schema, latest_schema_version());
  EXPECT_EQ(made.bytes, fs::file_size(made.path));
  EXPECT_THAT(files_in(dir.path), SizeIs(1));  // no partial file left beside it
  EXPECT_TRUE(verify_file(made.path.string()).ok());
  database copy(made.path.string());
  EXPECT_EQ(copy.events_after("S1", 0), events_between("S1", 1, 5));
  EXPECT_EQ(copy.events_after("S2", 0), events_between("S2", 1, 2));
}

TEST(Backup, NamesSortByTimeInUtc) {
  using namespace std::chrono;
  const system_clock::time_point at{milliseconds(1'767'225'600'123)};  // 2026-01-01T00:00:00.123Z
  EXPECT_EQ(backup_name(at), "debrief-20260101T000000.123Z.db");
  EXPECT_LT(backup_name(at), backup_name(at + seconds(1)));
}

TEST(Backup, NeverOverwritesAFileNorReadsAMissingDatabase) {
  temp_database_file file;
  temp_folder dir;
  { database db(file.path()); }
  const auto target = dir.path / "mine.db";
  back_up(file.path(), target);
  EXPECT_THROW(back_up(file.path(), target), storage_error);
  EXPECT_THROW(back_up((dir.path / "none.db").string(), dir.path / "other.db"), storage_error);
  EXPECT_FALSE(fs::exists(dir.path / "none.db"));  // not created by trying
  EXPECT_FALSE(fs::exists(dir.path / "other.db"));
}

// The writer commits all the while: the copy is one moment's state, each
// session's log without a gap.
TEST(Backup, ACopyMadeWhileCommitsGoOnIsConsistent) {
  temp_database_file file;
  temp_folder dir;
  database db(file.path());
  db.commit({creating("S1", 1), creating("S2", 1)});
  std::atomic<bool> stop{false};
  std::int64_t stored = 1;
  std::thread writer([&] {
    while (!stop) {
      ++stored;
      db.commit({appending("S1", stored, stored), appending("S2", stored, stored)});
    }
  });
  std::vector<fs::path> copies;
  for (int i = 0; i < 3; ++i) copies.push_back(back_up(file.path(), dir.path / ("copy" + std::to_string(i))).path);
  stop = true;
  writer.join();

  for (const auto& copy : copies) {
    database c(copy.string());
    const auto s1 = c.events_after("S1", 0);
    ASSERT_FALSE(s1.empty());
    EXPECT_EQ(s1, events_between("S1", 1, static_cast<std::int64_t>(s1.size())));
    EXPECT_EQ(c.events_after("S2", 0), events_between("S2", 1, static_cast<std::int64_t>(s1.size())));
  }
}

TEST(Backup, PruningKeepsTheNewest) {
  temp_database_file file;
  temp_folder dir;
  { database db(file.path()); }
  using namespace std::chrono;
  const system_clock::time_point t0{seconds(1'767'225'600)};
  for (int i = 0; i < 4; ++i) back_up_into(file.path(), dir.path, t0 + minutes(i));
  std::ofstream(dir.path / "notes.txt") << "not a backup";

  const auto removed = prune_backups(dir.path, 2);

  EXPECT_EQ(removed, (std::vector<fs::path>{dir.path / backup_name(t0), dir.path / backup_name(t0 + minutes(1))}));
  EXPECT_EQ(backups_in(dir.path),
            (std::vector<fs::path>{dir.path / backup_name(t0 + minutes(2)), dir.path / backup_name(t0 + minutes(3))}));
  EXPECT_TRUE(fs::exists(dir.path / "notes.txt"));
}

TEST(Backup, ADamagedFileFailsVerification) {
  temp_database_file file;
  temp_folder dir;
  {
    database db(file.path());
    for (int i = 0; i < 50; ++i) db.commit({creating("S" + std::to_string(i), 20)});
  }
  const auto copy = back_up(file.path(), dir.path / "copy.db").path;
  {
    // Overwrite a stretch of pages past the schema page with garbage.
    std::fstream f(copy, std::ios::binary | std::ios::in | std::ios::out);
    f.seekp(3 * 4096 + 100);
    const std::string garbage(4096, '\x5a');
    f.write(garbage.data(), static_cast<std::streamsize>(garbage.size()));
  }
  const auto checked = verify_file(copy.string());
  EXPECT_FALSE(checked.intact);
  EXPECT_FALSE(checked.ok());
  EXPECT_FALSE(checked.problems.empty());
}

TEST(Backup, AFileFromAnotherSchemaIsNotOk) {
  temp_database_file file;
  exec_raw(file.path(), "CREATE TABLE t (x); PRAGMA user_version = 3;");
  const auto checked = verify_file(file.path());
  EXPECT_TRUE(checked.intact);
  EXPECT_EQ(checked.schema, 3);
  EXPECT_FALSE(checked.ok());
}

TEST(Backup, TheScheduleBacksUpEveryIntervalAndKeepsTheNewest) {
  temp_database_file file;
  temp_folder dir;
  database db(file.path());
  db.commit({creating("S1", 3)});
  std::mutex lines_mutex;
  std::vector<std::string> lines;
  {
    backup_schedule schedule(file.path(), dir.path / "backups", std::chrono::milliseconds(20), 2,
                             [&](bool, const std::string& line) {
                               std::lock_guard lock(lines_mutex);
                               lines.push_back(line);
                             });
    const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (schedule.completed() < 4 && std::chrono::steady_clock::now() < give_up) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    ASSERT_GE(schedule.completed(), 4u);
  }
  const auto kept = backups_in(dir.path / "backups");
  ASSERT_THAT(kept, SizeIs(2));
  for (const auto& b : kept) {
    EXPECT_TRUE(verify_file(b.string()).ok());
    EXPECT_EQ(database(b.string()).events_after("S1", 0), events_between("S1", 1, 3));
  }
  std::lock_guard lock(lines_mutex);
  ASSERT_FALSE(lines.empty());
  EXPECT_THAT(lines.front(), ::testing::HasSubstr("backup written and checked"));
}

}  // namespace
}  // namespace debrief::storage::test
