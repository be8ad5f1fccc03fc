#include <gtest/gtest.h>

#include <atomic>
#include <fstream>

#include "harness.hpp"

namespace debrief::testing {
namespace {

// A 35-minute Learning Partnership debrief, played over real sockets in
// simulated time: the server's clock is this test's.
class WholeDebrief : public ::testing::Test {
 protected:
  void minutes_pass(int minutes) { now += static_cast<std::int64_t>(minutes) * 60'000; }

  std::atomic<std::int64_t> now{1'790'000'000'000};
  temp_dir dir;
  test_server server{dir.path() / "debrief.db", {}, [this] { return now.load(); }};
  created session = create_session(server.port());
  ws_client facilitator{server.port()};
  ws_client presenter{server.port()};
  ws_client lena{server.port()};
  ws_client ravi{server.port()};
  std::string presenter_token;

  void SetUp() override {
    facilitator.join(session.code, "Maya", "facilitator", session.facilitator_key);
    presenter_token = presenter.join(session.code, "Jordan", "presenter").at("token");
    lena.join(session.code, "Lena", "colleague");
    ravi.join(session.code, "Ravi", "colleague");
  }

  void next_phase(const char* expected_kind) {
    const auto ack = facilitator.ok({{"type", "next_phase"}});
    facilitator.ok({{"type", "timer_start"}});
    (void)ack;
    (void)expected_kind;
  }

  // The event a command produced, as its sender received it.
  static json event_of(ws_client&, const json& ack) {
    for (const auto& e : ack.at("events")) {
      if (e.at("seq") == ack.at("seq")) return e.at("event");
    }
    throw std::runtime_error("the ack came without its event");
  }
};

TEST_F(WholeDebrief, FromNormsToExport) {
  facilitator.ok({{"type", "start_session"}});
  facilitator.ok({{"type", "timer_start"}});
  minutes_pass(3);

  // Share assumptions: the presenter's board and a colleague's proposal.
  next_phase("assumptions");
  presenter.ok({{"type", "board_add"},
                {"list", "know"},
                {"text", "Student A finishes the warm-up quickly"},
                {"phase", "assumptions"}});
  presenter.ok({{"type", "board_add"},
                {"list", "dont_know"},
                {"text", "How Student A feels in group work"},
                {"phase", "assumptions"}});
  const auto assumption = presenter.ok({{"type", "board_add"},
                                        {"list", "assumptions"},
                                        {"text", "Student A is bored by the tasks"},
                                        {"phase", "assumptions"}});
  presenter.ok({{"type", "board_add"},
                {"list", "find_out"},
                {"text", "What makes a task worth doing for them"},
                {"phase", "assumptions"}});
  const auto proposal_ack = lena.ok({{"type", "board_propose"},
                                     {"list", "assumptions"},
                                     {"text", "Speed means the work is too easy"},
                                     {"phase", "assumptions"}});
  const auto proposal = event_of(lena, proposal_ack).at("proposal").at("id").get<std::string>();
  presenter.ok({{"type", "proposal_decide"}, {"proposal", proposal}, {"accept", true}});
  minutes_pass(7);

  next_phase("discussion");  // clarifying questions
  minutes_pass(3);

  // Read the transcript together.
  next_phase("transcript");
  json lines = json::array({
      {{"speaker", "Teacher"}, {"role", "teacher"}, {"start_ms", 0}, {"text", "How is the warm-up going for you?"}},
      {{"speaker", "Student A"}, {"role", "student"}, {"start_ms", 4000}, {"text", "Fine. I finish and then wait."}},
      {{"speaker", "Teacher"}, {"role", "teacher"}, {"start_ms", 9000}, {"text", "What do you do while you wait?"}},
      {{"speaker", "Student A"},
       {"role", "student"},
       {"start_ms", 12000},
       {"text", "I help Student B, but I wish the problems were harder."}},
  });
  EXPECT_EQ(presenter.command({{"type", "transcript_import"}, {"lines", lines}, {"format", "text"}}).at("code"),
            "invalid");  // consent first
  presenter.ok({{"type", "transcript_import"}, {"lines", lines}, {"format", "text"}, {"consent", true}});
  facilitator.ok({{"type", "focus_line"}, {"line", "L4"}});
  const auto annotated = ravi.ok({{"type", "annotate"},
                                  {"from_line", "L4"},
                                  {"tag", "wonder"},
                                  {"comment", "They want more challenge, not less work"},
                                  {"phase", "transcript"}});
  const auto annotation = event_of(ravi, annotated).at("annotation");
  EXPECT_EQ(annotation.at("quote"), "I help Student B, but I wish the problems were harder.");
  lena.ok(
      {{"type", "annotation_reply"}, {"annotation", annotation.at("id")}, {"text", "Agreed"}, {"phase", "transcript"}});
  minutes_pass(8);

  // What we noticed: private until revealed.
  next_phase("discussion");
  lena.ok({{"type", "entry_add"}, {"text", "Helping Student B seems to matter to them"}, {"phase", "noticings"}});
  ravi.ok({{"type", "entry_add"}, {"text", "The word 'wait' comes up twice"}, {"phase", "noticings"}});
  facilitator.ok({{"type", "reveal_phase"}, {"phase", 4}});
  minutes_pass(5);

  // Adaptations, with evidence.
  next_phase("adaptations");
  presenter.ok({{"type", "adaptation_add"},
                {"change", "Offer an extension problem before the warm-up ends"},
                {"for_whom", "Student A"},
                {"evidence", {"annotation:" + annotation.at("id").get<std::string>()}},
                {"check_in", "2027-03-15"},
                {"follow_ups", {"Which problems felt worth your time this week?"}},
                {"phase", "adaptations"}});
  // A colleague's adaptation is a suggestion until the presenter decides.
  const auto suggested = event_of(
      lena, lena.ok({{"type", "adaptation_add"}, {"change", "Seat them with Student B"}, {"phase", "adaptations"}}));
  EXPECT_EQ(suggested.at("adaptation").at("status"), "suggested");
  presenter.ok({{"type", "adaptation_decide"},
                {"adaptation", suggested.at("adaptation").at("id")},
                {"accept", false},
                {"version", 1}});
  minutes_pass(5);

  // Reflection: private; one person shares, one keeps theirs.
  next_phase("reflection");
  const auto mine =
      presenter.ok({{"type", "entry_add"}, {"text", "I assumed speed meant boredom"}, {"phase", "reflection"}});
  presenter.ok({{"type", "entry_share"}, {"entry", event_of(presenter, mine).at("entry").at("id")}});
  ravi.ok({{"type", "entry_add"},
           {"text", "PRIVATE: I was hoping to hear my own lesson praised"},
           {"phase", "reflection"}});
  const auto item = event_of(presenter, assumption).at("item");
  presenter.ok({{"type", "board_mark"},
                {"item", item.at("id")},
                {"status", "challenged"},
                {"evidence", {"line:L4"}},
                {"version", item.at("version")}});
  minutes_pass(3);

  next_phase("discussion");  // close
  minutes_pass(1);
  facilitator.ok({{"type", "end_session"}});

  // The final state, as the presenter's next connection sees it.
  const auto state = snapshot_of(server.port(), session.code, presenter_token).at("state");
  EXPECT_EQ(state.at("status"), "ended");
  EXPECT_EQ(state.at("phase"), 7);
  EXPECT_EQ(state.at("board").size(), 5u);
  EXPECT_EQ(state.at("adaptations").size(), 2u);
  EXPECT_EQ(state.at("annotations").at(0).at("replies").size(), 1u);
  // Two revealed noticings, one shared reflection, and Ravi's unshared
  // reflection as a placeholder without its words.
  ASSERT_EQ(state.at("entries").size(), 4u);
  EXPECT_EQ(state.at("entries").at(3).at("hidden"), true);
  EXPECT_FALSE(state.at("entries").at(3).contains("text"));

  // The export: for the facilitator or the presenter only, pseudonyms only,
  // and the unshared reflection nowhere.
  const auto target = "/api/sessions/" + session.code + "/export?format=md";
  EXPECT_EQ(http_request(server.port(), http::verb::get, target).status, 403u);
  EXPECT_EQ(http_request(server.port(), http::verb::get, target, {}, "not-a-key").status, 403u);
  const auto md = http_request(server.port(), http::verb::get, target, {}, presenter_token);
  ASSERT_EQ(md.status, 200u);
  for (const auto* expected : {"Student A is bored by the tasks", "Challenged", "Offer an extension problem",
                               "15 Mar 2027", "Which problems felt worth your time", "I assumed speed meant boredom",
                               "Helping Student B seems to matter", "They want more challenge"}) {
    EXPECT_NE(md.body.find(expected), std::string::npos) << expected;
  }
  EXPECT_EQ(md.body.find("PRIVATE"), std::string::npos);
  EXPECT_EQ(md.body.find("Seat them with Student B"), std::string::npos);  // declined
  const auto exported =
      json::parse(http_request(server.port(), http::verb::get, "/api/sessions/" + session.code + "/export?format=json",
                               {}, session.facilitator_key)
                      .body);
  EXPECT_EQ(exported.at("adaptations").at(0).at("check_in"), "2027-03-15");
  EXPECT_EQ(exported.at("consent").at("confirmed_by"), "Jordan");
  const auto html = http_request(server.port(), http::verb::get,
                                 "/api/sessions/" + session.code + "/export?format=html", {}, session.facilitator_key);
  EXPECT_EQ(html.content_type, "text/html; charset=utf-8");
  EXPECT_EQ(html.body.find("PRIVATE"), std::string::npos);
}

TEST_F(WholeDebrief, WithdrawingTheTranscriptRemovesItsWordsFromStorage) {
  facilitator.ok({{"type", "start_session"}});
  facilitator.ok({{"type", "go_to_phase"}, {"phase", 3}});
  const std::string words = "Honestly the group project felt pointless";
  json lines = json::array({{{"speaker", "Student A"}, {"role", "student"}, {"text", words}}});
  presenter.ok({{"type", "transcript_import"}, {"lines", lines}, {"consent", true}});
  ravi.ok({{"type", "annotate"},
           {"from_line", "L1"},
           {"tag", "notice"},
           {"comment", "strong word"},
           {"phase", "transcript"}});
  presenter.ok({{"type", "transcript_withdraw"}});

  ws_client late(server.port());
  late.hello(session.code, {{"token", presenter_token}, {"last_seq", 1}});  // replays the recent history
  for (;;) {
    const auto e = late.receive_type("event");
    if (e.at("event").at("type") == "transcript_withdrawn") break;
  }
  EXPECT_EQ(late.transcript_of_frames().find(words), std::string::npos);

  // Nothing of it is left in the database file or its log.
  facilitator.close();
  std::string file_bytes;
  for (const auto* suffix : {"", "-wal"}) {
    std::ifstream in(dir.path() / (std::string("debrief.db") + suffix), std::ios::binary);
    file_bytes += std::string(std::istreambuf_iterator<char>(in), {});
  }
  EXPECT_EQ(file_bytes.find(words), std::string::npos);
  EXPECT_EQ(file_bytes.find("strong word"), std::string::npos);
}

}  // namespace
}  // namespace debrief::testing
