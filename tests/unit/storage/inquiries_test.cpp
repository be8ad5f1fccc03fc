// Inquiries (schema 8): one is created with its first session attached, a
// session joins at the next position only, a deleted session leaves a gap,
// deleting an inquiry erases every session of it with no words left in the
// file or its WAL, and retention sees an inquiry's sessions as a unit. A
// file from schema 7 keeps everything and gains no inquiry.

#include "test_support.hpp"

#include "../../../storage/src/migrations.hpp"

namespace debrief::storage::test {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

constexpr std::int64_t created = 1'763'850'000'000;

inquiry_record inquiry_of(const std::string& id) {
  return {id, "key-of-" + id, "Fractions with Student A", R"(["Student A"])", created + 500};
}

// Makes inquiry `id` with the stored session `first` as its position 1.
write_batch starting_inquiry(const std::string& id, const std::string& first) {
  write_batch b;
  b.session = first;
  b.create_inquiry = inquiry_of(id);
  return b;
}

// A new session of inquiry `inquiry` at `position`.
write_batch creating_in(const std::string& session, const std::string& inquiry, std::int64_t position,
                        std::int64_t count = 1) {
  auto b = creating(session, count);
  b.create->inquiry = inquiry_place{inquiry, position};
  return b;
}

write_batch erasing(const std::string& session) {
  write_batch b;
  b.session = session;
  b.erase = true;
  return b;
}

write_batch ending(const std::string& session, std::int64_t seq) {
  auto b = appending(session, seq, seq);
  b.ended = true;
  return b;
}

std::vector<inquiry_member> members_of(database& db, const std::string& id) { return db.load_inquiry(id)->sessions; }

TEST(Inquiries, AnInquiryIsCreatedWithItsFirstSessionAttached) {
  temp_database_file file;
  database db(file.path());
  db.commit({creating("S1", 2), creating("other", 1)});

  db.commit({starting_inquiry("I1", "S1")});

  const auto stored = db.load_inquiry("I1");
  ASSERT_TRUE(stored.has_value());
  EXPECT_EQ(stored->record, inquiry_of("I1"));
  EXPECT_EQ(stored->last_position, 1);
  EXPECT_GT(stored->ref, 0);
  EXPECT_THAT(stored->sessions, ElementsAre(inquiry_member{1, "S1"}));
  EXPECT_EQ(db.load_session("S1")->record.inquiry, (inquiry_place{"I1", 1}));
  EXPECT_EQ(db.load_session("other")->record.inquiry, std::nullopt);
  EXPECT_EQ(db.load_inquiry("I2"), std::nullopt);
}

TEST(Inquiries, ASessionAlreadyInAnInquiryOrNotStoredCannotStartOne) {
  temp_database_file file;
  database db(file.path());
  db.commit({creating("S1")});
  db.commit({starting_inquiry("I1", "S1")});

  EXPECT_THROW(db.commit({starting_inquiry("I2", "S1")}), batch_refused);
  EXPECT_THROW(db.commit({starting_inquiry("I3", "missing")}), batch_refused);
  EXPECT_EQ(db.load_inquiry("I2"), std::nullopt);  // nothing of a refused batch is kept
  EXPECT_EQ(db.load_inquiry("I3"), std::nullopt);
  EXPECT_EQ(db.load_session("S1")->record.inquiry, (inquiry_place{"I1", 1}));
}

TEST(Inquiries, SessionsJoinAtTheNextPositionOnlyAndADeletedOneLeavesAGap) {
  temp_database_file file;
  database db(file.path());
  db.commit({creating("S1")});
  db.commit({starting_inquiry("I1", "S1")});

  db.commit({creating_in("S2", "I1", 2)});
  EXPECT_THROW(db.commit({creating_in("S2b", "I1", 2)}), batch_refused);  // taken meanwhile
  EXPECT_THROW(db.commit({creating_in("S4", "I1", 4)}), batch_refused);   // skips one
  EXPECT_THROW(db.commit({creating_in("S9", "nope", 1)}), batch_refused);
  EXPECT_EQ(db.load_session("S2b"), std::nullopt);
  db.commit({creating_in("S3", "I1", 3)});
  db.commit({erasing("S3")});
  EXPECT_THROW(db.commit({creating_in("S3b", "I1", 3)}), batch_refused);  // never given twice
  db.commit({creating_in("S4", "I1", 4, 2)});

  EXPECT_THAT(members_of(db, "I1"),
              ElementsAre(inquiry_member{1, "S1"}, inquiry_member{2, "S2"}, inquiry_member{4, "S4"}));
  EXPECT_EQ(db.load_inquiry("I1")->last_position, 4);
  EXPECT_EQ(db.load_session("S4")->record.inquiry, (inquiry_place{"I1", 4}));
  EXPECT_EQ(db.load_session("S4")->events, events_between("S4", 1, 2));
}

TEST(Inquiries, DeletingAnInquiryErasesEverySessionOfItAndLeavesNoWordsBehind) {
  temp_database_file file;
  const std::string canary = "Student A said she counts on her fingers under the desk";
  {
    database db(file.path());
    auto first = creating("S1", 0);
    first.events = {{1, created, R"({"type":"session_created","title":")" + canary + R"("})"}};
    first.credentials = {{"p1", "token-of-p1", "secret-of-p1"}};
    first.snapshot = snapshot_record{1, R"({"said":")" + canary + R"("})"};
    db.commit({first, creating("outside", 2)});
    db.commit({starting_inquiry("I1", "S1")});
    auto second = creating_in("S2", "I1", 2, 0);
    second.events = {{1, created, R"({"type":"check_in_saved","happened":")" + canary + R"("})"}};
    db.commit({second});
    ASSERT_NE(bytes_of(file.path()).find(canary) + bytes_of(file.wal()).find(canary),
              2 * std::string::npos);  // it is there before

    write_batch erase;
    erase.erase_inquiry = "I1";
    db.commit({erase});

    EXPECT_EQ(db.load_inquiry("I1"), std::nullopt);
    EXPECT_EQ(db.load_session("S1"), std::nullopt);
    EXPECT_EQ(db.load_session("S2"), std::nullopt);
    EXPECT_EQ(db.events_after("S1", 0), std::vector<event_record>{});
    EXPECT_EQ(db.load_session("outside")->events, events_between("outside", 1, 2));
    // Secure delete zeroed the pages and the log was folded in and emptied,
    // while the server's connection is still open.
    EXPECT_EQ(bytes_of(file.path()).find(canary), std::string::npos);
    EXPECT_EQ(bytes_of(file.wal()).find(canary), std::string::npos);
    // A session of the deleted inquiry can take no more events.
    EXPECT_THROW(db.commit({appending("S2", 2, 2)}), batch_refused);
  }
  EXPECT_EQ(bytes_of(file.path()).find(canary), std::string::npos);
}

TEST(Inquiries, RetentionSeesAnInquiryOnlyOnceEverySessionOfItHasEnded) {
  temp_database_file file;
  database db(file.path());
  db.commit({creating("S1", 2), creating("alone", 2)});
  db.commit({starting_inquiry("I1", "S1")});
  db.commit({creating_in("S2", "I1", 2, 3)});
  db.commit({ending("S1", 3), ending("alone", 3)});
  const auto first_end = event_at("S1", 3).time;

  // S2 is still open: the inquiry is not over, and S1 is not deleted alone.
  EXPECT_THAT(db.inquiries_ended_by(first_end + 1'000'000), IsEmpty());
  EXPECT_THAT(db.sessions_ended_by(first_end + 1'000'000), ElementsAre(::testing::Field(&ended_session::id, "alone")));

  db.commit({ending("S2", 4)});
  const auto last_end = event_at("S2", 4).time;
  EXPECT_THAT(db.inquiries_ended_by(last_end - 1), IsEmpty());
  EXPECT_THAT(db.inquiries_ended_by(last_end), ElementsAre(ended_inquiry{"I1", last_end, {"S1", "S2"}}));
  EXPECT_THAT(db.sessions_ended_by(last_end), ElementsAre(::testing::Field(&ended_session::id, "alone")));
}

TEST(Inquiries, AnInquiryWithNoSessionLeftEndsWhenItWasCreated) {
  temp_database_file file;
  database db(file.path());
  db.commit({creating("S1")});
  db.commit({starting_inquiry("I1", "S1")});
  db.commit({erasing("S1")});

  ASSERT_TRUE(db.load_inquiry("I1").has_value());  // the inquiry stays
  EXPECT_THAT(db.load_inquiry("I1")->sessions, IsEmpty());
  EXPECT_THAT(db.inquiries_ended_by(inquiry_of("I1").created_at - 1), IsEmpty());
  EXPECT_THAT(db.inquiries_ended_by(inquiry_of("I1").created_at), ElementsAre(ended_inquiry{"I1", created + 500, {}}));
}

TEST(Inquiries, ASessionPlannedForALaterDayWaitsInTheLobbyUntilThen) {
  temp_database_file file;
  database db(file.path());
  const std::int64_t spring = created + 150LL * 24 * 60 * 60 * 1000;
  auto planned = creating("planned");
  planned.create->planned_for = spring;
  db.commit({planned, creating("unplanned")});

  EXPECT_EQ(db.load_session("planned")->record.planned_for, spring);
  EXPECT_THAT(db.lobby_sessions_created_by(created), ElementsAre("unplanned"));
  EXPECT_THAT(db.lobby_sessions_created_by(spring - 1), ElementsAre("unplanned"));
  EXPECT_THAT(db.lobby_sessions_created_by(spring), ElementsAre("planned", "unplanned"));
}

// Schema 7 had no inquiries: every session, event, credential and snapshot
// comes through the upgrade as it was, in no inquiry, and can start one.
TEST(Inquiries, ADatabaseFromSchemaSevenKeepsEverythingAndHasNoInquiry) {
  temp_database_file file;
  std::string schema_seven = "PRAGMA journal_mode = WAL;";
  for (std::size_t step = 0; step < 7; ++step) schema_seven += migrations[step];
  schema_seven += R"sql(
    PRAGMA user_version = 7;
    INSERT INTO sessions (id, facilitator_key, created_at, started, timer_due, ended_at) VALUES
      ('lobby', 'k1', 10, 0, NULL, NULL), ('live', 'k2', 20, 1, 99, NULL), ('over', 'k3', 30, 1, NULL, 35);
    INSERT INTO events (session, seq, time, body, command_key, ack, scrubbed_body) VALUES
      ('lobby', 1, 10, '{"type":"session_created"}', NULL, NULL, NULL),
      ('live', 1, 20, '{"type":"session_created"}', NULL, NULL, NULL),
      ('live', 2, 21, '{"type":"session_started"}', 'p1:c1', '{"seq":2}', NULL),
      ('live', 3, 22, '{"type":"transcript_imported"}', NULL, NULL, '{"type":"scrubbed"}'),
      ('over', 1, 30, '{"type":"session_created"}', NULL, NULL, NULL),
      ('over', 2, 35, '{"type":"session_ended"}', NULL, NULL, NULL);
    INSERT INTO snapshots (session, seq, state) VALUES ('over', 1, '{"status":"lobby"}');
    INSERT INTO credentials (token, session, participant, client_secret) VALUES ('tok', 'live', 'p1', 'sec');
  )sql";
  exec_raw(file.path(), schema_seven);

  database db(file.path());

  EXPECT_EQ(db.schema_version(), static_cast<int>(migrations.size()));
  const auto all = db.load_sessions();
  ASSERT_EQ(all.size(), 3u);
  for (const auto& s : all) {
    EXPECT_EQ(s.record.inquiry, std::nullopt) << s.record.id;
    EXPECT_EQ(s.record.planned_for, std::nullopt) << s.record.id;
  }
  const auto live = db.load_session("live");
  EXPECT_EQ(live->record, (session_record{"live", "k2", 20}));
  EXPECT_EQ(live->events,
            (std::vector<event_record>{{1, 20, R"({"type":"session_created"})"},
                                       {2, 21, R"({"type":"session_started"})"},
                                       {3, 22, R"({"type":"transcript_imported"})", R"({"type":"scrubbed"})"}}));
  EXPECT_EQ(live->credentials, (std::vector<credential>{{"p1", "tok", "sec"}}));
  EXPECT_EQ(live->commands, (std::vector<command_record>{{2, "p1:c1", R"({"seq":2})"}}));
  EXPECT_EQ(live->timer_due, 99);
  const auto over = db.load_session("over");
  EXPECT_EQ(over->snapshot, (snapshot_record{1, R"({"status":"lobby"})"}));
  EXPECT_EQ(over->events.size(), 1u);  // those after the snapshot
  EXPECT_EQ(over->ended_at, 35);
  EXPECT_THAT(db.lobby_sessions_created_by(1000), ElementsAre("lobby"));
  EXPECT_THAT(db.sessions_ended_by(1000), ElementsAre(::testing::Field(&ended_session::id, "over")));
  EXPECT_THAT(db.inquiries_ended_by(1000), IsEmpty());

  db.commit({starting_inquiry("I1", "over")});
  EXPECT_THAT(members_of(db, "I1"), ElementsAre(inquiry_member{1, "over"}));
  EXPECT_THAT(db.sessions_ended_by(1000), IsEmpty());  // now kept with its inquiry
}

}  // namespace
}  // namespace debrief::storage::test
