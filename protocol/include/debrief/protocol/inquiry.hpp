#pragma once
// An inquiry: a presenter's ongoing partnership with one to four focal
// learners, seen across its sessions (fall debrief, spring check-in, the next
// conversation's plan...). Pure: the server reads the sessions, this says
// what the next one starts from and what the whole story is.

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "debrief/protocol/state.hpp"
#include "debrief/protocol/time_zone.hpp"

namespace debrief::protocol {

// The inquiry itself, as stored (never its key).
struct inquiry_info {
  std::string id;
  std::string title;
  std::vector<std::string> learners;  // pseudonyms
  millis created_at = 0;
};

// One session of an inquiry. `position` numbers the sessions in the order
// they were added, from 1, and never changes (a deleted session leaves a
// gap): threads are named by it (carried_item::thread).
struct inquiry_session {
  int position = 0;
  session_state state;
};

// The thread of an item that began in the session at `position`:
// "<position>.<item id>"; a follow-up question: "<position>.<adaptation id>.q<n>".
std::string thread_of(int position, const std::string& item_id);
std::string question_thread(int position, const std::string& adaptation_id, int n);

// The day a session is about: its planned date, else the day it was created
// in `zone`; YYYY-MM-DD.
std::string session_day(const session_state& s, const time_zone& zone);

// What the inquiry's next session starts from, given its sessions so far in
// position order: every accepted adaptation and follow-up question whose
// latest check-in did not drop it (as last adjusted), and every assumption
// left open or challenged where it was last seen. Each keeps its thread.
std::vector<carried_item> carry_forward(const std::vector<inquiry_session>& sessions, const time_zone& zone);

// The story the inquiry page and the inquiry exports tell; see inquiry.cpp.
struct inquiry_record;
inquiry_record build_inquiry_record(const inquiry_info& info, const std::vector<inquiry_session>& sessions, millis now,
                                    const time_zone& zone);

nlohmann::json export_json(const inquiry_info& info, const std::vector<inquiry_session>& sessions, millis now,
                           const time_zone& zone = utc_zone());
std::string export_markdown(const inquiry_info& info, const std::vector<inquiry_session>& sessions, millis now,
                            const time_zone& zone = utc_zone());
std::string export_html(const inquiry_info& info, const std::vector<inquiry_session>& sessions, millis now,
                        const time_zone& zone = utc_zone());

}  // namespace debrief::protocol
