#include "debrief/protocol/events.hpp"

#include <array>
#include <string_view>

namespace debrief::protocol {

namespace {

// Wire names, in the order of the event variant's alternatives.
constexpr std::array<std::string_view, std::variant_size_v<event>> event_names = {
    "session_created",    "participant_joined",  "participant_left",
    "presence_changed",   "session_started",     "phase_changed",
    "timer_started",      "timer_paused",        "timer_resumed",
    "timer_extended",     "timer_reset",         "timer_expired",
    "session_ended",      "agenda_changed",      "facilitator_handed_over",
    "phase_revealed",     "readiness_changed",   "board_item_saved",
    "board_item_moved",   "board_item_removed",  "proposal_saved",
    "entry_saved",        "entry_removed",       "adaptation_saved",
    "adaptation_removed", "transcript_imported", "transcript_withdrawn",
    "annotation_saved",   "annotation_removed",  "focus_changed",
    "scrubbed",           "phase_timer_saved",   "presenter_moved",
};

template <std::size_t I = 0>
event default_event_named(std::string_view name) {
  if constexpr (I == std::variant_size_v<event>) {
    throw nlohmann::json::other_error::create(501, "unknown event type: " + std::string(name), nullptr);
  } else {
    if (event_names[I] == name) return event{std::in_place_index<I>};
    return default_event_named<I + 1>(name);
  }
}

}  // namespace

std::string event_type(const event& e) { return std::string(event_names[e.index()]); }

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

template <int Tag>
void to_json(nlohmann::json& j, const timer_changed<Tag>& e) {
  j = {{"timer", e.timer}};
}
template <int Tag>
void from_json(const nlohmann::json& j, timer_changed<Tag>& e) {
  j.at("timer").get_to(e.timer);
}

}  // namespace

void to_json(nlohmann::json& j, const event& e) {
  std::visit([&j](const auto& ev) { to_json(j, ev); }, e);
  j["type"] = event_type(e);
}

void from_json(const nlohmann::json& j, event& e) {
  e = default_event_named(j.at("type").get<std::string>());
  std::visit([&j](auto& ev) { from_json(j, ev); }, e);
}

}  // namespace evt

}  // namespace debrief::protocol
