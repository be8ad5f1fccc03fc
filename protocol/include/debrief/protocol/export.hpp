#pragma once
// The session's record for the team's notes: assumptions with their final
// status, annotations, adaptations with evidence and check-in dates,
// follow-up questions and shared reflections. Built from what everyone may
// see: hidden entries never appear, anonymous phases stay anonymous, and the
// transcript holds pseudonyms only.

#include <string>

#include <nlohmann/json.hpp>

#include "debrief/protocol/state.hpp"

namespace debrief::protocol {

nlohmann::json export_json(const session_state& s, millis now);
std::string export_markdown(const session_state& s, millis now);
std::string export_html(const session_state& s, millis now);

}  // namespace debrief::protocol
