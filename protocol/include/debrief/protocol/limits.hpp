#pragma once
// Named limits of the protocol; PROTOCOL.md and README.md list the same values
// (a unit test compares them), and the browser gets them as generated code
// (client-web/src/generated/contract.ts, from limits::table below).

#include <array>
#include <cstddef>
#include <string_view>

namespace debrief::protocol::limits {

inline constexpr std::size_t max_name_chars = 60;
inline constexpr std::size_t max_title_chars = 120;
inline constexpr std::size_t max_participants = 50;
inline constexpr std::size_t max_command_id_chars = 64;
inline constexpr std::size_t min_client_secret_chars = 32;  // 128 bits as hex
inline constexpr std::size_t max_client_secret_chars = 128;
inline constexpr int min_timer_add_seconds = 1;
inline constexpr int max_timer_add_seconds = 3600;
inline constexpr int min_phase_minutes = 1;
inline constexpr int max_phase_minutes = 240;
inline constexpr std::size_t max_phases = 40;
inline constexpr std::size_t max_prompts_per_phase = 20;
inline constexpr std::size_t max_prompt_chars = 500;

inline constexpr std::size_t max_item_chars = 500;         // board items, proposals
inline constexpr std::size_t max_entry_chars = 2000;       // entries, comments, replies
inline constexpr std::size_t max_adaptation_chars = 1000;  // the change itself
inline constexpr std::size_t max_for_whom_chars = 60;
inline constexpr std::size_t max_follow_ups = 10;
inline constexpr std::size_t max_follow_up_chars = 300;
inline constexpr std::size_t max_evidence = 20;
inline constexpr std::size_t max_board_items = 200;  // across the four lists
inline constexpr std::size_t max_proposals = 200;
inline constexpr std::size_t max_entries = 2000;
inline constexpr std::size_t max_adaptations = 100;
inline constexpr std::size_t max_annotations = 2000;
inline constexpr std::size_t max_replies = 50;  // per annotation

inline constexpr std::size_t max_transcript_lines = 5000;
inline constexpr std::size_t max_line_chars = 2000;
inline constexpr std::size_t max_speaker_chars = 60;

// Sessions of an inquiry (apply.hpp's inquiry_start, check_in_save).
inline constexpr std::size_t max_learners = 4;           // focal learners, each a pseudonym of max_for_whom_chars
inline constexpr std::size_t max_carried = 500;          // items carried in from earlier sessions
inline constexpr std::size_t max_thread_chars = 40;      // e.g. "12.a345.q10"
inline constexpr std::size_t max_check_in_chars = 2000;  // what happened, and the note

// Events (host.hpp): rooms made together, and the host's notices to them.
inline constexpr std::size_t max_event_rooms = 1000;  // also the most rooms one host action names
inline constexpr std::size_t max_notice_chars = 280;
inline constexpr std::size_t max_notices = 200;  // per session

// Every limit above by name, for the generated client contract and the
// documentation test. A limit missing here is missing from both.
struct limit {
  std::string_view name;
  long long value;
};
inline constexpr std::array table = {
    limit{"max_name_chars", max_name_chars},
    limit{"max_title_chars", max_title_chars},
    limit{"max_participants", max_participants},
    limit{"max_command_id_chars", max_command_id_chars},
    limit{"min_client_secret_chars", min_client_secret_chars},
    limit{"max_client_secret_chars", max_client_secret_chars},
    limit{"min_timer_add_seconds", min_timer_add_seconds},
    limit{"max_timer_add_seconds", max_timer_add_seconds},
    limit{"min_phase_minutes", min_phase_minutes},
    limit{"max_phase_minutes", max_phase_minutes},
    limit{"max_phases", max_phases},
    limit{"max_prompts_per_phase", max_prompts_per_phase},
    limit{"max_prompt_chars", max_prompt_chars},
    limit{"max_item_chars", max_item_chars},
    limit{"max_entry_chars", max_entry_chars},
    limit{"max_adaptation_chars", max_adaptation_chars},
    limit{"max_for_whom_chars", max_for_whom_chars},
    limit{"max_follow_ups", max_follow_ups},
    limit{"max_follow_up_chars", max_follow_up_chars},
    limit{"max_evidence", max_evidence},
    limit{"max_board_items", max_board_items},
    limit{"max_proposals", max_proposals},
    limit{"max_entries", max_entries},
    limit{"max_adaptations", max_adaptations},
    limit{"max_annotations", max_annotations},
    limit{"max_replies", max_replies},
    limit{"max_transcript_lines", max_transcript_lines},
    limit{"max_line_chars", max_line_chars},
    limit{"max_speaker_chars", max_speaker_chars},
    limit{"max_learners", max_learners},
    limit{"max_carried", max_carried},
    limit{"max_thread_chars", max_thread_chars},
    limit{"max_check_in_chars", max_check_in_chars},
    limit{"max_event_rooms", max_event_rooms},
    limit{"max_notice_chars", max_notice_chars},
    limit{"max_notices", max_notices},
};

}  // namespace debrief::protocol::limits
