#pragma once
// The session's record for the team's notes, in three formats with the same
// content (see record.hpp): assumptions with their final status and
// evidence, annotations with the quoted lines, authors and replies,
// adaptations, and shared reflections under their prompts. Built from what
// everyone may see: hidden entries never appear, anonymous phases stay
// anonymous, and the transcript holds pseudonyms only. Times are stated in
// `zone` (UTC unless the facilitator asks for their own).

#include <string>

#include <nlohmann/json.hpp>

#include "debrief/protocol/record.hpp"
#include "debrief/protocol/state.hpp"
#include "debrief/protocol/time_zone.hpp"

namespace debrief::protocol {

nlohmann::json export_json(const session_record& r);
std::string export_markdown(const session_record& r);
// A whole printable page: print styles, landmarks, every text escaped.
std::string export_html(const session_record& r);

nlohmann::json export_json(const session_state& s, millis now, const time_zone& zone = utc_zone());
std::string export_markdown(const session_state& s, millis now, const time_zone& zone = utc_zone());
std::string export_html(const session_state& s, millis now, const time_zone& zone = utc_zone());

}  // namespace debrief::protocol
