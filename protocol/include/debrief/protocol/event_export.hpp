#pragma once
// An event's record: every room's record in one document (a section per
// room, in position order), with the same privacy rules as a session's
// export (built from what everyone in the room may see; no session code),
// and a one-page summary of the day: rooms that finished, time used per
// phase across rooms, adaptations recorded per room.

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "debrief/protocol/state.hpp"
#include "debrief/protocol/time_zone.hpp"

namespace debrief::protocol {

struct event_room {
  int position = 0;
  session_state state;  // as committed; its title is the room's label
};

struct event_export_input {
  std::string title;
  millis created_at = 0;
  std::vector<event_room> rooms;  // in position order
};

nlohmann::json event_export_json(const event_export_input& e, millis now, const time_zone& zone = utc_zone());
std::string event_export_markdown(const event_export_input& e, millis now, const time_zone& zone = utc_zone());
std::string event_export_html(const event_export_input& e, millis now, const time_zone& zone = utc_zone());
// The one-page summary, as a printable HTML page.
std::string event_summary_html(const event_export_input& e, millis now, const time_zone& zone = utc_zone());

}  // namespace debrief::protocol
