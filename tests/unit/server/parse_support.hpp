#pragma once
// Parsing debrief-server's options in tests: a command line, what it gives or
// why it is refused, and environment variables set for one scope.

#include <gtest/gtest.h>

#include <cstdlib>
#include <string>
#include <variant>
#include <vector>

#include "debrief/server/config.hpp"

namespace debrief::server::test {

// Sets an environment variable until the end of the scope.
class scoped_env {
 public:
  scoped_env(const char* name, const char* value) : name_(name) { ::setenv(name, value, 1); }
  ~scoped_env() { ::unsetenv(name_); }
  scoped_env(const scoped_env&) = delete;
  scoped_env& operator=(const scoped_env&) = delete;

 private:
  const char* name_;
};

inline std::variant<config, show_help, bad_arguments> parse(std::vector<const char*> flags) {
  flags.insert(flags.begin(), "debrief-server");
  return parse_arguments(static_cast<int>(flags.size()), flags.data());
}

// The configuration the flags give; a refusal fails the test.
inline config parsed(std::vector<const char*> flags) {
  auto result = parse(std::move(flags));
  if (const auto* bad = std::get_if<bad_arguments>(&result)) {
    ADD_FAILURE() << bad->message;
    return {};
  }
  return std::get<config>(result);
}

// Why the flags are refused, or "(accepted)".
inline std::string refusal(std::vector<const char*> flags) {
  auto result = parse(std::move(flags));
  const auto* bad = std::get_if<bad_arguments>(&result);
  return bad ? bad->message : "(accepted)";
}

}  // namespace debrief::server::test
