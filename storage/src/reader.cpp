#include "debrief/storage/reader.hpp"

namespace debrief::storage {

reader::reader(std::unique_ptr<database> db) : db_(std::move(db)), thread_([this] { run(); }) {}

reader::~reader() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_one();
  thread_.join();
}

void reader::post(job j) {
  {
    std::lock_guard lock(mutex_);
    queue_.push_back(std::move(j));
  }
  wake_.notify_one();
}

void reader::run() {
  for (;;) {
    job next;
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (stopping_) return;
      next = std::move(queue_.front());
      queue_.pop_front();
    }
    next(*db_);
  }
}

}  // namespace debrief::storage
