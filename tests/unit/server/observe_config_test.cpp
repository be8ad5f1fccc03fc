// The options for logs and metrics: --log-format, --metrics-bind and
// --metrics-token, from flags or DEBRIEF_* variables, and what a bad value says.

#include <gtest/gtest.h>

#include <cstdlib>
#include <string>
#include <variant>
#include <vector>

#include "debrief/server/config.hpp"
#include "parse_support.hpp"

namespace debrief::server {
namespace {

using namespace test;

TEST(ObserveConfig, DefaultsAreJsonLogsAndNoMetrics) {
  const auto cfg = std::get<config>(parse({}));
  EXPECT_EQ(cfg.log_format, "json");
  EXPECT_EQ(cfg.metrics_bind, "");
  EXPECT_EQ(cfg.metrics_token, "");
}

TEST(ObserveConfig, FlagsAndVariablesSetThem) {
  const auto cfg = std::get<config>(
      parse({"--log-format", "logfmt", "--metrics-bind", "[::1]:9090", "--metrics-token", "0123456789abcdef"}));
  EXPECT_EQ(cfg.log_format, "logfmt");
  EXPECT_EQ(cfg.metrics_bind, "[::1]:9090");
  EXPECT_EQ(cfg.metrics_token, "0123456789abcdef");

  ::setenv("DEBRIEF_LOG_FORMAT", "logfmt", 1);
  ::setenv("DEBRIEF_METRICS_BIND", "127.0.0.1:9091", 1);
  ::setenv("DEBRIEF_METRICS_TOKEN", "a-token-from-the-environment", 1);
  const auto from_env = std::get<config>(parse({}));
  ::unsetenv("DEBRIEF_LOG_FORMAT");
  ::unsetenv("DEBRIEF_METRICS_BIND");
  ::unsetenv("DEBRIEF_METRICS_TOKEN");
  EXPECT_EQ(from_env.log_format, "logfmt");
  EXPECT_EQ(from_env.metrics_bind, "127.0.0.1:9091");
  EXPECT_EQ(from_env.metrics_token, "a-token-from-the-environment");
}

TEST(ObserveConfig, BadValuesAreRefusedNamingTheFlag) {
  EXPECT_NE(refusal({"--log-format", "xml"}).find("--log-format"), std::string::npos)
      << refusal({"--log-format", "xml"});
  for (const char* bad : {"9090", "localhost:9090", "127.0.0.1:", "127.0.0.1:70000", "127.0.0.1:90a"}) {
    EXPECT_NE(refusal({"--metrics-bind", bad}).find("--metrics-bind: needs"), std::string::npos)
        << bad << ": " << refusal({"--metrics-bind", bad});
  }
  EXPECT_NE(refusal({"--metrics-token", "short"}).find("--metrics-token: needs at least 16 characters"),
            std::string::npos)
      << refusal({"--metrics-token", "short"});
  EXPECT_EQ(refusal({"--metrics-token", "0123456789abcdef"}), "(accepted)");
}

TEST(ObserveConfig, HelpListsThem) {
  const auto text = std::get<show_help>(parse({"--help"})).text;
  for (const auto* shown : {"--log-format", "DEBRIEF_LOG_FORMAT", "--metrics-bind", "DEBRIEF_METRICS_BIND",
                            "--metrics-token", "DEBRIEF_METRICS_TOKEN"}) {
    EXPECT_NE(text.find(shown), std::string::npos) << shown << " missing from:\n" << text;
  }
}

}  // namespace
}  // namespace debrief::server
