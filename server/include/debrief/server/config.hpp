#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <variant>
#include <vector>

namespace debrief::server {

struct config {
  std::string bind = "0.0.0.0";
  std::uint16_t port = 8080;
  std::string db = "data/debrief.db";
  std::string static_dir = "client-web/dist";
  int threads = 1;  // network threads; storage has a thread of its own
  // Extra origins allowed to open a WebSocket besides the page's own.
  std::vector<std::string> allowed_origins;
  // Reverse proxies (IP addresses) whose X-Forwarded-For names the client.
  std::vector<std::string> trusted_proxies;
  // Sessions one client address may create: a burst, then so many a minute.
  long create_burst = 30;
  long create_per_minute = 1;
  // Messages from connections that have not joined, per client address.
  long unjoined_burst = 200;
  long unjoined_per_second = 50;
  // WebSockets one client address may hold open (a school's staff may share
  // one NAT address, so this is generous).
  long websockets_per_address = 1000;
  // Sockets of every kind held at once; 0 means as many as the descriptor
  // limit allows, less a reserve (see raise_descriptor_limit).
  long max_connections = 0;
  // A WebSocket that has not sent hello by then is closed (1008).
  std::chrono::milliseconds hello_timeout = std::chrono::seconds(10);
  // A WebSocket that said hello but has not joined by then is closed (4000).
  std::chrono::milliseconds join_timeout = std::chrono::minutes(15);
  // A WebSocket that sends nothing is pinged after half of this and closed
  // when the whole has passed without a sign of life.
  std::chrono::milliseconds idle_timeout = std::chrono::seconds(30);
  // A session never started is deleted this long after it was created.
  long lobby_expiry_hours = 24;
  // How often to look for such sessions, besides at start. Tests shorten it.
  std::chrono::milliseconds lobby_sweep_interval = std::chrono::minutes(10);
  // An ended session, and everything in it, is deleted this many days after
  // it ended (by the lobby sweep above); 0 keeps ended sessions for ever.
  long retention_days = 180;
  // Backups: into this folder (none if empty), this often (0: never), the
  // newest `backup_keep` kept. Tests shorten the interval below a minute.
  std::string backup_dir;
  std::chrono::milliseconds backup_interval{0};
  long backup_keep = 7;
  // Sessions are loaded from disk when wanted; one nobody is connected to,
  // with nothing left to store and no timer running out within this time,
  // leaves memory after this long idle.
  std::chrono::milliseconds unload_after = std::chrono::seconds(60);
  // Empty, or one character of the code alphabet that starts every session
  // code this instance creates, so a proxy can route rooms to their instance.
  std::string code_prefix;
  // After a failed write, storage is probed again after 250 ms, then after
  // twice as long each time, up to this.
  std::chrono::milliseconds storage_retry_max = std::chrono::seconds(5);
  // The SQLite VFS the database is opened with; empty means SQLite's
  // default. Not a command-line option: tests register one that injects faults.
  std::string storage_vfs;
  // The write-ahead log's length (4 KiB frames) at which a checkpoint starts;
  // 0 means the default (storage::database). Not an option: tests lower it.
  std::int64_t checkpoint_frames = 0;
  // The server's wall clock in ms since the Unix epoch. Tests replace it to
  // run a long debrief in simulated time; empty means the real clock.
  std::function<std::int64_t()> clock;
  // Log lines as JSON ("json") or logfmt ("logfmt").
  std::string log_format = "json";
  // Serve /metrics on this ADDRESS:PORT too (empty: no such listener).
  std::string metrics_bind;
  // Serve /metrics on the main port to requests bearing this token (empty: not there).
  std::string metrics_token;
  // How often refusals and cut-offs are logged, as counts since the last such
  // line (never one line per refusal). Not an option: tests shorten it.
  std::chrono::milliseconds log_summary_interval = std::chrono::minutes(1);
};

struct show_help {
  std::string text;
};
struct bad_arguments {
  std::string message;
};

std::variant<config, show_help, bad_arguments> parse_arguments(int argc, const char* const argv[]);

}  // namespace debrief::server
