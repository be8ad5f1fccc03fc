#pragma once
// Compiled time zone files (TZif version 2, RFC 8536) built in memory, so
// the time zone tests need no tz database on the machine.

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace debrief::protocol::testing {

struct tzif_type {
  std::int32_t offset;
  bool dst;
  std::string abbreviation;
};

inline void put_be(std::string& out, std::uint64_t value, int bytes) {
  for (int i = bytes - 1; i >= 0; --i) out += static_cast<char>((value >> (8 * i)) & 0xff);
}

inline std::string tzif_header(std::uint32_t times, std::uint32_t types, std::uint32_t chars) {
  std::string h = "TZif2";
  h += std::string(15, '\0');
  for (std::uint32_t count : {0u, 0u, 0u, times, types, chars}) put_be(h, count, 4);
  return h;
}

// A zone with the given transitions (seconds since the epoch, type index).
inline std::string tzif_bytes(const std::vector<tzif_type>& types,
                              const std::vector<std::pair<std::int64_t, std::uint8_t>>& transitions) {
  std::string chars;
  std::vector<std::size_t> index;
  for (const auto& t : types) {
    index.push_back(chars.size());
    chars += t.abbreviation + '\0';
  }
  auto block = [&](int time_size) {
    std::string b = tzif_header(static_cast<std::uint32_t>(transitions.size()),
                                static_cast<std::uint32_t>(types.size()), static_cast<std::uint32_t>(chars.size()));
    for (const auto& [at, _] : transitions) put_be(b, static_cast<std::uint64_t>(at), time_size);
    for (const auto& [_, type] : transitions) b += static_cast<char>(type);
    for (std::size_t i = 0; i < types.size(); ++i) {
      put_be(b, static_cast<std::uint32_t>(types[i].offset), 4);
      b += static_cast<char>(types[i].dst ? 1 : 0);
      b += static_cast<char>(index[i]);
    }
    return b + chars;
  };
  return block(4) + block(8) + "\n\n";
}

// Paris around the examples: CET, then summer time from 30 Mar 2025 01:00 UTC
// to 26 Oct 2025 01:00 UTC, then CET again.
inline std::string paris_bytes() {
  return tzif_bytes({{3600, false, "CET"}, {7200, true, "CEST"}},
                    {{1743296400, 1}, {1761440400, 0}, {1774746000, 1}, {1792890000, 0}});
}

}  // namespace debrief::protocol::testing
