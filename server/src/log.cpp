#include "log.hpp"

#include <chrono>
#include <cstdio>
#include <ctime>
#include <mutex>

namespace debrief::server {

namespace {

std::mutex log_mutex;
log_format current_format = log_format::json;
std::function<void(const std::string&)> current_sink;

const char* level_name(log_level level) {
  switch (level) {
    case log_level::warn: return "warn";
    case log_level::error: return "error";
    case log_level::info: break;
  }
  return "info";
}

std::string utc_time(std::int64_t time_ms) {
  const auto seconds = static_cast<std::time_t>(time_ms / 1000);
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  char text[96];  // room for any int gcc can imagine in each field
  std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                tm.tm_hour, tm.tm_min, tm.tm_sec, static_cast<int>(time_ms % 1000));
  return text;
}

// logfmt has no standard; this follows go-logfmt: a value with a space, an
// equals sign, a quote or a control character is quoted, with \" \\ \n \r \t
// and \u00XX escapes, so every event stays on one line.
std::string logfmt_value(const std::string& s) {
  bool quote = s.empty();
  for (const unsigned char c : s) {
    if (c <= ' ' || c == '=' || c == '"' || c == '\\' || c == 0x7f) quote = true;
  }
  if (!quote) return s;
  std::string out = "\"";
  for (const unsigned char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20 || c == 0x7f) {
          char escaped[16];
          std::snprintf(escaped, sizeof escaped, "\\u%04x", c);
          out += escaped;
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  return out + "\"";
}

std::string logfmt_text(const log_fields& value) { return value.is_string() ? value.get<std::string>() : value.dump(); }

}  // namespace

void set_log_format(log_format format) {
  std::lock_guard lock(log_mutex);
  current_format = format;
}

void set_log_sink(std::function<void(const std::string&)> sink) {
  std::lock_guard lock(log_mutex);
  current_sink = std::move(sink);
}

std::string format_log_line(log_format format, std::int64_t time_ms, log_level level, std::string_view event,
                            std::string_view message, const log_fields& fields) {
  log_fields line = {{"time", utc_time(time_ms)}, {"level", level_name(level)}, {"event", event}, {"msg", message}};
  if (fields.is_object()) {
    for (const auto& [key, value] : fields.items()) line[key] = value;
  }
  // Invalid UTF-8 (from an error text) is replaced rather than thrown on.
  if (format == log_format::json) return line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  std::string out;
  for (const auto& [key, value] : line.items()) {
    if (!out.empty()) out += ' ';
    out += key + "=" + logfmt_value(logfmt_text(value));
  }
  return out;
}

void log_event(log_level level, std::string_view event, std::string_view message, const log_fields& fields) {
  const auto now =
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
          .count();
  std::lock_guard lock(log_mutex);
  auto line = format_log_line(current_format, now, level, event, message, fields);
  if (current_sink) return current_sink(line);
  line += '\n';
  // One write per line, under the lock: lines from several threads never interleave.
  std::fwrite(line.data(), 1, line.size(), stderr);
}

std::string session_ref(std::string_view code) {
  std::uint64_t hash = 14695981039346656037ull;
  for (const unsigned char c : code) {
    hash ^= c;
    hash *= 1099511628211ull;
  }
  char text[12];
  std::snprintf(text, sizeof text, "%08x", static_cast<unsigned>((hash >> 32) ^ (hash & 0xffffffffu)));
  return text;
}

std::string inquiry_ref(std::string_view id) { return session_ref(id); }

std::string event_ref(std::string_view id) { return session_ref(id); }

}  // namespace debrief::server
