#include "debrief/protocol/time_zone.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <chrono>
#include <cstdio>

namespace debrief::protocol {

namespace {

// Big-endian readers over the file's bytes; every read is bounds-checked by
// the caller through `fits`.
struct reader {
  std::string_view bytes;
  std::size_t at = 0;

  bool fits(std::size_t n) const { return at + n <= bytes.size(); }
  std::uint64_t unsigned_be(std::size_t n) {
    std::uint64_t v = 0;
    for (std::size_t i = 0; i < n; ++i) v = (v << 8) | static_cast<unsigned char>(bytes[at + i]);
    at += n;
    return v;
  }
  std::int64_t signed64() { return static_cast<std::int64_t>(unsigned_be(8)); }
  std::int32_t signed32() { return static_cast<std::int32_t>(static_cast<std::uint32_t>(unsigned_be(4))); }
};

struct tzif_counts {
  std::uint64_t isut, isstd, leap, time, type, chars;
};

std::optional<tzif_counts> read_header(reader& r) {
  if (!r.fits(44) || r.bytes.substr(r.at, 4) != "TZif") return std::nullopt;
  r.at += 20;  // magic, version, reserved
  tzif_counts c{r.unsigned_be(4), r.unsigned_be(4), r.unsigned_be(4),
                r.unsigned_be(4), r.unsigned_be(4), r.unsigned_be(4)};
  if (c.type == 0 || c.type > 256 || c.time > 100'000 || c.chars > 10'000 || c.leap > 10'000) return std::nullopt;
  return c;
}

std::size_t data_size(const tzif_counts& c, std::size_t time_size) {
  return c.time * time_size + c.time + c.type * 6 + c.chars + c.leap * (time_size + 4) + c.isstd + c.isut;
}

}  // namespace

const local_time_type& time_zone::at(millis when) const {
  // Floor division, so a millisecond before the epoch is in the second before it.
  const std::int64_t seconds = when >= 0 ? when / 1000 : -((-when + 999) / 1000);
  const auto after = std::upper_bound(transitions.begin(), transitions.end(), seconds);
  if (after == transitions.begin()) return types.at(type_before_first);
  return types.at(type_after.at(static_cast<std::size_t>(after - transitions.begin() - 1)));
}

time_zone utc_zone() { return {}; }

std::optional<time_zone> parse_tzif(std::string name, std::string_view bytes) {
  reader r{bytes};
  const auto v1 = read_header(r);
  if (!v1 || bytes.size() < 5 || bytes[4] < '2') return std::nullopt;
  // Version 2 and later repeat the data with 64-bit times after the 32-bit block.
  if (!r.fits(data_size(*v1, 4))) return std::nullopt;
  r.at += data_size(*v1, 4);
  const auto c = read_header(r);
  if (!c || !r.fits(data_size(*c, 8))) return std::nullopt;

  time_zone zone;
  zone.name = std::move(name);
  zone.types.clear();
  for (std::uint64_t i = 0; i < c->time; ++i) zone.transitions.push_back(r.signed64());
  for (std::uint64_t i = 0; i < c->time; ++i) {
    const auto type = static_cast<std::uint8_t>(r.unsigned_be(1));
    if (type >= c->type) return std::nullopt;
    zone.type_after.push_back(type);
  }
  std::vector<std::pair<std::int32_t, std::uint8_t>> raw_types;
  for (std::uint64_t i = 0; i < c->type; ++i) {
    const auto offset = r.signed32();
    r.at += 1;  // is-DST flag: the offset already says all we need
    raw_types.emplace_back(offset, static_cast<std::uint8_t>(r.unsigned_be(1)));
  }
  const auto chars = bytes.substr(r.at, c->chars);
  for (const auto& [offset, index] : raw_types) {
    if (index >= chars.size()) return std::nullopt;
    const auto end = chars.find('\0', index);
    zone.types.push_back({offset, std::string(chars.substr(index, end - index))});
  }
  if (!std::is_sorted(zone.transitions.begin(), zone.transitions.end())) return std::nullopt;
  // RFC 8536: local time before the first transition is type 0.
  zone.type_before_first = 0;
  return zone;
}

bool plausible_zone_name(std::string_view name) {
  if (name.empty() || name.size() > 64) return false;
  bool part_start = true;
  for (const char c : name) {
    const auto u = static_cast<unsigned char>(c);
    if (c == '/') {
      if (part_start) return false;  // empty part, or a leading slash
      part_start = true;
      continue;
    }
    if (part_start && !std::isalpha(u)) return false;
    if (!std::isalnum(u) && c != '_' && c != '-' && c != '+') return false;
    part_start = false;
  }
  return !part_start;
}

std::string format_local_time(const time_zone& zone, millis when) {
  using namespace std::chrono;
  const auto& type = zone.at(when);
  const auto local = sys_seconds{floor<seconds>(milliseconds{when})} + seconds{type.utc_offset_seconds};
  const auto day = floor<days>(local);
  const year_month_day date{day};
  const hh_mm_ss clock{local - day};
  static constexpr std::array<const char*, 12> months{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                      "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  char buf[64];
  std::snprintf(buf, sizeof buf, "%u %s %d, %02d:%02d ", static_cast<unsigned>(date.day()),
                months.at(static_cast<unsigned>(date.month()) - 1), static_cast<int>(date.year()),
                static_cast<int>(clock.hours().count()), static_cast<int>(clock.minutes().count()));
  return buf + type.abbreviation;
}

std::optional<std::chrono::sys_days> parse_day(std::string_view iso) {
  if (iso.size() != 10 || iso[4] != '-' || iso[7] != '-') return std::nullopt;
  const auto number = [&](std::size_t from, std::size_t count) {
    int n = 0;
    for (std::size_t i = from; i < from + count; ++i) {
      if (iso[i] < '0' || iso[i] > '9') return -1;
      n = n * 10 + (iso[i] - '0');
    }
    return n;
  };
  const int y = number(0, 4);
  const int m = number(5, 2);
  const int d = number(8, 2);
  if (y < 0 || m < 0 || d < 0) return std::nullopt;
  const std::chrono::year_month_day day{std::chrono::year{y}, std::chrono::month{static_cast<unsigned>(m)},
                                        std::chrono::day{static_cast<unsigned>(d)}};
  if (!day.ok()) return std::nullopt;
  return std::chrono::sys_days{day};
}

}  // namespace debrief::protocol
