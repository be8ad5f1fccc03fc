// GET /api/sessions/{code}/export over a real socket: the three formats,
// times in the zone the client names (checked strictly against the system's
// tz database), and a clear 400 for anything else in the query.

#include <gtest/gtest.h>

#include <filesystem>

#include "harness.hpp"

namespace debrief::testing {
namespace {

class Export : public ::testing::Test {
 protected:
  Export() : server(dir.path() / "debrief.db"), session(create_session(server.port())) {}
  http_reply get(const std::string& query, const std::string& key) {
    return http_request(server.port(), http::verb::get, "/api/sessions/" + session.code + "/export" + query, {}, key);
  }
  http_reply get(const std::string& query) { return get(query, session.facilitator_key); }
  temp_dir dir;
  test_server server;
  created session;
};

TEST_F(Export, ThePrintablePageOpensInPlaceAndTheOthersDownload) {
  const auto html = get("?format=html");
  ASSERT_EQ(html.status, 200u) << html.body;
  EXPECT_EQ(html.content_type, "text/html; charset=utf-8");
  EXPECT_EQ(html.content_disposition, "");
  // The page is inert: it may load nothing and run nothing.
  EXPECT_EQ(html.content_security_policy, "default-src 'none'; style-src 'unsafe-inline'");
  EXPECT_NE(html.body.find("<main>"), std::string::npos);

  const auto md = get("?format=md");
  EXPECT_EQ(md.content_type, "text/markdown; charset=utf-8");
  EXPECT_EQ(md.content_disposition, "attachment; filename=\"debrief-" + session.code + ".md\"");
  const auto data = get("?format=json");
  EXPECT_EQ(data.content_disposition, "attachment; filename=\"debrief-" + session.code + ".json\"");
  EXPECT_EQ(json::parse(data.body).at("format"), "debrief-export");
  EXPECT_EQ(get("").content_type, "text/markdown; charset=utf-8");  // md unless asked
}

TEST_F(Export, WithoutATimeZoneTimesAreInUtcAndSaySo) {
  const auto md = get("?format=md");

  EXPECT_NE(md.body.find("Times are in UTC."), std::string::npos) << md.body;
  EXPECT_EQ(json::parse(get("?format=json").body).at("time_zone"), "UTC");
}

TEST_F(Export, TimesAreStatedInTheZoneTheClientNames) {
  // tzdata is among the packages scripts/ install: its absence is a failure.
  ASSERT_TRUE(std::filesystem::exists("/usr/share/zoneinfo/Europe/Paris")) << "install tzdata";
  const auto md = get("?format=md&tz=Europe%2FParis");
  ASSERT_EQ(md.status, 200u) << md.body;
  EXPECT_NE(md.body.find("Times are in Europe/Paris time."), std::string::npos) << md.body;
  const auto data = json::parse(get("?tz=America/New_York&format=json").body);
  EXPECT_EQ(data.at("time_zone"), "America/New_York");
  const auto text = data.at("exported").at("text").get<std::string>();
  EXPECT_TRUE(text.ends_with(" EST") || text.ends_with(" EDT")) << text;
  EXPECT_EQ(get("?format=html&tz=UTC").status, 200u);
}

TEST_F(Export, ABadQueryIsRefusedWithTheReason) {
  struct bad_case {
    std::string query;
    std::string says;
  };
  for (const auto& c : std::vector<bad_case>{
           {"?format=pdf", "md, json, html or ics"},
           {"?format=md&format=json", "format is given twice"},
           {"?format=md&tz=Europe/Paris&tz=UTC", "tz is given twice"},
           {"?tz=Mars%2FOlympus_Mons", "Mars/Olympus_Mons"},
           {"?tz=", "not a time zone"},
           {"?tz=europe/paris", "not a time zone"},
           {"?tz=..%2F..%2Fetc%2Fpasswd", "not a time zone"},
           {"?tz=%2Fetc%2Fpasswd", "not a time zone"},
           {"?tz=Europe%2FParis%00", "not a time zone"},
           {"?tz=posixrules", "not a time zone"},
           {"?tz=%zz", "malformed"},
           {"?key=" + session.facilitator_key, "not an export parameter"},
       }) {
    const auto r = get(c.query);
    EXPECT_EQ(r.status, 400u) << c.query;
    const auto error = json::parse(r.body).at("error");
    EXPECT_EQ(error.at("code"), "invalid") << c.query;
    EXPECT_NE(error.at("message").get<std::string>().find(c.says), std::string::npos)
        << c.query << ": " << error.at("message");
  }
}

TEST_F(Export, ParametersArePercentDecodedAndEmptyPairsSkipped) {
  const auto data = get("?format=j%73on&&tz=Europe%2fParis&");
  ASSERT_EQ(data.status, 200u) << data.body;
  EXPECT_EQ(json::parse(data.body).at("time_zone"), "Europe/Paris");
  EXPECT_EQ(get("?").status, 200u);
}

TEST_F(Export, AParameterRepeatedUnderAnEscapedNameIsStillRepeated) {
  const auto r = get("?format=md&%66ormat=json");
  EXPECT_EQ(r.status, 400u);
  EXPECT_NE(r.body.find("format is given twice"), std::string::npos) << r.body;
}

TEST_F(Export, AQueryThatIsNotAUrlQueryIsRefusedAsMalformed) {
  for (const auto* query : {"?format=md%", "?format=md%4", "?format=<md>", "?tz=Europe/Paris\\x"}) {
    const auto r = get(query);
    EXPECT_EQ(r.status, 400u) << query;
    const auto error = json::parse(r.body).at("error");
    EXPECT_EQ(error.at("code"), "invalid") << query;
    EXPECT_NE(error.at("message").get<std::string>().find("malformed"), std::string::npos) << query;
  }
}

TEST_F(Export, OnlyTheFacilitatorAndThePresenterMayExport) {
  EXPECT_EQ(get("?format=html", "").status, 403u);
  EXPECT_EQ(get("?format=html", "not-a-key").status, 403u);
}

}  // namespace
}  // namespace debrief::testing
