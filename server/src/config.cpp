#include "debrief/server/config.hpp"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <boost/asio/ip/address.hpp>
#include <cctype>
#include <charconv>
#include <cstdlib>
#include <string_view>
#include <vector>

#include "secrets.hpp"

namespace debrief::server {

namespace {

constexpr const char* description = "Serves the Debrief web client and its live sessions on one port.";

constexpr const char* limits_group = "Limits (a client is its address, or as --trusted-proxy says)";

constexpr const char* data_group = "Keeping data (backups, retention)";

constexpr const char* footer =
    R"(Every option can also be set in the environment variable named after it, as
shown (a list as comma-separated values), or in the --config file; an option
given on the command line wins over both, and the file over the variable.
Other timeouts are fixed: hello within 10 seconds of connecting; a silent
connection is pinged after 15 seconds and closed after 30.

debrief-server admin list|export|delete|backup|verify works on the database
while a server runs on it; see debrief-server admin --help.)";

bool parse_int(std::string_view s, long lo, long hi, long& out) {
  const auto* end = s.data() + s.size();
  auto [p, ec] = std::from_chars(s.data(), end, out);
  return ec == std::errc() && p == end && out >= lo && out <= hi;
}

// A whole number from lo to hi; CLI11 puts the flag's name before the message.
CLI::Validator whole_number(long lo, long hi) {
  return {[lo, hi](std::string& value) -> std::string {
            long n = 0;
            if (parse_int(value, lo, hi, n)) return {};
            return "needs a number from " + std::to_string(lo) + " to " + std::to_string(hi) + ", not " + value;
          },
          ""};
}

const CLI::Validator ip_address{[](std::string& value) -> std::string {
                                  boost::system::error_code ec;
                                  boost::asio::ip::make_address(value, ec);
                                  return ec ? "needs an IP address, not " + value : std::string();
                                },
                                ""};

// One character of the alphabet session codes are made of.
const CLI::Validator code_character{
    [](std::string& value) -> std::string {
      if (value.size() == 1 && secrets::code_alphabet.find(value[0]) != std::string_view::npos) return {};
      return "needs one character of 0-9 or A-Z other than I, L, O and U (upper case), not \"" + value + "\"";
    },
    ""};

// ADDRESS:PORT, with an IPv6 address in brackets; empty is allowed (off).
const CLI::Validator address_and_port{
    [](std::string& value) -> std::string {
      if (value.empty()) return {};
      const auto colon = value.rfind(':');
      long port = 0;
      if (colon == std::string::npos || !parse_int(std::string_view(value).substr(colon + 1), 0, 65535, port)) {
        return "needs ADDRESS:PORT (for example 127.0.0.1:9090), not " + value;
      }
      auto address = value.substr(0, colon);
      if (address.size() >= 2 && address.front() == '[' && address.back() == ']') {
        address = address.substr(1, address.size() - 2);
      }
      boost::system::error_code ec;
      boost::asio::ip::make_address(address, ec);
      return ec ? "needs an IP address before the port, not " + value : std::string();
    },
    ""};

// A bearer token worth the name: guessing it must be hopeless.
constexpr std::size_t min_token_chars = 16;
const CLI::Validator long_token{[](std::string& value) -> std::string {
                                  if (value.empty() || value.size() >= min_token_chars) return {};
                                  return "needs at least " + std::to_string(min_token_chars) +
                                         " characters (a long random string)";
                                },
                                ""};

// --flag-name, readable from DEBRIEF_FLAG_NAME too.
std::string env_name(std::string_view flag) {
  std::string name = "DEBRIEF_";
  for (const char c : flag.substr(2)) name += c == '-' ? '_' : static_cast<char>(std::toupper(c));
  return name;
}

template <class T>
CLI::Option* add(CLI::App& app, const std::string& flag, T& value, const std::string& text) {
  return app.add_option(flag, value, text)->envname(env_name(flag))->capture_default_str();
}

}  // namespace

std::variant<config, show_help, bad_arguments> parse_arguments(int argc, const char* const argv[]) {
  config cfg;
  long port = cfg.port;
  long threads = cfg.threads;
  long join_timeout_minutes = std::chrono::duration_cast<std::chrono::minutes>(cfg.join_timeout).count();
  long unload_after_seconds = std::chrono::duration_cast<std::chrono::seconds>(cfg.unload_after).count();
  long backup_every_minutes = 0;

  CLI::App app{description, "debrief-server"};
  app.footer(footer);
  app.get_formatter()->column_width(38);
  // CLI11 reads the file before the environment, so a file's value beats its
  // variable; a name the file does not know is an error, not a silent typo.
  app.set_config("--config", "",
                 "read options from this file: one `name = value` a line\n(TOML; names as the flags without --, a "
                 "list as\n[\"a\", \"b\"]); the command line wins over the file,\nthe file over the environment")
      ->type_name("FILE")
      ->envname("DEBRIEF_CONFIG");  // shown by --help; read below
  app.allow_config_extras(CLI::config_extras_mode::error);
  add(app, "--port", port, "TCP port to listen on (0 picks a free one)")->type_name("N")->check(whole_number(0, 65535));
  add(app, "--bind", cfg.bind, "address to listen on")->type_name("ADDRESS");
  add(app, "--db", cfg.db, "SQLite database file (its folder is created)")->type_name("PATH");
  add(app, "--static-dir", cfg.static_dir, "folder of the built web client")->type_name("DIR");
  add(app, "--threads", threads, "network threads (storage always has its own)")
      ->type_name("N")
      ->check(whole_number(1, 64));
  add(app, "--allow-origin", cfg.allowed_origins,
      "also accept WebSocket connections from pages at this origin\n(repeatable; by default only the server's own "
      "origin)")
      ->type_name("URL")
      ->default_str("")
      ->allow_extra_args(false)
      ->delimiter(',');
  add(app, "--trusted-proxy", cfg.trusted_proxies,
      "a reverse proxy in front of this server (repeatable): for\nrequests from it, the client is the right-most "
      "address\nin X-Forwarded-For; from anyone else the header is ignored")
      ->type_name("ADDRESS")
      ->default_str("")
      ->allow_extra_args(false)
      ->delimiter(',')
      ->check(ip_address);
  add(app, "--code-prefix", cfg.code_prefix,
      "one character that starts every session code this instance\ncreates (0-9, A-Z but I, L, O, U), for a proxy to "
      "route\neach room to its instance; codes are then 13 characters")
      ->type_name("C")
      ->default_str("")
      ->check(code_character);

  add(app, "--log-format", cfg.log_format, "log lines as json or logfmt, one event a line on stderr")
      ->type_name("FORMAT")
      ->check(CLI::IsMember({"json", "logfmt"}));
  add(app, "--metrics-bind", cfg.metrics_bind,
      "also serve Prometheus metrics at /metrics on this ADDRESS:PORT\n(for example 127.0.0.1:9090; off when empty)")
      ->type_name("ADDRESS:PORT")
      ->default_str("")
      ->check(address_and_port);
  add(app, "--metrics-token", cfg.metrics_token,
      "serve /metrics on the main port to requests that send this\ntoken as a Bearer token (off when empty)")
      ->type_name("TOKEN")
      ->default_str("")
      ->check(long_token);

  const auto count = [&](const std::string& flag, long& value, const std::string& text) {
    add(app, flag, value, text)->type_name("N")->check(whole_number(1, 1'000'000'000))->group(limits_group);
  };
  count("--create-burst", cfg.create_burst, "sessions a client may create at once");
  count("--create-per-minute", cfg.create_per_minute,
        "and then each minute. All clients together: 500 at once,\nthen 5 a second, or the figures above if higher");
  count("--unjoined-burst", cfg.unjoined_burst,
        "messages a client's connections may send at once before\nthey join a session");
  count("--unjoined-per-second", cfg.unjoined_per_second,
        "and then each second. Once joined, each participant may\nsend 40 at once, then 20 a second, over all their "
        "connections");
  count("--websockets-per-address", cfg.websockets_per_address,
        "WebSockets one client may hold open (people behind one\nschool NAT share an address)");
  count(
      "--max-connections", cfg.max_connections,
      "connections of every kind held at once (the default, 0, means\nthe open-file limit, raised to its hard limit at "
      "start, less\n128 kept for the database and logs)");
  add(app, "--join-timeout-minutes", join_timeout_minutes,
      "close a connection that watches a session's lobby this long\nwithout joining (the page reconnects when its "
      "person acts)")
      ->type_name("N")
      ->check(whole_number(1, 1440))
      ->group(limits_group);
  add(app, "--lobby-expiry-hours", cfg.lobby_expiry_hours,
      "delete a session nobody started this many hours after it was\ncreated (checked at start, then every 10 "
      "minutes)")
      ->type_name("N")
      ->check(whole_number(1, 100'000))
      ->group(limits_group);
  add(app, "--unload-after-seconds", unload_after_seconds,
      "keep a session in memory this long after its last connection\nleft and its last change was stored. Sessions "
      "are read from\ndisk when someone connects, exports or deletes, or when their\ntimer is about to run out")
      ->type_name("N")
      ->check(whole_number(1, 86'400))
      ->group(limits_group);

  add(app, "--retention-days", cfg.retention_days,
      "delete an ended session, and everything in it, this many days\nafter it ended (0 keeps them for ever; "
      "checked with the lobby\nexpiry)")
      ->type_name("N")
      ->check(whole_number(0, 100'000))
      ->group(data_group);
  add(app, "--backup-dir", cfg.backup_dir, "folder for backups (named debrief-<UTC time>.db)")
      ->type_name("DIR")
      ->default_str("")
      ->group(data_group);
  add(app, "--backup-every", backup_every_minutes,
      "back the database up into --backup-dir every this many minutes,\nwhile serving (0: no scheduled backups)")
      ->type_name("MINUTES")
      ->check(whole_number(0, 525'600))
      ->group(data_group);
  add(app, "--backup-keep", cfg.backup_keep, "keep this many of the newest backups; older ones are deleted")
      ->type_name("N")
      ->check(whole_number(1, 100'000))
      ->group(data_group);

  try {
    // CLI11 reads the config file before any variable, its own included, so
    // DEBRIEF_CONFIG becomes a --config argument unless one is given.
    std::vector<const char*> args(argv, argv + argc);
    const char* config_from_env = std::getenv("DEBRIEF_CONFIG");
    const bool config_given = std::any_of(args.begin(), args.end(), [](const char* a) {
      return std::string_view(a) == "--config" || std::string_view(a).starts_with("--config=");
    });
    if (config_from_env != nullptr && *config_from_env != '\0' && !config_given) {
      args.push_back("--config");
      args.push_back(config_from_env);
    }
    app.parse(static_cast<int>(args.size()), args.data());
  } catch (const CLI::ConfigError& e) {
    // CLI11 says "INI was not able to parse NAME" of a name it has no option for.
    return bad_arguments{"--config: " + std::string(e.what()) + " (not an option of the server; see --help)"};
  } catch (const CLI::CallForHelp&) {
    return show_help{app.help()};
  } catch (const CLI::ParseError& e) {
    return bad_arguments{std::string(e.what()) + " (see --help)"};
  }
  cfg.port = static_cast<std::uint16_t>(port);
  cfg.threads = static_cast<int>(threads);
  cfg.join_timeout = std::chrono::minutes(join_timeout_minutes);
  cfg.unload_after = std::chrono::seconds(unload_after_seconds);
  cfg.backup_interval = std::chrono::minutes(backup_every_minutes);
  if (backup_every_minutes > 0 && cfg.backup_dir.empty()) {
    return bad_arguments{"--backup-every needs --backup-dir: the folder the backups go to (see --help)"};
  }
  for (auto& proxy : cfg.trusted_proxies) proxy = boost::asio::ip::make_address(proxy).to_string();
  return cfg;
}

}  // namespace debrief::server
