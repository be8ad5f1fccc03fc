// When a session ended is stored (schema 7), so that retention finds the
// sessions ended long enough ago without loading any; a file from schema 6
// gets the time from its log. And a session deleted by another process
// (debrief-server admin delete) refuses a later batch without failing storage.

#include "test_support.hpp"

#include "../../../storage/src/migrations.hpp"

namespace debrief::storage::test {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

write_batch ending(const std::string& session, std::int64_t seq) {
  auto b = appending(session, seq, seq);
  b.ended = true;
  return b;
}

TEST(RetentionIndex, EndedSessionsAreFoundByWhenTheyEndedLongestEndedFirst) {
  temp_database_file file;
  database db(file.path());
  db.commit({creating("early", 2), creating("late", 3), creating("running", 2)});
  db.commit({ending("late", 4)});
  db.commit({ending("early", 3)});
  const auto late_end = event_at("late", 4).time;
  const auto early_end = event_at("early", 3).time;
  ASSERT_LT(early_end, late_end);

  EXPECT_THAT(db.sessions_ended_by(late_end),
              ElementsAre(ended_session{"early", db.load_session("early")->ref, early_end, 3},
                          ended_session{"late", db.load_session("late")->ref, late_end, 4}));
  EXPECT_THAT(db.sessions_ended_by(late_end - 1), ElementsAre(::testing::Field(&ended_session::id, "early")));
  EXPECT_THAT(db.sessions_ended_by(early_end - 1), IsEmpty());
  EXPECT_EQ(db.load_session("late")->ended_at, late_end);
  EXPECT_EQ(db.load_session("running")->ended_at, std::nullopt);
}

TEST(RetentionIndex, EachSessionHasItsOwnReference) {
  temp_database_file file;
  database db(file.path());
  db.commit({creating("a"), creating("b")});
  EXPECT_GT(db.load_session("a")->ref, 0);
  EXPECT_NE(db.load_session("a")->ref, db.load_session("b")->ref);
}

// Schema 6 kept only a flag: the upgrade takes the end from the log.
TEST(RetentionIndex, ADatabaseFromSchemaSixGetsEachEndFromItsLog) {
  temp_database_file file;
  std::string schema_six = "PRAGMA journal_mode = WAL;";
  for (std::size_t step = 0; step < 6; ++step) schema_six += migrations[step];
  schema_six += R"sql(
    PRAGMA user_version = 6;
    INSERT INTO sessions (id, facilitator_key, created_at, ended, started) VALUES
      ('lobby', 'k', 10, 0, 0), ('live', 'k', 20, 0, 1), ('over', 'k', 30, 1, 1), ('odd', 'k', 40, 1, 1);
    INSERT INTO events (session, seq, time, body) VALUES
      ('lobby', 1, 10, '{"type":"session_created"}'),
      ('live', 1, 20, '{"type":"session_created"}'), ('live', 2, 21, '{"type":"session_started"}'),
      ('over', 1, 30, '{"type":"session_created"}'), ('over', 2, 31, '{"type":"session_started"}'),
      ('over', 3, 35, '{"type":"session_ended"}'), ('over', 4, 36, '{"type":"presence_changed"}'),
      ('odd', 1, 40, '{"type":"session_created"}'), ('odd', 2, 47, '{"type":"presence_changed"}');
  )sql";
  exec_raw(file.path(), schema_six);

  database db(file.path());

  EXPECT_EQ(db.schema_version(), static_cast<int>(migrations.size()));
  EXPECT_EQ(db.load_session("over")->ended_at, 35);  // its session_ended event, not its last
  EXPECT_EQ(db.load_session("odd")->ended_at, 47);   // no such event: its last
  EXPECT_EQ(db.load_session("live")->ended_at, std::nullopt);
  EXPECT_EQ(db.load_session("lobby")->ended_at, std::nullopt);
  EXPECT_THAT(db.sessions_ended_by(1000),
              ElementsAre(::testing::Field(&ended_session::id, "over"), ::testing::Field(&ended_session::id, "odd")));
  EXPECT_EQ(db.load_session("over")->events.size(), 4u);
  // The old flag is gone; ending a session writes the time.
  db.commit({ending("live", 3)});
  EXPECT_EQ(db.load_session("live")->ended_at, event_at("live", 3).time);
}

TEST(RetentionIndex, ASessionDeletedByAnotherConnectionRefusesItsNextBatch) {
  temp_database_file file;
  database server(file.path());
  server.commit({creating("S1", 2), creating("S2", 1)});
  {
    database admin(file.path());
    write_batch erase;
    erase.session = "S1";
    erase.erase = true;
    admin.commit({erase});
  }
  EXPECT_THROW(server.commit({appending("S1", 3, 3)}), batch_refused);
  server.commit({appending("S2", 2, 2)});  // storage itself is fine
  EXPECT_EQ(server.load_session("S2")->events.size(), 2u);
  EXPECT_FALSE(server.load_session("S1").has_value());
}

TEST(RetentionIndex, AWriteLockedByAnotherConnectionPastTheTimeoutIsBusy) {
  temp_database_file file;
  database db(file.path());
  db.commit({creating("S1")});
  sqlite3* other = nullptr;
  ASSERT_EQ(sqlite3_open(file.path().c_str(), &other), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(other, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr), SQLITE_OK);
  db.set_busy_timeout(std::chrono::milliseconds(20));
  EXPECT_THROW(db.commit({appending("S1", 2, 2)}), storage_busy);
  EXPECT_EQ(db.events_after("S1", 0).size(), 1u);  // reading goes on beside the lock
  sqlite3_exec(other, "ROLLBACK", nullptr, nullptr, nullptr);
  sqlite3_close(other);
  db.commit({appending("S1", 2, 2)});
}

}  // namespace
}  // namespace debrief::storage::test
