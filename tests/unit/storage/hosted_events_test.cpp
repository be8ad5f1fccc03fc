// Hosted events (schema 9): an event is created with all its rooms in one
// batch (or not at all), listed in position order with each room's label
// and facilitator key, and each room loads with its place and the event's
// host key. Deleting an event erases every room completely, or keeps them
// as sessions in no event; an event goes with its last room. A file from
// schema 8 keeps every session and inquiry and gains no event.

#include "test_support.hpp"

#include "../../../storage/src/migrations.hpp"

namespace debrief::storage::test {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

constexpr std::int64_t created = 1'763'850'000'000;

hosted_event_record event_of(const std::string& id) {
  return {id, "host-key-of-" + id, "PD day, 14 March", R"({"id":"triad"})", created + 700};
}

// A room of event `event` at `position`, with its first `count` events.
write_batch room_in(const std::string& session, const std::string& event, std::int64_t position,
                    std::int64_t count = 1) {
  auto b = creating(session, count);
  b.create->event = event_place{event, position, "Room " + std::to_string(position)};
  return b;
}

// Event `id` with rooms named by `sessions`, positions 1..N.
write_batch creating_event(const std::string& id, const std::vector<std::string>& sessions) {
  write_batch b;
  b.create_event = event_of(id);
  for (std::size_t i = 0; i < sessions.size(); ++i) {
    b.event_rooms.push_back(room_in(sessions[i], id, static_cast<std::int64_t>(i) + 1));
  }
  return b;
}

write_batch erasing(const std::string& session) {
  write_batch b;
  b.session = session;
  b.erase = true;
  return b;
}

std::vector<std::string> rooms_of(database& db, const std::string& id) {
  std::vector<std::string> out;
  const auto stored = db.load_event(id);
  for (const auto& r : stored->rooms) out.push_back(r.session);
  return out;
}

TEST(HostedEvents, AnEventIsCreatedWithAllItsRoomsInOneBatch) {
  temp_database_file file;
  database db(file.path());
  db.commit({creating("alone")});

  db.commit({creating_event("E1", {"R1", "R2", "R3"})});

  const auto stored = db.load_event("E1");
  ASSERT_TRUE(stored.has_value());
  EXPECT_EQ(stored->record, event_of("E1"));
  EXPECT_GT(stored->ref, 0);
  EXPECT_THAT(stored->rooms, ElementsAre(event_room_row{1, "R1", "Room 1", "key-of-R1"},
                                         event_room_row{2, "R2", "Room 2", "key-of-R2"},
                                         event_room_row{3, "R3", "Room 3", "key-of-R3"}));
  const auto room = db.load_session("R2");
  EXPECT_EQ(room->record.event, (event_place{"E1", 2, "Room 2"}));
  EXPECT_EQ(room->host_key, "host-key-of-E1");
  EXPECT_EQ(room->events, events_between("R2", 1, 1));
  EXPECT_EQ(db.load_session("alone")->record.event, std::nullopt);
  EXPECT_EQ(db.load_session("alone")->host_key, "");
  EXPECT_EQ(db.load_event("E2"), std::nullopt);
}

TEST(HostedEvents, ABadRoomRefusesTheWholeEvent) {
  temp_database_file file;
  database db(file.path());
  db.commit({creating("taken")});

  // A code already in use: nothing of the event is stored.
  EXPECT_THROW(db.commit({creating_event("E1", {"R1", "taken", "R3"})}), storage_error);
  EXPECT_EQ(db.load_event("E1"), std::nullopt);
  EXPECT_EQ(db.load_session("R1"), std::nullopt);
  EXPECT_EQ(db.load_session("R3"), std::nullopt);
  // A room that names another event is refused too.
  auto wrong = creating_event("E2", {"R4"});
  wrong.event_rooms.push_back(room_in("R5", "E9", 2));
  EXPECT_THROW(db.commit({wrong}), batch_refused);
  EXPECT_EQ(db.load_event("E2"), std::nullopt);
  EXPECT_EQ(db.load_session("R4"), std::nullopt);
}

TEST(HostedEvents, ARoomTakesEventsAsAnySessionDoes) {
  temp_database_file file;
  database db(file.path());
  db.commit({creating_event("E1", {"R1", "R2"})});

  db.commit({appending("R1", 2, 4)});

  EXPECT_EQ(db.load_session("R1")->events, events_between("R1", 1, 4));
  EXPECT_THROW(db.commit({appending("R2", 3, 3)}), batch_refused);  // the log is gap-free in a room too
}

TEST(HostedEvents, DeletingAnEventErasesEveryRoomAndLeavesNoWordsBehind) {
  temp_database_file file;
  const std::string canary = "Triad 4 said the fractions lesson fell apart at minute ten";
  {
    database db(file.path());
    auto made = creating_event("E1", {"R1", "R2"});
    made.event_rooms[0].events = {{1, created, R"({"type":"session_created","title":")" + canary + R"("})"}};
    made.event_rooms[1].credentials = {{"p1", "token-of-p1", "secret-of-p1"}};
    made.event_rooms[1].snapshot = snapshot_record{1, R"({"said":")" + canary + R"("})"};
    db.commit({made, creating("outside", 2)});
    ASSERT_NE(bytes_of(file.path()).find(canary) + bytes_of(file.wal()).find(canary), 2 * std::string::npos);

    write_batch erase;
    erase.erase_event = "E1";
    db.commit({erase});

    EXPECT_EQ(db.load_event("E1"), std::nullopt);
    EXPECT_EQ(db.load_session("R1"), std::nullopt);
    EXPECT_EQ(db.load_session("R2"), std::nullopt);
    EXPECT_EQ(db.events_after("R1", 0), std::vector<event_record>{});
    EXPECT_EQ(db.load_session("outside")->events, events_between("outside", 1, 2));
    EXPECT_EQ(bytes_of(file.path()).find(canary), std::string::npos);
    EXPECT_EQ(bytes_of(file.wal()).find(canary), std::string::npos);
    EXPECT_THROW(db.commit({appending("R2", 2, 2)}), batch_refused);
    EXPECT_EQ(bytes_of(file.path()).find("host-key-of-E1"), std::string::npos);
  }
  EXPECT_EQ(bytes_of(file.path()).find(canary), std::string::npos);
}

TEST(HostedEvents, KeepingTheRoomsLeavesThemSessionsInNoEvent) {
  temp_database_file file;
  database db(file.path());
  db.commit({creating_event("E1", {"R1", "R2"})});

  write_batch release;
  release.release_event = "E1";
  db.commit({release});

  EXPECT_EQ(db.load_event("E1"), std::nullopt);
  for (const auto* code : {"R1", "R2"}) {
    const auto room = db.load_session(code);
    ASSERT_TRUE(room.has_value()) << code;
    EXPECT_EQ(room->record.event, std::nullopt) << code;
    EXPECT_EQ(room->host_key, "") << code;  // the host key no longer reaches it
  }
  db.commit({appending("R1", 2, 2)});
  EXPECT_EQ(db.load_session("R1")->events, events_between("R1", 1, 2));
}

TEST(HostedEvents, AnEventGoesWithItsLastRoom) {
  temp_database_file file;
  database db(file.path());
  db.commit({creating_event("E1", {"R1", "R2"}), creating_event("E2", {"R3"})});

  db.commit({erasing("R1")});
  EXPECT_THAT(rooms_of(db, "E1"), ElementsAre("R2"));
  db.commit({erasing("R2")});  // by its facilitator, its expiry or retention: all erase it so

  EXPECT_EQ(db.load_event("E1"), std::nullopt);
  EXPECT_THAT(rooms_of(db, "E2"), ElementsAre("R3"));
}

TEST(HostedEvents, RetentionSeesEachRoomAsASession) {
  temp_database_file file;
  database db(file.path());
  db.commit({creating_event("E1", {"R1", "R2"})});
  auto end = appending("R1", 2, 2);
  end.ended = true;
  db.commit({end});

  EXPECT_THAT(db.sessions_ended_by(event_at("R1", 2).time), ElementsAre(::testing::Field(&ended_session::id, "R1")));
  EXPECT_THAT(db.inquiries_ended_by(event_at("R1", 2).time), IsEmpty());
}

// Schema 8 had no events: every session, inquiry, event, credential and
// snapshot comes through the upgrade as it was, in no event.
TEST(HostedEvents, ADatabaseFromSchemaEightKeepsEverythingAndHasNoEvent) {
  temp_database_file file;
  std::string schema_eight = "PRAGMA journal_mode = WAL;";
  for (std::size_t step = 0; step < 8; ++step) schema_eight += migrations[step];
  schema_eight += R"sql(
    PRAGMA user_version = 8;
    INSERT INTO inquiries (id, key, title, learners, created_at, last_position) VALUES
      ('I1', 'ikey', 'Fractions', '["Student A"]', 5, 2);
    INSERT INTO sessions (id, facilitator_key, created_at, started, timer_due, ended_at, inquiry, inquiry_position,
                          planned_for) VALUES
      ('lobby', 'k1', 10, 0, NULL, NULL, NULL, NULL, NULL),
      ('live', 'k2', 20, 1, 99, NULL, 'I1', 1, NULL),
      ('later', 'k3', 30, 0, NULL, NULL, 'I1', 2, 86400000);
    INSERT INTO events (session, seq, time, body, command_key, ack, scrubbed_body) VALUES
      ('lobby', 1, 10, '{"type":"session_created"}', NULL, NULL, NULL),
      ('live', 1, 20, '{"type":"session_created"}', NULL, NULL, NULL),
      ('live', 2, 21, '{"type":"session_started"}', 'p1:c1', '{"seq":2}', NULL),
      ('later', 1, 30, '{"type":"session_created"}', NULL, NULL, NULL);
    INSERT INTO snapshots (session, seq, state) VALUES ('live', 1, '{"status":"lobby"}');
    INSERT INTO credentials (token, session, participant, client_secret) VALUES ('tok', 'live', 'p1', 'sec');
  )sql";
  exec_raw(file.path(), schema_eight);

  database db(file.path());

  EXPECT_EQ(db.schema_version(), static_cast<int>(migrations.size()));
  const auto all = db.load_sessions();
  ASSERT_EQ(all.size(), 3u);
  for (const auto& s : all) {
    EXPECT_EQ(s.record.event, std::nullopt) << s.record.id;
    EXPECT_EQ(s.host_key, "") << s.record.id;
  }
  const auto live = db.load_session("live");
  EXPECT_EQ(live->record, (session_record{"live", "k2", 20, inquiry_place{"I1", 1}}));
  EXPECT_EQ(live->snapshot, (snapshot_record{1, R"({"status":"lobby"})"}));
  EXPECT_EQ(live->events, (std::vector<event_record>{{2, 21, R"({"type":"session_started"})"}}));
  EXPECT_EQ(live->credentials, (std::vector<credential>{{"p1", "tok", "sec"}}));
  EXPECT_EQ(live->commands, (std::vector<command_record>{{2, "p1:c1", R"({"seq":2})"}}));
  EXPECT_EQ(live->timer_due, 99);
  EXPECT_EQ(db.load_session("later")->record.planned_for, 86400000);
  const auto inquiry = db.load_inquiry("I1");
  ASSERT_TRUE(inquiry.has_value());
  EXPECT_EQ(inquiry->record, (inquiry_record{"I1", "ikey", "Fractions", R"(["Student A"])", 5}));
  EXPECT_THAT(inquiry->sessions, ElementsAre(inquiry_member{1, "live"}, inquiry_member{2, "later"}));
  EXPECT_THAT(db.lobby_sessions_created_by(20), ElementsAre("lobby"));

  db.commit({creating_event("E1", {"R1"})});
  EXPECT_THAT(rooms_of(db, "E1"), ElementsAre("R1"));
}

}  // namespace
}  // namespace debrief::storage::test
