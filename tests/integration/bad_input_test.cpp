#include <gtest/gtest.h>

#include "harness.hpp"

namespace debrief::testing {
namespace {

class BadInput : public ::testing::Test {
 protected:
  temp_dir dir;
  test_server server{dir.path() / "debrief.db"};
  created session = create_session(server.port());
};

TEST_F(BadInput, MessagesBeforeHelloOrJoinAreRefused) {
  ws_client c(server.port());
  c.send({{"type", "timer_start"}, {"id", "a"}});
  auto reply = c.receive();
  EXPECT_EQ(reply.at("code"), "not_joined");
  EXPECT_EQ(reply.at("id"), "a");
  // Not joined comes before the fields too.
  c.send({{"type", "timer_add"}, {"id", "b"}, {"seconds", "many"}});
  reply = c.receive();
  EXPECT_EQ(reply.at("code"), "not_joined");
  EXPECT_EQ(reply.at("id"), "b");

  c.hello(session.code);
  c.receive_type("lobby");
  reply = c.command({{"type", "timer_start"}});
  EXPECT_EQ(reply.at("code"), "not_joined");
  reply = c.command({{"type", "go_to_phase"}, {"phase", "two"}});
  EXPECT_EQ(reply.at("code"), "not_joined");
}

// Role first (spec: not joined, then role, then fields): a command its
// sender may not send reveals nothing of what its fields would have met.
TEST_F(BadInput, TheRoleIsCheckedBeforeTheFields) {
  ws_client facilitator(server.port());
  facilitator.join(session.code, "Maya", "facilitator", session.facilitator_key);
  ws_client presenter(server.port());
  presenter.join(session.code, "Jordan", "presenter");
  ws_client colleague(server.port());
  colleague.join(session.code, "Lena", "colleague");
  facilitator.ok({{"type", "start_session"}});

  EXPECT_EQ(presenter.command({{"type", "go_to_phase"}, {"phase", 999}}).at("code"), "forbidden");
  EXPECT_EQ(colleague.command({{"type", "timer_add"}, {"seconds", 1e300}}).at("code"), "forbidden");
  EXPECT_EQ(colleague.command({{"type", "board_add"}, {"list", "know"}, {"text", "x"}}).at("code"), "forbidden");
  // The same fields from someone who may send the command: their own error.
  EXPECT_EQ(facilitator.command({{"type", "go_to_phase"}, {"phase", 999}}).at("code"), "invalid");
  EXPECT_EQ(presenter.command({{"type", "board_add"}, {"list", "know"}, {"text", "x"}}).at("code"), "invalid");
  EXPECT_EQ(snapshot_of(server.port(), session.code, presenter.join_token()).at("state").at("phase"), 0);
}

TEST_F(BadInput, EachMalformedMessageGetsItsErrorAndChangesNothing) {
  ws_client c(server.port());
  const auto token = c.join(session.code, "Maya", "facilitator", session.facilitator_key).at("token");
  struct bad_case {
    std::string text;
    std::string code;
  };
  for (const auto& b : std::vector<bad_case>{
           {"{", "bad_message"},
           {"[1,2]", "bad_message"},
           {R"({"id":"x"})", "bad_message"},
           {R"({"type":"launch_rockets","id":"x"})", "bad_message"},
           {R"({"type":"timer_add"})", "invalid"},
           {R"({"type":"timer_add","id":"x","seconds":1e300})", "invalid"},
           {R"({"type":"timer_add","id":"x","seconds":-60})", "invalid"},
           {R"({"type":"go_to_phase","id":"x","phase":"two"})", "invalid"},
           {R"({"type":"hello","version":2,"session":"AGAIN"})", "bad_message"},
           {"", "bad_message"},
       }) {
    c.send_raw(b.text);
    const auto reply = c.receive();
    EXPECT_EQ(reply.at("type"), "error") << b.text;
    EXPECT_EQ(reply.at("code"), b.code) << b.text;
  }
  c.send_raw("binary", true);
  EXPECT_EQ(c.receive().at("code"), "bad_message");

  // Still connected, and the session is as it was.
  const auto state = snapshot_of(server.port(), session.code, token);
  EXPECT_EQ(state.at("seq"), 2);
  EXPECT_EQ(state.at("state").at("status"), "lobby");
}

// The server reads the whole frame and closes with a handshake, so the
// code reaches a client still busy sending. Several times: a close that
// raced the upload would show up as a reset in one of them.
TEST_F(BadInput, AFrameOver2MiBIsAnsweredWithClose1009) {
  for (int attempt = 0; attempt < 5; ++attempt) {
    SCOPED_TRACE("attempt " + std::to_string(attempt));
    ws_client c(server.port());
    c.hello(session.code);
    c.receive_type("lobby");
    c.send_raw(std::string(3 << 20, 'x'));
    websocket::close_code code{};
    EXPECT_TRUE(c.closed_by_server(&code));
    EXPECT_EQ(code, websocket::close_code::too_big);
  }
}

// The largest messages are what it is read in pieces for: one just under
// the limit, in the client's 4 KB frames, is read whole and applied.
TEST_F(BadInput, AMessageJustUnderTheLimitIsReadWholeFromManyFrames) {
  ws_client facilitator(server.port());
  facilitator.join(session.code, "Maya", "facilitator", session.facilitator_key);
  ws_client presenter(server.port());
  presenter.join(session.code, "Jordan", "presenter");
  facilitator.ok({{"type", "start_session"}});
  json lines = json::array();
  for (int i = 0; i < 1000; ++i) {
    lines.push_back({{"speaker", "Student A"}, {"role", "student"}, {"text", std::string(2000, 'a' + i % 26)}});
  }
  const json import = {{"type", "transcript_import"}, {"lines", lines}, {"consent", true}};
  ASSERT_GT(import.dump().size(), 2'000'000U);
  ASSERT_LT(import.dump().size(), std::size_t{2} << 20);
  presenter.ok(import);
  const auto state = snapshot_of(server.port(), session.code, presenter.join_token()).at("state");
  ASSERT_EQ(state.at("transcript").at("lines").size(), 1000U);
  EXPECT_EQ(state.at("transcript").at("lines").at(999).at("text"), std::string(2000, 'a' + 999 % 26));
}

TEST_F(BadInput, InvalidUtf8InATextFrameClosesWith1007) {
  ws_client c(server.port());
  c.hello(session.code);
  c.receive_type("lobby");
  c.send_raw("{\"type\":\"ping\",\"t\":\"\xff\xfe\"}");
  websocket::close_code code{};
  EXPECT_TRUE(c.closed_by_server(&code));
  EXPECT_EQ(code, websocket::close_code::bad_payload);
}

TEST_F(BadInput, AnUnknownSessionOrVersionIsRefused) {
  ws_client unknown(server.port());
  unknown.send({{"type", "hello"}, {"version", 2}, {"session", "NOSUCHCODE00"}});
  EXPECT_EQ(unknown.receive().at("code"), "not_found");
  websocket::close_code code{};
  EXPECT_TRUE(unknown.closed_by_server(&code));
  EXPECT_EQ(code, websocket::close_code::policy_error);  // 1008

  for (const int version : {1, 3}) {
    ws_client other(server.port());
    other.send({{"type", "hello"}, {"version", version}, {"session", session.code}});
    EXPECT_EQ(other.receive().at("code"), "unsupported_version");
    EXPECT_TRUE(other.closed_by_server(&code));
    EXPECT_EQ(code, websocket::close_code::protocol_error);  // 1002
  }
}

// Ids are issued per session: an id taken from another session names
// nothing here, and neither session changes.
TEST_F(BadInput, AnIdFromAnotherSessionIsNotFound) {
  const auto board_item_in = [&](const created& s, ws_client& facilitator, ws_client& presenter) {
    facilitator.join(s.code, "Maya", "facilitator", s.facilitator_key);
    presenter.join(s.code, "Jordan", "presenter");
    facilitator.ok({{"type", "start_session"}});
    facilitator.ok({{"type", "next_phase"}});  // the assumption board
  };
  ws_client facilitator_a(server.port()), presenter_a(server.port());
  board_item_in(session, facilitator_a, presenter_a);
  const auto ack = presenter_a.ok(
      {{"type", "board_add"}, {"list", "assumptions"}, {"text", "Only in session A"}, {"phase", "assumptions"}});
  std::string item;
  for (const auto& e : ack.at("events")) {
    if (e.at("event").at("type") == "board_item_saved") item = e.at("event").at("item").at("id");
  }
  ASSERT_FALSE(item.empty());

  const auto other = create_session(server.port());
  ws_client facilitator_b(server.port()), presenter_b(server.port());
  board_item_in(other, facilitator_b, presenter_b);
  const auto edit =
      presenter_b.command({{"type", "board_edit"}, {"item", item}, {"text", "Changed from B"}, {"version", 1}});
  EXPECT_EQ(edit.at("code"), "not_found");
  EXPECT_EQ(presenter_b.command({{"type", "board_remove"}, {"item", item}, {"version", 1}}).at("code"), "not_found");

  const auto board = snapshot_of(server.port(), session.code, facilitator_a.join_token()).at("state").at("board");
  ASSERT_EQ(board.size(), 1u);
  EXPECT_EQ(board[0].at("text"), "Only in session A");
}

}  // namespace
}  // namespace debrief::testing
