#include "debrief/server/config.hpp"

#include <boost/asio/ip/address.hpp>
#include <charconv>
#include <string_view>

namespace debrief::server {

namespace {

constexpr const char* help_text =
    R"(Usage: debrief-server [options]

Serves the Debrief web client and its live sessions on one port.

Options:
  --port N            TCP port to listen on (default 8080; 0 picks a free one)
  --bind ADDRESS      address to listen on (default 0.0.0.0)
  --db PATH           SQLite database file (default data/debrief.db; its folder is created)
  --static-dir DIR    folder of the built web client (default client-web/dist)
  --threads N         network threads (default 1; storage always has its own)
  --allow-origin URL  also accept WebSocket connections from pages at this origin
                      (repeatable; by default only the server's own origin)
  --trusted-proxy ADDRESS
                      a reverse proxy in front of this server (repeatable): for
                      requests from it, the client is the right-most address
                      in X-Forwarded-For; from anyone else the header is ignored
  --help              show this text

Limits (a client is its address, or as --trusted-proxy says):
  --create-burst N    sessions a client may create at once (default 30)
  --create-per-minute N
                      and then each minute (default 1). All clients together:
                      500 at once, then 5 a second, or the figures above if higher
  --unjoined-burst N  messages a client's connections may send at once before
                      they join a session (default 200)
  --unjoined-per-second N
                      and then each second (default 50). Once joined, each
                      participant may send 40 at once, then 20 a second, over
                      all their connections
  --websockets-per-address N
                      WebSockets one client may hold open (default 1000; people
                      behind one school NAT share an address)
  --max-connections N connections of every kind held at once (default: the
                      open-file limit, raised to its hard limit at start, less
                      128 kept for the database and logs)
  --join-timeout-minutes N
                      close a connection that watches a session's lobby this
                      long without joining (default 15; the page reconnects
                      when its person acts). Other timeouts are fixed: hello
                      within 10 seconds of connecting; a silent connection is
                      pinged after 15 seconds and closed after 30
  --lobby-expiry-hours N
                      delete a session nobody started this many hours after it
                      was created (default 24; checked at start, then every
                      10 minutes)
  --unload-after-seconds N
                      keep a session in memory this long after its last
                      connection left and its last change was stored (default
                      60). Sessions are read from disk when someone connects,
                      exports or deletes, or when their timer is about to run
                      out; a session whose timer runs out sooner stays loaded
)";

bool parse_int(std::string_view s, long lo, long hi, long& out) {
  const auto* end = s.data() + s.size();
  auto [p, ec] = std::from_chars(s.data(), end, out);
  return ec == std::errc() && p == end && out >= lo && out <= hi;
}

// The limits given as counts (of sessions or messages).
long* limit_flag(config& cfg, std::string_view flag) {
  if (flag == "--create-burst") return &cfg.create_burst;
  if (flag == "--create-per-minute") return &cfg.create_per_minute;
  if (flag == "--unjoined-burst") return &cfg.unjoined_burst;
  if (flag == "--unjoined-per-second") return &cfg.unjoined_per_second;
  if (flag == "--websockets-per-address") return &cfg.websockets_per_address;
  if (flag == "--max-connections") return &cfg.max_connections;
  return nullptr;
}

}  // namespace

std::variant<config, show_help, bad_arguments> parse_arguments(int argc, const char* const argv[]) {
  config cfg;
  for (int i = 1; i < argc; ++i) {
    const std::string_view flag = argv[i];
    if (flag == "--help" || flag == "-h") return show_help{help_text};
    if (i + 1 >= argc) return bad_arguments{"unknown option or missing value: " + std::string(flag)};
    const std::string_view value = argv[++i];
    long n = 0;
    if (flag == "--port") {
      if (!parse_int(value, 0, 65535, n)) return bad_arguments{"--port needs a number from 0 to 65535"};
      cfg.port = static_cast<std::uint16_t>(n);
    } else if (flag == "--threads") {
      if (!parse_int(value, 1, 64, n)) return bad_arguments{"--threads needs a number from 1 to 64"};
      cfg.threads = static_cast<int>(n);
    } else if (flag == "--bind") {
      cfg.bind = value;
    } else if (flag == "--db") {
      cfg.db = value;
    } else if (flag == "--static-dir") {
      cfg.static_dir = value;
    } else if (flag == "--allow-origin") {
      cfg.allowed_origins.emplace_back(value);
    } else if (flag == "--trusted-proxy") {
      boost::system::error_code ec;
      const auto address = boost::asio::ip::make_address(value, ec);
      if (ec) return bad_arguments{"--trusted-proxy needs an IP address, not " + std::string(value)};
      cfg.trusted_proxies.push_back(address.to_string());
    } else if (long* count = limit_flag(cfg, flag)) {
      if (!parse_int(value, 1, 1'000'000'000, *count)) {
        return bad_arguments{std::string(flag) + " needs a number from 1 to 1000000000"};
      }
    } else if (flag == "--join-timeout-minutes") {
      if (!parse_int(value, 1, 1440, n)) return bad_arguments{"--join-timeout-minutes needs a number from 1 to 1440"};
      cfg.join_timeout = std::chrono::minutes(n);
    } else if (flag == "--lobby-expiry-hours") {
      if (!parse_int(value, 1, 100'000, cfg.lobby_expiry_hours)) {
        return bad_arguments{"--lobby-expiry-hours needs a number from 1 to 100000"};
      }
    } else if (flag == "--unload-after-seconds") {
      if (!parse_int(value, 1, 86'400, n))
        return bad_arguments{"--unload-after-seconds needs a number from 1 to 86400"};
      cfg.unload_after = std::chrono::seconds(n);
    } else {
      return bad_arguments{"unknown option: " + std::string(flag) + " (see --help)"};
    }
  }
  return cfg;
}

}  // namespace debrief::server
