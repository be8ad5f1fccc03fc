#include "report.hpp"

#include <cstdio>
#include <string>

#include "clock.hpp"

namespace debrief::bench {

namespace {

double ms(std::uint64_t us) { return static_cast<double>(us) / 1000.0; }
double round3(double x) {
  return static_cast<double>(static_cast<long long>(x * 1000.0 + (x < 0 ? -0.5 : 0.5))) / 1000.0;
}

}  // namespace

observation observe(int server_pid) { return {now_us(), sample_process(server_pid), self_cpu_us()}; }

nlohmann::json latency_json(const histogram& h) {
  return {{"count", h.count()},
          {"p50", round3(ms(h.quantile(0.50)))},
          {"p90", round3(ms(h.quantile(0.90)))},
          {"p99", round3(ms(h.quantile(0.99)))},
          {"p999", round3(ms(h.quantile(0.999)))},
          {"max", round3(ms(h.max()))}};
}

nlohmann::json window_json(const measurement& m, const losses& lost, const observation& begin,
                           const observation& sent_until, const observation& end, double send_seconds,
                           double max_gen_cpu) {
  nlohmann::json out{
      {"sent", m.sent},
      {"acked", m.acked},
      {"errors", m.errors},
      {"delivered", m.delivered},
      {"lost", lost.total()},
      {"lost_unacked", lost.unacked},
      {"lost_undelivered", lost.undelivered_events},
      {"missing_deliveries", lost.missing_deliveries},
      {"ack_ms", latency_json(m.ack_us)},
      {"deliver_ms", latency_json(m.deliver_us)},
      {"send_seconds", round3(send_seconds)},
      {"commands_per_s", round3(static_cast<double>(m.sent) / send_seconds)},
      {"delivered_per_s", round3(static_cast<double>(m.delivered) / send_seconds)},
  };
  const double send_wall = static_cast<double>(sent_until.at_us - begin.at_us) / 1e6;
  const double gen_cpu = static_cast<double>(sent_until.self_cpu_us - begin.self_cpu_us) / 1e6;
  const double gen_share = send_wall > 0 ? gen_cpu / send_wall : 0;
  out["generator_cpu_s"] = round3(gen_cpu);
  out["generator_cpu_share"] = round3(gen_share);
  out["valid"] = gen_share <= max_gen_cpu;
  if (begin.server && end.server) {
    const auto cpu_us = end.server->cpu_us - begin.server->cpu_us;
    out["server_cpu_s"] = round3(static_cast<double>(cpu_us) / 1e6);
    out["server_cpu_us_per_event"] =
        m.delivered ? round3(static_cast<double>(cpu_us) / static_cast<double>(m.delivered)) : 0.0;
    out["server_cpu_share"] =
        round3(static_cast<double>(cpu_us) / 1e6 / (static_cast<double>(end.at_us - begin.at_us) / 1e6));
    out["server_rss_end"] = end.server->rss_bytes;
  }
  return out;
}

namespace {

void print_window(const char* indent, const nlohmann::json& w) {
  const auto& d = w.at("deliver_ms");
  const auto& a = w.at("ack_ms");
  std::printf("%ssent %llu  acked %llu  errors %llu  delivered %llu  lost %llu (unacked %llu, undelivered %llu)\n",
              indent, w.at("sent").get<unsigned long long>(), w.at("acked").get<unsigned long long>(),
              w.at("errors").get<unsigned long long>(), w.at("delivered").get<unsigned long long>(),
              w.at("lost").get<unsigned long long>(), w.at("lost_unacked").get<unsigned long long>(),
              w.at("lost_undelivered").get<unsigned long long>());
  std::printf("%scommand->every member (ms): p50 %.3f  p90 %.3f  p99 %.3f  p99.9 %.3f  max %.3f\n", indent,
              d.at("p50").get<double>(), d.at("p90").get<double>(), d.at("p99").get<double>(),
              d.at("p999").get<double>(), d.at("max").get<double>());
  std::printf("%scommand->ack (ms):          p50 %.3f  p90 %.3f  p99 %.3f  p99.9 %.3f  max %.3f\n", indent,
              a.at("p50").get<double>(), a.at("p90").get<double>(), a.at("p99").get<double>(),
              a.at("p999").get<double>(), a.at("max").get<double>());
  std::printf("%s%.1f commands/s, %.1f deliveries/s", indent, w.at("commands_per_s").get<double>(),
              w.at("delivered_per_s").get<double>());
  if (w.contains("server_cpu_us_per_event")) {
    std::printf("; server CPU %.3f s = %.2f us per delivered event (%.0f%% of a core)",
                w.at("server_cpu_s").get<double>(), w.at("server_cpu_us_per_event").get<double>(),
                100.0 * w.at("server_cpu_share").get<double>());
  }
  std::printf("\n%sgenerator CPU %.3f s (%.0f%% of a core while sending)%s\n", indent,
              w.at("generator_cpu_s").get<double>(), 100.0 * w.at("generator_cpu_share").get<double>(),
              w.at("valid").get<bool>() ? "" : "  ** INVALID: the generator may be the bottleneck **");
}

}  // namespace

void print_summary(const nlohmann::json& run) {
  std::printf("== %s / %s: %zu rooms x %zu clients = %zu connections\n", run.at("target").get<std::string>().c_str(),
              run.at("scenario").get<std::string>().c_str(), run.at("rooms").get<std::size_t>(),
              run.at("clients").get<std::size_t>(), run.at("connections").get<std::size_t>());
  if (run.contains("note")) std::printf("   note: %s\n", run.at("note").get<std::string>().c_str());
  if (run.contains("rss_per_connection_bytes")) {
    std::printf("   server RSS per connection: %.0f bytes (RSS %.1f MiB after join)\n",
                run.at("rss_per_connection_bytes").get<double>(),
                run.at("server_rss_joined").get<double>() / 1048576.0);
  }
  if (run.contains("window")) print_window("   ", run.at("window"));
  if (run.contains("bursts_ms")) std::printf("   burst completion (ms): %s\n", run.at("bursts_ms").dump().c_str());
  if (run.contains("steps")) {
    for (const auto& s : run.at("steps")) {
      std::printf("   step %.0f commands/s:\n", s.at("offered_rate").get<double>());
      print_window("     ", s);
    }
    std::printf("   held (p99 <= %.0f ms): %.0f commands/s, %.0f deliveries/s; held (p99 <= 50 ms): %.0f commands/s\n",
                run.at("sat_limit_ms").get<double>(), run.at("held_rate").get<double>(),
                run.at("held_delivered_per_s").get<double>(), run.at("held_rate_50ms").get<double>());
    if (run.at("capped_by_room_rate").get<bool>()) {
      std::printf("   (stopped before the per-room rate cap, --max-room-rate: the held rate is a lower bound)\n");
    }
  }
  if (run.contains("variants")) {
    for (const auto& v : run.at("variants")) {
      const auto hosts = v.at("hosts").get<std::size_t>();
      std::printf("   with %zu host console%s (%zu windows):\n", hosts, hosts == 1 ? "" : "s", v.at("windows").size());
      const auto& d = v.at("deliver_ms");
      std::printf(
          "     rooms: sent %llu  delivered %llu  lost %llu  errors %llu; deliver p50 %.3f  p99 %.3f  max %.3f ms;"
          " server CPU %.2f us per delivered event\n",
          v.at("sent").get<unsigned long long>(), v.at("delivered").get<unsigned long long>(),
          v.at("lost").get<unsigned long long>(), v.at("errors").get<unsigned long long>(), d.at("p50").get<double>(),
          d.at("p99").get<double>(), d.at("max").get<double>(), v.at("server_cpu_us_per_event").get<double>());
      if (hosts == 0) continue;
      const auto& h = v.at("host_latency_ms");
      std::printf(
          "     host update (room's first member has the event -> host has its summary), ms: p50 %.1f  p90 %.1f"
          "  p99 %.1f  max %.1f  (%llu summaries measured of %llu; %llu before any member)\n",
          h.at("p50").get<double>(), h.at("p90").get<double>(), h.at("p99").get<double>(), h.at("max").get<double>(),
          v.at("host_summaries_measured").get<unsigned long long>(), v.at("host_summaries").get<unsigned long long>(),
          v.at("host_summaries_before_members").get<unsigned long long>());
      std::printf(
          "     per host: %.2f messages/s, %.0f bytes/s, %.0f summaries/s; rooms not caught up after the drain: %zu;"
          " the generator's consoles' thread: %.0f%% of a core\n",
          v.at("host_messages_per_s").get<double>(), v.at("host_bytes_per_s").get<double>(),
          v.at("host_summaries_per_s").get<double>(), v.at("stale_rooms").get<std::size_t>(),
          100.0 * v.at("hosts_thread_cpu_share").get<double>());
    }
    std::printf(
        "   host faults: %s%s\n", run.at("host_faults").dump().c_str(),
        run.contains("host_first_fault") ? (" first: " + run.at("host_first_fault").get<std::string>()).c_str() : "");
  }
  const auto& f = run.at("faults");
  std::printf("   faults: %s%s\n", f.dump().c_str(),
              run.contains("first_fault") ? (" first: " + run.at("first_fault").get<std::string>()).c_str() : "");
  std::printf("   result: %s\n", run.at("ok").get<bool>() ? "ok" : "FAILED (lost, refused or broken)");
  std::fflush(stdout);
}

}  // namespace debrief::bench
