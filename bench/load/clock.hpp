#pragma once
// One monotonic time base for every timestamp the generator takes, on any
// of its threads (steady_clock is CLOCK_MONOTONIC: one clock per machine).

#include <chrono>
#include <cstdint>

namespace debrief::bench {

inline std::int64_t now_us() {
  return std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

}  // namespace debrief::bench
