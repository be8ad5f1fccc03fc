#pragma once
// Runs all disk writes on one thread of its own, so no network thread ever
// waits on SQLite. Batches that arrive together are committed in one
// transaction (group commit): one fsync for many rooms.
//
// When the disk refuses a commit, storage becomes unavailable: every batch is
// refused at once (no queue grows behind a broken disk) while a small probe
// write is retried with backoff; the first probe that succeeds makes storage
// available again. Both changes are reported to the availability listener.

#include <atomic>
#include <chrono>
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

// After a failure the first probe comes `first` later; each failed probe
// doubles the wait, up to `most`.
struct retry_backoff {
  std::chrono::milliseconds first{250};
  std::chrono::milliseconds most{5000};
};

// Told how storage is doing, for metrics. Storage knows nothing of how the
// figures are kept; an observer must not block (it runs on storage's threads).
class writer_observer {
 public:
  virtual ~writer_observer() = default;
  // On the writer thread after each transaction that stored `batches`
  // batches (one per room change) and took `took`, fsync included.
  virtual void committed(std::chrono::steady_clock::duration took, std::size_t batches) = 0;
  // On the checkpointer's thread after each background checkpoint.
  virtual void checkpointed(std::chrono::steady_clock::duration took) = 0;
};

class writer {
 public:
  // Called on the writer thread once the batch is durable (no error) or
  // definitely not stored (error text). Post back to your own executor.
  using done_fn = std::function<void(std::optional<std::string> error)>;

  // Called on the writer thread when storage becomes unavailable (false,
  // with the error) or available again (true).
  using availability_fn = std::function<void(bool available, const std::string& why)>;

  explicit writer(std::unique_ptr<database> db, retry_backoff retry = {});
  ~writer();  // commits what is queued, then stops
  writer(const writer&) = delete;
  writer& operator=(const writer&) = delete;

  void submit(write_batch batch, done_fn done);

  // Number of transactions committed so far (for tests and benchmarks).
  std::size_t transactions() const;

  // True when nothing is queued or being committed.
  bool idle() const;

  // False from a failed commit until a probe write succeeds. While false,
  // every submitted batch is refused with an error at once.
  bool available() const { return available_.load(); }

  // Replaces the listener (set it once, before the first submit).
  void on_availability(availability_fn listener);

  // Reports commits and checkpoints to `observer` from now on (set it once,
  // before the first submit; null stops the reports). It must outlive the writer.
  void observe(writer_observer* observer);

 private:
  struct job {
    write_batch batch;
    done_fn done;
  };
  void run();
  void commit_jobs(std::deque<job>& jobs);
  void refuse_jobs(std::deque<job>& jobs);
  void become_unavailable(const std::string& why);
  void probe();
  void tell(bool available, const std::string& why);

  std::unique_ptr<database> db_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<job> queue_;
  bool stopping_ = false;
  bool committing_ = false;
  std::size_t transactions_ = 0;
  const retry_backoff retry_;
  std::atomic<bool> available_{true};
  std::string unavailable_because_;                   // writer thread only
  std::chrono::milliseconds wait_{0};                 // writer thread only
  std::chrono::steady_clock::time_point next_probe_;  // guarded by mutex_
  availability_fn listener_;                          // guarded by mutex_
  std::atomic<writer_observer*> observer_{nullptr};
  std::thread thread_;
};

}  // namespace debrief::storage
