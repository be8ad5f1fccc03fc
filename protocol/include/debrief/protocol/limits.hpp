#pragma once
// Named limits of the protocol; PROTOCOL.md and README.md list the same values.

#include <cstddef>

namespace debrief::protocol::limits {

inline constexpr std::size_t max_name_chars = 60;
inline constexpr std::size_t max_title_chars = 120;
inline constexpr std::size_t max_participants = 50;
inline constexpr std::size_t max_command_id_chars = 64;
inline constexpr int min_timer_add_seconds = 1;
inline constexpr int max_timer_add_seconds = 3600;
inline constexpr int min_phase_minutes = 1;
inline constexpr int max_phase_minutes = 240;
inline constexpr std::size_t max_phases = 40;
inline constexpr std::size_t max_prompts_per_phase = 20;
inline constexpr std::size_t max_prompt_chars = 500;

}  // namespace debrief::protocol::limits
