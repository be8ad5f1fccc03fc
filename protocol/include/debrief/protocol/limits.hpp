#pragma once
// Named limits of the protocol; PROTOCOL.md and README.md list the same values.

#include <cstddef>

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

}  // namespace debrief::protocol::limits
