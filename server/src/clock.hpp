#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string_view>

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
  using namespace std::chrono;
  const auto digits = [&](std::size_t from, std::size_t count) {
    int n = 0;
    for (std::size_t i = from; i < from + count; ++i) {
      if (date[i] < '0' || date[i] > '9') return -1;
      n = n * 10 + (date[i] - '0');
    }
    return n;
  };
  if (date.size() != 10 || date[4] != '-' || date[7] != '-') return std::nullopt;
  const auto y = digits(0, 4), m = digits(5, 2), d = digits(8, 2);
  if (y < 0 || m < 0 || d < 0) return std::nullopt;
  const year_month_day day{year{y}, month{static_cast<unsigned>(m)}, std::chrono::day{static_cast<unsigned>(d)}};
  if (!day.ok()) return std::nullopt;
  return duration_cast<milliseconds>(sys_days{day}.time_since_epoch()).count();
}

// The clock a server runs on: now_ms, or a test's simulated one.
using clock_fn = std::function<std::int64_t()>;

}  // namespace debrief::server
