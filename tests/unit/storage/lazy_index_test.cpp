// What the server finds without loading sessions: the one it names, those
// whose timer runs, those left in the lobby. And a database from before
// schema 5 gets the same answers.

#include <sqlite3.h>

#include "test_support.hpp"

#include "../../../storage/src/migrations.hpp"

namespace debrief::storage::test {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

TEST(LazyIndex, OneSessionIsLoadedByItsIdAndAnUnknownIdIsNone) {
  temp_database_file file;
  database db(file.path());
  db.commit({creating("S1", 3), creating("S2", 2)});
  auto later = appending("S1", 4, 4);
  later.credentials = {{"p1", "token-a", "secret"}};
  db.commit({later});

  const auto s1 = db.load_session("S1");
  ASSERT_TRUE(s1.has_value());
  EXPECT_EQ(s1->record, record_of("S1"));
  EXPECT_EQ(s1->events, events_between("S1", 1, 4));
  EXPECT_THAT(s1->credentials, ElementsAre(credential{"p1", "token-a", "secret"}));
  EXPECT_EQ(s1->timer_due, std::nullopt);
  EXPECT_FALSE(db.load_session("S3").has_value());
}

TEST(LazyIndex, RunningTimersAreListedSoonestFirstUntilTheyStop) {
  temp_database_file file;
  database db(file.path());
  db.commit({creating("S1"), creating("S2"), creating("S3")});
  const auto due = due_at;
  db.commit({due("S1", 2, 5000), due("S2", 2, 3000)});
  EXPECT_THAT(db.running_timers(), ElementsAre(due_timer{"S2", 3000}, due_timer{"S1", 5000}));
  EXPECT_EQ(db.load_session("S1")->timer_due, 5000);

  db.commit({due("S2", 3, std::nullopt)});
  EXPECT_THAT(db.running_timers(), ElementsAre(due_timer{"S1", 5000}));
  // A batch that does not say leaves the stored deadline alone.
  db.commit({appending("S1", 3, 3)});
  EXPECT_THAT(db.running_timers(), ElementsAre(due_timer{"S1", 5000}));
}

// Several commands of one room in one commit: the stored deadline is the
// last one, whichever way the timer went in between.
TEST(LazyIndex, SeveralDeadlinesOfOneSessionInOneCommitLeaveTheLast) {
  temp_database_file file;
  database db(file.path());
  db.commit({creating("S1"), creating("S2"), creating("S3")});
  db.commit({due_at("S3", 2, 9000)});
  db.commit({due_at("S1", 2, 5000), due_at("S2", 2, std::nullopt), due_at("S1", 3, 7000), due_at("S2", 3, 3000),
             due_at("S3", 3, 4000), due_at("S3", 4, std::nullopt)});

  EXPECT_THAT(db.running_timers(), ElementsAre(due_timer{"S2", 3000}, due_timer{"S1", 7000}));
  EXPECT_EQ(db.load_session("S3")->timer_due, std::nullopt);
  database reopened(file.path());
  EXPECT_THAT(reopened.running_timers(), ElementsAre(due_timer{"S2", 3000}, due_timer{"S1", 7000}));
}

// A deadline set before its session is erased in the same commit does not
// reach a session made again with that id after the erase.
TEST(LazyIndex, ADeadlineDiesWithItsSessionErasedInTheSameCommit) {
  temp_database_file file;
  database db(file.path());
  db.commit({creating("S1")});
  write_batch erase;
  erase.session = "S1";
  erase.erase = true;
  db.commit({due_at("S1", 2, 5000), erase, creating("S1")});

  EXPECT_THAT(db.running_timers(), IsEmpty());
  EXPECT_EQ(db.load_session("S1")->timer_due, std::nullopt);
}

TEST(LazyIndex, SessionsLeftInTheLobbyAreFoundByAgeUntilStarted) {
  temp_database_file file;
  database db(file.path());
  db.commit({creating("old", 1, 1000), creating("new", 1, 5000), creating("begun", 1, 1000)});
  auto start = appending("begun", 2, 2);
  start.started = true;
  db.commit({start});

  EXPECT_THAT(db.lobby_sessions_created_by(1000), ElementsAre("old"));
  EXPECT_THAT(db.lobby_sessions_created_by(5000), ElementsAre("old", "new"));
  EXPECT_THAT(db.lobby_sessions_created_by(999), IsEmpty());
}

// Schema 4 had neither column: a started session is recognised from its
// log, and one that may have a timer running is marked for a look (due 0).
TEST(LazyIndex, ADatabaseFromSchemaFourIsIndexedByTheUpgrade) {
  temp_database_file file;
  std::string schema_four = "PRAGMA journal_mode = WAL;";
  for (std::size_t step = 0; step < 4; ++step) schema_four += migrations[step];
  schema_four += R"sql(
    PRAGMA user_version = 4;
    INSERT INTO sessions (id, facilitator_key, created_at, ended) VALUES
      ('lobby', 'k', 10, 0), ('live', 'k', 20, 0), ('over', 'k', 30, 1);
    INSERT INTO events (session, seq, time, body) VALUES
      ('lobby', 1, 10, '{"type":"session_created"}'),
      ('live', 1, 20, '{"type":"session_created"}'), ('live', 2, 21, '{"type":"session_started"}'),
      ('over', 1, 30, '{"type":"session_created"}'), ('over', 2, 31, '{"type":"session_started"}'),
      ('over', 3, 32, '{"type":"session_ended"}');
  )sql";
  exec_raw(file.path(), schema_four);

  database db(file.path());

  EXPECT_EQ(db.schema_version(), static_cast<int>(migrations.size()));
  EXPECT_THAT(db.lobby_sessions_created_by(100), ElementsAre("lobby"));
  EXPECT_THAT(db.running_timers(), ElementsAre(due_timer{"live", 0}));
  EXPECT_EQ(db.load_session("live")->timer_due, 0);
  EXPECT_EQ(db.load_session("over")->events.size(), 3u);
}

}  // namespace
}  // namespace debrief::storage::test
