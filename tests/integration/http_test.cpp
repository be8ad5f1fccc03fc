#include <gtest/gtest.h>

#include <fstream>

#include "harness.hpp"

namespace debrief::testing {
namespace {

class Http : public ::testing::Test {
 protected:
  Http() {
    std::filesystem::create_directories(dir.path() / "www");
    std::ofstream(dir.path() / "www" / "index.html") << "<!doctype html><title>Debrief</title>";
    std::ofstream(dir.path() / "www" / "app.js") << "console.log('hi')";
    std::ofstream(dir.path() / "secret.txt") << "outside the static root";
    server.emplace(dir.path() / "debrief.db", dir.path() / "www");
  }
  std::uint16_t port() const { return server->port(); }
  temp_dir dir;
  std::optional<test_server> server;
};

TEST_F(Http, HealthCheckSaysOnlyThatTheServerIsAlive) {
  create_session(port());
  const auto r = http_request(port(), http::verb::get, "/healthz");
  EXPECT_EQ(r.status, 200u);
  EXPECT_EQ(json::parse(r.body), json({{"status", "ok"}}));  // no count of sessions
}

TEST_F(Http, TemplatesAreListed) {
  const auto r = http_request(port(), http::verb::get, "/api/templates");
  ASSERT_EQ(r.status, 200u);
  const auto templates = json::parse(r.body).at("templates");
  ASSERT_FALSE(templates.empty());
  EXPECT_EQ(templates.at(0).at("phases").at(0).contains("minutes"), true);
}

TEST_F(Http, CreatingASessionReturnsACodeAndAKey) {
  const auto r = http_request(port(), http::verb::post, "/api/sessions",
                              R"({"template":"learning-partnership","title":"Grade 7 triad"})");
  ASSERT_EQ(r.status, 201u) << r.body;
  const auto j = json::parse(r.body);
  EXPECT_EQ(j.at("session").get<std::string>().size(), 12u);
  EXPECT_EQ(j.at("facilitator_key").get<std::string>().size(), 32u);
  EXPECT_EQ(j.at("join_path"), "/s/" + j.at("session").get<std::string>());
}

TEST_F(Http, BadSessionRequestsGetAClearError) {
  struct bad_case {
    std::string body;
    unsigned status;
    std::string code;
  };
  for (const auto& c : std::vector<bad_case>{
           {"not json", 400, "invalid"},
           {"[]", 400, "invalid"},
           {R"({"title":"x"})", 400, "invalid"},
           {R"({"template":7})", 400, "invalid"},
           {R"({"template":"no-such-template"})", 404, "not_found"},
           {R"({"template":"learning-partnership","title":5})", 400, "invalid"},
           {R"({"template":"learning-partnership","title":")" + std::string(121, 'x') + R"("})", 413, "too_large"},
       }) {
    const auto r = http_request(port(), http::verb::post, "/api/sessions", c.body);
    EXPECT_EQ(r.status, c.status) << c.body;
    EXPECT_EQ(json::parse(r.body).at("error").at("code"), c.code) << c.body;
  }
}

TEST_F(Http, OversizeBodiesAreRefused) {
  const auto r = http_request(port(), http::verb::post, "/api/sessions", std::string(70 * 1024, ' '));
  EXPECT_EQ(r.status, 413u);
}

TEST_F(Http, StaticFilesHaveTheirTypesAndClientRoutesGetTheApp) {
  const auto js = http_request(port(), http::verb::get, "/app.js");
  EXPECT_EQ(js.status, 200u);
  EXPECT_EQ(js.content_type, "text/javascript; charset=utf-8");
  const auto route = http_request(port(), http::verb::get, "/s/ABCDEFGHJKMN");
  EXPECT_EQ(route.status, 200u);
  EXPECT_NE(route.body.find("Debrief"), std::string::npos);
  EXPECT_EQ(http_request(port(), http::verb::get, "/missing.css").status, 404u);
}

TEST_F(Http, NoTargetClimbsOutOfTheStaticRoot) {
  for (const auto* target : {"/../secret.txt", "/%2e%2e/secret.txt", "/a/../../secret.txt", "/..%2fsecret.txt",
                             "/%2E%2E%2Fsecret.txt", "/app.js%00.html", "/..\\secret.txt"}) {
    const auto r = http_request(port(), http::verb::get, target);
    EXPECT_EQ(r.body.find("outside the static root"), std::string::npos) << target;
    EXPECT_NE(r.status, 200u) << target;
  }
}

TEST_F(Http, StaticPathsArePercentDecodedAndTheirQueriesIgnored) {
  EXPECT_EQ(http_request(port(), http::verb::get, "/%61pp.js").body, "console.log('hi')");
  EXPECT_EQ(http_request(port(), http::verb::get, "/app.js?v=1&v=2&x=%20").body, "console.log('hi')");
  EXPECT_EQ(http_request(port(), http::verb::get, "/healthz?probe=1").status, 200u);
}

TEST_F(Http, AMalformedTargetIsA400) {
  for (const auto* target : {"/app%zz.js", "/app.js?v=%", "/s/<script>"}) {
    const auto r = http_request(port(), http::verb::get, target);
    EXPECT_EQ(r.status, 400u) << target;
    EXPECT_EQ(json::parse(r.body).at("error").at("code"), "invalid") << target;
  }
}

TEST_F(Http, UnknownApiRoutesAre404) { EXPECT_EQ(http_request(port(), http::verb::get, "/api/nothing").status, 404u); }

TEST_F(Http, WebSocketsFromAnotherOriginAreRefused) {
  EXPECT_THROW(ws_client(port(), "http://evil.example"), beast::system_error);
  EXPECT_NO_THROW(ws_client(port(), "http://127.0.0.1:" + std::to_string(port())));
}

}  // namespace
}  // namespace debrief::testing

namespace debrief::testing {
namespace {

TEST_F(Http, AUsersOwnTemplateIsAcceptedAndABadOneIsRefusedWithItsField) {
  const json own = {{"template",
                     {{"id", "our-triad"},
                      {"name", "Our triad"},
                      {"phases", {{{"id", "talk"}, {"title", "Talk"}, {"kind", "discussion"}, {"minutes", 12}}}}}}};
  const auto made = http_request(port(), http::verb::post, "/api/sessions", own.dump());
  ASSERT_EQ(made.status, 201u) << made.body;
  ws_client c(port());
  c.hello(json::parse(made.body).at("session"));
  EXPECT_EQ(c.receive_type("lobby").at("phases").at(0).at("minutes"), 12);

  auto bad = own;
  bad["template"]["phases"][0]["minutes"] = 0;
  const auto refused = http_request(port(), http::verb::post, "/api/sessions", bad.dump());
  EXPECT_EQ(refused.status, 400u);
  EXPECT_NE(json::parse(refused.body).at("error").at("message").get<std::string>().find("/template/phases/0/minutes"),
            std::string::npos)
      << refused.body;
}

TEST_F(Http, DeletingASessionNeedsTheFacilitatorAndRemovesEverything) {
  const auto session = create_session(port());
  ws_client facilitator(port());
  facilitator.join(session.code, "Maya", "facilitator", session.facilitator_key);
  ws_client colleague(port());
  const auto colleague_token = colleague.join(session.code, "Lena", "colleague").at("token").get<std::string>();

  const auto target = "/api/sessions/" + session.code;
  EXPECT_EQ(http_request(port(), http::verb::delete_, target).status, 403u);
  EXPECT_EQ(http_request(port(), http::verb::delete_, target, {}, colleague_token).status, 403u);
  EXPECT_EQ(http_request(port(), http::verb::delete_, target, {}, session.facilitator_key).status, 200u);

  EXPECT_TRUE(colleague.closed_by_server(nullptr));
  ws_client late(port());
  late.send({{"type", "hello"}, {"version", 2}, {"session", session.code}});
  EXPECT_EQ(late.receive().at("code"), "not_found");
  EXPECT_EQ(http_request(port(), http::verb::get, target + "/export", {}, session.facilitator_key).status, 404u);

  // Gone from the file, not only from memory.
  server.reset();
  std::ifstream in(dir.path() / "debrief.db", std::ios::binary);
  const std::string bytes(std::istreambuf_iterator<char>(in), {});
  EXPECT_EQ(bytes.find(session.code), std::string::npos);
  EXPECT_EQ(bytes.find("Lena"), std::string::npos);
}

}  // namespace
}  // namespace debrief::testing
