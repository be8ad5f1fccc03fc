// Writing belongs to the phase it was written in: a note queued while its
// author was offline in a private phase never lands in a later, public one.

#include <gtest/gtest.h>

#include "harness.hpp"

namespace debrief::testing {
namespace {

// Learning partnership: phase 6, "reflection", is private; 7, "close", a
// discussion everyone sees.
constexpr int reflection_phase = 6;
constexpr int close_phase = 7;

TEST(WrittenInPhase, AnEntryQueuedInAPrivatePhaseIsRefusedOnceTheSessionMovedToAPublicOne) {
  temp_dir dir;
  test_server server(dir.path() / "debrief.db");
  const auto session = create_session(server.port());
  ws_client facilitator(server.port());
  const auto facilitator_token =
      facilitator.join(session.code, "Maya", "facilitator", session.facilitator_key).at("token").get<std::string>();
  ws_client presenter(server.port());
  presenter.join(session.code, "Jordan", "presenter");
  ws_client ravi(server.port());
  ravi.join(session.code, "Ravi", "colleague");
  std::string lena_token;
  {
    ws_client lena(server.port());
    lena_token = lena.join(session.code, "Lena", "colleague").at("token").get<std::string>();
    facilitator.ok({{"type", "start_session"}});
    facilitator.ok({{"type", "go_to_phase"}, {"phase", reflection_phase}});
  }  // Lena's connection drops; she writes on, offline.
  const std::string text = "PRIVATE: I still think the quiz was a trap";
  const json queued = {{"type", "entry_add"}, {"id", "offline-1"}, {"text", text}, {"phase", "reflection"}};
  facilitator.ok({{"type", "go_to_phase"}, {"phase", close_phase}});

  ws_client lena(server.port());
  lena.hello(session.code, {{"token", lena_token}});
  lena.receive_type("snapshot");
  lena.send(queued);
  const auto refused = lena.receive_type("error");
  EXPECT_EQ(refused.at("id"), "offline-1");
  EXPECT_EQ(refused.at("code"), "conflict");
  EXPECT_EQ(refused.at("current").at("phase"), "close");

  // Her next step, written now, is what everyone sees next.
  const auto done = lena.ok({{"type", "set_done"}, {"phase", "close"}});
  for (auto* other : {&facilitator, &presenter, &ravi}) {
    while (other->receive_type("event").at("seq") != done.at("seq")) {
    }
    EXPECT_EQ(other->transcript_of_frames().find(text), std::string::npos);
  }
  const auto state = snapshot_of(server.port(), session.code, facilitator_token).at("state");
  EXPECT_TRUE(state.at("entries").empty());
}

}  // namespace
}  // namespace debrief::testing
