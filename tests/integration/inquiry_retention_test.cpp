// Retention and lobby expiry for inquiries, with the server's clock the
// test's: an inquiry's sessions are kept as a unit (none goes alone; the
// whole inquiry goes once its last session ended past --retention-days), and
// a follow-up planned for a later day waits in the lobby until that day.

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <fstream>
#include <iterator>

#include "clock.hpp"
#include "harness.hpp"
#include "retention_support.hpp"

namespace debrief::testing {
namespace {

constexpr std::int64_t hour = 60 * 60 * 1000;
constexpr std::int64_t day = 24 * hour;

struct made_inquiry {
  std::string id;
  std::string key;
};

class InquiryRetention : public clocked_retention {
 protected:
  // Starts `session`, writes `text` on its board, and ends it unless `end` is false.
  static void run(std::uint16_t port, const created& session, const std::string& text, bool end = true) {
    ws_client facilitator(port);
    facilitator.join(session.code, "Maya", "facilitator", session.facilitator_key);
    ws_client presenter(port);
    presenter.join(session.code, "Jordan", "presenter");
    facilitator.ok({{"type", "start_session"}});
    facilitator.ok({{"type", "next_phase"}});
    presenter.ok({{"type", "board_add"}, {"list", "know"}, {"text", text}, {"phase", "assumptions"}});
    if (end) facilitator.ok({{"type", "end_session"}});
  }

  static made_inquiry inquiry_from(std::uint16_t port, const created& first) {
    const auto r =
        http_request(port, http::verb::post, "/api/inquiries",
                     json{{"session", first.code}, {"learners", {"Student A"}}}.dump(), first.facilitator_key);
    if (r.status != 201) throw std::runtime_error("POST /api/inquiries: " + r.body);
    const auto body = json::parse(r.body);
    return {body.at("inquiry"), body.at("inquiry_key")};
  }

  static created next_session(std::uint16_t port, const made_inquiry& inquiry, const std::string& date = {}) {
    json body = {{"template", "learning-partnership"}};
    if (!date.empty()) body["date"] = date;
    const auto r =
        http_request(port, http::verb::post, "/api/inquiries/" + inquiry.id + "/sessions", body.dump(), inquiry.key);
    if (r.status != 201) throw std::runtime_error("POST /api/inquiries/{id}/sessions: " + r.body);
    const auto made = json::parse(r.body);
    return {made.at("session"), made.at("facilitator_key")};
  }

  bool is_stored(const created& s) const {
    const auto all = stored_sessions(db);
    return std::find(all.begin(), all.end(), s.code) != all.end();
  }
};

TEST_F(InquiryRetention, AnInquiryIsKeptWhileAnySessionIsYoungerThenGoesWhole) {
  auto server = start(30);
  const auto port = server->port();
  const auto fall = create_session(port);
  run(port, fall, "Inquiry canary fall");
  const auto inquiry = inquiry_from(port, fall);
  const auto alone = create_session(port);
  run(port, alone, "An ended session of no inquiry");

  now += 20 * day;
  const auto spring = next_session(port, inquiry);
  run(port, spring, "Inquiry canary spring");
  ASSERT_NE(bytes_of(db).find("Inquiry canary fall"), std::string::npos);  // the checks below can fail

  // The fall session ended 30 days ago and a moment: the session of no
  // inquiry goes, the fall session stays with its younger follow-up.
  now += 10 * day + 1;
  ASSERT_TRUE(eventually([&] { return !is_stored(alone); }));
  EXPECT_TRUE(is_stored(fall));
  EXPECT_TRUE(is_stored(spring));
  EXPECT_EQ(http_request(port, http::verb::get, "/api/inquiries/" + inquiry.id, {}, inquiry.key).status, 200u);

  // Once the follow-up too ended 30 days ago, the inquiry goes whole, its
  // connected people told as for a DELETE.
  ws_client watching(port);
  watching.join(spring.code, "Maya", "facilitator", spring.facilitator_key);
  now += 20 * day;
  const auto told = watching.receive_type("error", std::chrono::seconds(10));
  EXPECT_EQ(told.at("code"), "not_found");
  websocket::close_code code{};
  EXPECT_TRUE(watching.closed_by_server(&code));
  ASSERT_TRUE(eventually([&] { return !is_stored(fall) && !is_stored(spring); }));
  EXPECT_EQ(http_request(port, http::verb::get, "/api/inquiries/" + inquiry.id, {}, inquiry.key).status, 404u);
  ASSERT_TRUE(eventually([&] {
    const auto after = bytes_of(db);
    return after.find("Inquiry canary fall") == std::string::npos &&
           after.find("Inquiry canary spring") == std::string::npos && after.find(inquiry.key) == std::string::npos;
  }));
}

TEST_F(InquiryRetention, AnInquiryWithARunningSessionIsNeverDeletedByRetention) {
  auto server = start(30);
  const auto port = server->port();
  const auto fall = create_session(port);
  run(port, fall, "Ended long ago");
  const auto inquiry = inquiry_from(port, fall);
  const auto spring = next_session(port, inquiry);
  run(port, spring, "Still running", false);
  const auto marker = create_session(port);
  run(port, marker, "Marks a sweep");

  now += 400 * day;
  // The sweep that deleted the marker looked at the inquiry too.
  ASSERT_TRUE(eventually([&] { return !is_stored(marker); }));
  EXPECT_TRUE(is_stored(fall));
  EXPECT_TRUE(is_stored(spring));
}

TEST_F(InquiryRetention, AFollowUpPlannedForALaterDayWaitsInTheLobbyUntilThen) {
  auto server = start(0);
  const auto port = server->port();
  const auto fall = create_session(port);
  run(port, fall, "The fall debrief");
  const auto inquiry = inquiry_from(port, fall);
  const auto spring = next_session(port, inquiry, "2027-03-15");
  const auto undated = next_session(port, inquiry);
  const auto plain = create_session(port);
  const auto spring_day = *server::start_of_day("2027-03-15");
  ASSERT_GT(spring_day, now.load() + 100 * day);

  // A day later the sessions never started expire, the dated one waits.
  now += day + 1;
  ASSERT_TRUE(eventually([&] { return !is_stored(plain) && !is_stored(undated); }));
  EXPECT_TRUE(is_stored(spring));

  // On its day it waits as long as a session made that day: the marker,
  // made two hours before, expires an hour before it.
  now = spring_day - 2 * hour;
  const auto marker = create_session(port);
  now = spring_day + day - hour;
  ASSERT_TRUE(eventually([&] { return !is_stored(marker); }));
  EXPECT_TRUE(is_stored(spring));
  now += 2 * hour;
  ASSERT_TRUE(eventually([&] { return !is_stored(spring); }));
  EXPECT_TRUE(is_stored(fall));  // the inquiry and its ended session stay
  EXPECT_EQ(http_request(port, http::verb::get, "/api/inquiries/" + inquiry.id, {}, inquiry.key).status, 200u);
}

}  // namespace
}  // namespace debrief::testing
