// POST /api/sessions is limited per client address: a script on one
// machine cannot fill the disk. Behind a trusted proxy the client is the
// address the proxy forwards; anyone else's X-Forwarded-For is ignored.

#include <gtest/gtest.h>

#include "harness.hpp"

namespace debrief::testing {
namespace {

const std::string lp = json{{"template", "learning-partnership"}}.dump();

http_reply create_from(std::uint16_t port, const std::string& forwarded_for) {
  return http_request(port, http::verb::post, "/api/sessions", lp, {}, {{"X-Forwarded-For", forwarded_for}});
}

TEST(CreationLimit, TheThirtyFirstSessionFromOneAddressIs429WithRetryAfter) {
  temp_dir dir;
  test_server server(dir.path() / "debrief.db");
  for (int i = 0; i < 30; ++i) ASSERT_EQ(create_session(server.port()).code.size(), 12u) << i;

  const auto refused = http_request(server.port(), http::verb::post, "/api/sessions", lp);
  ASSERT_EQ(refused.status, 429u) << refused.body;
  EXPECT_EQ(refused.content_type, "application/json");
  const auto seconds = std::stol(refused.retry_after);
  EXPECT_GE(seconds, 1);
  EXPECT_LE(seconds, 60);  // one a minute
  const auto error = json::parse(refused.body).at("error");
  EXPECT_EQ(error.at("code"), "rate_limited");
  EXPECT_EQ(error.at("message"),
            "Too many sessions created from this address; try again in " + refused.retry_after + " seconds.");
}

TEST(CreationLimit, ARequestThatCreatesNothingCostsNothing) {
  temp_dir dir;
  test_server server(dir.path() / "debrief.db", {}, {}, [](server::config& c) { c.create_burst = 1; });
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(http_request(server.port(), http::verb::post, "/api/sessions", R"({"template":"nope"})").status, 404u);
  }
  EXPECT_EQ(http_request(server.port(), http::verb::post, "/api/sessions", lp).status, 201u);
  EXPECT_EQ(http_request(server.port(), http::verb::post, "/api/sessions", lp).status, 429u);
}

TEST(CreationLimit, BehindATrustedProxyEachForwardedAddressHasItsOwnAllowance) {
  temp_dir dir;
  test_server server(dir.path() / "debrief.db", {}, {}, [](server::config& c) {
    c.create_burst = 2;
    c.trusted_proxies = {"127.0.0.1"};
  });
  EXPECT_EQ(create_from(server.port(), "203.0.113.5").status, 201u);
  EXPECT_EQ(create_from(server.port(), "203.0.113.5").status, 201u);
  EXPECT_EQ(create_from(server.port(), "203.0.113.5").status, 429u);
  // The proxy appends the address it saw; what the client wrote before it
  // does not buy a fresh allowance.
  EXPECT_EQ(create_from(server.port(), "198.51.100.1, 203.0.113.5").status, 429u);
  EXPECT_EQ(create_from(server.port(), "203.0.113.6").status, 201u);
  EXPECT_EQ(create_from(server.port(), "203.0.113.6").status, 201u);
  EXPECT_EQ(create_from(server.port(), "203.0.113.6").status, 429u);
}

TEST(CreationLimit, AnUntrustedPeersForwardedForIsIgnored) {
  temp_dir dir;
  test_server server(dir.path() / "debrief.db", {}, {}, [](server::config& c) {
    c.create_burst = 2;
    c.trusted_proxies = {"10.0.0.2"};  // a proxy, but not the one these requests come from
  });
  EXPECT_EQ(create_from(server.port(), "203.0.113.5").status, 201u);
  EXPECT_EQ(create_from(server.port(), "203.0.113.6").status, 201u);
  EXPECT_EQ(create_from(server.port(), "203.0.113.7").status, 429u);
  EXPECT_EQ(http_request(server.port(), http::verb::post, "/api/sessions", lp).status, 429u);
}

}  // namespace
}  // namespace debrief::testing
