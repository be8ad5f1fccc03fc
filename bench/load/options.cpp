#include "options.hpp"

#include <charconv>
#include <functional>
#include <map>
#include <string_view>

namespace debrief::bench {

const char* const usage_text = R"(Usage: debrief-load --port N [options]

Drives a Debrief server (or the reference relay) over the real wire protocol
on loopback: creates --rooms sessions, joins --clients per room (facilitator,
presenter, colleagues), then runs a scenario and prints its figures.

Scenarios (--scenario):
  load      open-loop commands for --duration seconds (PD day)
  idle      join everyone, wait --settle seconds, report memory per connection
  burst     every facilitator advances the phase within --burst-window ms, --bursts times
  saturate  step the total command rate from --sat-start by --sat-factor every
            --sat-step seconds until delivery p99 passes --sat-limit ms

Options:
  --target NAME         label for the report (debrief, peer)
  --host ADDR           server address, loopback only (default 127.0.0.1)
  --port N              server port (required)
  --server-pid PID      read the server's CPU and memory from /proc
  --rooms R             sessions (default 10)
  --clients K           connections per session (default 5)
  --rate X              commands per client per second (default 0.5); the room's
                        facilitator sends K*X per second, since only the
                        facilitator may step the timer and phases today
  --schedule poisson|fixed   inter-send times (default poisson)
  --duration S          seconds of sending in the load scenario (default 60)
  --drain S             seconds to wait for answers after sending (default 10)
  --mix a,b,c           cycle of command kinds (default: the standard timer/phase mix)
  --source-addrs N      spread connections over 127.0.0.1..127.0.0.N (default 1)
  --setup-window N      sessions joining at once (default 64)
  --http-connections N  parallel POST /api/sessions connections (default 8)
  --template ID         session template (default learning-partnership)
  --seed N              random seed (default 1)
  --settle S            idle: seconds before reading memory (default 3)
  --bursts N            burst: how many bursts (default 3)
  --burst-window MS     burst: spread of the facilitators' clicks (default 100)
  --sat-start X         saturate: first total command rate per second (default 500)
  --sat-factor F        saturate: rate multiplier per step (default 1.5)
  --sat-step S          saturate: seconds per step (default 5)
  --sat-limit MS        saturate: stop once delivery p99 passes this (default 100)
  --sat-max-steps N     saturate: at most this many steps (default 12)
  --max-room-rate X     saturate: stop before a step would make one facilitator send more than X
                        commands a second (default 16; the server allows 20 per connection)
  --max-gen-cpu F       mark the run INVALID above this share of a core (default 0.9)
  --json-out FILE       append the run's figures as one JSON line
  --help
)";

namespace {

template <class T>
bool parse_number(std::string_view s, T& out) {
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && p == s.data() + s.size();
}

}  // namespace

std::variant<options, usage_error, show_usage> parse_options(int argc, char** argv) {
  options o;
  using setter = std::function<bool(std::string_view)>;
  auto text = [](std::string& field) -> setter {
    return [&field](std::string_view v) {
      field = v;
      return true;
    };
  };
  auto number = [](auto& field) -> setter { return [&field](std::string_view v) { return parse_number(v, field); }; };
  const std::map<std::string_view, setter> flags{
      {"--scenario", text(o.scenario)},
      {"--target", text(o.target)},
      {"--host", text(o.host)},
      {"--port", number(o.port)},
      {"--server-pid", number(o.server_pid)},
      {"--rooms", number(o.rooms)},
      {"--clients", number(o.clients)},
      {"--rate", number(o.rate)},
      {"--schedule",
       [&o](std::string_view v) {
         o.poisson = v == "poisson";
         return v == "poisson" || v == "fixed";
       }},
      {"--duration", number(o.duration_s)},
      {"--drain", number(o.drain_s)},
      {"--setup-timeout", number(o.setup_timeout_s)},
      {"--mix", text(o.mix)},
      {"--source-addrs", number(o.source_addrs)},
      {"--setup-window", number(o.setup_window)},
      {"--http-connections", number(o.http_connections)},
      {"--template", text(o.template_id)},
      {"--seed", number(o.seed)},
      {"--settle", number(o.settle_s)},
      {"--bursts", number(o.bursts)},
      {"--burst-window", number(o.burst_window_ms)},
      {"--sat-start", number(o.sat_start)},
      {"--sat-factor", number(o.sat_factor)},
      {"--sat-step", number(o.sat_step_s)},
      {"--sat-limit", number(o.sat_limit_ms)},
      {"--sat-max-steps", number(o.sat_max_steps)},
      {"--max-room-rate", number(o.max_room_rate)},
      {"--max-gen-cpu", number(o.max_gen_cpu)},
      {"--json-out", text(o.json_out)},
  };
  for (int i = 1; i < argc; ++i) {
    const std::string_view flag = argv[i];
    if (flag == "--help" || flag == "-h") return show_usage{};
    const auto it = flags.find(flag);
    if (it == flags.end()) return usage_error{"unknown option: " + std::string(flag)};
    if (i + 1 >= argc) return usage_error{"missing value for " + std::string(flag)};
    if (!it->second(argv[++i])) return usage_error{"bad value for " + std::string(flag) + ": " + argv[i]};
  }
  if (o.port == 0) return usage_error{"--port is required"};
  if (o.rooms == 0 || o.clients == 0 || o.clients > 50)
    return usage_error{"need --rooms >= 1 and 1 <= --clients <= 50"};
  if (o.source_addrs == 0 || o.source_addrs > 254) return usage_error{"--source-addrs must be 1..254"};
  if (o.scenario != "load" && o.scenario != "idle" && o.scenario != "burst" && o.scenario != "saturate") {
    return usage_error{"unknown scenario: " + o.scenario};
  }
  if (o.rate <= 0 || o.duration_s <= 0 || o.sat_factor <= 1.0 || o.sat_start <= 0 || o.sat_step_s <= 0 ||
      o.bursts < 1 || o.sat_max_steps < 1 || o.max_room_rate <= 0) {
    return usage_error{"rates, durations and step counts must be positive (and --sat-factor > 1)"};
  }
  return o;
}

}  // namespace debrief::bench
