#include "scenarios.hpp"

#include <algorithm>
#include <cstdio>
#include <queue>
#include <random>
#include <sstream>

#include "clock.hpp"
#include "event_api.hpp"
#include "fleet.hpp"
#include "hosts.hpp"
#include "report.hpp"

namespace debrief::bench {

namespace {

using namespace std::chrono_literals;

// After a host window's drain, how long its consoles may take to catch up
// with every room (summaries are coalesced to one a second).
constexpr double host_catch_up_s = 3;

net::awaitable<void> sleep_us(std::int64_t us) {
  net::steady_timer t(co_await net::this_coro::executor);
  t.expires_after(std::chrono::microseconds(std::max<std::int64_t>(0, us)));
  co_await t.async_wait(net::use_awaitable);
}

// Polls a condition every 5 ms until it holds or the deadline passes.
template <class Pred>
net::awaitable<bool> wait_until(Pred done, std::int64_t deadline_us) {
  while (!done()) {
    if (now_us() >= deadline_us) co_return false;
    co_await sleep_us(5000);
  }
  co_return true;
}

struct due {
  std::int64_t at_us;
  std::size_t room;
  bool operator>(const due& o) const { return at_us > o.at_us; }
};
using due_queue = std::priority_queue<due, std::vector<due>, std::greater<>>;

// Open loop: every command goes out at its scheduled time whatever happened
// to the earlier ones, and its latency counts from that time. One timer for
// all rooms, armed for the earliest due command.
template <class Next>
net::awaitable<void> run_schedule(fleet& f, const command_mix& mix, due_queue queue, Next next_after) {
  net::steady_timer timer(co_await net::this_coro::executor);
  while (!queue.empty()) {
    const auto wait = queue.top().at_us - now_us();
    if (wait > 0) {
      timer.expires_after(std::chrono::microseconds(wait));
      co_await timer.async_wait(net::use_awaitable);
    }
    const auto now = now_us();
    while (!queue.empty() && queue.top().at_us <= now) {
      const auto d = queue.top();
      queue.pop();
      f.send_command(d.room, d.at_us, mix);
      if (const auto later = next_after(d); later) queue.push({*later, d.room});
    }
  }
}

class intervals {
 public:
  intervals(double rate_per_s, bool poisson, std::mt19937_64& rng)
      : mean_us_(1e6 / rate_per_s), poisson_(poisson), rng_(rng), exp_(1.0) {}
  std::int64_t next() { return static_cast<std::int64_t>(poisson_ ? mean_us_ * exp_(rng_) : mean_us_); }
  std::int64_t first() {
    // Fixed intervals start at a random phase so rooms do not fire together.
    return poisson_ ? next() : static_cast<std::int64_t>(mean_us_ * std::uniform_real_distribution<>(0, 1)(rng_));
  }

 private:
  double mean_us_;
  bool poisson_;
  std::mt19937_64& rng_;
  std::exponential_distribution<> exp_;
};

// Sends at room_rate per room from start to end (µs), open loop.
net::awaitable<void> send_for(fleet& f, const command_mix& mix, double room_rate, bool poisson, std::int64_t start,
                              std::int64_t end, std::mt19937_64& rng) {
  intervals gaps(room_rate, poisson, rng);
  due_queue q;
  for (std::size_t r = 0; r < f.room_count(); ++r) {
    const auto t = start + gaps.first();
    if (t < end) q.push({t, r});
  }
  co_await run_schedule(f, mix, std::move(q), [&](const due& d) -> std::optional<std::int64_t> {
    const auto t = d.at_us + gaps.next();
    return t < end ? std::optional(t) : std::nullopt;
  });
}

fleet_config fleet_config_from(const options& o) {
  fleet_config c;
  c.server = tcp::endpoint(net::ip::make_address(o.host), o.port);
  c.host = o.host + ":" + std::to_string(o.port);
  c.template_id = o.template_id;
  c.rooms = o.rooms;
  c.clients = o.clients;
  c.source_addrs = o.source_addrs;
  c.setup_window = o.setup_window;
  c.http_connections = o.http_connections;
  c.track_first_arrivals = o.scenario == "host";
  if (c.track_first_arrivals) {
    // The consoles' summaries are matched after a window's drain and the
    // wait for them to catch up (run_host): keep a window's first arrivals,
    // its drain and that wait, with 30 s to spare (a 300 s window of the PD
    // day: 2,500 events a second for 348 s, 16 bytes each, about 14 MB).
    const double window_s = o.duration_s / o.host_rounds;
    c.first_arrivals_kept_us = static_cast<std::int64_t>((window_s + o.drain_s + host_catch_up_s + 30) * 1e6);
  }
  return c;
}

command_mix mix_from(const options& o) {
  if (o.mix.empty()) return command_mix::standard();
  std::vector<std::string> names;
  std::stringstream s(o.mix);
  for (std::string n; std::getline(s, n, ',');) names.push_back(n);
  return command_mix(names);
}

nlohmann::json fault_json(const faults& f) {
  return {{"disconnects", f.disconnects},       {"gaps", f.gaps},
          {"duplicate_seqs", f.duplicate_seqs}, {"over_delivered", f.over_delivered},
          {"stray_messages", f.stray_messages}, {"protocol_errors", f.protocol_errors}};
}

bool clean(const faults& f) {
  return f.disconnects + f.gaps + f.duplicate_seqs + f.over_delivered + f.stray_messages + f.protocol_errors == 0;
}

double seconds(std::int64_t us) { return static_cast<double>(us) / 1e6; }

// One measured window: send (or not), drain, observe.
struct window_result {
  nlohmann::json figures;
  bool ok = false;
};

template <class Send>
net::awaitable<window_result> measure(fleet& f, const options& o, Send send) {
  f.reset_measurement();
  const auto begin = observe(o.server_pid);
  const auto send_start = now_us();
  co_await send();
  const auto sent_until = observe(o.server_pid);
  co_await wait_until([&] { return f.outstanding() == 0; }, now_us() + static_cast<std::int64_t>(o.drain_s * 1e6));
  const auto end = observe(o.server_pid);
  const auto lost = f.count_losses();
  window_result w;
  w.figures =
      window_json(f.current(), lost, begin, sent_until, end, seconds(sent_until.at_us - send_start), o.max_gen_cpu);
  w.ok = lost.total() == 0 && f.current().errors == 0;
  co_return w;
}

net::awaitable<bool> run_load(fleet& f, const options& o, nlohmann::json& run, std::mt19937_64& rng) {
  const auto mix = mix_from(o);
  const double room_rate = o.rate * static_cast<double>(o.clients);
  run["mix"] = mix.describe();
  auto w = co_await measure(f, o, [&]() -> net::awaitable<void> {
    const auto start = now_us();
    co_await send_for(f, mix, room_rate, o.poisson, start, start + static_cast<std::int64_t>(o.duration_s * 1e6), rng);
  });
  run["window"] = w.figures;
  co_return w.ok;
}

net::awaitable<bool> run_idle(fleet& f, const options& o, nlohmann::json& run) {
  co_await sleep_us(static_cast<std::int64_t>(o.settle_s * 1e6));
  const auto after = observe(o.server_pid);
  if (after.server && run.contains("server_rss_sessions")) {
    // Memory once every connection has settled, less what the sessions
    // themselves hold, per connection.
    run["server_rss_settled"] = after.server->rss_bytes;
    run["rss_per_connection_bytes"] =
        (static_cast<double>(after.server->rss_bytes) - run.at("server_rss_sessions").get<double>()) /
        static_cast<double>(f.connections());
  }
  co_return true;
}

net::awaitable<bool> run_burst(fleet& f, const options& o, nlohmann::json& run, std::mt19937_64& rng) {
  const auto mix = command_mix::phase_steps();
  run["mix"] = mix.describe();
  nlohmann::json completions = nlohmann::json::array();
  std::int64_t t0 = 0;
  auto w = co_await measure(f, o, [&]() -> net::awaitable<void> {
    std::uniform_int_distribution<std::int64_t> spread(0, static_cast<std::int64_t>(o.burst_window_ms * 1000));
    for (int b = 0; b < o.bursts; ++b) {
      t0 = now_us() + 200'000;
      f.current().last_arrival_us = 0;
      due_queue q;
      for (std::size_t r = 0; r < f.room_count(); ++r) q.push({t0 + spread(rng), r});
      co_await run_schedule(f, mix, std::move(q), [](const due&) { return std::optional<std::int64_t>{}; });
      co_await wait_until([&] { return f.outstanding() == 0; }, now_us() + static_cast<std::int64_t>(o.drain_s * 1e6));
      completions.push_back(static_cast<double>(f.current().last_arrival_us - t0) / 1000.0);
      co_await sleep_us(300'000);
    }
  });
  run["window"] = w.figures;
  run["bursts_ms"] = completions;
  double worst = 0;
  for (const auto& c : completions) worst = std::max(worst, c.get<double>());
  run["burst_max_ms"] = worst;
  co_return w.ok;
}

net::awaitable<bool> run_saturate(fleet& f, const options& o, nlohmann::json& run, std::mt19937_64& rng) {
  const auto mix = mix_from(o);
  run["mix"] = mix.describe();
  run["sat_limit_ms"] = o.sat_limit_ms;
  nlohmann::json steps = nlohmann::json::array();
  double held = 0, held_dps = 0, held50 = 0, held50_dps = 0;
  bool ok = true;
  double rate = o.sat_start;
  bool capped = false;
  for (int step = 0; step < o.sat_max_steps; ++step) {
    const double room_rate = rate / static_cast<double>(f.room_count());
    if (room_rate > o.max_room_rate) {
      capped = true;  // more would trip the server's per-connection rate limit: use more rooms
      break;
    }
    auto w = co_await measure(f, o, [&]() -> net::awaitable<void> {
      const auto start = now_us();
      co_await send_for(f, mix, room_rate, o.poisson, start, start + static_cast<std::int64_t>(o.sat_step_s * 1e6),
                        rng);
    });
    w.figures["offered_rate"] = rate;
    const double p99 = w.figures.at("deliver_ms").at("p99").get<double>();
    const double dps = w.figures.at("delivered_per_s").get<double>();
    steps.push_back(w.figures);
    ok = ok && w.ok;
    if (!w.ok || p99 > o.sat_limit_ms) break;
    held = rate;
    held_dps = dps;
    if (p99 <= 50.0) {
      held50 = rate;
      held50_dps = dps;
    }
    rate *= o.sat_factor;
    co_await sleep_us(500'000);
  }
  run["steps"] = steps;
  run["capped_by_room_rate"] = capped;
  run["held_rate"] = held;
  run["held_delivered_per_s"] = held_dps;
  run["held_rate_50ms"] = held50;
  run["held_delivered_per_s_50ms"] = held50_dps;
  run["valid"] =
      std::all_of(steps.begin(), steps.end(), [](const auto& s) { return s.at("valid").template get<bool>(); });
  co_return ok;
}

// One variant of the host scenario (so many host consoles), over its rounds.
struct host_variant {
  std::size_t hosts = 0;
  histogram deliver_us;
  histogram ack_us;
  host_measurement seen;  // by all its hosts
  std::uint64_t sent = 0, errors = 0, delivered = 0, lost = 0;
  double send_seconds = 0;    // sending, over its windows
  double window_seconds = 0;  // sending and draining, over its windows (the hosts' time)
  double server_cpu_s = 0;
  double hosts_thread_cpu_s = 0;  // the generator's consoles' thread, over its windows
  std::size_t stale_rooms = 0;    // worst over its windows
  bool valid = true;
  nlohmann::json windows = nlohmann::json::array();

  void add(const window_result& w, const measurement& m, const host_measurement& h, double seconds,
           double hosts_cpu_s) {
    deliver_us.merge(m.deliver_us);
    ack_us.merge(m.ack_us);
    seen.latency_us.merge(h.latency_us);
    seen.messages += h.messages;
    seen.bytes += h.bytes;
    seen.summaries += h.summaries;
    seen.matched += h.matched;
    seen.early += h.early;
    sent += m.sent;
    errors += m.errors;
    delivered += m.delivered;
    lost += w.figures.at("lost").get<std::uint64_t>();
    send_seconds += w.figures.at("send_seconds").get<double>();
    window_seconds += seconds;
    hosts_thread_cpu_s += hosts_cpu_s;
    server_cpu_s += w.figures.value("server_cpu_s", 0.0);
    valid = valid && w.figures.at("valid").get<bool>();
    windows.push_back(w.figures);
  }

  nlohmann::json figures() const {
    const auto per_host_s = [&](double x) {
      return hosts == 0 || window_seconds <= 0 ? 0.0 : x / static_cast<double>(hosts) / window_seconds;
    };
    nlohmann::json out{
        {"hosts", hosts},
        {"deliver_ms", latency_json(deliver_us)},
        {"ack_ms", latency_json(ack_us)},
        {"sent", sent},
        {"errors", errors},
        {"delivered", delivered},
        {"lost", lost},
        {"delivered_per_s", static_cast<double>(delivered) / send_seconds},
        {"server_cpu_us_per_event", delivered ? server_cpu_s * 1e6 / static_cast<double>(delivered) : 0.0},
        {"valid", valid},
        {"windows", windows}};
    if (hosts == 0) return out;
    out["host_latency_ms"] = latency_json(seen.latency_us);
    out["host_messages_per_s"] = per_host_s(static_cast<double>(seen.messages));
    out["host_bytes_per_s"] = per_host_s(static_cast<double>(seen.bytes));
    out["host_summaries_per_s"] = per_host_s(static_cast<double>(seen.summaries));
    out["host_summaries"] = seen.summaries;
    out["host_summaries_measured"] = seen.matched;
    out["host_summaries_before_members"] = seen.early;
    out["stale_rooms"] = stale_rooms;
    out["hosts_thread_cpu_share"] = window_seconds > 0 ? hosts_thread_cpu_s / window_seconds : 0.0;
    return out;
  }
};

// The PD day through an event, with 0, 1 and 3 host consoles (--host-counts)
// in turn: round after round, each variant for duration / rounds seconds.
// Before each window its hosts connect afresh and have their welcome; after
// its drain, every host must catch up with every room's latest event.
net::awaitable<bool> run_host(fleet& f, const options& o, nlohmann::json& run, std::mt19937_64& rng,
                              host_consoles& hosts) {
  const auto mix = mix_from(o);
  const double room_rate = o.rate * static_cast<double>(o.clients);
  const double window_s = o.duration_s / o.host_rounds;
  run["mix"] = mix.describe();
  run["window_seconds"] = window_s;
  std::vector<host_variant> variants;
  for (const auto n : o.host_counts) {
    variants.emplace_back();
    variants.back().hosts = n;
  }
  bool ok = true;
  for (int round = 0; round < o.host_rounds && ok; ++round) {
    for (auto& v : variants) {
      hosts.reopen(v.hosts);
      const auto welcomed = co_await wait_until([&] { return hosts.welcomed() || hosts.fault_counts().total() > 0; },
                                                now_us() + 60'000'000);
      if (!welcomed || hosts.fault_counts().total() > 0) {
        run["setup_error"] = "host consoles were not welcomed: " + hosts.first_fault();
        ok = false;
        break;
      }
      hosts.reset_measurement();
      const auto started = now_us();
      const auto hosts_cpu_started = hosts.thread_cpu_us();
      auto w = co_await measure(f, o, [&]() -> net::awaitable<void> {
        const auto start = now_us();
        co_await send_for(f, mix, room_rate, o.poisson, start, start + static_cast<std::int64_t>(window_s * 1e6), rng);
      });
      // Summaries are coalesced to one a second: give the last ones time to come.
      co_await wait_until([&] { return hosts.stale_rooms() == 0; },
                          now_us() + static_cast<std::int64_t>(host_catch_up_s * 1e6));
      hosts.settle();
      const auto stale = hosts.stale_rooms();
      const auto seconds_open = static_cast<double>(now_us() - started) / 1e6;
      const auto hosts_cpu_s = static_cast<double>(hosts.thread_cpu_us() - hosts_cpu_started) / 1e6;
      const auto seen = hosts.current();
      v.add(w, f.current(), seen, seconds_open, hosts_cpu_s);
      v.stale_rooms = std::max(v.stale_rooms, stale);
      const bool silent = v.hosts > 0 && seen.messages == 0;
      ok = ok && w.ok && stale == 0 && !silent && hosts.fault_counts().total() == 0;
    }
  }
  hosts.stop();
  nlohmann::json out = nlohmann::json::array();
  for (const auto& v : variants) out.push_back(v.figures());
  run["variants"] = out;
  const auto hf = hosts.fault_counts();
  run["host_faults"] = {{"disconnects", hf.disconnects}, {"errors", hf.errors}, {"stray_messages", hf.stray_messages}};
  if (!hosts.first_fault().empty()) run["host_first_fault"] = hosts.first_fault();
  run["valid"] = std::all_of(variants.begin(), variants.end(), [](const auto& v) { return v.valid; });
  co_return ok;
}

}  // namespace

net::awaitable<int> run_scenario(const options& o, nlohmann::json& run) {
  auto& ioc = static_cast<net::io_context&>((co_await net::this_coro::executor).context());
  std::mt19937_64 rng(o.seed);
  fleet f(ioc, fleet_config_from(o));
  run = {{"target", o.target},
         {"scenario", o.scenario},
         {"rooms", o.rooms},
         {"clients", o.clients},
         {"connections", o.rooms * o.clients},
         {"rate_per_client", o.rate},
         {"room_rate", o.rate * static_cast<double>(o.clients)},
         {"schedule", o.poisson ? "poisson" : "fixed"}};
  if (o.scenario == "load" || o.scenario == "saturate" || o.scenario == "host") {
    run["note"] =
        "each room's facilitator sends the room's aggregate rate (clients x per-client rate): today only the "
        "facilitator may run the timer and phases, and other roles' commands would be refused";
  }
  const auto deadline = now_us() + static_cast<std::int64_t>(o.setup_timeout_s * 1e6);
  const auto start = observe(o.server_pid);
  created_event event;
  if (o.scenario == "host") {
    const event_api_config api{fleet_config_from(o).server, fleet_config_from(o).host, o.template_id, "Bench PD day",
                               o.rooms};
    auto made = co_await create_event(api);
    if (auto* error = std::get_if<std::string>(&made)) {
      run["setup_error"] = *error;
      std::fprintf(stderr, "debrief-load: setup failed: %s\n", error->c_str());
      co_return 2;
    }
    event = std::move(std::get<created_event>(made));
    f.begin_setup(std::move(event.rooms));
  } else {
    f.begin_setup();
  }
  co_await wait_until([&] { return f.sessions_created() || !f.setup_error().empty(); }, deadline);
  const auto created = observe(o.server_pid);
  co_await wait_until([&] { return f.setup_done() || !f.setup_error().empty(); }, deadline);
  const auto joined = observe(o.server_pid);
  run["setup_s"] = seconds(joined.at_us - start.at_us);
  if (!f.setup_done()) {
    run["setup_error"] = f.setup_error().empty() ? "setup timed out with " + std::to_string(f.ready_rooms()) + " of " +
                                                       std::to_string(o.rooms) + " sessions ready"
                                                 : f.setup_error();
    std::fprintf(stderr, "debrief-load: setup failed: %s\n", run["setup_error"].get<std::string>().c_str());
    f.close_all();
    co_return 2;
  }
  if (created.server && joined.server) {
    run["server_rss_start"] = start.server->rss_bytes;
    run["server_rss_sessions"] = created.server->rss_bytes;
    run["server_rss_joined"] = joined.server->rss_bytes;
    run["rss_per_connection_bytes"] =
        (static_cast<double>(joined.server->rss_bytes) - static_cast<double>(created.server->rss_bytes)) /
        static_cast<double>(f.connections());
  }

  bool ok = true;
  if (o.scenario == "load") ok = co_await run_load(f, o, run, rng);
  if (o.scenario == "idle") ok = co_await run_idle(f, o, run);
  if (o.scenario == "burst") ok = co_await run_burst(f, o, run, rng);
  if (o.scenario == "saturate") ok = co_await run_saturate(f, o, run, rng);
  if (o.scenario == "host") {
    const auto cfg = fleet_config_from(o);
    host_consoles hosts(f, cfg.server, cfg.host, event.id, event.host_key);
    ok = co_await run_host(f, o, run, rng, hosts);
  }

  ok = ok && clean(f.fault_counts());
  run["faults"] = fault_json(f.fault_counts());
  run["unattributed_events"] = f.unattributed_events();
  if (!f.first_fault().empty()) run["first_fault"] = f.first_fault();
  if (!run.contains("valid")) run["valid"] = !run.contains("window") || run["window"].at("valid").get<bool>();
  run["ok"] = ok;
  f.close_all();
  co_return ok ? 0 : 1;
}

}  // namespace debrief::bench
