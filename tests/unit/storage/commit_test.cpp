// Committing batches and loading sessions back: every commit is all or
// nothing, every session's log is gap-free, and a reopened file holds it all.

#include "test_support.hpp"

namespace debrief::storage::test {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::UnorderedElementsAre;

class Commit : public ::testing::Test {
 protected:
  temp_database_file file;
  database db{file.path()};
};

TEST_F(Commit, ACreatedSessionLoadsWithItsEventsInOrderAndItsCredentials) {
  auto batch = creating("S1", 3);
  batch.credentials = {{"p1", "token-a"}, {"p2", "token-b"}};
  db.commit({batch});

  const auto loaded = db.load_sessions();

  ASSERT_EQ(loaded.size(), 1u);
  EXPECT_EQ(loaded[0].record, record_of("S1"));
  EXPECT_EQ(loaded[0].snapshot, std::nullopt);
  EXPECT_EQ(loaded[0].events, events_between("S1", 1, 3));
  EXPECT_THAT(loaded[0].credentials, UnorderedElementsAre(credential{"p1", "token-a"}, credential{"p2", "token-b"}));
}

TEST_F(Commit, AJoinsClientSecretIsKeptWithItsCredential) {
  auto batch = creating("S1", 2);
  batch.credentials = {{"p1", "token-a", "secret-of-the-first-join-0123456789"}};
  db.commit({batch});

  EXPECT_THAT(db.load_sessions().at(0).credentials,
              ElementsAre(credential{"p1", "token-a", "secret-of-the-first-join-0123456789"}));
}

TEST_F(Commit, AppendedBatchesFollowTheStoredEvents) {
  db.commit({creating("S1", 2)});
  db.commit({appending("S1", 3, 3)});
  db.commit({appending("S1", 4, 7)});

  ASSERT_EQ(db.load_sessions().size(), 1u);
  EXPECT_EQ(db.load_sessions()[0].events, events_between("S1", 1, 7));
}

TEST_F(Commit, CredentialsAddedLaterAreLoadedToo) {
  db.commit({creating("S1", 1)});
  auto later = appending("S1", 2, 2);
  later.credentials = {{"p3", "token-c"}};
  db.commit({later});

  EXPECT_THAT(db.load_sessions().at(0).credentials, ElementsAre(credential{"p3", "token-c"}));
}

TEST_F(Commit, ASnapshotLoadsWithOnlyTheEventsAfterIt) {
  auto batch = creating("S1", 5);
  batch.snapshot = snapshot_record{3, R"({"status":"live"})"};
  db.commit({batch});

  const auto loaded = db.load_sessions();

  ASSERT_EQ(loaded.size(), 1u);
  EXPECT_EQ(loaded[0].snapshot, (snapshot_record{3, R"({"status":"live"})"}));
  EXPECT_EQ(loaded[0].events, events_between("S1", 4, 5));
}

TEST_F(Commit, ANewerSnapshotReplacesTheOlderOne) {
  auto first = creating("S1", 4);
  first.snapshot = snapshot_record{2, R"({"v":2})"};
  auto second = appending("S1", 5, 6);
  second.snapshot = snapshot_record{6, R"({"v":6})"};
  db.commit({first});
  db.commit({second});

  const auto loaded = db.load_sessions();

  ASSERT_EQ(loaded.size(), 1u);
  EXPECT_EQ(loaded[0].snapshot, (snapshot_record{6, R"({"v":6})"}));
  EXPECT_THAT(loaded[0].events, IsEmpty());
}

TEST_F(Commit, EventsAfterGivesTheEventsFollowingASeq) {
  db.commit({creating("S1", 5), creating("S2", 2)});

  EXPECT_EQ(db.events_after("S1", 0), events_between("S1", 1, 5));
  EXPECT_EQ(db.events_after("S1", 3), events_between("S1", 4, 5));
  EXPECT_THAT(db.events_after("S1", 5), IsEmpty());
  EXPECT_THAT(db.events_after("S1", 99), IsEmpty());
  EXPECT_EQ(db.events_after("S2", 1), events_between("S2", 2, 2));
  EXPECT_THAT(db.events_after("nope", 0), IsEmpty());
}

TEST_F(Commit, BodiesAreStoredByteForByte) {
  auto batch = creating("S1", 1);
  batch.events[0].body = "{\"name\":\"Ana \\\"A\\\" Silva \u00e9\U0001F600\",\"nul\":\"\\u0000\"}";
  db.commit({batch});

  EXPECT_EQ(db.events_after("S1", 0).at(0).body, batch.events[0].body);
}

TEST_F(Commit, SeveralBatchesOfOneSessionInOneCommitFollowEachOther) {
  db.commit({creating("S1", 2), appending("S1", 3, 4), appending("S1", 5, 5)});

  EXPECT_EQ(db.events_after("S1", 0), events_between("S1", 1, 5));
}

TEST_F(Commit, AnEmptyCommitStoresNothing) {
  db.commit({});

  EXPECT_THAT(db.load_sessions(), IsEmpty());
}

TEST_F(Commit, ABatchOfOnlyCredentialsIsStored) {
  db.commit({creating("S1", 1)});
  write_batch only_token;
  only_token.session = "S1";
  only_token.credentials = {{"p1", "token-a"}};
  db.commit({only_token});

  EXPECT_THAT(db.load_sessions().at(0).credentials, ElementsAre(credential{"p1", "token-a"}));
}

TEST_F(Commit, AFirstEventOtherThanSeqOneIsAGap) {
  auto batch = creating("S1", 0);
  batch.events = events_between("S1", 2, 3);

  EXPECT_THROW(db.commit({batch}), storage_error);
  EXPECT_THAT(db.load_sessions(), IsEmpty());
  EXPECT_THAT(db.events_after("S1", 0), IsEmpty());
}

TEST_F(Commit, ABatchLeavingAGapAfterTheStoredEventsIsRefused) {
  db.commit({creating("S1", 3)});

  EXPECT_THROW(db.commit({appending("S1", 5, 6)}), storage_error);
  EXPECT_EQ(db.events_after("S1", 0), events_between("S1", 1, 3));
}

TEST_F(Commit, ABatchOverlappingTheStoredEventsIsRefused) {
  db.commit({creating("S1", 3)});

  EXPECT_THROW(db.commit({appending("S1", 3, 4)}), storage_error);
  EXPECT_THROW(db.commit({appending("S1", 1, 1)}), storage_error);
  EXPECT_EQ(db.events_after("S1", 0), events_between("S1", 1, 3));
}

TEST_F(Commit, ABatchWithAGapOrRepeatInsideIsRefused) {
  db.commit({creating("S1", 1)});
  auto gap = appending("S1", 2, 2);
  gap.events.push_back(event_at("S1", 4));
  auto repeat = appending("S1", 2, 2);
  repeat.events.push_back(event_at("S1", 2));

  EXPECT_THROW(db.commit({gap}), storage_error);
  EXPECT_THROW(db.commit({repeat}), storage_error);
  EXPECT_EQ(db.events_after("S1", 0), events_between("S1", 1, 1));
}

TEST_F(Commit, ARefusedBatchSinksTheWholeCommit) {
  db.commit({creating("S0", 1)});
  auto with_snapshot = appending("S0", 2, 3);
  with_snapshot.snapshot = snapshot_record{3, "{}"};
  with_snapshot.credentials = {{"p1", "token-a"}};
  with_snapshot.ended = true;
  const std::vector<write_batch> commit = {creating("S1", 2), with_snapshot, appending("S1", 3, 4), creating("S2", 1),
                                           appending("S1", 6, 6)};  // 5 is missing

  EXPECT_THROW(db.commit(commit), storage_error);

  const auto loaded = db.load_sessions();
  ASSERT_EQ(loaded.size(), 1u);
  EXPECT_EQ(loaded[0].record, record_of("S0"));
  EXPECT_EQ(loaded[0].snapshot, std::nullopt);
  EXPECT_EQ(loaded[0].events, events_between("S0", 1, 1));
  EXPECT_THAT(loaded[0].credentials, IsEmpty());
  EXPECT_THAT(db.events_after("S1", 0), IsEmpty());
  EXPECT_THAT(db.events_after("S2", 0), IsEmpty());
}

TEST_F(Commit, TheDatabaseStaysUsableAfterARefusedCommit) {
  db.commit({creating("S1", 2)});
  EXPECT_THROW(db.commit({creating("S2", 1), appending("S1", 4, 4)}), storage_error);

  db.commit({creating("S2", 1), appending("S1", 3, 4)});

  EXPECT_EQ(db.events_after("S1", 0), events_between("S1", 1, 4));
  EXPECT_EQ(db.events_after("S2", 0), events_between("S2", 1, 1));
  EXPECT_EQ(db.load_sessions().size(), 2u);
}

// The writer remembers each session's last seq rather than asking the file;
// what a rolled-back commit would have added must not count.
TEST_F(Commit, ARolledBackCommitLeavesTheNextSeqWhereTheFileHasIt) {
  db.commit({creating("S1", 2)});
  auto bad = appending("S1", 9, 9);

  EXPECT_THROW(db.commit({appending("S1", 3, 5), bad}), storage_error);
  EXPECT_THROW(db.commit({appending("S1", 6, 6)}), storage_error);
  db.commit({appending("S1", 3, 4)});

  EXPECT_EQ(db.events_after("S1", 0), events_between("S1", 1, 4));
}

TEST_F(Commit, ADeletedSessionsSeqsAreForgotten) {
  db.commit({creating("S1", 3)});
  write_batch erase;
  erase.session = "S1";
  erase.erase = true;
  db.commit({erase});

  EXPECT_THROW(db.commit({appending("S1", 4, 4)}), storage_error);
  EXPECT_TRUE(db.events_after("S1", 0).empty());
}

TEST_F(Commit, EventsOfASessionNeverCreatedAreRefused) {
  EXPECT_THROW(db.commit({appending("ghost", 1, 1)}), storage_error);
  EXPECT_THAT(db.events_after("ghost", 0), IsEmpty());
}

TEST_F(Commit, CreatingTheSameSessionTwiceIsRefused) {
  db.commit({creating("S1", 1)});

  auto again = creating("S1", 0);
  again.create->facilitator_key = "another key";
  EXPECT_THROW(db.commit({again}), storage_error);
  EXPECT_EQ(db.load_sessions().at(0).record, record_of("S1"));
}

TEST_F(Commit, AResumeTokenCannotBeIssuedTwice) {
  auto first = creating("S1", 1);
  first.credentials = {{"p1", "token-a"}};
  db.commit({first});
  auto second = creating("S2", 1);
  second.credentials = {{"p1", "token-a"}};

  EXPECT_THROW(db.commit({second}), storage_error);
  EXPECT_EQ(db.load_sessions().size(), 1u);
}

// Since commit b5fc514 ended sessions are loaded too (read-only after a
// restart, so their exports stay available).
TEST_F(Commit, EndedSessionsAreStillLoadedWithTheirWholeLog) {
  db.commit({creating("S1", 2, 1000), creating("S2", 2, 2000), creating("S3", 1, 3000)});
  auto ending = appending("S2", 3, 3);
  ending.ended = true;
  db.commit({ending});

  const auto loaded = db.load_sessions();

  ASSERT_EQ(loaded.size(), 3u);
  EXPECT_EQ(loaded[0].record.id, "S1");
  EXPECT_EQ(loaded[1].record, record_of("S2", 2000));
  EXPECT_EQ(loaded[1].events, events_between("S2", 1, 3));
  EXPECT_EQ(loaded[2].record.id, "S3");
}

TEST_F(Commit, OpenSessionsLoadOldestFirst) {
  db.commit({creating("late", 1, 3000), creating("early", 1, 1000), creating("b-middle", 1, 2000),
             creating("a-middle", 1, 2000)});

  const auto loaded = db.load_sessions();

  ASSERT_EQ(loaded.size(), 4u);
  EXPECT_EQ(loaded[0].record.id, "early");
  EXPECT_EQ(loaded[1].record.id, "a-middle");
  EXPECT_EQ(loaded[2].record.id, "b-middle");
  EXPECT_EQ(loaded[3].record.id, "late");
}

TEST_F(Commit, LoadingKeepsEachSessionsOwnEventsCredentialsAndSnapshot) {
  auto s1 = creating("S1", 4, 1000);
  s1.credentials = {{"p1", "t1"}};
  s1.snapshot = snapshot_record{2, "s1-state"};
  auto s2 = creating("S2", 3, 2000);
  s2.credentials = {{"p1", "t2"}, {"p2", "t3"}};
  db.commit({s1, s2});

  const auto loaded = db.load_sessions();

  ASSERT_EQ(loaded.size(), 2u);
  EXPECT_EQ(loaded[0].snapshot, (snapshot_record{2, "s1-state"}));
  EXPECT_EQ(loaded[0].events, events_between("S1", 3, 4));
  EXPECT_THAT(loaded[0].credentials, ElementsAre(credential{"p1", "t1"}));
  EXPECT_EQ(loaded[1].snapshot, std::nullopt);
  EXPECT_EQ(loaded[1].events, events_between("S2", 1, 3));
  EXPECT_THAT(loaded[1].credentials, UnorderedElementsAre(credential{"p1", "t2"}, credential{"p2", "t3"}));
}

TEST(Reload, ANewDatabaseOnTheSameFileSeesEverythingCommitted) {
  temp_database_file file;
  {
    database db(file.path());
    auto s1 = creating("S1", 3, 1000);
    s1.credentials = {{"p1", "token-a"}};
    auto s2 = creating("S2", 1, 2000);
    auto ended = creating("S3", 1, 3000);
    ended.ended = true;
    db.commit({s1, s2, ended});
    auto more = appending("S1", 4, 6);
    more.snapshot = snapshot_record{5, "state-at-5"};
    more.credentials = {{"p2", "token-b"}};
    db.commit({more});
    EXPECT_THROW(db.commit({appending("S2", 3, 3)}), storage_error);
  }

  database reopened(file.path());
  const auto loaded = reopened.load_sessions();

  ASSERT_EQ(loaded.size(), 3u);
  EXPECT_EQ(loaded[0].record, record_of("S1", 1000));
  EXPECT_EQ(loaded[0].snapshot, (snapshot_record{5, "state-at-5"}));
  EXPECT_EQ(loaded[0].events, events_between("S1", 6, 6));
  EXPECT_THAT(loaded[0].credentials, UnorderedElementsAre(credential{"p1", "token-a"}, credential{"p2", "token-b"}));
  EXPECT_EQ(loaded[1].record, record_of("S2", 2000));
  EXPECT_EQ(loaded[1].events, events_between("S2", 1, 1));
  EXPECT_EQ(loaded[2].record, record_of("S3", 3000));
  EXPECT_EQ(reopened.events_after("S1", 0), events_between("S1", 1, 6));
  EXPECT_EQ(reopened.events_after("S3", 0), events_between("S3", 1, 1));
}

TEST(Reload, AppendingAfterReopeningContinuesTheLog) {
  temp_database_file file;
  { database(file.path()).commit({creating("S1", 2)}); }

  database reopened(file.path());
  EXPECT_THROW(reopened.commit({appending("S1", 2, 2)}), storage_error);
  reopened.commit({appending("S1", 3, 3)});

  EXPECT_EQ(reopened.events_after("S1", 0), events_between("S1", 1, 3));
}

}  // namespace
}  // namespace debrief::storage::test
