#pragma once
// The messages waiting to be written to one connection, oldest first, with
// their total size. Kept in a vector read from a moving head rather than a
// std::deque: an idle connection's queue then holds no memory at all, where
// libstdc++'s deque allocates a 512-byte block even when empty, and there
// are thousands of idle connections.

#include <cstddef>
#include <utility>
#include <vector>

#include "connection.hpp"

namespace debrief::server {

class send_queue {
 public:
  bool empty() const { return head_ == items_.size(); }
  std::size_t size() const { return items_.size() - head_; }
  std::size_t bytes() const { return bytes_; }
  const shared_text& front() const { return items_[head_]; }

  void push(shared_text message) {
    bytes_ += message->size();
    items_.push_back(std::move(message));
  }

  void pop() {
    bytes_ -= items_[head_]->size();
    items_[head_].reset();
    ++head_;
    if (empty()) {
      release();
    } else if (head_ >= 64 && head_ * 2 >= items_.size()) {
      // A queue that never drains still reuses its front.
      items_.erase(items_.begin(), items_.begin() + static_cast<std::ptrdiff_t>(head_));
      head_ = 0;
    }
  }

  // Drops everything after the first `keep` messages.
  void truncate(std::size_t keep) {
    while (size() > keep) {
      bytes_ -= items_.back()->size();
      items_.pop_back();
    }
    if (empty()) release();
  }

 private:
  void release() {
    items_ = {};  // frees the storage, not only the elements
    head_ = 0;
    bytes_ = 0;
  }

  std::vector<shared_text> items_;
  std::size_t head_ = 0;
  std::size_t bytes_ = 0;
};

}  // namespace debrief::server
