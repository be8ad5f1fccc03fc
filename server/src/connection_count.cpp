#include "connection_count.hpp"

#include <sys/resource.h>

namespace debrief::server {

connection_count::connection_count(std::size_t max_sockets, std::size_t max_websockets_per_address)
    : max_sockets_(max_sockets), max_per_address_(max_websockets_per_address) {}

connection_count::place connection_count::take_socket() {
  {
    std::lock_guard lock(mutex_);
    if (sockets_ >= max_sockets_) return nullptr;
    ++sockets_;
  }
  return place(static_cast<void*>(this), [self = shared_from_this()](void*) {
    std::lock_guard lock(self->mutex_);
    --self->sockets_;
  });
}

connection_count::place connection_count::take_websocket(const net::ip::address& client) {
  {
    std::lock_guard lock(mutex_);
    auto& held = websockets_[client];
    if (held >= max_per_address_) return nullptr;
    ++held;
  }
  return place(static_cast<void*>(this), [self = shared_from_this(), client](void*) {
    std::lock_guard lock(self->mutex_);
    const auto it = self->websockets_.find(client);
    if (it != self->websockets_.end() && --it->second == 0) self->websockets_.erase(it);
  });
}

std::size_t connection_count::sockets() const {
  std::lock_guard lock(mutex_);
  return sockets_;
}

std::size_t raise_descriptor_limit() {
  rlimit limit{};
  if (getrlimit(RLIMIT_NOFILE, &limit) != 0) return 0;
  if (limit.rlim_cur < limit.rlim_max) {
    rlimit raised = limit;
    raised.rlim_cur = limit.rlim_max;
    if (setrlimit(RLIMIT_NOFILE, &raised) == 0) limit = raised;
  }
  return limit.rlim_cur == RLIM_INFINITY ? static_cast<std::size_t>(1) << 20 : static_cast<std::size_t>(limit.rlim_cur);
}

}  // namespace debrief::server
