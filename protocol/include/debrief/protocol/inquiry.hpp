#pragma once
// An inquiry: a presenter's ongoing partnership with one to four focal
// learners, seen across its sessions (fall debrief, spring check-in, the next
// conversation's plan...). Pure: the server reads the sessions, this says
// what the next one starts from and what the whole story is.

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "debrief/protocol/record.hpp"
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

// The story the inquiry page and the inquiry exports tell, one model that
// the JSON, Markdown and HTML render (as record.hpp's session record is):
// built only from what everyone in each session may see (accepted
// adaptations, the board, check-ins, visible annotations), students named by
// pseudonym only. Histories are told in position order, the order in which
// things were decided; sessions and the learner's words by date.
struct inquiry_record_session {
  int position = 0;
  std::string code;  // only the JSON export, read with the inquiry key, gives it
  std::string title;
  std::string template_id;
  std::string template_name;
  std::string day;  // session_day
  session_status status = session_status::invalid;
};

// One session's part in a thread's history.
struct inquiry_record_step {
  enum class kind {
    decided,     // accepted in this session (an adaptation or its question)
    carried_in,  // first known from a carried copy: the session that decided it is gone
    check_in,    // the presenter checked in on it
    on_board,    // an assumption as this session's board left it
  } what = kind::decided;
  int position = 0;  // 0 for carried_in
  std::string day;   // the session's day (carried_in: the day it was last decided)
  std::string session_title;
  std::string text;                        // decided, carried_in, on_board: the words at that point
  std::string for_whom;                    // decided, carried_in: adaptations and questions
  std::string check_in;                    // decided, carried_in: an adaptation's check-in date
  item_status status = item_status::open;  // on_board, carried_in: an assumption's status
  std::vector<record_evidence> evidence;   // decided, check_in, on_board
  // check_in only:
  tried_state tried = tried_state::invalid;
  std::string happened;
  std::string note;
  check_in_decision decision = check_in_decision::invalid;
  std::string adjusted;
};

struct inquiry_record_thread {
  std::string thread;
  carried_kind kind = carried_kind::invalid;
  std::string text;                        // as last adjusted (an assumption: as last worded)
  std::string for_whom;                    // adaptations and questions
  std::string check_in;                    // adaptations: the latest check-in date set
  std::string adaptation;                  // questions: their adaptation's thread
  item_status status = item_status::open;  // assumptions: as last marked
  bool carried = false;                    // the next session starts from it (carry_forward holds it)
  std::vector<inquiry_record_step> steps;
};

// What cited the learner's words.
struct inquiry_record_citation {
  carried_kind kind = carried_kind::invalid;  // the adaptation, question or assumption
  bool check_in = false;                      // cited by a check-in on it rather than by the item itself
  std::string thread;
  std::string text;  // the item's words at that point
};

// Transcript lines spoken by a student and quoted as evidence.
struct inquiry_record_words {
  int position = 0;
  std::string day;
  std::string session_title;
  record_quote quote;
  std::vector<inquiry_record_citation> cited_by;
};

struct inquiry_record {
  std::string title;
  std::vector<std::string> learners;
  std::string time_zone;
  record_time created;
  record_time exported;
  std::vector<inquiry_record_session> sessions;  // by day, then position
  std::vector<inquiry_record_thread> adaptations;
  std::vector<inquiry_record_thread> questions;
  std::vector<inquiry_record_thread> assumptions;
  std::vector<inquiry_record_words> learner_words;  // by day, then position, then line
};

inquiry_record build_inquiry_record(const inquiry_info& info, const std::vector<inquiry_session>& sessions, millis now,
                                    const time_zone& zone);

nlohmann::json export_json(const inquiry_record& r);
std::string export_markdown(const inquiry_record& r);
// A whole printable page: print styles, landmarks, every text escaped, no script.
std::string export_html(const inquiry_record& r);

nlohmann::json export_json(const inquiry_info& info, const std::vector<inquiry_session>& sessions, millis now,
                           const time_zone& zone = utc_zone());
std::string export_markdown(const inquiry_info& info, const std::vector<inquiry_session>& sessions, millis now,
                            const time_zone& zone = utc_zone());
std::string export_html(const inquiry_info& info, const std::vector<inquiry_session>& sessions, millis now,
                        const time_zone& zone = utc_zone());

}  // namespace debrief::protocol
