#include "debrief/protocol/events.hpp"

#include <string_view>

namespace debrief::protocol {

std::string event_type(const event& e) { return std::string(wire_name_of(e)); }

bool holds_transcript_text(const event& e) {
  return std::holds_alternative<evt::transcript_imported>(e) || std::holds_alternative<evt::annotation_saved>(e);
}

std::optional<std::string> scrubbed_body(const event& e) {
  if (!holds_transcript_text(e)) return std::nullopt;
  return nlohmann::json(event{evt::scrubbed{event_type(e)}}).dump();
}

namespace evt {

namespace {

// Field lists of each event's JSON body (beside "type").
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(participant_joined, participant)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(participant_left, participant)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(presence_changed, participant, online)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(session_started, phase, timer)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(phase_changed, phase, timer)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(session_ended, timer)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(agenda_changed, phases, phase, timer)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(facilitator_handed_over, from, to)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(presenter_moved, from, to)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(phase_revealed, phase)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(readiness_changed, participant, done)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(board_item_saved, item, index)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(board_item_moved, item, list, index, version)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(board_item_removed, item)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(proposal_saved, proposal)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(entry_saved, entry)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(entry_removed, entry)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(adaptation_saved, adaptation)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(adaptation_removed, adaptation)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(transcript_imported, transcript)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(annotation_saved, annotation)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(annotation_removed, annotation)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(focus_changed, line, by)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(scrubbed, was)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(phase_timer_saved, phase, timer)

void to_json(nlohmann::json& j, const transcript_withdrawn&) { j = nlohmann::json::object(); }
void from_json(const nlohmann::json&, transcript_withdrawn&) {}

// "template" is a C++ keyword, so this one is spelled out.
void to_json(nlohmann::json& j, const session_created& e) {
  j = {{"session", e.session}, {"title", e.title}, {"template", e.tmpl}, {"created_at", e.created_at}};
}
void from_json(const nlohmann::json& j, session_created& e) {
  j.at("session").get_to(e.session);
  j.at("title").get_to(e.title);
  j.at("template").get_to(e.tmpl);
  j.at("created_at").get_to(e.created_at);
}

template <fixed_name Name>
void to_json(nlohmann::json& j, const timer_changed<Name>& e) {
  j = {{"timer", e.timer}};
}
template <fixed_name Name>
void from_json(const nlohmann::json& j, timer_changed<Name>& e) {
  j.at("timer").get_to(e.timer);
}

}  // namespace

void to_json(nlohmann::json& j, const event& e) {
  std::visit([&j](const auto& ev) { to_json(j, ev); }, e);
  j["type"] = event_type(e);
}

void from_json(const nlohmann::json& j, event& e) {
  const auto type = j.at("type").get<std::string>();
  auto named = alternative_named<event>(type);
  if (!named) throw nlohmann::json::other_error::create(501, "unknown event type: " + type, nullptr);
  e = std::move(*named);
  std::visit([&j](auto& ev) { from_json(j, ev); }, e);
}

}  // namespace evt

}  // namespace debrief::protocol
