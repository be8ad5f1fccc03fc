// Checkpoints run beside the commits: the write-ahead log stays near its
// configured length instead of growing, and nothing committed while a
// checkpoint copies the log is lost.

#include "test_support.hpp"

namespace debrief::storage::test {
namespace {

constexpr std::int64_t frames_per_checkpoint = 20;
constexpr std::int64_t commits = 1000;
constexpr std::int64_t sessions = 4;

std::string session_name(std::int64_t i) { return "S" + std::to_string(i); }

// One event per commit, round robin over the sessions, as rooms commit.
void commit_one_event_each_time(database& db) {
  for (std::int64_t i = 0; i < sessions; ++i) db.commit({creating(session_name(i), 1)});
  for (std::int64_t n = 0; n < commits; ++n) {
    const auto session = session_name(n % sessions);
    const auto seq = 2 + n / sessions;
    db.commit({appending(session, seq, seq)});
  }
}

std::uintmax_t size_of(const std::filesystem::path& path) {
  std::error_code missing;
  const auto size = std::filesystem::file_size(path, missing);
  return missing ? 0 : size;
}

TEST(Checkpoint, TheLogStaysNearItsLengthWhileCommitsGoOn) {
  temp_database_file file;
  database db(file.path(), frames_per_checkpoint);

  commit_one_event_each_time(db);

  // A log that is never restarted holds at least one frame per commit; the
  // file keeps its longest length, so this bounds every moment of the run.
  constexpr std::uintmax_t frame_bytes = 4096 + 24;
  EXPECT_GT(size_of(file.wal()), 0u);
  EXPECT_LT(size_of(file.wal()), 20 * frames_per_checkpoint * frame_bytes);
}

TEST(Checkpoint, EverythingCommittedBesideACheckpointIsThereAfterReopening) {
  temp_database_file file;
  {
    database db(file.path(), frames_per_checkpoint);
    commit_one_event_each_time(db);
  }
  database reopened(file.path());

  auto loaded = reopened.load_sessions();

  ASSERT_EQ(loaded.size(), static_cast<std::size_t>(sessions));
  for (const auto& s : loaded) {
    EXPECT_EQ(s.events, events_between(s.record.id, 1, 1 + commits / sessions)) << s.record.id;
  }
}

TEST(Checkpoint, ALongerLengthLetsTheLogGrowToIt) {
  temp_database_file file;
  database db(file.path(), 100'000);

  commit_one_event_each_time(db);

  // The contrast that shows the first test measures the checkpoints: with
  // none due, every commit's frame is still in the log.
  EXPECT_GT(size_of(file.wal()), static_cast<std::uintmax_t>(commits) * 4096);
}

}  // namespace
}  // namespace debrief::storage::test
