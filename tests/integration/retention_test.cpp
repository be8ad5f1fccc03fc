// Ended sessions are deleted completely a set number of days after they
// ended (--retention-days), by the same sweep and the same deletion as
// lobby expiry: connections told and closed, rows gone, and their words no
// longer in the file. Younger ended sessions and running ones stay; 0 keeps
// every ended session.

#include <gtest/gtest.h>

#include <atomic>
#include <fstream>
#include <iterator>

#include "debrief/storage/database.hpp"
#include "harness.hpp"
#include "retention_support.hpp"

namespace debrief::testing {
namespace {

constexpr std::int64_t day = 24 * 60 * 60 * 1000;

class Retention : public clocked_retention {
 protected:
  // A session in which `text` was written; ended unless `end` is false. The
  // facilitator stays connected while `keep` holds it.
  static created debrief(std::uint16_t port, const std::string& text, bool end,
                         std::unique_ptr<ws_client>* keep = nullptr) {
    const auto session = create_session(port);
    auto facilitator = std::make_unique<ws_client>(port);
    facilitator->join(session.code, "Maya", "facilitator", session.facilitator_key);
    ws_client presenter(port);
    presenter.join(session.code, "Jordan", "presenter");
    facilitator->ok({{"type", "start_session"}});
    facilitator->ok({{"type", "next_phase"}});
    presenter.ok({{"type", "board_add"}, {"list", "know"}, {"text", text}, {"phase", "assumptions"}});
    if (end) facilitator->ok({{"type", "end_session"}});
    if (keep) *keep = std::move(facilitator);
    return session;
  }

  std::vector<std::string> stored() const { return stored_sessions(db); }
  bool is_stored(const created& s) const {
    const auto all = stored();
    return std::find(all.begin(), all.end(), s.code) != all.end();
  }
};

TEST_F(Retention, AnEndedSessionPastTheLimitIsDeletedCompletelyAndTheOthersStay) {
  auto server = start(30);
  std::unique_ptr<ws_client> still_watching;
  // One old session is open in memory (someone is connected), the other
  // only on disk: both ways to be deleted.
  const auto open_old = debrief(server->port(), "Retention canary open", true, &still_watching);
  const auto closed_old = debrief(server->port(), "Retention canary closed", true);
  ASSERT_TRUE(eventually([&] { return server->loaded_sessions() == 1; }));
  now += 20 * day;
  const auto younger = debrief(server->port(), "Younger ended debrief", true);
  const auto running = debrief(server->port(), "Still running debrief", false);
  const auto before = bytes_of(db);
  ASSERT_NE(before.find("Retention canary closed"), std::string::npos);  // the check below can fail

  now += 10 * day + 1;  // the old ones ended 30 days ago and a moment; the younger 10

  const auto told = still_watching->receive_type("error", std::chrono::seconds(10));
  EXPECT_EQ(told.at("code"), "not_found");
  websocket::close_code code{};
  EXPECT_TRUE(still_watching->closed_by_server(&code));
  EXPECT_EQ(code, websocket::close_code::normal);
  ASSERT_TRUE(eventually([&] { return !is_stored(open_old) && !is_stored(closed_old); }));
  EXPECT_TRUE(is_stored(younger));
  EXPECT_TRUE(is_stored(running));
  // Every row went, and the words with them: the file and its log hold none.
  ASSERT_TRUE(eventually([&] {
    const auto after = bytes_of(db);
    return after.find("Retention canary open") == std::string::npos &&
           after.find("Retention canary closed") == std::string::npos;
  }));
  EXPECT_NE(bytes_of(db).find("Younger ended debrief"), std::string::npos);
  EXPECT_EQ(http_request(server->port(), http::verb::get, "/api/sessions/" + closed_old.code + "/export", {},
                         closed_old.facilitator_key)
                .status,
            404u);
}

TEST_F(Retention, ZeroKeepsEveryEndedSession) {
  auto server = start(0);
  const auto ended = debrief(server->port(), "Kept for ever", true);
  const auto never_started = create_session(server->port());
  now += 100'000 * day;
  // The lobby expiry on the same sweep shows that sweeps ran meanwhile.
  ASSERT_TRUE(eventually([&] { return !is_stored(never_started); }));
  EXPECT_TRUE(is_stored(ended));
}

TEST_F(Retention, ASessionPastTheLimitIsDeletedEvenAfterARestart) {
  created old;
  {
    auto server = start(30);
    old = debrief(server->port(), "Ended before the restart", true);
  }
  now += 31 * day;
  auto server = start(30);
  ASSERT_TRUE(eventually([&] { return !is_stored(old); }));
}

}  // namespace
}  // namespace debrief::testing
