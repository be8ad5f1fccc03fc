#include "json_scan.hpp"

#include <charconv>

namespace debrief::bench {

namespace {

class cursor {
 public:
  explicit cursor(std::string_view s) : s_(s) {}

  bool done() const { return i_ >= s_.size(); }
  char peek() const { return done() ? '\0' : s_[i_]; }
  void skip_space() {
    while (!done() && (s_[i_] == ' ' || s_[i_] == '\n' || s_[i_] == '\r' || s_[i_] == '\t')) ++i_;
  }
  bool eat(char c) {
    skip_space();
    if (peek() != c) return false;
    ++i_;
    return true;
  }
  // At an opening quote: returns the raw content between the quotes.
  std::optional<std::string_view> string() {
    if (!eat('"')) return std::nullopt;
    const auto start = i_;
    while (!done()) {
      const char c = s_[i_];
      if (c == '\\') {
        i_ += 2;
        continue;
      }
      if (c == '"') {
        auto out = s_.substr(start, i_ - start);
        ++i_;
        return out;
      }
      ++i_;
    }
    return std::nullopt;
  }
  // Skips any value; returns its raw text (strings without their quotes).
  std::optional<std::string_view> value() {
    skip_space();
    if (peek() == '"') return string();
    const auto start = i_;
    int depth = 0;
    while (!done()) {
      const char c = s_[i_];
      if (c == '"') {
        if (!string()) return std::nullopt;
        continue;
      }
      if (c == '{' || c == '[') {
        ++depth;
      } else if (c == '}' || c == ']') {
        if (depth == 0) break;
        --depth;
      } else if (c == ',' && depth == 0) {
        break;
      }
      ++i_;
    }
    if (depth != 0) return std::nullopt;
    auto raw = s_.substr(start, i_ - start);
    while (!raw.empty() && (raw.back() == ' ' || raw.back() == '\n' || raw.back() == '\r' || raw.back() == '\t')) {
      raw.remove_suffix(1);
    }
    return raw;
  }

 private:
  std::string_view s_;
  std::size_t i_ = 0;
};

}  // namespace

std::optional<message_fields> scan_message(std::string_view text) {
  cursor c(text);
  if (!c.eat('{')) return std::nullopt;
  message_fields out;
  if (c.eat('}')) return out;
  for (;;) {
    auto key = c.string();
    if (!key || !c.eat(':')) return std::nullopt;
    auto value = c.value();
    if (!value) return std::nullopt;
    if (*key == "type") {
      out.type = *value;
    } else if (*key == "id") {
      out.id = *value;
    } else if (*key == "code") {
      out.code = *value;
    } else if (*key == "seq") {
      std::int64_t n = 0;
      auto [p, ec] = std::from_chars(value->data(), value->data() + value->size(), n);
      if (ec == std::errc() && p == value->data() + value->size()) out.seq = n;
    }
    if (c.eat(',')) continue;
    if (c.eat('}')) return out;
    return std::nullopt;
  }
}

}  // namespace debrief::bench
