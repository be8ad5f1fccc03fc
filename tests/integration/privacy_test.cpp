#include <gtest/gtest.h>

#include "harness.hpp"

namespace debrief::testing {
namespace {

// The learning-partnership template's phase 4 ("What we noticed and
// wondered") is private until the facilitator reveals it.
constexpr int noticings_phase = 4;

TEST(Privacy, HiddenEntriesNeverReachAnotherClientBeforeTheReveal) {
  temp_dir dir;
  test_server server(dir.path() / "debrief.db");
  const auto session = create_session(server.port());
  ws_client facilitator(server.port());
  facilitator.join(session.code, "Maya", "facilitator", session.facilitator_key);
  ws_client writer(server.port());
  writer.join(session.code, "Lena", "colleague");
  ws_client reader(server.port());
  const auto reader_token = reader.join(session.code, "Ravi", "colleague").at("token").get<std::string>();

  facilitator.ok({{"type", "start_session"}});
  facilitator.ok({{"type", "go_to_phase"}, {"phase", noticings_phase}});
  const std::string secret = "Line 12 made me wonder whether the quiz felt like a trap";
  const auto added = writer.ok({{"type", "entry_add"}, {"text", secret}, {"phase", "noticings"}});
  const auto entry_seq = added.at("seq").get<std::int64_t>();

  // The reader gets the event (no gap in seq), but only a placeholder.
  json at_reader;
  do {
    at_reader = reader.receive_type("event");
  } while (at_reader.at("seq") != entry_seq);
  EXPECT_EQ(at_reader.at("event").at("entry").at("hidden"), true);
  EXPECT_FALSE(at_reader.at("event").at("entry").contains("text"));

  // A newcomer's snapshot and a catching-up client's events lack it too.
  ws_client late(server.port());
  late.join(session.code, "Olu", "observer");
  const auto& snapshot = late.last_snapshot();
  ASSERT_EQ(snapshot.at("state").at("entries").size(), 1u);
  EXPECT_EQ(snapshot.at("state").at("entries").at(0).at("hidden"), true);
  ws_client catching_up(server.port());
  catching_up.hello(session.code, {{"token", reader_token}, {"last_seq", entry_seq - 1}});
  catching_up.receive_type("event");
  EXPECT_EQ(reader.transcript_of_frames().find(secret), std::string::npos);
  EXPECT_EQ(late.transcript_of_frames().find(secret), std::string::npos);
  EXPECT_EQ(catching_up.transcript_of_frames().find(secret), std::string::npos);
  EXPECT_EQ(facilitator.transcript_of_frames().find(secret), std::string::npos);

  // Its author sees it whole.
  EXPECT_NE(writer.transcript_of_frames().find(secret), std::string::npos);

  // Others cannot touch what they cannot see.
  const auto id = at_reader.at("event").at("entry").at("id").get<std::string>();
  EXPECT_EQ(reader.command({{"type", "entry_edit"}, {"entry", id}, {"text", "x"}, {"version", 1}}).at("code"),
            "not_found");

  facilitator.ok({{"type", "reveal_phase"}, {"phase", noticings_phase}});
  const auto revealed = reader.receive_type("event");
  ASSERT_EQ(revealed.at("event").at("type"), "phase_revealed");
  ASSERT_EQ(revealed.at("event").at("entries").size(), 1u);
  EXPECT_EQ(revealed.at("event").at("entries").at(0).at("text"), secret);
}

}  // namespace
}  // namespace debrief::testing
