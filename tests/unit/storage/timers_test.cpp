// Timer deadlines (schema 10): a session has a row in `timers` only while
// its timer runs, and the row goes with the session however the session is
// deleted, leaving nothing in the file or its WAL; a deadline for a session
// deleted by another process refuses its batch. A file from schema 9 keeps
// every running timer and every session.

#include "test_support.hpp"

#include "../../../storage/src/migrations.hpp"

namespace debrief::storage::test {
namespace {

using ::testing::ElementsAre;

std::int64_t timer_rows(const temp_database_file& file) {
  return query_raw(file.path(), "SELECT COUNT(*) FROM timers");
}

write_batch erasing(const std::string& session) {
  write_batch b;
  b.session = session;
  b.erase = true;
  return b;
}

// Only the deadline: what a room writes when it corrects a deadline it loaded.
write_batch deadline_only(const std::string& session, std::optional<std::int64_t> at) {
  write_batch b;
  b.session = session;
  b.timer_changed = true;
  b.timer_due = at;
  return b;
}

TEST(Timers, AStoppedTimerLeavesNoRow) {
  temp_database_file file;
  database db(file.path());
  db.commit({creating("S1"), creating("S2"), creating("S3")});
  db.commit({due_at("S1", 2, 5000), due_at("S2", 2, 6000)});
  ASSERT_EQ(timer_rows(file), 2);

  db.commit({due_at("S1", 3, std::nullopt), due_at("S3", 2, std::nullopt)});

  EXPECT_EQ(timer_rows(file), 1);
  EXPECT_THAT(db.running_timers(), ElementsAre(due_timer{"S2", 6000}));
  EXPECT_EQ(db.load_session("S1")->timer_due, std::nullopt);
  EXPECT_EQ(db.load_session("S2")->timer_due, 6000);
}

// Sessions are deleted alone, with their inquiry, or with their event: in
// each case the timer row cascades with the session row.
TEST(Timers, ADeadlineGoesWithItsSessionHoweverTheSessionIsDeleted) {
  temp_database_file file;
  database db(file.path());
  auto room = creating("room");
  room.create->event = event_place{"E1", 1, "Room 1"};
  write_batch event;
  event.create_event = hosted_event_record{"E1", "host-key", "PD day", "{}", 1};
  event.event_rooms = {room};
  db.commit({creating("alone"), creating("member"), creating("kept"), event});
  write_batch inquiry;
  inquiry.session = "member";
  inquiry.create_inquiry = inquiry_record{"I1", "inquiry-key", "Fractions", "[]", 1};
  db.commit({inquiry});
  db.commit({due_at("alone", 2, 1000), due_at("member", 2, 2000), due_at("room", 2, 3000), due_at("kept", 2, 4000)});
  ASSERT_EQ(timer_rows(file), 4);

  db.commit({erasing("alone")});
  write_batch erase_inquiry;
  erase_inquiry.erase_inquiry = "I1";
  db.commit({erase_inquiry});
  write_batch erase_event;
  erase_event.erase_event = "E1";
  db.commit({erase_event});

  EXPECT_THAT(db.running_timers(), ElementsAre(due_timer{"kept", 4000}));
  EXPECT_EQ(timer_rows(file), 1);
}

TEST(Timers, AnErasedSessionsDeadlineLeavesNothingInTheFileOrItsWal) {
  temp_database_file file;
  const std::string id = "SESSION-WITH-A-RUNNING-TIMER-7f3a";
  {
    database db(file.path());
    db.commit({creating(id), creating("other")});
    db.commit({due_at(id, 2, 5000), due_at("other", 2, 6000)});
    ASSERT_NE(bytes_of(file.path()).find(id) + bytes_of(file.wal()).find(id), 2 * std::string::npos);

    db.commit({erasing(id)});

    EXPECT_THAT(db.running_timers(), ElementsAre(due_timer{"other", 6000}));
    EXPECT_EQ(bytes_of(file.path()).find(id), std::string::npos);
    EXPECT_EQ(bytes_of(file.wal()).find(id), std::string::npos);
  }
  EXPECT_EQ(bytes_of(file.path()).find(id), std::string::npos);
}

// `debrief-server admin delete` beside the server: the server's next
// deadline for that session is refused like its next event, and storage is
// fine. Stopping the timer of a session that is gone has nothing to delete.
TEST(Timers, ADeadlineForASessionDeletedByAnotherConnectionIsRefused) {
  temp_database_file file;
  database server(file.path());
  server.commit({creating("S1"), creating("S2")});
  server.commit({due_at("S1", 2, 5000)});
  {
    database admin(file.path());
    admin.commit({erasing("S1")});
  }

  EXPECT_THROW(server.commit({deadline_only("S1", 7000)}), batch_refused);
  server.commit({deadline_only("S1", std::nullopt)});
  server.commit({due_at("S2", 2, 8000)});
  EXPECT_THAT(server.running_timers(), ElementsAre(due_timer{"S2", 8000}));
  EXPECT_EQ(timer_rows(file), 1);
}

// Schema 9 kept the deadline in the sessions row, 0 meaning "look at it at
// the next start" (schema 5): each moves to the timers table as it was, the
// old column and its index go, and everything else stays.
TEST(Timers, ADatabaseFromSchemaNineKeepsEveryRunningTimer) {
  temp_database_file file;
  std::string schema_nine = "PRAGMA journal_mode = WAL;";
  for (std::size_t step = 0; step < 9; ++step) schema_nine += migrations[step];
  schema_nine += R"sql(
    PRAGMA user_version = 9;
    INSERT INTO inquiries (id, key, title, learners, created_at, last_position) VALUES
      ('I1', 'ikey', 'Fractions', '["Student A"]', 5, 1);
    INSERT INTO hosted_events (id, host_key, title, template, created_at) VALUES ('E1', 'hkey', 'PD day', '{}', 6);
    INSERT INTO sessions (id, facilitator_key, created_at, started, timer_due, ended_at, inquiry, inquiry_position,
                          planned_for, hosted_event, event_position, event_label) VALUES
      ('lobby', 'k1', 10, 0, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
      ('live', 'k2', 20, 1, 99000, NULL, 'I1', 1, NULL, NULL, NULL, NULL),
      ('look', 'k3', 30, 1, 0, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
      ('paused', 'k4', 40, 1, NULL, NULL, NULL, NULL, NULL, 'E1', 1, 'Room 1'),
      ('room', 'k5', 50, 1, 98000, NULL, NULL, NULL, NULL, 'E1', 2, 'Room 2'),
      ('over', 'k6', 60, 1, NULL, 65, NULL, NULL, NULL, NULL, NULL, NULL);
    INSERT INTO events (session, seq, time, body, command_key, ack, scrubbed_body) VALUES
      ('lobby', 1, 10, '{"type":"session_created"}', NULL, NULL, NULL),
      ('live', 1, 20, '{"type":"session_created"}', NULL, NULL, NULL),
      ('live', 2, 21, '{"type":"timer_started"}', 'p1:c1', '{"seq":2}', NULL),
      ('look', 1, 30, '{"type":"session_created"}', NULL, NULL, NULL),
      ('paused', 1, 40, '{"type":"session_created"}', NULL, NULL, NULL),
      ('room', 1, 50, '{"type":"session_created"}', NULL, NULL, NULL),
      ('over', 1, 60, '{"type":"session_created"}', NULL, NULL, NULL),
      ('over', 2, 65, '{"type":"session_ended"}', NULL, NULL, NULL);
    INSERT INTO snapshots (session, seq, state) VALUES ('live', 1, '{"status":"lobby"}');
    INSERT INTO credentials (token, session, participant, client_secret) VALUES ('tok', 'live', 'p1', 'sec');
  )sql";
  exec_raw(file.path(), schema_nine);

  database db(file.path());

  EXPECT_EQ(db.schema_version(), static_cast<int>(migrations.size()));
  EXPECT_THAT(db.running_timers(),
              ElementsAre(due_timer{"look", 0}, due_timer{"room", 98000}, due_timer{"live", 99000}));
  const auto all = db.load_sessions();
  ASSERT_EQ(all.size(), 6u);
  const auto live = db.load_session("live");
  EXPECT_EQ(live->record, (session_record{"live", "k2", 20, inquiry_place{"I1", 1}}));
  EXPECT_EQ(live->timer_due, 99000);
  EXPECT_EQ(live->snapshot, (snapshot_record{1, R"({"status":"lobby"})"}));
  EXPECT_EQ(live->events, (std::vector<event_record>{{2, 21, R"({"type":"timer_started"})"}}));
  EXPECT_EQ(live->credentials, (std::vector<credential>{{"p1", "tok", "sec"}}));
  EXPECT_EQ(live->commands, (std::vector<command_record>{{2, "p1:c1", R"({"seq":2})"}}));
  EXPECT_EQ(db.load_session("look")->timer_due, 0);
  EXPECT_EQ(db.load_session("paused")->timer_due, std::nullopt);
  EXPECT_EQ(db.load_session("room")->host_key, "hkey");
  EXPECT_EQ(db.load_session("over")->ended_at, 65);
  EXPECT_THAT(db.lobby_sessions_created_by(1000), ElementsAre("lobby"));
  EXPECT_THAT(db.sessions_ended_by(1000), ElementsAre(::testing::Field(&ended_session::id, "over")));
  EXPECT_EQ(db.load_event("E1")->rooms.size(), 2u);
  EXPECT_EQ(query_raw(file.path(), "SELECT COUNT(*) FROM pragma_table_info('sessions') WHERE name = 'timer_due'"), 0);
  EXPECT_EQ(query_raw(file.path(), "SELECT COUNT(*) FROM sqlite_schema WHERE name = 'sessions_with_timer'"), 0);

  // Deadlines are written as before the upgrade.
  db.commit({due_at("paused", 2, 97000), due_at("live", 3, std::nullopt)});
  EXPECT_THAT(db.running_timers(),
              ElementsAre(due_timer{"look", 0}, due_timer{"paused", 97000}, due_timer{"room", 98000}));
}

}  // namespace
}  // namespace debrief::storage::test
