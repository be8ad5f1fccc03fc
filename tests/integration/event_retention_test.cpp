// Retention treats each room of an event as the session it is, and the
// event's own row (title, template, host key) goes with its last room: no
// sweep of its own, and nothing of it left in the file afterwards.

#include <gtest/gtest.h>

#include "harness.hpp"
#include "retention_support.hpp"

namespace debrief::testing {
namespace {

constexpr std::int64_t day = 24 * 60 * 60 * 1000;

class EventRetention : public clocked_retention {};

// Ends the room `code` (its facilitator joins, starts and ends it).
void end_room(std::uint16_t port, const std::string& code, const std::string& facilitator_key) {
  ws_client facilitator(port);
  facilitator.join(code, "Maya", "facilitator", facilitator_key);
  facilitator.ok({{"type", "start_session"}});
  facilitator.ok({{"type", "end_session"}});
}

TEST_F(EventRetention, TheEventGoesWithItsLastRoom) {
  auto server = start(30);
  const auto made =
      http_request(server->port(), http::verb::post, "/api/events",
                   json{{"template", "learning-partnership"}, {"title", "Retention canary day"}, {"rooms", 2}}.dump());
  ASSERT_EQ(made.status, 201u) << made.body;
  const auto event = json::parse(made.body);
  const std::string id = event.at("event");
  const std::string key = event.at("host_key");
  const auto room = [&](int i) { return event.at("rooms").at(i); };
  end_room(server->port(), room(0).at("session"), room(0).at("facilitator_key"));
  now += 20 * day;
  end_room(server->port(), room(1).at("session"), room(1).at("facilitator_key"));

  // The first room is past retention, the second not: the event stays.
  now += 15 * day;
  ASSERT_TRUE(eventually([&] { return stored_sessions(db).size() == 1; }));
  const auto shown = http_request(server->port(), http::verb::get, "/api/events/" + id, {}, key);
  ASSERT_EQ(shown.status, 200u) << shown.body;
  EXPECT_EQ(json::parse(shown.body).at("rooms").size(), 1u);
  EXPECT_EQ(json::parse(shown.body).at("rooms").at(0).at("position"), 2);

  // The last room goes, and the event with it.
  now += 20 * day;
  ASSERT_TRUE(eventually([&] { return stored_sessions(db).empty(); }));
  EXPECT_EQ(http_request(server->port(), http::verb::get, "/api/events/" + id, {}, key).status, 403u);
  server.reset();
  const auto left = bytes_of(db);
  EXPECT_EQ(left.find("Retention canary day"), std::string::npos);
  EXPECT_EQ(left.find(key), std::string::npos);
}

}  // namespace
}  // namespace debrief::testing
