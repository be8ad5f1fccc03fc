// Withdrawing a transcript scrubs the stored log: its events become bare
// markers, and the words are gone from the database file and its WAL.

#include <iterator>

#include "test_support.hpp"

namespace debrief::storage::test {
namespace {

const std::string secret_line = "Marisol said the fractions homework made her feel stupid";
const std::string secret_comment = "She hesitates before every answer about Marisol";

event_record with_body(std::int64_t seq, std::string body) {
  return {seq, 1'763'850'000'000 + seq * 1000, std::move(body)};
}

// An event holding transcript words, stored with what it becomes when the
// transcript is withdrawn (as the protocol core says: scrubbed_body).
event_record with_transcript(std::int64_t seq, const std::string& type, const std::string& body) {
  auto e = with_body(seq, body);
  e.scrubbed_body = R"({"type":"scrubbed","was":")" + type + R"("})";
  return e;
}

// 1 joined, 2 transcript imported, 3 annotation saved, 4 presence.
write_batch a_session_with_a_transcript(const std::string& session) {
  auto b = creating(session, 0);
  b.events = {
      with_body(1, R"({"type":"participant_joined","participant":{"id":"p1","name":"Maya"}})"),
      with_transcript(
          2, "transcript_imported",
          R"({"type":"transcript_imported","transcript":{"lines":[{"id":"l1","text":")" + secret_line + R"("}]}})"),
      with_transcript(3, "annotation_saved",
                      R"({"type":"annotation_saved","annotation":{"id":"a1","comment":")" + secret_comment + R"("}})"),
      with_body(4, R"({"type":"presence_changed","participant":"p1","online":false})"),
  };
  b.snapshot = snapshot_record{4, R"({"transcript":{"lines":[{"text":")" + secret_line + R"("}]}})"};
  return b;
}

// The withdrawal itself: its event, the scrub, and a fresh snapshot.
write_batch withdrawing(const std::string& session, std::int64_t seq) {
  write_batch b;
  b.session = session;
  b.events = {with_body(seq, R"({"type":"transcript_withdrawn"})")};
  b.scrub_transcript = true;
  b.snapshot = snapshot_record{seq, R"({"transcript":null})"};
  return b;
}

TEST(Scrub, TranscriptEventsBecomeMarkersAndTheRestIsUntouched) {
  temp_database_file file;
  database db(file.path());
  const auto before = a_session_with_a_transcript("S1");
  db.commit({before});

  db.commit({withdrawing("S1", 5)});

  EXPECT_EQ(
      db.events_after("S1", 0),
      (std::vector<event_record>{before.events[0], with_body(2, R"({"type":"scrubbed","was":"transcript_imported"})"),
                                 with_body(3, R"({"type":"scrubbed","was":"annotation_saved"})"), before.events[3],
                                 with_body(5, R"({"type":"transcript_withdrawn"})")}));
}

TEST(Scrub, OtherSessionsKeepTheirTranscripts) {
  temp_database_file file;
  database db(file.path());
  const auto other = a_session_with_a_transcript("S2");
  db.commit({a_session_with_a_transcript("S1"), other});

  db.commit({withdrawing("S1", 5)});

  EXPECT_EQ(db.events_after("S2", 0), other.events);
}

TEST(Scrub, ARefusedCommitScrubsNothing) {
  temp_database_file file;
  database db(file.path());
  const auto before = a_session_with_a_transcript("S1");
  db.commit({before});

  EXPECT_THROW(db.commit({withdrawing("S1", 7)}), storage_error);  // seq 5 and 6 missing

  EXPECT_EQ(db.events_after("S1", 0), before.events);
}

TEST(Scrub, TheWordsAreGoneFromTheFileAndItsWal) {
  temp_database_file file;
  database db(file.path());
  db.commit({a_session_with_a_transcript("S1")});
  const bool stored = bytes_of(file.path()).find(secret_line) != std::string::npos ||
                      bytes_of(file.wal()).find(secret_line) != std::string::npos;
  ASSERT_TRUE(stored) << "the words should be on disk before the withdrawal";

  db.commit({withdrawing("S1", 5)});

  for (const auto& path : {std::filesystem::path(file.path()), file.wal()}) {
    SCOPED_TRACE(path.string());
    const auto bytes = bytes_of(path);
    EXPECT_EQ(bytes.find(secret_line), std::string::npos);
    EXPECT_EQ(bytes.find(secret_comment), std::string::npos);
  }
}

TEST(Scrub, AScrubAmongOtherBatchesInOneCommitWorks) {
  temp_database_file file;
  database db(file.path());
  db.commit({a_session_with_a_transcript("S1")});

  db.commit({creating("S2", 2), withdrawing("S1", 5), appending("S2", 3, 3)});

  EXPECT_EQ(db.events_after("S1", 1).at(0).body, R"({"type":"scrubbed","was":"transcript_imported"})");
  EXPECT_EQ(db.events_after("S2", 0), events_between("S2", 1, 3));
}

}  // namespace
}  // namespace debrief::storage::test
