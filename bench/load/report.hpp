#pragma once
// Turns a measurement window into figures (JSON) and prints them.

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>

#include "fleet.hpp"
#include "proc_stats.hpp"

namespace debrief::bench {

// A point in time seen from outside: the server's /proc and our own CPU.
struct observation {
  std::int64_t at_us = 0;
  std::optional<process_sample> server;
  std::uint64_t self_cpu_us = 0;
};
observation observe(int server_pid);

nlohmann::json latency_json(const histogram& h);

// Figures of one window: from `begin` to `end`, sending until `sent_until`.
nlohmann::json window_json(const measurement& m, const losses& lost, const observation& begin,
                           const observation& sent_until, const observation& end, double send_seconds,
                           double max_gen_cpu);

void print_summary(const nlohmann::json& run);

}  // namespace debrief::bench
