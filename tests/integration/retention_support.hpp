#pragma once
// What the retention tests share: a server whose clock is the test's and
// whose sweeps run every few milliseconds, and the database's bytes, to show
// that deleted words are gone from the file and its write-ahead log.

#include <gtest/gtest.h>

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <string>

#include "harness.hpp"

namespace debrief::testing {

// The database file and its write-ahead log, as bytes.
inline std::string bytes_of(const std::filesystem::path& db) {
  std::string all;
  for (const auto* suffix : {"", "-wal"}) {
    std::ifstream in(db.string() + suffix, std::ios::binary);
    all.append(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  return all;
}

class clocked_retention : public ::testing::Test {
 protected:
  std::atomic<std::int64_t> now{1'790'000'000'000};
  temp_dir dir;
  std::filesystem::path db = dir.path() / "debrief.db";

  std::unique_ptr<test_server> start(long retention_days) {
    // Sweeps run every few milliseconds: the clock decides when one finds something.
    return std::make_unique<test_server>(
        db, std::filesystem::path{}, [this] { return now.load(); },
        [retention_days](server::config& c) {
          c.lobby_sweep_interval = std::chrono::milliseconds(5);
          c.unload_after = std::chrono::milliseconds(50);
          c.retention_days = retention_days;
        });
  }
};

}  // namespace debrief::testing
