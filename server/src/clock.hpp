#pragma once

#include <chrono>
#include <cstdint>
#include <functional>

namespace debrief::server {

// The server's wall clock in ms since the Unix epoch: the one clock of every
// session. Wall time (not steady) so a running timer keeps its deadline
// across a restart.
inline std::int64_t now_ms() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

// The clock a server runs on: now_ms, or a test's simulated one.
using clock_fn = std::function<std::int64_t()>;

}  // namespace debrief::server
