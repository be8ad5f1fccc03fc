#pragma once

#include <string>

#include <nlohmann/json.hpp>

namespace debrief::protocol {

// Stable codes a client can switch on; the message is for people.
enum class error_code {
  invalid_code_sentinel,
  bad_message,
  invalid,
  unsupported_version,
  not_joined,
  already_joined,
  forbidden,
  not_found,
  conflict,
  too_large,
  rate_limited,
  unavailable,
  internal,
};

NLOHMANN_JSON_SERIALIZE_ENUM(error_code, {{error_code::invalid_code_sentinel, nullptr},
                                          {error_code::bad_message, "bad_message"},
                                          {error_code::invalid, "invalid"},
                                          {error_code::unsupported_version, "unsupported_version"},
                                          {error_code::not_joined, "not_joined"},
                                          {error_code::already_joined, "already_joined"},
                                          {error_code::forbidden, "forbidden"},
                                          {error_code::not_found, "not_found"},
                                          {error_code::conflict, "conflict"},
                                          {error_code::too_large, "too_large"},
                                          {error_code::rate_limited, "rate_limited"},
                                          {error_code::unavailable, "unavailable"},
                                          {error_code::internal, "internal"}})

struct rejection {
  rejection() = default;
  rejection(error_code c, std::string m, nlohmann::json now = {})
      : code(c), message(std::move(m)), current(std::move(now)) {}

  error_code code = error_code::internal;
  std::string message;
  nlohmann::json current;  // for a stale edit: the value as it is now
  bool operator==(const rejection&) const = default;
};

std::string to_string(error_code code);

}  // namespace debrief::protocol
