#pragma once
// What `GET /api/sessions/{code}/export?…` (or an inquiry's) asks for, read
// strictly from the query: `format` (md, json, html or ics; md when absent) and `tz`, an IANA time
// zone name such as Europe/Paris (UTC when absent). Anything else in the
// query, a repeated parameter or an unknown zone is refused with a reason.

#include <boost/url/params_view.hpp>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "debrief/protocol/rejection.hpp"
#include "debrief/protocol/time_zone.hpp"

namespace debrief::server {

struct export_request {
  std::string format = "md";
  protocol::time_zone zone = protocol::utc_zone();
};

// `query`: the target's parameters, already percent-decoded ('+' read as a
// space); `zoneinfo` the folder of compiled zone files (/usr/share/zoneinfo on
// Debian); `formats` those the route offers (an event's: md, json, html, summary).
std::variant<export_request, protocol::rejection> read_export_request(boost::urls::params_view query,
                                                                      const std::string& zoneinfo,
                                                                      const std::vector<std::string>& formats = {
                                                                          "md", "json", "html", "ics"});

// The zone of that name from `zoneinfo`, if the name is a zone the system's
// tz database lists (tzdata.zi) and its file reads as one.
std::variant<protocol::time_zone, protocol::rejection> load_time_zone(std::string_view name,
                                                                      const std::string& zoneinfo);

}  // namespace debrief::server
