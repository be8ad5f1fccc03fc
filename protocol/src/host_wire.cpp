// A host's action as the server receives it: {"action": "<name>", ...fields}.
// What the fields say (a notice's length, whether a phase exists in a room)
// is judged per room by apply_host; here only their form.

#include <limits>

#include "debrief/protocol/host.hpp"
#include "debrief/protocol/limits.hpp"

namespace debrief::protocol {

namespace {

using json = nlohmann::json;

rejection bad_field(const std::string& key, const std::string& what) {
  return {error_code::invalid, "The action is not valid: /" + key + " " + what + "."};
}

std::variant<std::string, rejection> string_of(const json& body, const std::string& key) {
  if (!body.contains(key)) return bad_field(key, "is missing");
  if (!body.at(key).is_string()) return bad_field(key, "must be a string");
  return body.at(key).get<std::string>();
}

std::variant<host_action, rejection> read(const json& body, const std::string& action) {
  if (action == host_act::notice::wire_name) {
    auto text = string_of(body, "text");
    if (auto* r = std::get_if<rejection>(&text)) return *r;
    return host_action{host_act::notice{std::get<std::string>(std::move(text))}};
  }
  if (action == host_act::start::wire_name) return host_action{host_act::start{}};
  if (action == host_act::pause::wire_name) return host_action{host_act::pause{}};
  if (action == host_act::resume::wire_name) return host_action{host_act::resume{}};
  if (action == host_act::add_time::wire_name) {
    if (!body.contains("seconds")) return bad_field("seconds", "is missing");
    const auto& seconds = body.at("seconds");
    const auto range = "from " + std::to_string(limits::min_timer_add_seconds) + " to " +
                       std::to_string(limits::max_timer_add_seconds);
    if (!seconds.is_number_integer()) return bad_field("seconds", "must be a whole number " + range);
    // Unsigned values beyond int64 are out of range too.
    const bool too_big = seconds.is_number_unsigned() &&
                         seconds.get<std::uint64_t>() > static_cast<std::uint64_t>(limits::max_timer_add_seconds);
    const auto n = seconds.get<std::int64_t>();
    if (too_big || n < limits::min_timer_add_seconds || n > limits::max_timer_add_seconds) {
      return bad_field("seconds", "must be a whole number " + range);
    }
    return host_action{host_act::add_time{static_cast<int>(n)}};
  }
  if (action == host_act::go_to_phase::wire_name) {
    auto phase = string_of(body, "phase");
    if (auto* r = std::get_if<rejection>(&phase)) return *r;
    if (std::get<std::string>(phase).empty()) return bad_field("phase", "must name a phase by its id");
    return host_action{host_act::go_to_phase{std::get<std::string>(std::move(phase))}};
  }
  return bad_field("action", "must be notice, start, pause, resume, add_time or go_to_phase");
}

}  // namespace

std::variant<host_action, rejection> parse_host_action(const json& body) {
  if (!body.is_object()) return rejection{error_code::invalid, "The action must be a JSON object."};
  auto action = string_of(body, "action");
  if (auto* r = std::get_if<rejection>(&action)) return *r;
  return read(body, std::get<std::string>(action));
}

}  // namespace debrief::protocol
