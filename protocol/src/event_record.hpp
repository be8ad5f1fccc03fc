#pragma once
// An event's record, one model that the event's JSON, Markdown and HTML
// exports and its one-page summary all render (as record.hpp's session
// record is for a session): each room's session record, built exactly as
// the session export builds it so the same privacy rules hold, with its
// session code taken out (the event's documents travel further than the
// rooms' links), and what the summary counts across rooms.

#include <string>
#include <vector>

#include "debrief/protocol/event_export.hpp"
#include "debrief/protocol/record.hpp"

namespace debrief::protocol {

struct event_record_room {
  int position = 0;
  std::string label;  // the room's title
  session_status status = session_status::invalid;
  // The phase the room is in (or ended in): its id and title, 1-based number
  // and the agenda's length; number 0 while the room has not started.
  std::string phase_id;
  std::string phase_title;
  int phase_number = 0;
  int phases = 0;
  session_record record;  // record.session is empty
};

// Time used in one phase across the rooms that reached it: rooms whose
// current phase it is (once started), or that kept a timer for it when they
// moved on (a phase passed through without its timer ever running counts as
// not reached: nothing was used).
struct event_phase_use {
  std::string id;
  std::string title;
  int reached = 0;
  millis median_ms = 0;  // of an even count, the mean of the middle two
  millis min_ms = 0;
  millis max_ms = 0;
};

struct event_record {
  std::string title;
  std::string time_zone;
  record_time created;
  record_time exported;
  std::vector<event_record_room> rooms;  // in position order
  int finished = 0;                      // rooms ended
  // Every phase id in template order: the first room's agenda, then ids
  // only later rooms' (adapted) agendas hold, in their order.
  std::vector<event_phase_use> phases;
};

event_record build_event_record(const event_export_input& e, millis now, const time_zone& zone);

}  // namespace debrief::protocol
