#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string_view>

#include "debrief/protocol/time_zone.hpp"

namespace debrief::server {

// The server's wall clock in ms since the Unix epoch: the one clock of every
// session. Wall time (not steady) so a running timer keeps its deadline
// across a restart.
inline std::int64_t now_ms() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

// The start (00:00 UTC) of the day `date` (YYYY-MM-DD) in ms since the Unix
// epoch, or nullopt if it is not a real day in that form.
inline std::optional<std::int64_t> start_of_day(std::string_view date) {
  const auto day = protocol::parse_day(date);
  if (!day) return std::nullopt;
  return std::chrono::duration_cast<std::chrono::milliseconds>(day->time_since_epoch()).count();
}

// The clock a server runs on: now_ms, or a test's simulated one.
using clock_fn = std::function<std::int64_t()>;

}  // namespace debrief::server
