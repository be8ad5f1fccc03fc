#pragma once
// The figures /metrics serves in Prometheus' text format (prometheus-cpp's
// registry and serializer; the HTTP side is ours). One set per process, as
// Prometheus' own client libraries keep a default registry: counters add up
// over the process's life. What one server knows only at a scrape (sessions
// in memory, whether storage takes writes) is passed to render().
//
// Updating a figure never waits on I/O: counters and gauges are atomics, and a
// histogram takes a short in-memory lock of its own.

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "log.hpp"

namespace debrief::storage {
class writer_observer;
}  // namespace debrief::storage

namespace prometheus {
class Counter;
class Gauge;
}  // namespace prometheus

namespace debrief::server {

// Why a limit refused something (the rate-limit and refusal counters' labels).
enum class limit_hit {
  participant_messages,    // a joined participant sent faster than allowed
  unjoined_messages,       // connections that had not joined, from one address
  session_creations,       // sessions created by one address, or by all
  websockets_per_address,  // one address held too many WebSockets
  connections_full,        // the server held --max-connections sockets
};
// Why a client was cut off.
enum class cut_off { send_queue_full, message_too_big };

struct scrape_view {
  std::size_t live_sessions = 0;
  bool storage_degraded = false;
};

class metrics {
 public:
  static metrics& get();

  void command(std::string_view type, std::string_view result);
  void refused(limit_hit why);
  void cut(cut_off why);
  // From the commit that made a frame (its storage callback) to the frame in
  // one socket's send queue.
  void delivered(std::chrono::steady_clock::duration since_commit);
  prometheus::Gauge& open_connections(bool websocket);
  // A host console subscribed (true) or went (false).
  void host_subscribed(bool subscribed);
  // Room summaries handed to host connections (a frame of 3 rooms to 2 hosts is 6).
  void summaries_sent(std::size_t count);

  // Reports the writer's commits and checkpoints, and the size of the
  // database's write-ahead log, measured on storage's thread.
  std::unique_ptr<storage::writer_observer> storage_observer(const std::filesystem::path& db);

  // The whole exposition, with process CPU and memory read from /proc/self.
  std::string render(const scrape_view& now);

  // Refusals and cut-offs since the last call, by kind, leaving out kinds with
  // none: what the periodic log line reports (counts, never content).
  log_fields refusals_since_last();
  log_fields cut_offs_since_last();

  metrics(const metrics&) = delete;
  metrics& operator=(const metrics&) = delete;
  struct impl;  // the registry and its families (metrics.cpp)

 private:
  metrics();
  ~metrics();
  std::unique_ptr<impl> impl_;
};

// An open connection, counted while this lives.
class counted_connection {
 public:
  explicit counted_connection(bool websocket);
  ~counted_connection();
  counted_connection(const counted_connection&) = delete;
  counted_connection& operator=(const counted_connection&) = delete;

 private:
  prometheus::Gauge& gauge_;
};

}  // namespace debrief::server
