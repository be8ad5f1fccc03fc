#include "debrief/server/config.hpp"

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
  --help              show this text
)";

bool parse_int(std::string_view s, long lo, long hi, long& out) {
  const auto* end = s.data() + s.size();
  auto [p, ec] = std::from_chars(s.data(), end, out);
  return ec == std::errc() && p == end && out >= lo && out <= hi;
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
    } else {
      return bad_arguments{"unknown option: " + std::string(flag) + " (see --help)"};
    }
  }
  return cfg;
}

}  // namespace debrief::server
