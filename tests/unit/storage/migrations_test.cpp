// Opening a file: the schema is created once and found again, and the file
// is in WAL mode. The test target does not link SQLite itself, so the file's
// own header (https://www.sqlite.org/fileformat.html) is read directly.

#include <sqlite3.h>

#include <array>

#include "test_support.hpp"

// The storage library's own list of steps (private, but self-contained): the
// latest schema is the number of steps.
#include "../../../storage/src/migrations.hpp"

namespace debrief::storage::test {
namespace {

const int latest = static_cast<int>(migrations.size());

// Bytes 0..99 of the database file.
std::array<unsigned char, 100> header_of(const std::string& path) {
  std::array<unsigned char, 100> header{};
  std::ifstream in(path, std::ios::binary);
  in.read(reinterpret_cast<char*>(header.data()), header.size());
  EXPECT_EQ(in.gcount(), 100) << "the file has no full SQLite header";
  return header;
}

std::uint32_t user_version_in(const std::array<unsigned char, 100>& header) {
  return (std::uint32_t{header[60]} << 24) | (std::uint32_t{header[61]} << 16) | (std::uint32_t{header[62]} << 8) |
         std::uint32_t{header[63]};
}

void write_user_version(const std::string& path, std::uint32_t version) {
  std::fstream f(path, std::ios::binary | std::ios::in | std::ios::out);
  f.seekp(60);
  const std::array<char, 4> bytes = {static_cast<char>(version >> 24), static_cast<char>(version >> 16),
                                     static_cast<char>(version >> 8), static_cast<char>(version)};
  f.write(bytes.data(), bytes.size());
  ASSERT_TRUE(f.good());
}

TEST(Migrations, ANewFileIsMigratedToTheLatestSchema) {
  temp_database_file file;
  database db(file.path());

  EXPECT_GE(latest, 2);  // sessions, events, snapshots, credentials; then commands
  EXPECT_EQ(db.schema_version(), latest);
}

TEST(Migrations, ReopeningNeitherRerunsNorFailsAndKeepsTheData) {
  temp_database_file file;
  {
    database db(file.path());
    db.commit({creating("S1", 2)});
  }
  for (int again = 0; again < 2; ++again) {
    database db(file.path());
    EXPECT_EQ(db.schema_version(), latest);
    EXPECT_EQ(db.events_after("S1", 0), events_between("S1", 1, 2));
  }
}

TEST(Migrations, TheFileRecordsTheSchemaVersionAndWalMode) {
  temp_database_file file;
  { database db(file.path()); }

  const auto header = header_of(file.path());
  EXPECT_EQ(std::string(reinterpret_cast<const char*>(header.data()), 15), "SQLite format 3");
  // Bytes 18 and 19, the file format write and read versions, are 2 for WAL.
  EXPECT_EQ(header[18], 2);
  EXPECT_EQ(header[19], 2);
  EXPECT_EQ(user_version_in(header), static_cast<std::uint32_t>(latest));
}

TEST(Migrations, TheDatabaseWritesAheadToAWalFileWhileOpen) {
  temp_database_file file;
  database db(file.path());
  db.commit({creating("S1", 3)});

  EXPECT_TRUE(std::filesystem::exists(file.wal()));
  EXPECT_GT(std::filesystem::file_size(file.wal()), 0u);
}

// SQLite removes the WAL file when the last connection closes cleanly, which
// it only does once every prepared statement is finalized.
TEST(Migrations, ClosingCheckpointsAndRemovesTheWalFile) {
  temp_database_file file;
  {
    database db(file.path());
    db.commit({creating("S1", 3)});
    (void)db.load_sessions();
    (void)db.events_after("S1", 1);
    (void)db.schema_version();
  }

  EXPECT_FALSE(std::filesystem::exists(file.wal()));
}

TEST(Migrations, CommandsStoredBySchemaTwoComeThroughTheUpgrade) {
  temp_database_file file;
  std::string schema_two = "PRAGMA journal_mode = WAL;";
  schema_two += migrations[0];
  schema_two += migrations[1];
  schema_two += R"sql(
    PRAGMA user_version = 2;
    INSERT INTO sessions (id, facilitator_key, created_at) VALUES ('S1', 'k', 1);
    INSERT INTO events (session, seq, time, body) VALUES ('S1', 1, 1, '{"type":"session_created"}'),
      ('S1', 2, 2, '{"type":"timer_started"}'), ('S1', 3, 3, '{"type":"timer_paused"}');
    INSERT INTO commands (session, seq, key, ack) VALUES ('S1', 2, 'p1:c2', '{"seq":2}'), ('S1', 3, 'p1:c3', '{"seq":3}');
  )sql";
  exec_raw(file.path(), schema_two);

  database db(file.path());

  EXPECT_EQ(db.schema_version(), latest);
  const auto loaded = db.load_sessions();
  ASSERT_EQ(loaded.size(), 1u);
  EXPECT_EQ(loaded[0].commands,
            (std::vector<command_record>{{2, "p1:c2", R"({"seq":2})"}, {3, "p1:c3", R"({"seq":3})"}}));
  EXPECT_EQ(loaded[0].events.size(), 3u);
}

// Credentials from before join secrets existed keep their tokens, with an
// empty secret (which no retry can repeat: the server needs 32 characters).
TEST(Migrations, CredentialsStoredBySchemaThreeLoadWithAnEmptySecret) {
  temp_database_file file;
  std::string schema_three = "PRAGMA journal_mode = WAL;";
  for (std::size_t step = 0; step < 3; ++step) schema_three += migrations[step];
  schema_three += R"sql(
    PRAGMA user_version = 3;
    INSERT INTO sessions (id, facilitator_key, created_at) VALUES ('S1', 'k', 1);
    INSERT INTO events (session, seq, time, body, command_key, ack) VALUES
      ('S1', 1, 1, '{"type":"session_created"}', NULL, NULL),
      ('S1', 2, 2, '{"type":"participant_joined"}', 'join' || char(31) || 'c1', '{"seq":2,"you":"p1"}');
    INSERT INTO credentials (token, session, participant) VALUES ('token-a', 'S1', 'p1');
  )sql";
  exec_raw(file.path(), schema_three);

  database db(file.path());

  EXPECT_EQ(db.schema_version(), latest);
  const auto loaded = db.load_sessions();
  ASSERT_EQ(loaded.size(), 1u);
  EXPECT_EQ(loaded[0].credentials, (std::vector<credential>{{"p1", "token-a", ""}}));
  EXPECT_EQ(loaded[0].commands.size(), 1u);
  db.commit({[] {
    auto later = appending("S1", 3, 3);
    later.credentials = {{"p2", "token-b", "secret-of-a-later-join-0123456789"}};
    return later;
  }()});
  EXPECT_THAT(db.load_sessions().at(0).credentials,
              ::testing::UnorderedElementsAre(credential{"p1", "token-a", ""},
                                              credential{"p2", "token-b", "secret-of-a-later-join-0123456789"}));
}

// Events stored before the core said what a scrub makes of them get it from
// the upgrade, byte for byte what the scrub wrote until then; a withdrawal
// after the upgrade scrubs them as before and leaves the others alone.
TEST(Migrations, TranscriptEventsStoredBySchemaFiveAreScrubbedAfterTheUpgrade) {
  temp_database_file file;
  std::string schema_five = "PRAGMA journal_mode = WAL;";
  for (std::size_t step = 0; step < 5; ++step) schema_five += migrations[step];
  schema_five += R"sql(
    PRAGMA user_version = 5;
    INSERT INTO sessions (id, facilitator_key, created_at) VALUES ('S1', 'k', 1), ('S2', 'k', 1);
    INSERT INTO events (session, seq, time, body) VALUES
      ('S1', 1, 1, '{"type":"session_created"}'),
      ('S1', 2, 2, '{"type":"transcript_imported","transcript":{"lines":[{"id":"l1","text":"words"}]}}'),
      ('S1', 3, 3, '{"type":"annotation_saved","annotation":{"id":"a1","comment":"remark"}}'),
      ('S1', 4, 4, '{"type":"annotation_removed","annotation":"a1"}'),
      ('S2', 1, 1, '{"type":"transcript_imported","transcript":{"lines":[]}}');
  )sql";
  exec_raw(file.path(), schema_five);

  database db(file.path());

  EXPECT_EQ(db.schema_version(), latest);
  const auto upgraded = db.events_after("S1", 0);
  ASSERT_EQ(upgraded.size(), 4u);
  EXPECT_EQ(upgraded[0].scrubbed_body, std::nullopt);
  EXPECT_EQ(upgraded[1].scrubbed_body, R"({"type":"scrubbed","was":"transcript_imported"})");
  EXPECT_EQ(upgraded[2].scrubbed_body, R"({"type":"scrubbed","was":"annotation_saved"})");
  EXPECT_EQ(upgraded[3].scrubbed_body, std::nullopt);

  write_batch withdrawal;
  withdrawal.session = "S1";
  withdrawal.events = {{5, 5, R"({"type":"transcript_withdrawn"})"}};
  withdrawal.scrub_transcript = true;
  db.commit({withdrawal});

  EXPECT_EQ(db.events_after("S1", 0),
            (std::vector<event_record>{upgraded[0],
                                       {2, 2, R"({"type":"scrubbed","was":"transcript_imported"})"},
                                       {3, 3, R"({"type":"scrubbed","was":"annotation_saved"})"},
                                       upgraded[3],
                                       {5, 5, R"({"type":"transcript_withdrawn"})"}}));
  EXPECT_EQ(db.events_after("S2", 0).at(0).body, R"({"type":"transcript_imported","transcript":{"lines":[]}})");
}

TEST(Migrations, AFileFromANewerSchemaIsRefused) {
  temp_database_file file;
  { database db(file.path()); }
  write_user_version(file.path(), static_cast<std::uint32_t>(latest) + 1);

  EXPECT_THROW(database db(file.path()), storage_error);
}

TEST(Migrations, AFileThatIsNotADatabaseIsRefused) {
  temp_database_file file;
  {
    std::ofstream out(file.path(), std::ios::binary);
    out << std::string(4096, 'x');
  }

  EXPECT_THROW(database db(file.path()), storage_error);
}

TEST(Migrations, APathThatCannotBeCreatedIsRefused) {
  const auto path = std::filesystem::temp_directory_path() / "debrief-no-such-folder-7f3a" / "sessions.db";
  ASSERT_FALSE(std::filesystem::exists(path.parent_path()));

  EXPECT_THROW(database db(path.string()), storage_error);
}

}  // namespace
}  // namespace debrief::storage::test
