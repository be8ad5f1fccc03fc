// No silent watchers: a connection that has not joined is shown the lobby
// (what the join form needs) and nothing anyone wrote; joining shows it the
// session, and leaving takes it back to the lobby.

#include <gtest/gtest.h>

#include <set>

#include "harness.hpp"

namespace debrief::testing {
namespace {

const std::vector<std::string> written = {
    "Student A finishes the warm-up quickly",  // board item
    "Speed means the work is too easy",        // a colleague's proposal
    "I finish and then I just wait",           // transcript line
    "Waiting is a word worth noticing",        // annotation
    "They might be bored, or shy",             // private entry
};

class Lobby : public ::testing::Test {
 protected:
  temp_dir dir;
  test_server server{dir.path() / "debrief.db"};
  created session = create_session(server.port());
  ws_client facilitator{server.port()};
  ws_client presenter{server.port()};
  ws_client lena{server.port()};

  void SetUp() override {
    facilitator.join(session.code, "Maya", "facilitator", session.facilitator_key);
    presenter.join(session.code, "Jordan", "presenter");
    lena.join(session.code, "Lena", "colleague");
  }

  // Everyone writes something of every kind.
  void write_everything() {
    facilitator.ok({{"type", "start_session"}});
    facilitator.ok({{"type", "next_phase"}});
    presenter.ok({{"type", "board_add"}, {"list", "know"}, {"text", written[0]}, {"phase", "assumptions"}});
    lena.ok({{"type", "board_propose"}, {"list", "assumptions"}, {"text", written[1]}, {"phase", "assumptions"}});
    facilitator.ok({{"type", "go_to_phase"}, {"phase", 3}});
    const json lines = {{{"speaker", "Student A"}, {"role", "student"}, {"text", written[2]}}};
    presenter.ok({{"type", "transcript_import"}, {"lines", lines}, {"consent", true}});
    lena.ok({{"type", "annotate"},
             {"from_line", "L1"},
             {"tag", "notice"},
             {"comment", written[3]},
             {"phase", "transcript"}});
    facilitator.ok({{"type", "go_to_phase"}, {"phase", 4}});
    lena.ok({{"type", "entry_add"}, {"text", written[4]}, {"phase", "noticings"}});
  }

  static void expect_none_written_in(const std::string& frames) {
    for (const auto& text : written) EXPECT_EQ(frames.find(text), std::string::npos) << text;
  }
};

TEST_F(Lobby, ASocketThatOnlySaysHelloIsShownTheLobbyAndNothingAnyoneWrote) {
  ws_client watcher(server.port());
  EXPECT_TRUE(watcher.hello(session.code).at("you").is_null());
  const auto first = watcher.receive();
  ASSERT_EQ(first.at("type"), "lobby") << first.dump();
  EXPECT_EQ(first.at("status"), "lobby");
  EXPECT_EQ(first.at("template"), "Learning Partnership debrief");
  EXPECT_EQ(first.at("participants").size(), 3u);

  write_everything();
  ws_client sync(server.port());
  sync.join(session.code, "Sam", "observer");
  const auto last = receive_lobby_naming(watcher, "Sam");

  EXPECT_EQ(last.at("status"), "live");
  std::set<std::string> keys;
  for (const auto& [key, _] : last.items()) keys.insert(key);
  EXPECT_EQ(keys,
            (std::set<std::string>{"type", "seq", "session", "title", "status", "template", "phases", "participants"}));
  for (const auto& phase : last.at("phases")) EXPECT_EQ(phase.size(), 3u) << phase.dump();  // title, kind, minutes
  expect_none_written_in(watcher.transcript_of_frames());
}

TEST_F(Lobby, JoiningShowsTheSessionBeforeTheAckAndThenItsEvents) {
  write_everything();
  ws_client newcomer(server.port());
  newcomer.hello(session.code);
  newcomer.receive_type("lobby");
  newcomer.send(
      {{"type", "join"}, {"id", "n1"}, {"name", "Olu"}, {"role", "observer"}, {"client_secret", random_hex()}});
  const auto snapshot = newcomer.receive();
  ASSERT_EQ(snapshot.at("type"), "snapshot") << snapshot.dump();
  const auto ack = newcomer.receive();
  ASSERT_EQ(ack.at("type"), "ack") << ack.dump();
  EXPECT_EQ(snapshot.at("seq"), ack.at("seq"));
  EXPECT_EQ(snapshot.at("state").at("board").at(0).at("text"), written[0]);
  // Lena's private entry is hers alone until it is revealed.
  EXPECT_EQ(snapshot.at("state").at("entries").at(0).at("hidden"), true);

  const auto started = facilitator.ok({{"type", "timer_start"}});
  const auto event = newcomer.receive();
  EXPECT_EQ(event.at("type"), "event");
  EXPECT_EQ(event.at("seq"), started.at("seq"));
}

TEST_F(Lobby, AfterLeavingEveryConnectionOfTheParticipantIsShownOnlyTheLobby) {
  facilitator.ok({{"type", "start_session"}});
  facilitator.ok({{"type", "go_to_phase"}, {"phase", 4}});
  ws_client ravi(server.port());
  const auto token = ravi.join(session.code, "Ravi", "colleague").at("token").get<std::string>();
  ws_client ravi_elsewhere(server.port());
  ravi_elsewhere.hello(session.code, {{"token", token}});
  ravi_elsewhere.receive_type("snapshot");

  const auto left = ravi.command({{"type", "leave"}});
  ASSERT_EQ(left.at("type"), "ack");
  const auto after_ack = ravi.transcript_of_frames().size();
  EXPECT_EQ(ravi.receive().at("type"), "lobby");
  ravi_elsewhere.receive_type("event");  // participant_left
  EXPECT_EQ(ravi_elsewhere.receive().at("type"), "lobby");
  const auto elsewhere_after = ravi_elsewhere.transcript_of_frames().size();

  lena.ok({{"type", "entry_add"}, {"text", written[4]}, {"phase", "noticings"}});
  presenter.ok({{"type", "board_add"}, {"list", "know"}, {"text", written[0]}, {"phase", "noticings"}});
  ws_client sync(server.port());
  sync.join(session.code, "Sam", "observer");
  receive_lobby_naming(ravi, "Sam");
  receive_lobby_naming(ravi_elsewhere, "Sam");
  expect_none_written_in(ravi.transcript_of_frames().substr(after_ack));
  expect_none_written_in(ravi_elsewhere.transcript_of_frames().substr(elsewhere_after));

  // The token no longer names anyone.
  ws_client back(server.port());
  EXPECT_TRUE(back.hello(session.code, {{"token", token}}).at("you").is_null());
  EXPECT_EQ(back.receive().at("type"), "lobby");
}

}  // namespace
}  // namespace debrief::testing
