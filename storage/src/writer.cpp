#include "debrief/storage/writer.hpp"

#include <algorithm>
#include <vector>

namespace debrief::storage {

writer::writer(std::unique_ptr<database> db, retry_backoff retry)
    : db_(std::move(db)), retry_(retry), thread_([this] { run(); }) {}

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

void writer::on_availability(availability_fn listener) {
  std::lock_guard lock(mutex_);
  listener_ = std::move(listener);
}

void writer::observe(writer_observer* observer) {
  observer_ = observer;
  db_->on_checkpoint(observer == nullptr
                         ? std::function<void(std::chrono::steady_clock::duration)>{}
                         : [observer](std::chrono::steady_clock::duration took) { observer->checkpointed(took); });
}

void writer::run() {
  for (;;) {
    std::deque<job> jobs;
    bool probe_now = false;
    {
      std::unique_lock lock(mutex_);
      const auto has_work = [this] { return stopping_ || !queue_.empty(); };
      if (available_) {
        wake_.wait(lock, has_work);
      } else {
        wake_.wait_until(lock, next_probe_, has_work);
        // Due even when batches keep coming: they must not put off recovery.
        probe_now = std::chrono::steady_clock::now() >= next_probe_;
      }
      if (!probe_now && queue_.empty()) return;  // stopping, and nothing is left to write
      jobs.swap(queue_);
      committing_ = true;
    }
    if (probe_now) probe();
    if (!jobs.empty()) {
      if (available_) {
        commit_jobs(jobs);
      } else {
        refuse_jobs(jobs);
      }
    }
    std::lock_guard lock(mutex_);
    committing_ = false;
  }
}

void writer::commit_jobs(std::deque<job>& jobs) {
  std::vector<write_batch> batches;
  batches.reserve(jobs.size());
  for (auto& j : jobs) batches.push_back(std::move(j.batch));
  try {
    const auto began = std::chrono::steady_clock::now();
    db_->commit(batches);
    if (auto* observer = observer_.load()) observer->committed(std::chrono::steady_clock::now() - began, jobs.size());
    {
      std::lock_guard lock(mutex_);
      ++transactions_;
    }
    for (auto& j : jobs) j.done(std::nullopt);
    return;
  } catch (const std::exception&) {
    // One bad batch must not sink the others: retry each on its own. A
    // failing disk fails the first again, and the rest are refused.
  }
  for (std::size_t i = 0; i < jobs.size(); ++i) {
    if (!available_) {
      jobs[i].done("storage unavailable: " + unavailable_because_);
      continue;
    }
    std::optional<std::string> error;
    try {
      const auto began = std::chrono::steady_clock::now();
      db_->commit({batches[i]});
      if (auto* observer = observer_.load()) observer->committed(std::chrono::steady_clock::now() - began, 1);
      std::lock_guard lock(mutex_);
      ++transactions_;
    } catch (const batch_refused& e) {
      error = e.what();
    } catch (const std::exception& e) {
      error = e.what();
      become_unavailable(e.what());
    }
    jobs[i].done(error);
  }
}

void writer::refuse_jobs(std::deque<job>& jobs) {
  for (auto& j : jobs) j.done("storage unavailable: " + unavailable_because_);
}

void writer::become_unavailable(const std::string& why) {
  unavailable_because_ = why;
  wait_ = retry_.first;
  {
    std::lock_guard lock(mutex_);
    next_probe_ = std::chrono::steady_clock::now() + wait_;
  }
  available_ = false;
  tell(false, why);
}

void writer::probe() {
  try {
    db_->probe();
  } catch (const std::exception& e) {
    unavailable_because_ = e.what();
    wait_ = std::min(wait_ * 2, retry_.most);
    std::lock_guard lock(mutex_);
    next_probe_ = std::chrono::steady_clock::now() + wait_;
    return;
  }
  available_ = true;
  tell(true, {});
}

void writer::tell(bool available, const std::string& why) {
  availability_fn listener;
  {
    std::lock_guard lock(mutex_);
    listener = listener_;
  }
  if (listener) listener(available, why);
}

}  // namespace debrief::storage
