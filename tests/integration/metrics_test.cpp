// Who may read /metrics: nobody on the main port by default, the holder of
// the token when one is set, anyone who reaches the --metrics-bind address.
// (tests/metrics/ parses what it serves with Prometheus' own parser.)

#include <gtest/gtest.h>

#include <mutex>
#include <string>

#include "harness.hpp"
#include "log.hpp"

namespace debrief::testing {
namespace {

const std::string token = "metrics-token-for-the-test-0123456789";

TEST(Metrics, NotOnTheMainPortWithoutAToken) {
  temp_dir dir;
  test_server server(dir.path() / "debrief.db");
  const auto reply = http_request(server.port(), http::verb::get, "/metrics");
  EXPECT_EQ(reply.status, 404u) << reply.body;
  EXPECT_EQ(reply.body.find("debrief_"), std::string::npos);
  EXPECT_EQ(http_request(server.port(), http::verb::get, "/metrics", {}, token).status, 404u);
}

TEST(Metrics, OnTheMainPortOnlyWithTheToken) {
  temp_dir dir;
  test_server server(dir.path() / "debrief.db", {}, {}, [](server::config& c) { c.metrics_token = token; });
  const auto without = http_request(server.port(), http::verb::get, "/metrics");
  EXPECT_EQ(without.status, 401u) << without.body;
  EXPECT_EQ(without.body.find("debrief_"), std::string::npos);
  const auto wrong = http_request(server.port(), http::verb::get, "/metrics", {}, token.substr(1) + "x");
  EXPECT_EQ(wrong.status, 401u) << wrong.body;
  EXPECT_EQ(http_request(server.port(), http::verb::get, "/metrics", {}, token.substr(0, 8)).status, 401u);
  EXPECT_EQ(http_request(server.port(), http::verb::get, "/metrics", {}, "").status, 401u);
  const auto right = http_request(server.port(), http::verb::get, "/metrics", {}, token);
  EXPECT_EQ(right.status, 200u) << right.body;
  EXPECT_EQ(right.content_type, "text/plain; version=0.0.4; charset=utf-8");
  EXPECT_NE(right.body.find("# TYPE debrief_sessions_live gauge"), std::string::npos) << right.body;
  // The rest of the server is as before.
  EXPECT_EQ(http_request(server.port(), http::verb::get, "/healthz").status, 200u);
}

TEST(Metrics, OnTheSeparateAddressWithoutAToken) {
  std::mutex mutex;
  std::uint16_t metrics_port = 0;
  server::set_log_sink([&](const std::string& line) {
    const auto j = json::parse(line);
    std::lock_guard lock(mutex);
    if (j.at("event") == "start") metrics_port = j.at("metrics_port").get<std::uint16_t>();
  });
  {
    temp_dir dir;
    test_server server(dir.path() / "debrief.db", {}, {}, [](server::config& c) { c.metrics_bind = "127.0.0.1:0"; });
    std::uint16_t port = 0;
    ASSERT_TRUE(eventually([&] {
      std::lock_guard lock(mutex);
      port = metrics_port;
      return port != 0;
    }));
    ASSERT_NE(port, server.port());
    const auto scraped = http_request(port, http::verb::get, "/metrics");
    EXPECT_EQ(scraped.status, 200u) << scraped.body;
    EXPECT_NE(scraped.body.find("debrief_sessions_live"), std::string::npos) << scraped.body;
    // That address serves metrics and nothing else; the main port still keeps them.
    EXPECT_EQ(http_request(port, http::verb::get, "/").status, 404u);
    EXPECT_EQ(http_request(port, http::verb::post, "/api/sessions", R"({"template":"learning-partnership"})").status,
              404u);
    EXPECT_EQ(http_request(server.port(), http::verb::get, "/metrics").status, 404u);
  }
  server::set_log_sink({});
}

}  // namespace
}  // namespace debrief::testing
