// Nobody is locked out, over real sockets: a presenter whose device is gone
// comes back as a colleague and the facilitator makes them presenter again;
// every power of the role (the board, the export) follows it, and the lobby
// shows the change. A facilitator whose device is gone leads again from a new
// one with the facilitator key.

#include <gtest/gtest.h>

#include "harness.hpp"

namespace debrief::testing {
namespace {

std::string role_in(const json& participants, const std::string& id) {
  for (const auto& p : participants) {
    if (p.at("id") == id) return p.at("role");
  }
  return "";
}

// Reads lobby messages until one gives `id` the role `role`; returns it.
json receive_lobby_where(ws_client& c, const std::string& id, const std::string& role) {
  for (;;) {
    auto m = c.receive();
    if (m.at("type") != "lobby") throw std::runtime_error("a connection in the lobby received " + m.dump());
    if (role_in(m.at("participants"), id) == role) return m;
  }
}

class MovePresenter : public ::testing::Test {
 protected:
  void SetUp() override {
    facilitator.join(session.code, "Maya", "facilitator", session.facilitator_key);
    presenter_id = laptop.join(session.code, "Jordan", "presenter").at("you");
    lena_id = lena.join(session.code, "Lena", "colleague").at("you");
    facilitator.ok({{"type", "start_session"}});
    facilitator.ok({{"type", "next_phase"}});  // the assumption board
    laptop.ok({{"type", "board_add"}, {"list", "know"}, {"text", "She finishes early"}, {"phase", "assumptions"}});
  }

  http_reply export_with(const std::string& bearer) {
    return http_request(server.port(), http::verb::get, "/api/sessions/" + session.code + "/export?format=json", {},
                        bearer);
  }

  temp_dir dir;
  test_server server{dir.path() / "debrief.db"};
  created session = create_session(server.port());
  ws_client facilitator{server.port()};
  ws_client laptop{server.port()};  // the presenter's first device
  ws_client lena{server.port()};
  std::string presenter_id;
  std::string lena_id;
};

TEST_F(MovePresenter, APresenterBackOnANewDeviceIsMadePresenterAndTheRoleFollows) {
  const auto old_token = laptop.join_token();
  laptop.close();  // the laptop dies

  // On the phone, "presenter" is taken: Jordan joins as a colleague.
  ws_client refused(server.port());
  EXPECT_EQ(refused.join(session.code, "Jordan", "presenter").at("code"), "conflict");
  ws_client watcher(server.port());  // someone still on the join form
  watcher.hello(session.code);
  ws_client phone(server.port());
  const std::string phone_id = phone.join(session.code, "Jordan (phone)", "colleague").at("you");
  receive_lobby_naming(watcher, "Jordan (phone)");

  const auto moved = facilitator.ok({{"type", "move_presenter"}, {"to", phone_id}});
  const auto& event = moved.at("events").back().at("event");
  EXPECT_EQ(event, (json{{"type", "presenter_moved"}, {"from", presenter_id}, {"to", phone_id}}));

  // Everyone in the session and on the join form sees the roles change.
  const auto lobby = receive_lobby_where(watcher, phone_id, "presenter");
  EXPECT_EQ(role_in(lobby.at("participants"), presenter_id), "colleague");
  const auto seen = snapshot_of(server.port(), session.code, lena.join_token()).at("state").at("participants");
  EXPECT_EQ(role_in(seen, phone_id), "presenter");
  EXPECT_EQ(role_in(seen, presenter_id), "colleague");

  // The new presenter writes on the board; the old one's token, back online, may not.
  phone.ok({{"type", "board_add"}, {"list", "find_out"}, {"text", "Why does she wait?"}, {"phase", "assumptions"}});
  ws_client laptop_again(server.port());
  EXPECT_EQ(laptop_again.hello(session.code, {{"token", old_token}}).at("you"), presenter_id);
  const auto refused_edit =
      laptop_again.command({{"type", "board_add"}, {"list", "know"}, {"text", "Too late"}, {"phase", "assumptions"}});
  EXPECT_EQ(refused_edit.at("code"), "forbidden") << refused_edit.dump();

  // The record goes to whoever presents now, not to the token that presented before.
  const auto by_new = export_with(phone.join_token());
  EXPECT_EQ(by_new.status, 200u) << by_new.body;
  EXPECT_NE(by_new.body.find("Why does she wait?"), std::string::npos);
  EXPECT_EQ(export_with(old_token).status, 403u);
}

TEST_F(MovePresenter, OnlyTheFacilitatorMovesItAndNotAfterTheEnd) {
  const auto by_colleague = lena.command({{"type", "move_presenter"}, {"to", lena_id}});
  EXPECT_EQ(by_colleague.at("code"), "forbidden");
  const auto to_nobody = facilitator.command({{"type", "move_presenter"}, {"to", "p99"}});
  EXPECT_EQ(to_nobody.at("code"), "not_found");
  const auto without_to = facilitator.command({{"type", "move_presenter"}});
  EXPECT_EQ(without_to.at("code"), "invalid");

  facilitator.ok({{"type", "end_session"}});
  const auto after_end = facilitator.command({{"type", "move_presenter"}, {"to", lena_id}});
  EXPECT_EQ(after_end.at("code"), "conflict");
}

TEST_F(MovePresenter, TheFacilitatorKeyLeadsFromANewDevice) {
  facilitator.close();  // the facilitator's laptop is gone

  ws_client tablet(server.port());
  EXPECT_EQ(tablet.join(session.code, "Maya", "facilitator", "0123456789abcdef0123456789abcdef").at("code"),
            "forbidden");
  ws_client again(server.port());
  ASSERT_EQ(again.join(session.code, "Maya (tablet)", "facilitator", session.facilitator_key).at("type"), "ack");
  again.ok({{"type", "next_phase"}});
  again.ok({{"type", "move_presenter"}, {"to", lena_id}});
}

}  // namespace
}  // namespace debrief::testing
