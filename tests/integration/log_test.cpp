// The log a real server writes while a session is created, used, ended and
// deleted: the events an operator needs, as one JSON object a line, and none
// of the secrets or words that passed through.

#include <gtest/gtest.h>

#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "harness.hpp"
#include "log.hpp"

namespace debrief::testing {
namespace {

using server::log_format;

// Every line logged while it lives (the log is the process's: one server at a time).
class captured_log {
 public:
  captured_log() {
    server::set_log_sink([this](const std::string& line) {
      std::lock_guard lock(mutex_);
      lines_.push_back(line);
    });
  }
  ~captured_log() {
    server::set_log_sink({});
    server::set_log_format(log_format::json);
  }
  std::vector<std::string> lines() const {
    std::lock_guard lock(mutex_);
    return lines_;
  }
  std::string text() const {
    std::string all;
    for (const auto& line : lines()) all += line + "\n";
    return all;
  }
  // The JSON lines whose event is `event`.
  std::vector<json> events(const std::string& event) const {
    std::vector<json> out;
    for (const auto& line : lines()) {
      const auto j = json::parse(line);
      if (j.at("event") == event) out.push_back(j);
    }
    return out;
  }

 private:
  mutable std::mutex mutex_;
  std::vector<std::string> lines_;
};

constexpr int noticings_phase = 4;

TEST(Log, ASessionsLifeIsLoggedWithoutItsCodeKeysTokensNamesOrWords) {
  captured_log log;
  std::vector<std::string> secrets;
  std::string code;
  {
    temp_dir dir;
    test_server server(dir.path() / "debrief.db");
    const auto session = create_session(server.port());
    code = session.code;
    ws_client facilitator(server.port());
    facilitator.join(session.code, "Maya Okafor", "facilitator", session.facilitator_key);
    ws_client colleague(server.port());
    colleague.join(session.code, "Lena Brandt", "colleague");
    facilitator.ok({{"type", "start_session"}});
    facilitator.ok({{"type", "go_to_phase"}, {"phase", noticings_phase}});
    const std::string words = "The quiet student at table three solved it first";
    colleague.ok({{"type", "entry_add"}, {"text", words}, {"phase", "noticings"}});
    facilitator.ok({{"type", "end_session"}});
    const auto deleted =
        http_request(server.port(), http::verb::delete_, "/api/sessions/" + session.code, {}, session.facilitator_key);
    ASSERT_EQ(deleted.status, 200u) << deleted.body;
    secrets = {session.code,
               session.facilitator_key,
               facilitator.join_token(),
               colleague.join_token(),
               "Maya Okafor",
               "Lena Brandt",
               words};
  }

  const auto lines = log.lines();
  ASSERT_FALSE(lines.empty());
  for (const auto& line : lines) {
    const auto j = json::parse(line);  // throws unless every line is one JSON object
    for (const char* field : {"time", "level", "event", "msg"}) EXPECT_TRUE(j.contains(field)) << line;
  }
  const auto ref = server::session_ref(code);
  const auto start = log.events("start");
  ASSERT_EQ(start.size(), 1u) << log.text();
  EXPECT_TRUE(start[0].contains("version"));
  EXPECT_TRUE(start[0].contains("port"));
  EXPECT_TRUE(start[0].contains("db"));
  for (const char* event : {"session_created", "session_ended", "session_deleted"}) {
    const auto found = log.events(event);
    ASSERT_EQ(found.size(), 1u) << event << " in\n" << log.text();
    EXPECT_EQ(found[0].at("session"), ref) << event;
  }
  EXPECT_EQ(log.events("stop").size(), 1u) << log.text();

  const auto all = log.text();
  for (const auto& secret : secrets) {
    ASSERT_FALSE(secret.empty());
    EXPECT_EQ(all.find(secret), std::string::npos) << "\"" << secret << "\" is in the log:\n" << all;
  }
}

TEST(Log, AnInquiryIsLoggedByItsRefWithoutItsIdKeyOrCodes) {
  captured_log log;
  std::vector<std::string> secrets;
  std::string id;
  {
    temp_dir dir;
    test_server server(dir.path() / "debrief.db");
    const auto first = create_session(server.port());
    const auto started = http_request(
        server.port(), http::verb::post, "/api/inquiries",
        json{{"session", first.code}, {"title", "Marisol across the year"}, {"learners", {"Student M"}}}.dump(),
        first.facilitator_key);
    ASSERT_EQ(started.status, 201u) << started.body;
    id = json::parse(started.body).at("inquiry");
    const std::string key = json::parse(started.body).at("inquiry_key");
    const auto next = http_request(server.port(), http::verb::post, "/api/inquiries/" + id + "/sessions",
                                   json{{"template", "learning-partnership"}, {"date", "2027-03-15"}}.dump(), key);
    ASSERT_EQ(next.status, 201u) << next.body;
    const auto second = json::parse(next.body);
    ASSERT_EQ(http_request(server.port(), http::verb::delete_, "/api/inquiries/" + id, {}, key).status, 200u);
    secrets = {id,
               key,
               first.code,
               first.facilitator_key,
               second.at("session"),
               second.at("facilitator_key"),
               "Marisol across the year",
               "Student M"};
  }

  const auto ref = server::inquiry_ref(id);
  const auto created = log.events("inquiry_created");
  ASSERT_EQ(created.size(), 1u) << log.text();
  EXPECT_EQ(created[0].at("inquiry"), ref);
  const auto joined = log.events("session_created");
  ASSERT_EQ(joined.size(), 2u) << log.text();
  EXPECT_EQ(joined[1].at("inquiry"), ref);
  EXPECT_EQ(joined[1].at("position"), 2);
  const auto deleted = log.events("inquiry_deleted");
  ASSERT_EQ(deleted.size(), 1u) << log.text();
  EXPECT_EQ(deleted[0].at("inquiry"), ref);
  EXPECT_EQ(deleted[0].at("sessions"), 2);
  const auto all = log.text();
  for (const auto& secret : secrets) {
    ASSERT_FALSE(secret.empty());
    EXPECT_EQ(all.find(secret), std::string::npos) << "\"" << secret << "\" is in the log:\n" << all;
  }
}

// An event's life: created (with its room count), a host action (what, how
// many rooms took it), deleted; never its id, host key, title, labels, the
// rooms' codes or keys, or a notice's words.
TEST(Log, AnEventIsLoggedByItsRefWithoutItsIdKeyCodesOrWords) {
  captured_log log;
  std::vector<std::string> secrets;
  std::string id;
  {
    temp_dir dir;
    test_server server(dir.path() / "debrief.db");
    const auto made = http_request(server.port(), http::verb::post, "/api/events",
                                   json{{"template", "learning-partnership"},
                                        {"title", "Northside PD day"},
                                        {"labels", {"Grade 7 science", "Triad of Marisol"}}}
                                       .dump());
    ASSERT_EQ(made.status, 201u) << made.body;
    const auto event = json::parse(made.body);
    id = event.at("event");
    const std::string key = event.at("host_key");
    const auto acted = http_request(server.port(), http::verb::post, "/api/events/" + id + "/actions",
                                    json{{"action", "notice"}, {"text", "Marisol, five minutes left"}}.dump(), key);
    ASSERT_EQ(acted.status, 200u) << acted.body;
    ASSERT_EQ(http_request(server.port(), http::verb::delete_, "/api/events/" + id, {}, key).status, 200u);
    secrets = {id, key, "Northside PD day", "Grade 7 science", "Triad of Marisol", "Marisol, five minutes left"};
    for (const auto& room : event.at("rooms")) {
      secrets.push_back(room.at("session"));
      secrets.push_back(room.at("facilitator_key"));
    }
  }

  const auto ref = server::event_ref(id);
  const auto created = log.events("event_created");
  ASSERT_EQ(created.size(), 1u) << log.text();
  EXPECT_EQ(created[0].at("event"), ref);
  EXPECT_EQ(created[0].at("rooms"), 2);
  const auto acted = log.events("host_action");
  ASSERT_EQ(acted.size(), 1u) << log.text();
  EXPECT_EQ(acted[0].at("event"), ref);
  EXPECT_EQ(acted[0].at("action"), "notice");
  EXPECT_EQ(acted[0].at("applied"), 2);
  EXPECT_EQ(acted[0].at("refused"), 0);
  const auto deleted = log.events("event_deleted");
  ASSERT_EQ(deleted.size(), 1u) << log.text();
  EXPECT_EQ(deleted[0].at("event"), ref);
  EXPECT_EQ(deleted[0].at("rooms"), 2);
  EXPECT_EQ(deleted[0].at("kept"), false);
  const auto all = log.text();
  for (const auto& secret : secrets) {
    ASSERT_FALSE(secret.empty());
    EXPECT_EQ(all.find(secret), std::string::npos) << "\"" << secret << "\" is in the log:\n" << all;
  }
}

TEST(Log, LogfmtByConfiguration) {
  captured_log log;
  {
    temp_dir dir;
    test_server server(dir.path() / "debrief.db", {}, {}, [](server::config& c) { c.log_format = "logfmt"; });
    create_session(server.port());
  }
  const auto all = log.text();
  EXPECT_NE(all.find(" level=info event=start msg=\"listening on http://"), std::string::npos) << all;
  EXPECT_NE(all.find(" event=session_created "), std::string::npos) << all;
  EXPECT_EQ(all.find("{\""), std::string::npos) << all;
}

TEST(Log, RefusedMessagesAreLoggedAsCountsNotALineEach) {
  captured_log log;
  constexpr int burst = 5;
  constexpr int sent = 60;
  int refusals = 0;
  {
    temp_dir dir;
    test_server server(dir.path() / "debrief.db", {}, {}, [](server::config& c) {
      c.unjoined_burst = burst;
      c.unjoined_per_second = 1;
      c.log_summary_interval = std::chrono::milliseconds(50);
    });
    ws_client flooder(server.port());
    for (int i = 0; i < sent; ++i) flooder.send({{"type", "ping"}, {"t", i}});
    // Every message is answered (a pong or a refusal) before the next is read.
    for (int i = 0; i < sent; ++i) {
      if (flooder.receive().at("type") == "error") ++refusals;
    }
    EXPECT_GE(refusals, sent - burst - 2);
    // The server's stop logs what the last interval has not.
  }
  std::int64_t counted = 0;
  const auto summaries = log.events("rate_limited");
  for (const auto& s : summaries) counted += s.value("unjoined_messages", std::int64_t{0});
  EXPECT_GE(counted, refusals) << log.text();
  EXPECT_LT(summaries.size(), static_cast<std::size_t>(sent - burst - 2)) << log.text();
}

}  // namespace
}  // namespace debrief::testing
