#pragma once
// The session's record as the team keeps it, in words rather than ids: one
// model that the Markdown, HTML and JSON exports all render, so the three
// always carry the same content. Built only from what everyone may see:
// private writing not yet revealed never enters it, and in an anonymous
// phase nobody is named. Transcript lines are numbered as people read them
// (1-based position), times are stated in the chosen zone.

#include <optional>
#include <string>
#include <vector>

#include "debrief/protocol/state.hpp"
#include "debrief/protocol/time_zone.hpp"

namespace debrief::protocol {

struct record_time {
  millis at = 0;
  std::string text;  // "22 Nov 2025, 23:20 CET"
};

// Words from the transcript: what the teacher or the student said.
struct record_quote {
  int first_line = 0;  // 1-based; 0 when the lines are no longer in the transcript
  int last_line = 0;
  std::string speaker;  // empty when the quoted lines have several speakers
  std::string text;
};

// A colleague's mark on the transcript.
struct record_annotation {
  std::string tag;  // "Notice", "Wonder", "Strength", "Need"
  record_quote quote;
  std::string comment;
  std::optional<std::string> author;  // nullopt in an anonymous phase
  struct reply {
    std::string author;
    std::string text;
    record_time at;
  };
  std::vector<reply> replies;
};

// What an assumption or an adaptation rests on.
struct record_evidence {
  enum class kind { line, annotation, item, missing } what = kind::missing;
  std::optional<record_quote> line;
  std::optional<record_annotation> annotation;
  std::string item;  // a board item's text
};

struct record_board_item {
  std::string text;
  std::string status;  // "Open", "Confirmed", "Challenged"; only for assumptions
  std::vector<record_evidence> evidence;
};

struct record_board_list {
  std::string title;
  std::vector<record_board_item> items;
};

struct record_adaptation {
  std::string change;
  std::string for_whom;
  std::string check_in;  // YYYY-MM-DD or empty
  std::vector<std::string> follow_ups;
  std::vector<record_evidence> evidence;
};

// Something an earlier session of the inquiry handed on to this one.
struct record_carried {
  std::string kind;      // "Adaptation", "Question", "Assumption"
  std::string text;      // the change (as last adjusted), the question, the assumption
  std::string for_whom;  // adaptations and questions
  std::string check_in;  // adaptations: YYYY-MM-DD or empty
  std::string status;    // assumptions, as carried in: "Still open", "Challenged", "Confirmed"
  std::string from;      // YYYY-MM-DD of the session that last decided it, or empty
};

// The presenter's check-in on a carried adaptation or question.
struct record_check_in {
  std::string kind;  // "Adaptation" or "Question"
  std::string text;  // what was carried in
  std::string for_whom;
  std::string tried;  // "Tried", "Partly tried", "Not yet tried" (a question: "Asked"…)
  std::string happened;
  std::vector<record_evidence> evidence;
  std::string note;
  std::string decision;  // "Keep", "Adjust", "Drop"
  std::string adjusted;  // the new wording, when adjusted
};

struct record_entry {
  std::string text;
  std::optional<std::string> author;  // nullopt in an anonymous phase
};

struct record_prompt {
  std::string prompt;  // empty: entries that answer no particular prompt
  std::vector<record_entry> entries;
};

struct record_phase {
  std::string title;
  bool anonymous = false;
  std::vector<record_prompt> prompts;  // only prompts with entries
};

// A notice from the event host (host.hpp), as the room received it.
struct record_notice {
  bool action = false;  // what a host action did, rather than words the host wrote
  std::string text;
  record_time at;
};

struct record_person {
  std::string name;
  std::string role;
};

struct session_record {
  std::string session;
  std::string title;
  std::string template_name;
  std::string time_zone;
  record_time created;
  record_time exported;
  std::vector<record_person> people;
  // A session of an inquiry: its day (YYYY-MM-DD or empty), its focal
  // learners, what it carried in, and the check-ins on it (in carried order).
  std::string date;
  std::vector<std::string> learners;
  std::vector<record_carried> carried;
  std::vector<record_check_in> check_ins;
  struct consent_record {
    std::string confirmed_by;
    record_time at;
  };
  std::optional<consent_record> consent;
  int transcript_lines = 0;
  std::vector<record_board_list> board;
  std::vector<record_annotation> annotations;
  std::vector<record_adaptation> adaptations;
  std::vector<record_phase> phases;    // only phases with visible entries
  std::vector<record_notice> notices;  // a room of an event: from its host, oldest first
};

session_record build_record(const session_state& s, millis now, const time_zone& zone);

// Evidence references of `s` ("line:", "annotation:", "item:") as the record
// states them; what others may not see reads as missing.
std::vector<record_evidence> record_evidence_of(const session_state& s, const evidence_list& refs,
                                                const time_zone& zone);

}  // namespace debrief::protocol
