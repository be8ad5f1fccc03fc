#pragma once
// Runs all disk writes on one thread of its own, so no network thread ever
// waits on SQLite. Batches that arrive together are committed in one
// transaction (group commit): one fsync for many rooms.

#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "debrief/storage/database.hpp"

namespace debrief::storage {

class writer {
 public:
  // Called on the writer thread once the batch is durable (no error) or
  // definitely not stored (error text). Post back to your own executor.
  using done_fn = std::function<void(std::optional<std::string> error)>;

  explicit writer(std::unique_ptr<database> db);
  ~writer();  // commits what is queued, then stops
  writer(const writer&) = delete;
  writer& operator=(const writer&) = delete;

  void submit(write_batch batch, done_fn done);

  // Number of transactions committed so far (for tests and benchmarks).
  std::size_t transactions() const;

  // True when nothing is queued or being committed.
  bool idle() const;

 private:
  struct job {
    write_batch batch;
    done_fn done;
  };
  void run();
  void commit_jobs(std::deque<job>& jobs);

  std::unique_ptr<database> db_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<job> queue_;
  bool stopping_ = false;
  bool committing_ = false;
  std::size_t transactions_ = 0;
  std::thread thread_;
};

}  // namespace debrief::storage
