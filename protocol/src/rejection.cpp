#include "debrief/protocol/rejection.hpp"

namespace debrief::protocol {

std::string to_string(error_code code) { return nlohmann::json(code).get<std::string>(); }

}  // namespace debrief::protocol
