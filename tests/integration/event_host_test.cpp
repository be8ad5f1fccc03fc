// An event of 30 rooms with a host console over real sockets: a notice to
// every room reaches each room's people exactly once; the console's
// summaries follow presence, phase and timer changes, coalesced to at most
// one `rooms` message a second however many rooms change; host actions,
// the subscription and the export are refused without the host key and with
// a wrong one; the export holds every room's record and no code; the host
// looks into a room only with the event's key; an event deleted with its
// rooms leaves nothing in the file or its WAL, and one deleted keeping them
// leaves sessions that work and a key that reaches nothing. Bad inputs are
// refused at their limits.

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <memory>
#include <set>

#include "harness.hpp"
#include "retention_support.hpp"

namespace debrief::testing {
namespace {

constexpr int room_count = 30;

json create_event(std::uint16_t port, const json& rooms_or_labels, const std::string& title = "PD day, 14 March") {
  json body = {{"template", "learning-partnership"}, {"title", title}};
  body.update(rooms_or_labels);
  const auto made = http_request(port, http::verb::post, "/api/events", body.dump());
  if (made.status != 201u) throw std::runtime_error("the event was refused: " + made.body);
  return json::parse(made.body);
}

http_reply act(std::uint16_t port, const std::string& event, const std::string& key, const json& action) {
  return http_request(port, http::verb::post, "/api/events/" + event + "/actions", action.dump(), key);
}

// The results of an action that was answered 200, by session code.
std::map<std::string, json> results_of(const http_reply& r) {
  if (r.status != 200u) throw std::runtime_error("the action was refused: " + r.body);
  std::map<std::string, json> out;
  const auto body = json::parse(r.body);
  for (const auto& result : body.at("results")) out[result.at("session")] = result;
  return out;
}

std::string error_code_of(const http_reply& r) { return json::parse(r.body).at("error").at("code"); }

// A host console's connection: the latest summary of each room, and how
// many `rooms` messages have come.
class host_console {
 public:
  host_console(std::uint16_t port, const std::string& event, const std::string& key) : ws(port) {
    ws.send({{"type", "host"}, {"version", 2}, {"event", event}, {"key", key}});
    welcome = ws.receive();
    if (welcome.at("type") != "host_welcome") throw std::runtime_error("no host_welcome: " + welcome.dump());
    for (const auto& r : welcome.at("rooms")) latest[r.at("session")] = r;
  }

  // Reads `rooms` messages until `done` holds for the latest summaries (a
  // ceiling for a stuck server, not a timing claim).
  template <typename Condition>
  void until(Condition done, std::chrono::milliseconds limit = 10s) {
    const auto give_up = std::chrono::steady_clock::now() + limit;
    while (!done(latest)) {
      const auto left =
          std::chrono::duration_cast<std::chrono::milliseconds>(give_up - std::chrono::steady_clock::now());
      if (left.count() <= 0) throw std::runtime_error("the host's summaries never got there");
      const auto m = ws.receive(left);
      if (m.at("type") != "rooms") throw std::runtime_error("a host received " + m.dump());
      ++rooms_messages;
      for (const auto& r : m.at("rooms")) latest[r.at("session")] = r;
    }
  }

  ws_client ws;
  json welcome;
  std::map<std::string, json> latest;
  int rooms_messages = 0;
};

template <typename Predicate>
auto every_room(Predicate p) {
  return [p](const std::map<std::string, json>& rooms) {
    return rooms.size() == static_cast<std::size_t>(room_count) &&
           std::all_of(rooms.begin(), rooms.end(), [&](const auto& r) { return p(r.second); });
  };
}

bool has_flag(const json& summary, const std::string& flag) {
  const auto& flags = summary.at("flags");
  return std::find(flags.begin(), flags.end(), flag) != flags.end();
}

// The notices posted among `events` (event messages), by text.
std::vector<std::string> notices_in(const json& events) {
  std::vector<std::string> out;
  for (const auto& e : events) {
    if (e.at("event").at("type") == "notice_posted") out.push_back(e.at("event").at("notice").at("text"));
  }
  return out;
}

// A join as the event's host, looking in; the answer (ack or error).
json look_in(ws_client& c, const std::string& session, const std::string& host_key) {
  c.hello(session);
  c.receive_type("lobby");
  return c.command(
      {{"type", "join"}, {"name", "Host"}, {"role", "host"}, {"client_secret", random_hex()}, {"host_key", host_key}});
}

class EventHost : public ::testing::Test {
 protected:
  temp_dir dir;
  std::filesystem::path db = dir.path() / "debrief.db";
  std::unique_ptr<test_server> server = std::make_unique<test_server>(db);
  std::uint16_t port = server->port();
  json event = create_event(port, {{"rooms", room_count}});
  std::string id = event.at("event");
  std::string key = event.at("host_key");

  std::string code(int position) const { return event.at("rooms").at(position - 1).at("session"); }
  std::string facilitator_key(int position) const { return event.at("rooms").at(position - 1).at("facilitator_key"); }
  std::string phase_id(int index) const {
    const auto shown = http_request(port, http::verb::get, "/api/events/" + id, {}, key);
    return json::parse(shown.body).at("template").at("phases").at(index).at("id");
  }

  // A facilitator joined in every room.
  std::vector<std::unique_ptr<ws_client>> facilitators() const {
    std::vector<std::unique_ptr<ws_client>> out;
    for (int p = 1; p <= room_count; ++p) {
      out.push_back(std::make_unique<ws_client>(port));
      out.back()->join(code(p), "Facilitator " + std::to_string(p), "facilitator", facilitator_key(p));
    }
    return out;
  }
};

TEST_F(EventHost, TheEventIsMadeWithEveryRoomAndShownOnlyWithItsKey) {
  ASSERT_EQ(event.at("rooms").size(), static_cast<std::size_t>(room_count));
  std::set<std::string> codes;
  for (int p = 1; p <= room_count; ++p) {
    const auto& room = event.at("rooms").at(p - 1);
    EXPECT_EQ(room.at("position"), p);
    EXPECT_EQ(room.at("label"), "Room " + std::to_string(p));
    EXPECT_EQ(room.at("join_path"), "/s/" + code(p));
    codes.insert(code(p));
  }
  EXPECT_EQ(codes.size(), static_cast<std::size_t>(room_count));
  EXPECT_EQ(event.at("title"), "PD day, 14 March");
  EXPECT_EQ(key.size(), 32u);

  const auto shown = http_request(port, http::verb::get, "/api/events/" + id, {}, key);
  ASSERT_EQ(shown.status, 200u) << shown.body;
  const auto body = json::parse(shown.body);
  EXPECT_FALSE(body.contains("host_key"));
  EXPECT_EQ(body.at("rooms"), event.at("rooms"));
  EXPECT_EQ(body.at("template").at("id"), "learning-partnership");
  // Every room is a session like any other.
  ws_client someone(port);
  EXPECT_EQ(someone.join(code(7), "Jordan", "presenter").at("type"), "ack");
  EXPECT_EQ(someone.last_snapshot().at("state").at("title"), "Room 7");
}

TEST_F(EventHost, ANoticeReachesEveryRoomExactlyOnce) {
  auto people = facilitators();
  host_console host(port, id, key);

  const auto results = results_of(act(port, id, key, {{"action", "notice"}, {"text", "Five minutes left"}}));

  ASSERT_EQ(results.size(), static_cast<std::size_t>(room_count));
  for (int p = 1; p <= room_count; ++p) EXPECT_EQ(results.at(code(p)).value("applied", false), true) << p;
  // Everything broadcast before the HTTP answer came ahead of each ack.
  for (auto& person : people) {
    const auto ack = person->ok({{"type", "start_session"}});
    EXPECT_EQ(notices_in(ack.at("events")), std::vector<std::string>{"Five minutes left"});
  }
  // The room keeps it: a new connection's snapshot has it.
  const auto state = snapshot_of(port, code(3), people[2]->join_token()).at("state");
  ASSERT_EQ(state.at("notices").size(), 1u);
  EXPECT_EQ(state.at("notices").at(0).at("kind"), "message");
  EXPECT_EQ(state.at("notices").at(0).at("text"), "Five minutes left");
  // The host key is in no room's frames.
  for (const auto& person : people) EXPECT_EQ(person->transcript_of_frames().find(key), std::string::npos);
}

TEST_F(EventHost, SummariesFollowPresencePhaseAndTimer) {
  host_console host(port, id, key);
  ASSERT_EQ(host.welcome.at("event"), id);
  ASSERT_EQ(host.welcome.at("title"), "PD day, 14 March");
  ASSERT_EQ(host.welcome.at("rooms").size(), static_cast<std::size_t>(room_count));
  for (int p = 1; p <= room_count; ++p) {
    const auto& s = host.welcome.at("rooms").at(p - 1);  // in position order
    EXPECT_EQ(s.at("position"), p);
    EXPECT_EQ(s.at("session"), code(p));
    EXPECT_EQ(s.at("status"), "lobby");
    EXPECT_TRUE(has_flag(s, "nobody"));
  }

  auto people = facilitators();
  host.until(every_room([](const json& s) { return s.at("online") == 1 && s.at("joined") == 1; }));
  EXPECT_FALSE(has_flag(host.latest.at(code(1)), "nobody"));
  EXPECT_TRUE(has_flag(host.latest.at(code(1)), "no_presenter"));
  EXPECT_FALSE(has_flag(host.latest.at(code(1)), "no_facilitator"));

  // Started by the host: live, each phase's timer running.
  const auto started = results_of(act(port, id, key, {{"action", "start"}}));
  for (const auto& [_, r] : started) EXPECT_EQ(r.value("applied", false), true) << r;
  host.until(
      every_room([](const json& s) { return s.at("status") == "live" && s.at("timer").at("status") == "running"; }));

  // Paused in ten rooms, named in reverse: answered in position order.
  json some = json::array();
  for (int p = 10; p >= 1; --p) some.push_back(code(p));
  const auto paused = act(port, id, key, {{"action", "pause"}, {"rooms", some}});
  ASSERT_EQ(paused.status, 200u) << paused.body;
  const auto listed = json::parse(paused.body).at("results");
  ASSERT_EQ(listed.size(), 10u);
  for (int p = 1; p <= 10; ++p) EXPECT_EQ(listed.at(p - 1).at("session"), code(p));
  host.until([&](const auto& rooms) {
    for (int p = 1; p <= room_count; ++p) {
      if (rooms.at(code(p)).at("timer").at("status") != (p <= 10 ? "paused" : "running")) return false;
    }
    return true;
  });
  // Pausing again: refused per room, as the room's state says.
  const auto again = results_of(act(port, id, key, {{"action", "pause"}, {"rooms", {code(1), "NOTAROOMCODE"}}}));
  EXPECT_EQ(again.at(code(1)).at("error").at("code"), "conflict");
  EXPECT_EQ(again.at("NOTAROOMCODE").at("error").at("code"), "not_found");

  // Moved to the third phase by its id.
  const auto third = phase_id(2);
  results_of(act(port, id, key, {{"action", "go_to_phase"}, {"phase", third}}));
  host.until(every_room([&](const json& s) { return s.at("phase") == 2 && s.at("phase_id") == third; }));

  // The room's own facilitator keeps control and sees who acted.
  const auto back = people[4]->ok({{"type", "go_to_phase"}, {"phase", 1}});
  EXPECT_EQ(back.at("type"), "ack");
  host.until([&](const auto& rooms) { return rooms.at(code(5)).at("phase") == 1; });

  // Someone leaves: the room shows nobody.
  people[8]->close();
  host.until([&](const auto& rooms) { return has_flag(rooms.at(code(9)), "nobody"); });
  EXPECT_EQ(host.latest.at(code(9)).at("online"), 0);
  EXPECT_EQ(host.latest.at(code(9)).at("joined"), 1);
}

// Many rooms change many times within a second or two: the host gets one
// `rooms` message a second at most, each with every room changed since the
// last. Counted against the seconds the test itself measured.
TEST_F(EventHost, UpdatesAreCoalescedToAtMostOneMessageASecond) {
  auto people = facilitators();
  host_console host(port, id, key);
  host.until(every_room([](const json& s) { return s.at("online") == 1; }));
  const auto last_phase = phase_id(3);
  const auto messages_before = host.rooms_messages;
  const auto began = std::chrono::steady_clock::now();

  int changes = 0;
  for (const json& action : {json{{"action", "start"}}, json{{"action", "pause"}}, json{{"action", "resume"}},
                             json{{"action", "add_time"}, {"seconds", 60}}, json{{"action", "pause"}},
                             json{{"action", "go_to_phase"}, {"phase", last_phase}}}) {
    for (const auto& [_, r] : results_of(act(port, id, key, action))) {
      ASSERT_EQ(r.value("applied", false), true) << action << r;
      ++changes;
    }
  }
  host.until(every_room([&](const json& s) { return s.at("phase_id") == last_phase; }));

  const auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - began).count();
  const auto messages = host.rooms_messages - messages_before;
  EXPECT_EQ(changes, 6 * room_count);
  // Flushes a second apart fit floor(seconds) + 1 times in the span; one
  // more may have been on its way when it began.
  EXPECT_LE(messages, static_cast<int>(seconds) + 2) << messages << " messages in " << seconds << " s";
  EXPECT_LT(messages, changes);
}

TEST_F(EventHost, EveryRouteAndTheSubscriptionAreRefusedWithoutTheKeyOrWithAWrongOne) {
  const json notice = {{"action", "notice"}, {"text", "Hello"}};
  const auto wrong = std::string(32, 'a');
  const auto other = create_event(port, {{"rooms", 1}}, "Another day");
  for (const auto& bearer : {std::string{}, wrong, facilitator_key(1), other.at("host_key").get<std::string>()}) {
    SCOPED_TRACE(bearer.empty() ? "no key" : bearer);
    for (const auto& r :
         {act(port, id, bearer, notice), http_request(port, http::verb::get, "/api/events/" + id, {}, bearer),
          http_request(port, http::verb::get, "/api/events/" + id + "/export?format=md", {}, bearer),
          http_request(port, http::verb::delete_, "/api/events/" + id, {}, bearer)}) {
      EXPECT_EQ(r.status, 403u) << r.body;
      EXPECT_EQ(error_code_of(r), "forbidden");
    }
    if (bearer.empty()) continue;
    ws_client c(port);
    c.send({{"type", "host"}, {"version", 2}, {"event", id}, {"key", bearer}});
    const auto refused = c.receive();
    EXPECT_EQ(refused.at("type"), "error");
    EXPECT_EQ(refused.at("code"), "forbidden");
    websocket::close_code why{};
    EXPECT_TRUE(c.closed_by_server(&why));
    EXPECT_EQ(why, websocket::close_code::policy_error);
  }
  // An unknown event is refused as a wrong key: nothing says whether it exists.
  const auto unknown = http_request(port, http::verb::get, "/api/events/0000000000000000", {}, key);
  EXPECT_EQ(unknown.status, 403u);
  EXPECT_EQ(json::parse(unknown.body), json::parse(act(port, id, wrong, notice).body));
  // Nothing was applied anywhere.
  ws_client someone(port);
  someone.join(code(1), "Jordan", "presenter");
  EXPECT_EQ(someone.last_snapshot().at("state").at("notices"), json::array());
}

TEST_F(EventHost, TheExportHoldsEveryRoomsRecordAndNoCodeAndTheSummaryCountsWhatHappened) {
  auto people = facilitators();
  for (int p = 1; p <= 2; ++p) people[p - 1]->ok({{"type", "start_session"}});
  people[0]->ok({{"type", "end_session"}});
  results_of(act(port, id, key, {{"action", "notice"}, {"text", "Back in the hall at 10:30 <please>"}}));

  for (const std::string format : {"md", "html", "json"}) {
    const auto got = http_request(port, http::verb::get, "/api/events/" + id + "/export?format=" + format, {}, key);
    ASSERT_EQ(got.status, 200u) << format << ": " << got.body;
    EXPECT_NE(got.content_disposition.find("attachment"), std::string::npos) << format;
    // A section per room, in position order, and no room's code anywhere.
    std::size_t at = 0;
    for (int p = 1; p <= room_count; ++p) {
      const auto found = got.body.find("Room " + std::to_string(p), at);
      ASSERT_NE(found, std::string::npos) << format << ": room " << p;
      at = found;
      EXPECT_EQ(got.body.find(code(p)), std::string::npos) << format << ": the code of room " << p;
    }
    EXPECT_EQ(got.body.find(key), std::string::npos) << format;
    EXPECT_NE(got.body.find("Back in the hall at 10:30"), std::string::npos) << format << ": the notice";
    if (format == "html") {
      EXPECT_EQ(got.body.find("<please>"), std::string::npos) << "written text is escaped";
      EXPECT_NE(got.body.find("&lt;please&gt;"), std::string::npos);
    }
  }
  const auto json_export =
      json::parse(http_request(port, http::verb::get, "/api/events/" + id + "/export?format=json", {}, key).body);
  EXPECT_EQ(json_export.dump().find("\"session\""), std::string::npos);

  const auto summary = http_request(port, http::verb::get, "/api/events/" + id + "/export?format=summary", {}, key);
  ASSERT_EQ(summary.status, 200u) << summary.body;
  EXPECT_NE(summary.content_type.find("text/html"), std::string::npos);
  EXPECT_NE(summary.body.find("1 of 30"), std::string::npos) << "one room of thirty finished";
  for (int p = 1; p <= room_count; ++p) EXPECT_EQ(summary.body.find(code(p)), std::string::npos) << p;
}

TEST_F(EventHost, TheHostLooksInOnlyWithTheEventsKey) {
  ws_client facilitator(port);
  facilitator.join(code(2), "Maya", "facilitator", facilitator_key(2));
  facilitator.ok({{"type", "start_session"}});

  for (const auto& wrong : {std::string{}, std::string(32, 'a'), facilitator_key(2)}) {
    ws_client c(port);
    const auto refused = look_in(c, code(2), wrong);
    EXPECT_EQ(refused.at("type"), "error") << refused;
    EXPECT_EQ(refused.at("code"), "forbidden") << refused;
  }
  // A session in no event has no host.
  const auto alone = create_session(port);
  ws_client stranger(port);
  EXPECT_EQ(look_in(stranger, alone.code, key).at("code"), "forbidden");

  ws_client host(port);
  const auto joined = look_in(host, code(2), key);
  ASSERT_EQ(joined.at("type"), "ack") << joined;
  // Listed in the room as Host; the console counts it apart.
  const auto state = snapshot_of(port, code(2), facilitator.join_token()).at("state");
  const auto& participants = state.at("participants");
  EXPECT_TRUE(std::any_of(participants.begin(), participants.end(),
                          [](const json& p) { return p.at("role") == "host" && p.at("online") == true; }));
  host_console console(port, id, key);
  console.until([&](const auto& rooms) { return rooms.at(code(2)).at("hosts") == 1; });
  EXPECT_EQ(console.latest.at(code(2)).at("joined"), 1);
  // Read-only: a host's command is refused.
  const auto wrote = host.command({{"type", "next_phase"}});
  EXPECT_EQ(wrote.at("type"), "error");
  EXPECT_EQ(wrote.at("code"), "forbidden");
}

TEST_F(EventHost, DeletingWithItsRoomsLeavesNothingInTheFileOrItsLog) {
  const std::string canary = "Event canary: the fractions lesson fell apart";
  ws_client facilitator(port);
  facilitator.join(code(4), "Maya", "facilitator", facilitator_key(4));
  ws_client presenter(port);
  presenter.join(code(4), "Jordan", "presenter");
  facilitator.ok({{"type", "start_session"}});
  facilitator.ok({{"type", "next_phase"}});
  presenter.ok({{"type", "board_add"}, {"list", "know"}, {"text", canary}, {"phase", "assumptions"}});
  results_of(act(port, id, key, {{"action", "notice"}, {"text", "Notice canary"}}));
  host_console host(port, id, key);
  ASSERT_NE(bytes_of(db).find(canary), std::string::npos);  // the check below can fail

  const auto deleted = http_request(port, http::verb::delete_, "/api/events/" + id + "?rooms=delete", {}, key);

  ASSERT_EQ(deleted.status, 200u) << deleted.body;
  EXPECT_EQ(json::parse(deleted.body), (json{{"deleted", id}, {"rooms", "deleted"}}));
  for (auto* c : {&facilitator, &presenter}) {
    const auto told = c->receive_type("error");
    EXPECT_EQ(told.at("code"), "not_found");
    EXPECT_EQ(told.at("message"), "This event was deleted by its host.");
    EXPECT_TRUE(c->closed_by_server(nullptr));
  }
  const auto host_told = host.ws.receive_type("error");
  EXPECT_EQ(host_told.at("code"), "not_found");
  websocket::close_code why{};
  EXPECT_TRUE(host.ws.closed_by_server(&why));
  EXPECT_EQ(why, websocket::close_code::normal);
  EXPECT_EQ(http_request(port, http::verb::get, "/api/events/" + id, {}, key).status, 403u);
  EXPECT_EQ(stored_sessions(db), std::vector<std::string>{});
  server.reset();
  const auto left = bytes_of(db);
  for (const auto& word : {canary, std::string("Notice canary"), std::string("PD day, 14 March"), key}) {
    EXPECT_EQ(left.find(word), std::string::npos) << word;
  }
}

TEST_F(EventHost, DeletingButKeepingTheRoomsLeavesSessionsThatWorkAndAKeyThatReachesNothing) {
  ws_client facilitator(port);
  facilitator.join(code(1), "Maya", "facilitator", facilitator_key(1));
  host_console host(port, id, key);

  const auto deleted = http_request(port, http::verb::delete_, "/api/events/" + id + "?rooms=keep", {}, key);

  ASSERT_EQ(deleted.status, 200u) << deleted.body;
  EXPECT_EQ(json::parse(deleted.body), (json{{"deleted", id}, {"rooms", "kept"}}));
  EXPECT_EQ(host.ws.receive_type("error").at("code"), "not_found");
  EXPECT_TRUE(host.ws.closed_by_server(nullptr));
  // The room goes on as an independent session.
  EXPECT_EQ(facilitator.ok({{"type", "start_session"}}).at("type"), "ack");
  EXPECT_EQ(stored_sessions(db).size(), static_cast<std::size_t>(room_count));
  // The key opens nothing: not the event, not a look-in, not a subscription.
  EXPECT_EQ(http_request(port, http::verb::get, "/api/events/" + id, {}, key).status, 403u);
  EXPECT_EQ(act(port, id, key, {{"action", "pause"}}).status, 403u);
  ws_client looking(port);
  EXPECT_EQ(look_in(looking, code(1), key).at("code"), "forbidden");
  ws_client console(port);
  console.send({{"type", "host"}, {"version", 2}, {"event", id}, {"key", key}});
  EXPECT_EQ(console.receive().at("code"), "forbidden");
  // Also for a room loaded afresh from disk.
  server.reset();
  server = std::make_unique<test_server>(db);
  ws_client later(server->port());
  EXPECT_EQ(look_in(later, code(2), key).at("code"), "forbidden");
}

TEST_F(EventHost, BadInputsAreRefusedAtTheirLimits) {
  const auto post = [&](const json& body) { return http_request(port, http::verb::post, "/api/events", body.dump()); };
  const json base = {{"template", "learning-partnership"}, {"title", "PD day"}};
  const auto with = [&](const json& extra) {
    auto b = base;
    b.update(extra);
    return b;
  };
  auto r = post(with({{"rooms", 0}}));
  EXPECT_EQ(r.status, 400u);
  EXPECT_EQ(error_code_of(r), "invalid");
  r = post(with({{"rooms", 1001}}));
  EXPECT_EQ(r.status, 413u);
  EXPECT_EQ(error_code_of(r), "too_large");
  r = post(with({{"rooms", 1000}}));
  ASSERT_EQ(r.status, 201u) << r.body;
  EXPECT_EQ(json::parse(r.body).at("rooms").size(), 1000u);
  EXPECT_EQ(json::parse(r.body).at("rooms").at(999).at("label"), "Room 1000");

  r = post(with({{"rooms", 2}, {"labels", {"A", "B"}}}));
  EXPECT_EQ(error_code_of(r), "invalid");
  r = post(base);
  EXPECT_EQ(error_code_of(r), "invalid");
  r = post(with({{"labels", json::array()}}));
  EXPECT_EQ(error_code_of(r), "invalid");
  r = post(with({{"labels", {"Grade 7 science", "   "}}}));
  EXPECT_EQ(error_code_of(r), "invalid");
  r = post(with({{"labels", json(1001, "Triad")}}));
  EXPECT_EQ(error_code_of(r), "too_large");
  r = post(with({{"labels", {"Grade 7 science", std::string(121, 'x')}}}));
  EXPECT_EQ(r.status, 413u);
  EXPECT_EQ(error_code_of(r), "too_large");
  r = post(with({{"labels", {"Grade 7 science", std::string(120, 'x'), "Grade 7 science"}}}));
  ASSERT_EQ(r.status, 201u) << r.body;  // duplicates are allowed
  EXPECT_EQ(json::parse(r.body).at("rooms").at(1).at("label"), std::string(120, 'x'));
  r = post({{"template", "learning-partnership"}, {"title", std::string(121, 't')}, {"rooms", 1}});
  EXPECT_EQ(error_code_of(r), "too_large");
  r = post({{"template", "learning-partnership"}, {"title", " "}, {"rooms", 1}});
  EXPECT_EQ(error_code_of(r), "invalid");
  r = post({{"template", "no-such-template"}, {"title", "PD day"}, {"rooms", 1}});
  EXPECT_EQ(error_code_of(r), "not_found");

  for (const auto& bad : {json{{"action", "dance"}}, json{{"text", "no action"}},
                          json{{"action", "notice"}, {"text", "Hi"}, {"rooms", "all"}},
                          json{{"action", "notice"}, {"text", "Hi"}, {"rooms", json::array()}}}) {
    const auto refused = act(port, id, key, bad);
    EXPECT_EQ(refused.status, 400u) << bad << refused.body;
    EXPECT_EQ(error_code_of(refused), "invalid") << bad;
  }
  json too_many = json::array();
  for (int i = 0; i < 1001; ++i) too_many.push_back(code(1));
  EXPECT_EQ(error_code_of(act(port, id, key, {{"action", "pause"}, {"rooms", too_many}})), "too_large");
  const auto dup = act(port, id, key, {{"action", "notice"}, {"text", "Twice?"}, {"rooms", {code(1), code(1)}}});
  EXPECT_EQ(json::parse(dup.body).at("results").size(), 1u);  // a room named twice is acted on once
  EXPECT_EQ(http_request(port, http::verb::delete_, "/api/events/" + id + "?rooms=some", {}, key).status, 400u);
  EXPECT_EQ(http_request(port, http::verb::get, "/api/events/" + id + "/export?format=ics", {}, key).status, 400u);
}

// What consoles cost shows in /metrics: those subscribed now, and every
// summary sent to one.
TEST(EventHostMetrics, HostConnectionsAndSummariesSentAreCounted) {
  const std::string token = "metrics-token-for-the-event-test-0123";
  temp_dir dir;
  test_server server(dir.path() / "debrief.db", {}, {}, [&](server::config& c) { c.metrics_token = token; });
  const auto event = create_event(server.port(), {{"rooms", 3}});
  const auto scrape = [&] { return http_request(server.port(), http::verb::get, "/metrics", {}, token).body; };
  EXPECT_NE(scrape().find("debrief_host_connections 0"), std::string::npos) << scrape();

  auto host = std::make_unique<host_console>(server.port(), event.at("event"), event.at("host_key"));
  const auto during = scrape();
  EXPECT_NE(during.find("debrief_host_connections 1"), std::string::npos) << during;
  EXPECT_NE(during.find("debrief_room_summaries_sent_total 3"), std::string::npos) << during;  // the welcome's

  host.reset();
  EXPECT_TRUE(eventually([&] { return scrape().find("debrief_host_connections 0") != std::string::npos; }));
}

}  // namespace
}  // namespace debrief::testing
