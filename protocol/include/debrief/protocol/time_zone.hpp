#pragma once
// A named time zone as data, so the record can state times as the
// facilitator reads them on the wall clock. Read from the system's compiled
// IANA zone files (TZif, RFC 8536) by the shell; the renderers only look
// offsets up. g++ 12 has no std::chrono::locate_zone, hence our own reader.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "debrief/protocol/activities.hpp"

namespace debrief::protocol {

struct local_time_type {
  std::int32_t utc_offset_seconds = 0;
  std::string abbreviation;  // "CET", "EDT", "+03"
};

struct time_zone {
  std::string name = "UTC";
  std::vector<std::int64_t> transitions;  // seconds since the epoch, ascending
  std::vector<std::uint8_t> type_after;   // index into types, one per transition
  std::vector<local_time_type> types{{0, "UTC"}};
  std::size_t type_before_first = 0;  // the type in force before the first transition

  const local_time_type& at(millis when) const;
};

time_zone utc_zone();

// The zone in a TZif file's bytes (version 2 or later), or nullopt if they
// are not one.
std::optional<time_zone> parse_tzif(std::string name, std::string_view bytes);

// True for a name shaped like an IANA zone name: 1 to 64 characters,
// slash-separated parts each starting with a letter and holding only
// letters, digits, '_', '-' and '+' (so never "." or ".." or an absolute path).
bool plausible_zone_name(std::string_view name);

// A day written YYYY-MM-DD (a check-in, a session's date), or nullopt unless
// it is exactly that form and a real day of the Gregorian calendar.
std::optional<std::chrono::sys_days> parse_day(std::string_view iso);

// "22 Nov 2025, 23:20 CET": one format for every time in the record.
std::string format_local_time(const time_zone& zone, millis when);

}  // namespace debrief::protocol
