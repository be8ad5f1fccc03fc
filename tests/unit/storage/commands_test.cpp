// Applied commands are stored beside their events, so that a retry after a
// lost acknowledgement (even across a restart) finds its original answer.

#include "test_support.hpp"

namespace debrief::storage::test {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

command_record command_at(std::int64_t seq, const std::string& id = "c") {
  return {seq, "p1:" + id + std::to_string(seq),
          R"({"type":"ack","id":")" + id + std::to_string(seq) + R"(","seq":)" + std::to_string(seq) + "}"};
}

write_batch appending_command(const std::string& session, std::int64_t seq) {
  auto b = appending(session, seq, seq);
  b.command = command_at(seq);
  return b;
}

class Commands : public ::testing::Test {
 protected:
  temp_database_file file;
  database db{file.path()};
};

TEST_F(Commands, AStoredCommandLoadsWithItsSession) {
  db.commit({creating("S1", 1)});
  db.commit({appending_command("S1", 2)});

  const auto loaded = db.load_sessions();

  ASSERT_EQ(loaded.size(), 1u);
  EXPECT_THAT(loaded[0].commands, ElementsAre(command_at(2)));
}

// A command refused mid-statement (its session is gone) leaves nothing of
// itself on the statement: the next event, without a command, stores none.
TEST_F(Commands, ARefusedCommandLeavesNothingForTheNextEvent) {
  db.commit({creating("S1", 1)});
  write_batch gone;
  gone.session = "S9";  // never stored: its event fails the session's foreign key
  gone.events = events_between("S9", 1, 1);
  gone.command = command_at(1, "lost");
  EXPECT_THROW(db.commit({gone}), batch_refused);

  db.commit({appending("S1", 2, 2)});

  EXPECT_THAT(db.load_session("S1")->commands, IsEmpty());
}

TEST_F(Commands, ASessionWithoutCommandsLoadsNone) {
  db.commit({creating("S1", 3)});

  EXPECT_THAT(db.load_sessions().at(0).commands, IsEmpty());
}

TEST_F(Commands, CommandsLoadOldestFirst) {
  db.commit({creating("S1", 1)});
  db.commit({appending_command("S1", 2), appending_command("S1", 3)});
  db.commit({appending_command("S1", 4)});

  EXPECT_THAT(db.load_sessions().at(0).commands, ElementsAre(command_at(2), command_at(3), command_at(4)));
}

TEST_F(Commands, OnlyTheLatestThousandAreLoaded) {
  std::vector<write_batch> batches = {creating("S1", 1)};
  for (std::int64_t seq = 2; seq <= 1006; ++seq) batches.push_back(appending_command("S1", seq));
  db.commit(batches);

  const auto commands = db.load_sessions().at(0).commands;

  ASSERT_EQ(commands.size(), 1000u);
  EXPECT_EQ(commands.front(), command_at(7));
  EXPECT_EQ(commands.back(), command_at(1006));
}

TEST_F(Commands, EachSessionLoadsOnlyItsOwnCommands) {
  db.commit({creating("S1", 1, 1000), creating("S2", 1, 2000)});
  db.commit({appending_command("S1", 2), appending_command("S2", 2), appending_command("S2", 3)});

  const auto loaded = db.load_sessions();

  ASSERT_EQ(loaded.size(), 2u);
  EXPECT_THAT(loaded[0].commands, ElementsAre(command_at(2)));
  EXPECT_THAT(loaded[1].commands, ElementsAre(command_at(2), command_at(3)));
}

TEST_F(Commands, TwoCommandsAtOneSeqAreRefusedWithTheirWholeCommit) {
  db.commit({creating("S1", 1)});
  db.commit({appending_command("S1", 2)});
  auto again = appending("S1", 3, 3);
  again.command = command_at(2, "other");

  EXPECT_THROW(db.commit({again}), storage_error);
  EXPECT_EQ(db.events_after("S1", 0), events_between("S1", 1, 2));
  EXPECT_THAT(db.load_sessions().at(0).commands, ElementsAre(command_at(2)));
}

TEST_F(Commands, ACommandIsRecordedWithTheLastEventItProducedOrRefused) {
  db.commit({creating("S1", 1)});
  auto early = appending("S1", 2, 3);
  early.command = command_at(2);
  auto eventless = appending("S1", 2, 1);
  eventless.command = command_at(1);

  EXPECT_THROW(db.commit({early}), storage_error);
  EXPECT_THROW(db.commit({eventless}), storage_error);
  EXPECT_THAT(db.load_sessions().at(0).commands, IsEmpty());
}

TEST_F(Commands, ACommandOfASessionNeverCreatedIsRefused) {
  write_batch orphan;
  orphan.session = "ghost";
  orphan.command = command_at(1);

  EXPECT_THROW(db.commit({orphan}), storage_error);
}

TEST(CommandsReload, StoredCommandsAreThereAfterReopening) {
  temp_database_file file;
  {
    database db(file.path());
    db.commit({creating("S1", 1)});
    db.commit({appending_command("S1", 2), appending_command("S1", 3)});
  }

  EXPECT_THAT(database(file.path()).load_sessions().at(0).commands, ElementsAre(command_at(2), command_at(3)));
}

}  // namespace
}  // namespace debrief::storage::test
