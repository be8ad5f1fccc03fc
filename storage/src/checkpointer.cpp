#include "checkpointer.hpp"

namespace debrief::storage {

checkpointer::checkpointer(const std::string& path, const std::string& vfs) : db_(path, vfs) {
  // FULL: the checkpoint syncs the database file before the log may be
  // reused, so a power cut loses nothing the log had made durable.
  db_.exec("PRAGMA synchronous = FULL");
  thread_ = std::thread([this] { run(); });
}

checkpointer::~checkpointer() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  changed_.notify_all();
  thread_.join();
}

void checkpointer::start() {
  {
    std::lock_guard lock(mutex_);
    if (phase_ != phase::idle) return;
    phase_ = phase::requested;
  }
  changed_.notify_all();
}

bool checkpointer::take_finished() {
  std::lock_guard lock(mutex_);
  if (phase_ != phase::finished) return false;
  phase_ = phase::idle;
  return true;
}

void checkpointer::settle() {
  std::unique_lock lock(mutex_);
  changed_.wait(lock, [this] { return phase_ == phase::idle || phase_ == phase::finished; });
  phase_ = phase::idle;
}

void checkpointer::on_finished(std::function<void(std::chrono::steady_clock::duration)> done) {
  std::lock_guard lock(mutex_);
  on_finished_ = std::move(done);
}

void checkpointer::run() {
  for (;;) {
    {
      std::unique_lock lock(mutex_);
      changed_.wait(lock, [this] { return stopping_ || phase_ == phase::requested; });
      if (phase_ != phase::requested) return;  // stopping, nothing asked
      phase_ = phase::running;
    }
    // A failure (a busy lock, an I/O error) loses nothing: the frames stay
    // in the log, and the next request tries again.
    const auto began = std::chrono::steady_clock::now();
    sqlite3_wal_checkpoint_v2(db_.get(), nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
    const auto took = std::chrono::steady_clock::now() - began;
    std::function<void(std::chrono::steady_clock::duration)> report;
    {
      std::lock_guard lock(mutex_);
      phase_ = phase::finished;
      report = on_finished_;
    }
    changed_.notify_all();
    if (report) report(took);
  }
}

}  // namespace debrief::storage
