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

void to_json(nlohmann::json& j, const event& e) {
  std::visit([&j](const auto& ev) { write_fields(j, ev); }, e);
  j["type"] = event_type(e);
}

void from_json(const nlohmann::json& j, event& e) {
  const auto type = j.at("type").get<std::string>();
  auto named = alternative_named<event>(type);
  if (!named) throw nlohmann::json::other_error::create(501, "unknown event type: " + type, nullptr);
  e = std::move(*named);
  std::visit([&j](auto& ev) { read_fields(j, ev); }, e);
}

}  // namespace evt

}  // namespace debrief::protocol
