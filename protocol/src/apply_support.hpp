#pragma once
// Helpers shared by the command handlers (apply_*.cpp). Private to protocol/.

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "debrief/protocol/apply.hpp"
#include "debrief/protocol/limits.hpp"
#include "text.hpp"

namespace debrief::protocol::detail {

inline rejection reject(error_code code, std::string message) { return {code, std::move(message), {}}; }

inline outcome one(event e) { return std::vector<event>{std::move(e)}; }

// The id the next new item will get; evolve() counts them as they appear.
inline std::string next_id(const session_state& s, const char* prefix, int offset = 0) {
  return prefix + std::to_string(s.ids_issued + 1 + offset);
}

template <class T>
const T* find_by_id(const std::vector<T>& items, const std::string& id) {
  auto it = std::find_if(items.begin(), items.end(), [&](const T& x) { return x.id == id; });
  return it == items.end() ? nullptr : &*it;
}

// A text field: trimmed, non-empty, at most max_chars code points.
// Multi-line text is allowed; other control characters are not.
std::optional<rejection> check_text(const std::string& text, std::size_t max_chars, const char* what);

// A stale edit: the sender saw an older version. The current value goes
// back with the error so the client can show it.
rejection stale(const char* what, int version, nlohmann::json current);

std::optional<rejection> check_evidence(const session_state& s, const evidence_list& evidence);

// A private phase's entries stay with their authors until revealed.
bool hidden_phase(const session_state& s, const std::string& phase_id);

// What create_session starts a session of an inquiry with, checked against
// the limits and trimmed (apply_check_ins.cpp).
std::variant<inquiry_start, rejection> clean_inquiry_start(inquiry_start start);

}  // namespace debrief::protocol::detail

namespace debrief::protocol {

// One handler per command, defined in the apply_*.cpp file of its area.
outcome handle(const session_state&, const cmd::join&, const sender&, millis);
outcome handle(const session_state&, const cmd::leave&, const sender&, millis);
outcome handle(const session_state&, const cmd::connect&, const sender&, millis);
outcome handle(const session_state&, const cmd::disconnect&, const sender&, millis);
outcome handle(const session_state&, const cmd::start_session&, const sender&, millis);
outcome handle(const session_state&, const cmd::end_session&, const sender&, millis);
outcome handle(const session_state&, const cmd::next_phase&, const sender&, millis);
outcome handle(const session_state&, const cmd::previous_phase&, const sender&, millis);
outcome handle(const session_state&, const cmd::go_to_phase&, const sender&, millis);
outcome handle(const session_state&, const cmd::timer_start&, const sender&, millis);
outcome handle(const session_state&, const cmd::timer_pause&, const sender&, millis);
outcome handle(const session_state&, const cmd::timer_resume&, const sender&, millis);
outcome handle(const session_state&, const cmd::timer_add&, const sender&, millis);
outcome handle(const session_state&, const cmd::timer_reset&, const sender&, millis);
outcome handle(const session_state&, const cmd::expire_timer&, const sender&, millis);
outcome handle(const session_state&, const cmd::set_phase_minutes&, const sender&, millis);
outcome handle(const session_state&, const cmd::add_phase&, const sender&, millis);
outcome handle(const session_state&, const cmd::remove_phase&, const sender&, millis);
outcome handle(const session_state&, const cmd::move_phase&, const sender&, millis);
outcome handle(const session_state&, const cmd::hand_over&, const sender&, millis);
outcome handle(const session_state&, const cmd::move_presenter&, const sender&, millis);
outcome handle(const session_state&, const cmd::reveal_phase&, const sender&, millis);
outcome handle(const session_state&, const cmd::set_done&, const sender&, millis);
outcome handle(const session_state&, const cmd::board_add&, const sender&, millis);
outcome handle(const session_state&, const cmd::board_edit&, const sender&, millis);
outcome handle(const session_state&, const cmd::board_move&, const sender&, millis);
outcome handle(const session_state&, const cmd::board_remove&, const sender&, millis);
outcome handle(const session_state&, const cmd::board_mark&, const sender&, millis);
outcome handle(const session_state&, const cmd::board_propose&, const sender&, millis);
outcome handle(const session_state&, const cmd::proposal_decide&, const sender&, millis);
outcome handle(const session_state&, const cmd::entry_add&, const sender&, millis);
outcome handle(const session_state&, const cmd::entry_edit&, const sender&, millis);
outcome handle(const session_state&, const cmd::entry_remove&, const sender&, millis);
outcome handle(const session_state&, const cmd::entry_share&, const sender&, millis);
outcome handle(const session_state&, const cmd::adaptation_add&, const sender&, millis);
outcome handle(const session_state&, const cmd::adaptation_edit&, const sender&, millis);
outcome handle(const session_state&, const cmd::adaptation_decide&, const sender&, millis);
outcome handle(const session_state&, const cmd::adaptation_remove&, const sender&, millis);
outcome handle(const session_state&, const cmd::transcript_import&, const sender&, millis);
outcome handle(const session_state&, const cmd::transcript_withdraw&, const sender&, millis);
outcome handle(const session_state&, const cmd::annotate&, const sender&, millis);
outcome handle(const session_state&, const cmd::annotation_edit&, const sender&, millis);
outcome handle(const session_state&, const cmd::annotation_remove&, const sender&, millis);
outcome handle(const session_state&, const cmd::annotation_reply&, const sender&, millis);
outcome handle(const session_state&, const cmd::focus_line&, const sender&, millis);
outcome handle(const session_state&, const cmd::check_in_save&, const sender&, millis);

}  // namespace debrief::protocol
