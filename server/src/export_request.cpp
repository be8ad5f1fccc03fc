#include "export_request.hpp"

#include <algorithm>
#include <fstream>
#include <iterator>
#include <map>
#include <mutex>
#include <set>
#include <sstream>

namespace debrief::server {

namespace {

using protocol::error_code;
using protocol::rejection;

// Zone and link names in the tz database's own list, read once.
const std::set<std::string>& listed_zones(const std::string& zoneinfo) {
  static std::mutex guard;
  static std::map<std::string, std::set<std::string>> by_folder;
  std::lock_guard lock(guard);
  auto [it, added] = by_folder.try_emplace(zoneinfo);
  if (!added) return it->second;
  std::ifstream in(zoneinfo + "/tzdata.zi");
  std::string line;
  while (std::getline(in, line)) {
    std::istringstream words(line);
    std::string kind, first, second;
    words >> kind >> first >> second;
    if (kind == "Z") it->second.insert(first);
    if (kind == "L") it->second.insert(second);  // L <target> <link name>
  }
  return it->second;
}

rejection unknown_zone(std::string_view name) {
  return {error_code::invalid, "tz: \"" + std::string(name.substr(0, 64)) +
                                   "\" is not a time zone this server knows; send an IANA name such as "
                                   "Europe/Paris or America/New_York, or leave tz out for UTC."};
}

}  // namespace

std::variant<protocol::time_zone, rejection> load_time_zone(std::string_view name, const std::string& zoneinfo) {
  if (name == "UTC") return protocol::utc_zone();
  if (!protocol::plausible_zone_name(name)) return unknown_zone(name);
  const auto& listed = listed_zones(zoneinfo);
  if (!listed.contains(std::string(name))) return unknown_zone(name);
  std::ifstream file(zoneinfo + "/" + std::string(name), std::ios::binary);
  const std::string bytes{std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>()};
  auto zone = protocol::parse_tzif(std::string(name), bytes);
  if (!zone) return unknown_zone(name);
  return std::move(*zone);
}

std::variant<export_request, rejection> read_export_request(boost::urls::params_view query, const std::string& zoneinfo,
                                                            const std::vector<std::string>& formats) {
  export_request out;
  bool seen_format = false;
  bool seen_tz = false;
  for (const auto param : query) {
    if (param.key.empty() && !param.has_value) continue;  // "a&&b", or a bare '?'
    const std::string& key = param.key;
    const std::string& value = param.value;
    if (key == "format") {
      if (seen_format) return rejection{error_code::invalid, "format is given twice."};
      seen_format = true;
      if (std::find(formats.begin(), formats.end(), value) == formats.end()) {
        std::string listed;
        for (std::size_t i = 0; i < formats.size(); ++i) {
          listed += (i == 0 ? "" : i + 1 == formats.size() ? " or " : ", ") + formats[i];
        }
        return rejection{error_code::invalid, "format: the format is " + listed + "."};
      }
      out.format = value;
    } else if (key == "tz") {
      if (seen_tz) return rejection{error_code::invalid, "tz is given twice."};
      seen_tz = true;
      auto zone = load_time_zone(value, zoneinfo);
      if (auto* why = std::get_if<rejection>(&zone)) return *why;
      out.zone = std::get<protocol::time_zone>(std::move(zone));
    } else {
      return rejection{error_code::invalid,
                       "\"" + key.substr(0, 32) + "\" is not an export parameter; use format and tz."};
    }
  }
  return out;
}

}  // namespace debrief::server
