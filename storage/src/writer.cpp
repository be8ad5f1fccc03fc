#include "debrief/storage/writer.hpp"

#include <vector>

namespace debrief::storage {

writer::writer(std::unique_ptr<database> db) : db_(std::move(db)), thread_([this] { run(); }) {}

writer::~writer() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_one();
  thread_.join();
}

void writer::submit(write_batch batch, done_fn done) {
  {
    std::lock_guard lock(mutex_);
    queue_.push_back({std::move(batch), std::move(done)});
  }
  wake_.notify_one();
}

bool writer::idle() const {
  std::lock_guard lock(mutex_);
  return queue_.empty() && !committing_;
}

std::size_t writer::transactions() const {
  std::lock_guard lock(mutex_);
  return transactions_;
}

void writer::run() {
  for (;;) {
    std::deque<job> jobs;
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping, and everything is committed
      jobs.swap(queue_);
      committing_ = true;
    }
    commit_jobs(jobs);
    std::lock_guard lock(mutex_);
    committing_ = false;
  }
}

void writer::commit_jobs(std::deque<job>& jobs) {
  std::vector<write_batch> batches;
  batches.reserve(jobs.size());
  for (auto& j : jobs) batches.push_back(std::move(j.batch));
  try {
    db_->commit(batches);
    {
      std::lock_guard lock(mutex_);
      ++transactions_;
    }
    for (auto& j : jobs) j.done(std::nullopt);
    return;
  } catch (const std::exception&) {
    // One bad batch must not sink the others: retry each on its own.
  }
  for (std::size_t i = 0; i < jobs.size(); ++i) {
    std::optional<std::string> error;
    try {
      db_->commit({batches[i]});
      std::lock_guard lock(mutex_);
      ++transactions_;
    } catch (const std::exception& e) {
      error = e.what();
    }
    jobs[i].done(error);
  }
}

}  // namespace debrief::storage
