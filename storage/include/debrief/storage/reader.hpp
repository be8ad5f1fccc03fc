#pragma once
// Runs disk reads (loading a session, finding sessions to expire) on one
// thread of its own, with a database connection of its own, so that no
// network thread waits on SQLite and reads never wait behind commits.

#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>

#include "debrief/storage/database.hpp"

namespace debrief::storage {

class reader {
 public:
  // Runs on the reader thread; post results back to your own executor.
  using job = std::function<void(database&)>;

  explicit reader(std::unique_ptr<database> db);
  ~reader();  // finishes the job under way; those still queued never run
  reader(const reader&) = delete;
  reader& operator=(const reader&) = delete;

  void post(job j);

 private:
  void run();

  std::unique_ptr<database> db_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<job> queue_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace debrief::storage
