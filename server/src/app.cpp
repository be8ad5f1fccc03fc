#include "debrief/server/app.hpp"

#include <filesystem>
#include <thread>
#include <vector>

#include "beast.hpp"
#include "client_address.hpp"
#include "clock.hpp"
#include "connection_count.hpp"
#include "creation_limit.hpp"
#include "debrief/storage/backup.hpp"
#include "hub.hpp"
#include "listener.hpp"
#include "log.hpp"
#include "metrics.hpp"

namespace debrief::server {

namespace {

// Sessions created by everyone together: a burst, then so many a second.
constexpr rate_limit overall_creations{500, 5};

std::unique_ptr<storage::database> open_database(const config& cfg) {
  const auto folder = std::filesystem::path(cfg.db).parent_path();
  if (!folder.empty()) std::filesystem::create_directories(folder);
  const auto frames = cfg.checkpoint_frames > 0 ? cfg.checkpoint_frames : storage::database::default_checkpoint_frames;
  auto db = std::make_unique<storage::database>(cfg.db, frames, cfg.storage_vfs);
  // A file the server cannot write would start, look healthy, and then refuse
  // every change: refuse to start instead, saying where and why.
  try {
    db->probe();
  } catch (const storage::storage_error& e) {
    throw storage::storage_error(std::string(e.what()) +
                                 " (the server must be able to write this file, and to create its write-ahead log "
                                 "beside it in " +
                                 std::filesystem::absolute(folder.empty() ? "." : folder).string() +
                                 ", as the user it runs as)");
  }
  return db;
}

// As many connections as the process may open files, less what the database
// and logs need, unless the operator set a number.
std::size_t max_connections(const config& cfg) {
  if (cfg.max_connections > 0) return static_cast<std::size_t>(cfg.max_connections);
  const auto descriptors = raise_descriptor_limit();
  const auto connections = descriptors > 2 * reserved_descriptors ? descriptors - reserved_descriptors
                                                                  : std::max<std::size_t>(descriptors / 2, 1);
  log_event(log_level::info, "connection_limit", "connections held at once, from the open-file limit",
            {{"open_file_limit", descriptors}, {"max_connections", connections}});
  return connections;
}

http_options http_options_from(const config& cfg) {
  http_options options;
  options.static_root = cfg.static_dir;
  options.allowed_origins = cfg.allowed_origins;
  for (const auto& a : cfg.trusted_proxies) options.trusted_proxies.push_back(unmapped(net::ip::make_address(a)));
  const rate_limit per_client{static_cast<double>(cfg.create_burst), static_cast<double>(cfg.create_per_minute) / 60};
  options.creations = std::make_shared<creation_limit>(per_client, overall_creations);
  options.connections =
      std::make_shared<connection_count>(max_connections(cfg), static_cast<std::size_t>(cfg.websockets_per_address));
  options.timeouts = {cfg.hello_timeout, cfg.join_timeout, cfg.idle_timeout};
  options.metrics_token = cfg.metrics_token;
  options.one_network_thread = cfg.threads == 1;
  return options;
}

bool configure_logging(const config& cfg) {
  set_log_format(cfg.log_format == "logfmt" ? log_format::logfmt : log_format::json);
  return true;
}

// "ADDRESS:PORT", checked by parse_arguments; [::1]:9090 for IPv6.
tcp::endpoint endpoint_of(const std::string& address_and_port) {
  const auto colon = address_and_port.rfind(':');
  auto address = address_and_port.substr(0, colon);
  if (address.starts_with('[') && address.ends_with(']')) address = address.substr(1, address.size() - 2);
  return {net::ip::make_address(address), static_cast<std::uint16_t>(std::stoi(address_and_port.substr(colon + 1)))};
}

// Counts since the last summary, never one line per refusal: a flood of
// refused messages must not flood the log too.
void log_refusal_summary() {
  auto refused = metrics::get().refusals_since_last();
  if (!refused.empty()) {
    log_event(log_level::warn, "rate_limited", "refused by a limit since the last such line (counts by limit)",
              refused);
  }
  auto cut = metrics::get().cut_offs_since_last();
  if (!cut.empty()) {
    log_event(log_level::warn, "clients_cut_off",
              "connections closed for not reading their messages or sending too large a one (counts by reason)", cut);
  }
}

hub_settings hub_settings_from(const config& cfg) {
  hub_settings settings{{static_cast<double>(cfg.unjoined_burst), static_cast<double>(cfg.unjoined_per_second)},
                        cfg.lobby_expiry_hours * 60 * 60 * 1000,
                        cfg.retention_days * 24 * 60 * 60 * 1000,
                        cfg.unload_after,
                        cfg.code_prefix};
  return settings;
}

// Scheduled backups run on a thread of their own, never a network thread.
std::unique_ptr<storage::backup_schedule> backups_from(const config& cfg) {
  if (cfg.backup_interval <= std::chrono::milliseconds(0) || cfg.backup_dir.empty()) return nullptr;
  return std::make_unique<storage::backup_schedule>(cfg.db, cfg.backup_dir, cfg.backup_interval,
                                                    static_cast<std::size_t>(cfg.backup_keep),
                                                    [](bool ok, const std::string& what) {
                                                      if (ok) {
                                                        log_event(log_level::info, "backup_made", what);
                                                      } else {
                                                        log_event(log_level::error, "backup_failed", what);
                                                      }
                                                    });
}

}  // namespace

// Declared in this order so that destruction runs the reader (whose jobs
// call the hub), then the hub, then the writer (which drains its queue and
// posts completions), then the io_context.
struct app::impl {
  explicit impl(const config& cfg)
      : logging(configure_logging(cfg)),
        figures(metrics::get().storage_observer(cfg.db)),
        threads(cfg.threads),
        options(http_options_from(cfg)),
        store(open_database(cfg), {std::chrono::milliseconds(250), cfg.storage_retry_max}),
        rooms(ioc.get_executor(), store, reads, cfg.clock ? cfg.clock : clock_fn(now_ms), hub_settings_from(cfg)),
        reads(std::make_unique<storage::database>(cfg.db, storage::database::default_checkpoint_frames,
                                                  cfg.storage_vfs)) {
    store.observe(figures.get());
    store.on_availability([this](bool available, const std::string& why) {
      if (available) {
        log_event(log_level::info, "storage_recovered", "storage takes writes again: changes are stored");
      } else {
        log_event(log_level::error, "storage_failed",
                  "storage refuses writes: changes are refused until a probe write succeeds", {{"error", why}});
      }
      rooms.storage_changed(available);
    });
    // Sessions are loaded when wanted; only running timers must be known now.
    reads.post([this](storage::database& db) { rooms.watch_timers(db.running_timers()); });
    rooms.sweep_every(cfg.lobby_sweep_interval);
    backups = backups_from(cfg);
    acceptor =
        std::make_shared<listener>(ioc, tcp::endpoint{net::ip::make_address(cfg.bind), cfg.port}, rooms, options);
    bind_address = cfg.bind;
    db_path = cfg.db;
    if (!cfg.metrics_bind.empty()) {
      metrics_options = options;
      metrics_options.metrics_only = true;
      metrics_acceptor = std::make_shared<listener>(ioc, endpoint_of(cfg.metrics_bind), rooms, metrics_options);
    }
    summary_interval = cfg.log_summary_interval;
  }

  // The listener reaches the hub, which goes first.
  ~impl() {
    store.on_availability({});
    store.observe(nullptr);
  }

  void summarize_every() {
    summary->expires_after(summary_interval);
    summary->async_wait([this](beast::error_code ec) {
      if (ec) return;
      log_refusal_summary();
      summarize_every();
    });
  }

  bool logging;  // set up first, for the lines the rest may write
  // Declared before the writer, which reports to it until destroyed.
  std::unique_ptr<storage::writer_observer> figures;
  net::io_context ioc;
  int threads;
  http_options options;
  storage::writer store;
  hub rooms;
  storage::reader reads;
  std::shared_ptr<listener> acceptor;
  http_options metrics_options;
  std::shared_ptr<listener> metrics_acceptor;  // --metrics-bind
  std::unique_ptr<storage::backup_schedule> backups;
  std::string bind_address;
  std::string db_path;
  std::chrono::milliseconds summary_interval{};
  std::optional<net::steady_timer> summary;
  std::optional<net::signal_set> signals;
  std::optional<net::steady_timer> grace;

  // Lets commands already in flight reach the disk and their acks go out,
  // then closes every socket with 1001 and stops.
  void drain_then_close(std::chrono::steady_clock::time_point give_up) {
    if (!store.idle() && std::chrono::steady_clock::now() < give_up) {
      grace->expires_after(std::chrono::milliseconds(10));
      grace->async_wait([this, give_up](beast::error_code) { drain_then_close(give_up); });
      return;
    }
    rooms.close_all();
    grace->expires_after(std::chrono::milliseconds(200));
    grace->async_wait([this](beast::error_code) { ioc.stop(); });
  }
};

app::app(const config& cfg) : impl_(std::make_unique<impl>(cfg)) {}

app::~app() = default;

std::uint16_t app::port() const { return impl_->acceptor->port(); }

std::size_t app::loaded_sessions() const { return impl_->rooms.loaded(); }

void app::run(bool handle_signals) {
  auto& d = *impl_;
  if (handle_signals) {
    d.signals.emplace(d.ioc, SIGINT, SIGTERM);
    d.signals->async_wait([this](beast::error_code ec, int) {
      if (!ec) stop();
    });
  }
  d.acceptor->run();
  log_fields started = {{"version", DEBRIEF_VERSION},
                        {"bind", d.bind_address},
                        {"port", port()},
                        {"db", d.db_path},
                        {"threads", d.threads}};
  if (d.metrics_acceptor) {
    d.metrics_acceptor->run();
    started["metrics_port"] = d.metrics_acceptor->port();
  }
  log_event(log_level::info, "start", "listening on http://" + d.bind_address + ":" + std::to_string(port()), started);
  d.summary.emplace(d.ioc);
  d.summarize_every();
  std::vector<std::thread> extra;
  for (int i = 1; i < d.threads; ++i) extra.emplace_back([&d] { d.ioc.run(); });
  d.ioc.run();
  for (auto& t : extra) t.join();
  log_refusal_summary();
  log_event(log_level::info, "stop", "stopped", {{"storage_failed", storage_failed()}});
}

bool app::storage_failed() const { return !impl_->store.available(); }

void app::stop() {
  auto& d = *impl_;
  net::post(d.ioc, [&d] {
    d.acceptor->stop();
    if (d.metrics_acceptor) d.metrics_acceptor->stop();
    if (d.summary) d.summary->cancel();
    if (d.signals) d.signals->cancel();
    d.grace.emplace(d.ioc);
    d.drain_then_close(std::chrono::steady_clock::now() + std::chrono::seconds(5));
  });
}

}  // namespace debrief::server
