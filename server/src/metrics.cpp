#include "metrics.hpp"

#include <prometheus/counter.h>
#include <prometheus/gauge.h>
#include <prometheus/histogram.h>
#include <prometheus/registry.h>
#include <prometheus/text_serializer.h>
#include <unistd.h>

#include <array>
#include <fstream>
#include <mutex>
#include <sstream>
#include <vector>

#include "debrief/storage/writer.hpp"

namespace debrief::server {

namespace {

using prometheus::Histogram;

constexpr std::array limit_names{"participant_messages", "unjoined_messages", "session_creations",
                                 "websockets_per_address", "connections_full"};
constexpr std::array cut_off_names{"send_queue_full", "message_too_big"};

double seconds(std::chrono::steady_clock::duration d) { return std::chrono::duration<double>(d).count(); }

// utime and stime (fields 14 and 15 of /proc/self/stat), in seconds.
double process_cpu_seconds() {
  std::ifstream in("/proc/self/stat");
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const auto close = text.rfind(')');  // the command name may hold spaces
  if (close == std::string::npos) return 0;
  std::istringstream fields(text.substr(close + 2));
  std::string field;
  double ticks = 0;
  for (int i = 3; i <= 15 && fields >> field; ++i) {
    if (i >= 14) ticks += std::stod(field);
  }
  return ticks / static_cast<double>(sysconf(_SC_CLK_TCK));
}

// Resident set size (the second field of /proc/self/statm, in pages).
double resident_bytes() {
  std::ifstream in("/proc/self/statm");
  double size = 0;
  double resident = 0;
  in >> size >> resident;
  return resident * static_cast<double>(sysconf(_SC_PAGESIZE));
}

}  // namespace

struct metrics::impl {
  std::shared_ptr<prometheus::Registry> registry = std::make_shared<prometheus::Registry>();

  prometheus::Family<prometheus::Gauge>& connections = prometheus::BuildGauge()
                                                           .Name("debrief_connections_open")
                                                           .Help("Connections open now, by kind (http, websocket)")
                                                           .Register(*registry);
  prometheus::Gauge& http_open = connections.Add({{"kind", "http"}});
  prometheus::Gauge& websocket_open = connections.Add({{"kind", "websocket"}});
  prometheus::Gauge& live_sessions = prometheus::BuildGauge()
                                         .Name("debrief_sessions_live")
                                         .Help("Sessions loaded in memory now")
                                         .Register(*registry)
                                         .Add({});
  prometheus::Family<prometheus::Counter>& commands =
      prometheus::BuildCounter()
          .Name("debrief_commands_total")
          .Help("Commands handled by sessions, by type and result (ok, or the error code)")
          .Register(*registry);
  prometheus::Histogram& commit_seconds =
      prometheus::BuildHistogram()
          .Name("debrief_commit_seconds")
          .Help("Time to commit one transaction to SQLite, fsync included")
          .Register(*registry)
          .Add({}, Histogram::BucketBoundaries{0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 2.5});
  prometheus::Histogram& commit_batches = prometheus::BuildHistogram()
                                              .Name("debrief_commit_batch_size")
                                              .Help("Changes (from any sessions) stored together in one transaction")
                                              .Register(*registry)
                                              .Add({}, Histogram::BucketBoundaries{1, 2, 4, 8, 16, 32, 64, 128, 256});
  prometheus::Histogram& fanout_seconds =
      prometheus::BuildHistogram()
          .Name("debrief_fanout_seconds")
          .Help("From a commit's completion to its frames queued on each connection")
          .Register(*registry)
          .Add({}, Histogram::BucketBoundaries{0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1,
                                               0.25, 1});
  prometheus::Histogram& checkpoint_seconds =
      prometheus::BuildHistogram()
          .Name("debrief_checkpoint_seconds")
          .Help("Time of each background WAL checkpoint")
          .Register(*registry)
          .Add({}, Histogram::BucketBoundaries{0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30});
  prometheus::Gauge& wal_bytes = prometheus::BuildGauge()
                                     .Name("debrief_wal_bytes")
                                     .Help("Size of the database's write-ahead log file")
                                     .Register(*registry)
                                     .Add({});
  prometheus::Gauge& storage_degraded = prometheus::BuildGauge()
                                            .Name("debrief_storage_degraded")
                                            .Help("1 while storage refuses writes (/readyz answers 503), else 0")
                                            .Register(*registry)
                                            .Add({});
  prometheus::Family<prometheus::Counter>& refusals =
      prometheus::BuildCounter()
          .Name("debrief_rate_limited_total")
          .Help("Messages, sessions and connections refused by a limit, by limit")
          .Register(*registry);
  prometheus::Family<prometheus::Counter>& cut_offs =
      prometheus::BuildCounter()
          .Name("debrief_clients_cut_off_total")
          .Help("WebSockets closed by the server for backpressure or an oversized message, by reason")
          .Register(*registry);
  prometheus::Gauge& host_connections = prometheus::BuildGauge()
                                            .Name("debrief_host_connections")
                                            .Help("Host consoles subscribed to an event's room summaries now")
                                            .Register(*registry)
                                            .Add({});
  prometheus::Counter& summaries_sent = prometheus::BuildCounter()
                                            .Name("debrief_room_summaries_sent_total")
                                            .Help("Room summaries sent to host consoles (one per room per host)")
                                            .Register(*registry)
                                            .Add({});
  prometheus::Counter& cpu_seconds = prometheus::BuildCounter()
                                         .Name("process_cpu_seconds_total")
                                         .Help("User and system CPU time of the process")
                                         .Register(*registry)
                                         .Add({});
  prometheus::Gauge& resident = prometheus::BuildGauge()
                                    .Name("process_resident_memory_bytes")
                                    .Help("Resident memory of the process")
                                    .Register(*registry)
                                    .Add({});

  std::vector<prometheus::Counter*> refusal_counters;
  std::vector<prometheus::Counter*> cut_off_counters;

  std::mutex mutex;  // the fields below: render and the periodic log line
  double cpu_counted = 0;
  std::vector<double> refusals_logged = std::vector<double>(limit_names.size());
  std::vector<double> cut_offs_logged = std::vector<double>(cut_off_names.size());

  impl() {
    // Every label known from the start: a limit never hit shows as 0.
    for (const auto* name : limit_names) refusal_counters.push_back(&refusals.Add({{"limit", name}}));
    for (const auto* name : cut_off_names) cut_off_counters.push_back(&cut_offs.Add({{"reason", name}}));
  }
};

namespace {

template <std::size_t N>
log_fields since_last(const std::array<const char*, N>& names, const std::vector<prometheus::Counter*>& counters,
                      std::vector<double>& logged) {
  log_fields out = log_fields::object();
  for (std::size_t i = 0; i < N; ++i) {
    const auto now = counters[i]->Value();
    if (now > logged[i]) out[names[i]] = static_cast<std::int64_t>(now - logged[i]);
    logged[i] = now;
  }
  return out;
}

class storage_figures final : public storage::writer_observer {
 public:
  storage_figures(metrics::impl& m, std::filesystem::path wal) : m_(m), wal_(std::move(wal)) {}

  void committed(std::chrono::steady_clock::duration took, std::size_t batches) override {
    m_.commit_seconds.Observe(seconds(took));
    m_.commit_batches.Observe(static_cast<double>(batches));
    // The log's file grows with commits and shrinks only when truncated;
    // looked at once a second at most (one stat, on this storage thread).
    const auto now = std::chrono::steady_clock::now();
    if (now - last_look_ < std::chrono::seconds(1)) return;
    last_look_ = now;
    std::error_code ec;
    const auto size = std::filesystem::file_size(wal_, ec);
    m_.wal_bytes.Set(ec ? 0 : static_cast<double>(size));
  }

  void checkpointed(std::chrono::steady_clock::duration took) override { m_.checkpoint_seconds.Observe(seconds(took)); }

 private:
  metrics::impl& m_;
  const std::filesystem::path wal_;
  std::chrono::steady_clock::time_point last_look_{};  // writer thread only
};

}  // namespace

metrics::metrics() : impl_(std::make_unique<impl>()) {}
metrics::~metrics() = default;

metrics& metrics::get() {
  static metrics* instance = new metrics();  // never destroyed: threads may count until exit
  return *instance;
}

void metrics::command(std::string_view type, std::string_view result) {
  // Labels come from the protocol's fixed lists, never from what a client
  // sent, so the series stay few.
  impl_->commands.Add({{"type", std::string(type)}, {"result", std::string(result)}}).Increment();
}

void metrics::refused(limit_hit why) { impl_->refusal_counters[static_cast<std::size_t>(why)]->Increment(); }

void metrics::cut(cut_off why) { impl_->cut_off_counters[static_cast<std::size_t>(why)]->Increment(); }

void metrics::delivered(std::chrono::steady_clock::duration since_commit) {
  impl_->fanout_seconds.Observe(seconds(since_commit));
}

prometheus::Gauge& metrics::open_connections(bool websocket) {
  return websocket ? impl_->websocket_open : impl_->http_open;
}

void metrics::host_subscribed(bool subscribed) {
  if (subscribed) {
    impl_->host_connections.Increment();
  } else {
    impl_->host_connections.Decrement();
  }
}

void metrics::summaries_sent(std::size_t count) { impl_->summaries_sent.Increment(static_cast<double>(count)); }

std::unique_ptr<storage::writer_observer> metrics::storage_observer(const std::filesystem::path& db) {
  return std::make_unique<storage_figures>(*impl_, db.string() + "-wal");
}

std::string metrics::render(const scrape_view& now) {
  auto& d = *impl_;
  d.live_sessions.Set(static_cast<double>(now.live_sessions));
  d.storage_degraded.Set(now.storage_degraded ? 1 : 0);
  d.resident.Set(resident_bytes());
  {
    std::lock_guard lock(d.mutex);
    const auto cpu = process_cpu_seconds();
    if (cpu > d.cpu_counted) d.cpu_seconds.Increment(cpu - d.cpu_counted);
    d.cpu_counted = std::max(cpu, d.cpu_counted);
  }
  return prometheus::TextSerializer().Serialize(d.registry->Collect());
}

log_fields metrics::refusals_since_last() {
  std::lock_guard lock(impl_->mutex);
  return since_last(limit_names, impl_->refusal_counters, impl_->refusals_logged);
}

log_fields metrics::cut_offs_since_last() {
  std::lock_guard lock(impl_->mutex);
  return since_last(cut_off_names, impl_->cut_off_counters, impl_->cut_offs_logged);
}

counted_connection::counted_connection(bool websocket) : gauge_(metrics::get().open_connections(websocket)) {
  gauge_.Increment();
}

counted_connection::~counted_connection() { gauge_.Decrement(); }

}  // namespace debrief::server
