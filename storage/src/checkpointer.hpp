#pragma once
// Copies the write-ahead log into the database file on a thread and a
// connection of its own. Inline, a checkpoint of a large file holds every
// commit behind it for as long as the copy and the file's sync take (tens
// to hundreds of milliseconds on a PD day's half-gigabyte file); here the
// commits go on beside it. A passive checkpoint never waits for the writer
// and the writer never waits for it.

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

#include "sqlite.hpp"

namespace debrief::storage {

class checkpointer {
 public:
  explicit checkpointer(const std::string& path, const std::string& vfs = {});
  ~checkpointer();  // lets a checkpoint under way finish
  checkpointer(const checkpointer&) = delete;
  checkpointer& operator=(const checkpointer&) = delete;

  // Starts a checkpoint unless one is under way or finished but not taken.
  void start();
  // True once for each started checkpoint, after it has finished.
  bool take_finished();
  // Returns when no checkpoint is under way; one that finished is taken.
  void settle();
  // Called on the checkpoint thread after each checkpoint, with its duration.
  void on_finished(std::function<void(std::chrono::steady_clock::duration)> done);

 private:
  enum class phase { idle, requested, running, finished };
  void run();

  sqlite::connection db_;
  std::mutex mutex_;
  std::condition_variable changed_;
  phase phase_ = phase::idle;
  bool stopping_ = false;
  std::function<void(std::chrono::steady_clock::duration)> on_finished_;  // guarded by mutex_
  std::thread thread_;
};

}  // namespace debrief::storage
