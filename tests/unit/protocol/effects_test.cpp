// What applied events ask of the server besides the new state: a token per
// new participant, the stored session's flags, the scrub, the timer, the
// lobby and who is sent back to it.

#include "debrief/protocol/effects.hpp"

#include "test_support.hpp"

namespace debrief::protocol::test {
namespace {

side_effects of_command(const session_state& s, const command& c, const sender& from, millis now = 0) {
  return effects_of(events_of(apply(s, written_here(s, c), from, now)));
}

TEST(Effects, NoEventsAskForNothing) { EXPECT_EQ(effects_of({}), side_effects{}); }

TEST(Effects, AJoinAsksForATokenForItsParticipantAndChangesTheLobby) {
  const auto effects = of_command(new_session(), cmd::join{"Maya", role::colleague}, newcomer);

  EXPECT_EQ(effects.joined, std::vector<std::string>{"p1"});
  EXPECT_TRUE(effects.lobby_changed);
  EXPECT_FALSE(effects.timer_may_change);
  EXPECT_FALSE(effects.started || effects.ended || effects.transcript_withdrawn);
  EXPECT_TRUE(effects.left.empty());
}

TEST(Effects, LeavingNamesWhoLeft) {
  side_effects expected;
  expected.left = {"p3"};
  expected.lobby_changed = true;

  EXPECT_EQ(effects_of({evt::participant_left{"p3"}}), expected);
}

TEST(Effects, PresenceChangesTheLobbyButNotTheTimer) {
  side_effects expected;
  expected.lobby_changed = true;

  EXPECT_EQ(effects_of({evt::presence_changed{"p3", false}}), expected);
}

TEST(Effects, StartingMarksTheSessionStartedAndMayMoveTheTimer) {
  const auto effects = of_command(lobby_with_everyone(), cmd::start_session{}, facilitator);

  EXPECT_TRUE(effects.started);
  EXPECT_FALSE(effects.ended);
  EXPECT_TRUE(effects.timer_may_change);
  EXPECT_TRUE(effects.lobby_changed);
}

TEST(Effects, EndingMarksTheSessionEnded) {
  const auto effects = of_command(live_session(), cmd::end_session{}, facilitator);

  EXPECT_TRUE(effects.ended);
  EXPECT_FALSE(effects.started);
  EXPECT_TRUE(effects.timer_may_change);
}

TEST(Effects, TimerCommandsMayMoveTheTimerAndLeaveTheLobbyAlone) {
  const auto effects = of_command(live_session(), cmd::timer_start{}, facilitator, 1000);

  EXPECT_TRUE(effects.timer_may_change);
  EXPECT_FALSE(effects.lobby_changed);
}

TEST(Effects, AWithdrawalAsksForTheScrub) {
  side_effects expected;
  expected.transcript_withdrawn = true;
  expected.timer_may_change = true;  // any event but presence and membership

  EXPECT_EQ(effects_of({evt::transcript_withdrawn{}}), expected);
}

TEST(Effects, EveryEventOfABatchCounts) {
  const auto effects = effects_of({evt::participant_left{"p3"}, evt::participant_left{"p4"},
                                   evt::presence_changed{"p2", false}, evt::session_ended{}});

  EXPECT_EQ(effects.left, (std::vector<std::string>{"p3", "p4"}));
  EXPECT_TRUE(effects.ended);
  EXPECT_TRUE(effects.timer_may_change);
  EXPECT_TRUE(effects.lobby_changed);
}

}  // namespace
}  // namespace debrief::protocol::test
