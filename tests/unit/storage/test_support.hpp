#pragma once
// Givens for the storage tests: a fresh database file per test, removed
// afterwards, and small builders for write batches.

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <ostream>
#include <string>
#include <system_error>
#include <vector>

#include "debrief/storage/database.hpp"
#include "debrief/storage/records.hpp"

namespace debrief::storage {

inline void PrintTo(const event_record& e, std::ostream* os) {
  *os << "event{seq " << e.seq << ", time " << e.time << ", " << e.body;
  if (e.scrubbed_body) *os << ", scrubbed " << *e.scrubbed_body;
  *os << "}";
}
inline void PrintTo(const credential& c, std::ostream* os) {
  *os << "credential{" << c.participant << ", " << c.token << ", secret " << c.client_secret << "}";
}
inline void PrintTo(const session_record& s, std::ostream* os) {
  *os << "session{" << s.id << ", key " << s.facilitator_key << ", created " << s.created_at << "}";
}
inline void PrintTo(const snapshot_record& s, std::ostream* os) {
  *os << "snapshot{seq " << s.seq << ", " << s.state << "}";
}

namespace test {

// A database path of its own for each test (and each process, as ctest runs
// tests in parallel), with SQLite's side files cleaned up too.
class temp_database_file {
 public:
  temp_database_file() {
    static std::atomic<int> counter{0};
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    std::string name = "debrief-storage-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++);
    if (info != nullptr) name += std::string("-") + info->name();
    path_ = std::filesystem::temp_directory_path() / (name + ".db");
    remove_all();
  }
  ~temp_database_file() { remove_all(); }
  temp_database_file(const temp_database_file&) = delete;
  temp_database_file& operator=(const temp_database_file&) = delete;

  std::string path() const { return path_.string(); }
  std::filesystem::path wal() const { return std::filesystem::path(path() + "-wal"); }

 private:
  void remove_all() const {
    for (const auto* suffix : {"", "-wal", "-shm", "-journal"}) {
      std::error_code ignored;
      std::filesystem::remove(path() + suffix, ignored);
    }
  }
  std::filesystem::path path_;
};

// Runs SQL on a raw connection, as an older Debrief would have.
inline void exec_raw(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  char* error = nullptr;
  const int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error);
  const std::string why = error != nullptr ? error : "";
  sqlite3_free(error);
  sqlite3_close(db);
  ASSERT_EQ(rc, SQLITE_OK) << why;
}

// One integer that a query on a raw connection returns (-1 on failure): the
// schema and rows as they are in the file, beside the storage library.
inline std::int64_t query_raw(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  sqlite3_stmt* statement = nullptr;
  std::int64_t value = -1;
  if (sqlite3_open(path.c_str(), &db) == SQLITE_OK &&
      sqlite3_prepare_v2(db, sql.c_str(), -1, &statement, nullptr) == SQLITE_OK &&
      sqlite3_step(statement) == SQLITE_ROW) {
    value = sqlite3_column_int64(statement, 0);
  } else {
    ADD_FAILURE() << sql << ": " << sqlite3_errmsg(db);
  }
  sqlite3_finalize(statement);
  sqlite3_close(db);
  return value;
}

// A file's bytes (to look for words that must be gone).
inline std::string bytes_of(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

inline std::string body_of(const std::string& session, std::int64_t seq) {
  return R"({"type":"presence_changed","session":")" + session + R"(","n":)" + std::to_string(seq) + "}";
}

inline event_record event_at(const std::string& session, std::int64_t seq) {
  return {seq, 1'763'850'000'000 + seq * 1000, body_of(session, seq)};
}

// Events first..last (inclusive) of a session.
inline std::vector<event_record> events_between(const std::string& session, std::int64_t first, std::int64_t last) {
  std::vector<event_record> out;
  for (auto seq = first; seq <= last; ++seq) out.push_back(event_at(session, seq));
  return out;
}

inline session_record record_of(const std::string& session, std::int64_t created_at = 1'763'850'000'000) {
  return {session, "key-of-" + session, created_at};
}

// A new session with its first events (1..count).
inline write_batch creating(const std::string& session, std::int64_t count = 1,
                            std::int64_t created_at = 1'763'850'000'000) {
  write_batch b;
  b.session = session;
  b.create = record_of(session, created_at);
  b.events = events_between(session, 1, count);
  return b;
}

// More events of an existing session.
inline write_batch appending(const std::string& session, std::int64_t first, std::int64_t last) {
  write_batch b;
  b.session = session;
  b.events = events_between(session, first, last);
  return b;
}

// The event seq of a session, with the session's timer deadline set to `at`
// (none: the timer stopped).
inline write_batch due_at(const std::string& session, std::int64_t seq, std::optional<std::int64_t> at) {
  auto b = appending(session, seq, seq);
  b.timer_changed = true;
  b.timer_due = at;
  return b;
}

}  // namespace test
}  // namespace debrief::storage
