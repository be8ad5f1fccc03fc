// No borrowed identities: a join is recognised by its id alone, and its
// retry gets the original participant and token only with the client secret
// the join was sent with.

#include <gtest/gtest.h>

#include "harness.hpp"

namespace debrief::testing {
namespace {

json join_message(const std::string& id, const std::string& name, const std::string& role, const std::string& secret) {
  return {{"type", "join"}, {"id", id}, {"name", name}, {"role", role}, {"client_secret", secret}};
}

// The answers to command `id`, in order, until `count` have come.
std::vector<json> answers_to(ws_client& c, const std::string& id, std::size_t count) {
  std::vector<json> out;
  while (out.size() < count) {
    auto m = c.receive();
    if ((m.at("type") == "ack" || m.at("type") == "error") && m.value("id", "") == id) out.push_back(m);
  }
  return out;
}

TEST(JoinSecret, ReplayingThePresentersJoinIdAndNameWithoutTheSecretGetsNoToken) {
  temp_dir dir;
  test_server server(dir.path() / "debrief.db");
  const auto session = create_session(server.port());
  ws_client facilitator(server.port());
  const auto facilitator_token =
      facilitator.join(session.code, "Maya", "facilitator", session.facilitator_key).at("token").get<std::string>();
  // "c1", as in the protocol document's own example.
  const auto join = join_message("c1", "Jordan", "presenter", random_hex());
  ws_client presenter(server.port());
  presenter.hello(session.code);
  presenter.receive_type("lobby");
  presenter.send(join);
  const auto token = presenter.receive_type("ack").at("token").get<std::string>();

  ws_client impostor(server.port());
  impostor.hello(session.code);
  impostor.receive_type("lobby");
  auto replay = join;
  replay.erase("client_secret");
  impostor.send(replay);
  auto refused = impostor.receive_type("error");
  EXPECT_EQ(refused.at("code"), "invalid");
  EXPECT_EQ(refused.at("id"), "c1");
  for (int attempt = 0; attempt < 3; ++attempt) {
    replay["client_secret"] = random_hex();
    impostor.send(replay);
    refused = impostor.receive_type("error");
    EXPECT_EQ(refused.at("code"), "conflict");
    EXPECT_EQ(refused.at("id"), "c1");
    EXPECT_EQ(refused.at("message"), "This command id was already used; send the join again with a new id.");
  }

  // It is still in the lobby, and nothing it ever received holds the token.
  ws_client sync(server.port());
  sync.join(session.code, "Sam", "observer");
  receive_lobby_naming(impostor, "Sam");
  EXPECT_EQ(impostor.transcript_of_frames().find(token), std::string::npos);
  EXPECT_EQ(impostor.transcript_of_frames().find("\"ack\""), std::string::npos);
  EXPECT_EQ(snapshot_of(server.port(), session.code, facilitator_token).at("state").at("participants").size(), 3u);
}

TEST(JoinSecret, AJoinRetriedWithItsSecretGetsTheSameParticipantAndTokenAlsoAfterARestart) {
  temp_dir dir;
  const auto db = dir.path() / "debrief.db";
  const auto join = join_message("k7v2-join", "Lena", "colleague", random_hex());
  created session;
  json first;
  {
    test_server server(db);
    session = create_session(server.port());
    {
      ws_client c(server.port());
      c.hello(session.code);
      c.receive_type("lobby");
      c.send(join);
      first = c.receive_type("ack");
    }  // the ack was "lost": the client comes back and sends the join again
    ws_client again(server.port());
    again.hello(session.code);
    again.receive_type("lobby");
    again.send(join);
    EXPECT_EQ(again.receive_type("ack"), first);
    ASSERT_FALSE(again.last_snapshot().is_null()) << "the retry was acknowledged without showing the session";
    EXPECT_GE(again.last_snapshot().at("seq"), first.at("seq"));
  }

  test_server server(db);
  ws_client after(server.port());
  after.hello(session.code);
  after.receive_type("lobby");
  auto impostor = join;
  impostor["client_secret"] = random_hex();
  after.send(impostor);
  EXPECT_EQ(after.receive_type("error").at("code"), "conflict");
  after.send(join);
  const auto third = after.receive_type("ack");
  EXPECT_EQ(third.at("you"), first.at("you"));
  EXPECT_EQ(third.at("token"), first.at("token"));
  ASSERT_FALSE(after.last_snapshot().is_null());
  // Bound to Lena: it acts as her.
  const auto state = after.last_snapshot().at("state");
  ASSERT_EQ(state.at("participants").size(), 1u);
  EXPECT_EQ(state.at("participants").at(0).at("name"), "Lena");
  EXPECT_EQ(after.command({{"type", "leave"}}).at("type"), "ack");
}

// Retries that arrive while the first join is still on its way to the disk
// wait for it, and are judged by their secret all the same.
TEST(JoinSecret, RetriesSentBeforeTheJoinIsStoredAreJudgedByTheirSecretToo) {
  temp_dir dir;
  test_server server(dir.path() / "debrief.db");
  const auto session = create_session(server.port());
  ws_client a(server.port());
  ws_client b(server.port());
  for (auto* c : {&a, &b}) {
    c->hello(session.code);
    c->receive_type("lobby");
  }
  const auto join = join_message("early-1", "Lena", "colleague", random_hex());
  auto other = join;
  other["client_secret"] = random_hex();
  a.send(join);
  a.send(other);
  b.send(join);

  const auto at_a = answers_to(a, "early-1", 2);
  const auto at_b = answers_to(b, "early-1", 1);
  const auto& ack = at_a[0].at("type") == "ack" ? at_a[0] : at_a[1];
  const auto& conflict = at_a[0].at("type") == "ack" ? at_a[1] : at_a[0];
  ASSERT_EQ(ack.at("type"), "ack") << at_a[0].dump() << at_a[1].dump();
  EXPECT_EQ(conflict.at("code"), "conflict");
  ASSERT_EQ(at_b[0].at("type"), "ack") << at_b[0].dump();
  EXPECT_EQ(at_b[0].at("you"), ack.at("you"));
  EXPECT_EQ(at_b[0].at("token"), ack.at("token"));
  EXPECT_FALSE(b.last_snapshot().is_null());
  const auto state = snapshot_of(server.port(), session.code, ack.at("token")).at("state");
  EXPECT_EQ(state.at("participants").size(), 1u);
}

}  // namespace
}  // namespace debrief::testing
