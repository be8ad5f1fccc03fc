#include "options.hpp"

#include <CLI/CLI.hpp>

namespace debrief::bench {

namespace {

constexpr const char* description = R"(Drives a Debrief server (or the reference relay) over the real wire protocol
on loopback: creates --rooms sessions, joins --clients per room (facilitator,
presenter, colleagues), then runs a scenario and prints its figures.

Scenarios (--scenario):
  load      open-loop commands for --duration seconds (PD day)
  idle      join everyone, wait --settle seconds, report memory per connection
  burst     every facilitator advances the phase within --burst-window ms, --bursts times
  saturate  step the total command rate from --sat-start by --sat-factor every
            --sat-step seconds until delivery p99 passes --sat-limit ms
  host      the rooms are one event (POST /api/events); the PD day's load
            with each of --host-counts host consoles open in turn, for
            --duration seconds each, over --host-rounds rounds)";

template <class T>
CLI::Option* add(CLI::App& app, const std::string& flag, T& value, const std::string& text, const char* type) {
  return app.add_option(flag, value, text)->capture_default_str()->type_name(type);
}

}  // namespace

std::variant<options, usage_error, show_usage> parse_options(int argc, char** argv) {
  options o;
  std::string schedule = "poisson";
  CLI::App app{description, "debrief-load"};
  app.get_formatter()->column_width(34);
  add(app, "--scenario", o.scenario, "load, idle, burst, saturate or host (above)", "NAME")
      ->check(CLI::IsMember({"load", "idle", "burst", "saturate", "host"}));
  add(app, "--target", o.target, "label for the report (relay, durable, debrief, ...)", "NAME");
  add(app, "--host", o.host, "server address, loopback only", "ADDR");
  add(app, "--port", o.port, "server port (required)", "N");
  add(app, "--server-pid", o.server_pid, "read the server's CPU and memory from /proc", "PID");
  add(app, "--rooms", o.rooms, "sessions", "R");
  add(app, "--clients", o.clients, "connections per session (1 to 50)", "K");
  add(app, "--rate", o.rate,
      "commands per client per second; the room's facilitator sends\nK*X per second, since only the facilitator may "
      "step the timer\nand phases today",
      "X");
  add(app, "--schedule", schedule, "inter-send times", "poisson|fixed")->check(CLI::IsMember({"poisson", "fixed"}));
  add(app, "--duration", o.duration_s, "seconds of sending in the load scenario", "S");
  add(app, "--drain", o.drain_s, "seconds to wait for answers after sending", "S");
  add(app, "--setup-timeout", o.setup_timeout_s,
      "seconds allowed for creating and joining every session before\nthe run gives up", "S");
  add(app, "--mix", o.mix, "cycle of command kinds (default: the standard timer/phase mix)", "a,b,c");
  add(app, "--source-addrs", o.source_addrs, "spread connections over 127.0.0.1..127.0.0.N (1 to 254)", "N");
  add(app, "--setup-window", o.setup_window, "sessions joining at once", "N");
  add(app, "--http-connections", o.http_connections, "parallel POST /api/sessions connections", "N");
  add(app, "--template", o.template_id, "session template", "ID");
  add(app, "--seed", o.seed, "random seed", "N");
  add(app, "--settle", o.settle_s, "idle: seconds before reading memory", "S");
  add(app, "--bursts", o.bursts, "burst: how many bursts", "N");
  add(app, "--burst-window", o.burst_window_ms, "burst: spread of the facilitators' clicks", "MS");
  add(app, "--sat-start", o.sat_start, "saturate: first total command rate per second", "X");
  add(app, "--sat-factor", o.sat_factor, "saturate: rate multiplier per step", "F");
  add(app, "--sat-step", o.sat_step_s, "saturate: seconds per step", "S");
  add(app, "--sat-limit", o.sat_limit_ms, "saturate: stop once delivery p99 passes this", "MS");
  add(app, "--sat-max-steps", o.sat_max_steps, "saturate: at most this many steps", "N");
  add(app, "--max-room-rate", o.max_room_rate,
      "saturate: stop before a step would make one facilitator send\nmore than X commands a second (the server allows "
      "20 per connection)",
      "X");
  app.add_option("--host-counts", o.host_counts, "host: host consoles open in each variant")
      ->delimiter(',')
      ->capture_default_str()
      ->type_name("a,b,c");
  add(app, "--host-rounds", o.host_rounds, "host: rounds of the variants, each --duration/R seconds", "R");
  add(app, "--max-gen-cpu", o.max_gen_cpu, "mark the run INVALID above this share of a core", "F");
  add(app, "--json-out", o.json_out, "append the run's figures as one JSON line", "FILE");
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp&) {
    return show_usage{app.help()};
  } catch (const CLI::ParseError& e) {
    return usage_error{e.what()};
  }
  o.poisson = schedule == "poisson";
  if (o.port == 0) return usage_error{"--port is required"};
  if (o.rooms == 0 || o.clients == 0 || o.clients > 50)
    return usage_error{"need --rooms >= 1 and 1 <= --clients <= 50"};
  if (o.source_addrs == 0 || o.source_addrs > 254) return usage_error{"--source-addrs must be 1..254"};
  if (o.rate <= 0 || o.duration_s <= 0 || o.sat_factor <= 1.0 || o.sat_start <= 0 || o.sat_step_s <= 0 ||
      o.bursts < 1 || o.sat_max_steps < 1 || o.max_room_rate <= 0 || o.host_rounds < 1 || o.host_counts.empty()) {
    return usage_error{"rates, durations and step counts must be positive (and --sat-factor > 1)"};
  }
  return o;
}

}  // namespace debrief::bench
