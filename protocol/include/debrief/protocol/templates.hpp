#pragma once
// Templates are data: JSON documents validated here, so a bad one is refused
// with the name of the offending field.

#include <string>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

#include "debrief/protocol/state.hpp"

namespace debrief::protocol {

struct template_error {
  std::string field;  // a JSON pointer such as /phases/2/minutes
  std::string message;
};

std::variant<session_template, template_error> parse_template(const nlohmann::json& j);

// One phase; `pointer` prefixes the field named in an error.
std::variant<phase_template, template_error> parse_phase(const nlohmann::json& j, const std::string& pointer);

// The templates compiled into the server (templates/*.json).
const std::vector<session_template>& builtin_templates();
const session_template* find_builtin_template(const std::string& id);

}  // namespace debrief::protocol
