#pragma once
// Command-line options of debrief-load.

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

namespace debrief::bench {

struct options {
  std::string scenario = "load";   // load | idle | burst | saturate | host
  std::string target = "debrief";  // a label for the report: relay, durable, debrief, ...
  std::string host = "127.0.0.1";
  std::uint16_t port = 0;
  int server_pid = 0;
  std::size_t rooms = 10;
  std::size_t clients = 5;
  double rate = 0.5;  // commands per client per second (sent by the room's facilitator)
  bool poisson = true;
  double duration_s = 60;
  double drain_s = 10;
  double setup_timeout_s = 180;
  std::size_t source_addrs = 1;
  std::size_t setup_window = 64;
  std::size_t http_connections = 8;
  std::string template_id = "learning-partnership";
  std::string mix;  // comma-separated command kinds; empty: the standard mix
  std::uint64_t seed = 1;
  double settle_s = 3;  // idle: wait before reading memory
  // burst
  int bursts = 3;
  double burst_window_ms = 100;
  // saturate: total command rate, stepped geometrically
  double sat_start = 500;
  double sat_factor = 1.5;
  double sat_step_s = 5;
  double sat_limit_ms = 100;
  int sat_max_steps = 12;
  // The server allows 20 messages a second per connection (bursts of 40):
  // saturation adds load by rate per room only up to this, so raise the
  // load with more rooms rather than faster facilitators.
  double max_room_rate = 16;
  // host: the rooms are one event; each variant (so many host consoles)
  // runs --duration seconds in all, split over --host-rounds windows taken
  // in turn (0 1 3 0 1 3 ...).
  std::vector<std::size_t> host_counts{0, 1, 3};
  int host_rounds = 1;
  double max_gen_cpu = 0.9;  // a run whose generator used more of a core is INVALID
  std::string json_out;      // append one JSON line per run here
};

struct usage_error {
  std::string message;
};
struct show_usage {
  std::string text;
};

std::variant<options, usage_error, show_usage> parse_options(int argc, char** argv);

}  // namespace debrief::bench
