#include "creation_limit.hpp"

#include <algorithm>

namespace debrief::server {

namespace {

rate_limit at_least(rate_limit a, rate_limit b) {
  return {std::max(a.burst, b.burst), std::max(a.per_second, b.per_second)};
}

}  // namespace

creation_limit::creation_limit(rate_limit per_client, rate_limit overall)
    : per_client_(per_client), overall_(at_least(overall, per_client)) {}

std::optional<creation_refused> creation_limit::take(const std::string& client) {
  // The client's own allowance first: one client over it must not use up
  // the shared one.
  if (const auto mine = per_client_.take(client); !mine) {
    const auto seconds = retry_after_seconds(mine.wait);
    return creation_refused{
        seconds, "Too many sessions created from this address; try again in " + std::to_string(seconds) + " seconds."};
  }
  if (const auto all = overall_.take(); !all) {
    const auto seconds = retry_after_seconds(all.wait);
    return creation_refused{seconds, "Too many sessions are being created right now; try again in " +
                                         std::to_string(seconds) + " seconds."};
  }
  return std::nullopt;
}

}  // namespace debrief::server
