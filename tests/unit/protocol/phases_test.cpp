// Moving between phases: next, previous, go to; a phase not yet visited
// brings its own idle timer, and one left part-way keeps its timer.

#include "test_support.hpp"

namespace debrief::protocol::test {
namespace {

const timer_state idle_open{timer_status::idle, five_minutes, five_minutes, 0};
const timer_state idle_talk{timer_status::idle, ten_minutes, ten_minutes, 0};
const timer_state idle_close{timer_status::idle, two_minutes, two_minutes, 0};

TEST(NextPhase, MovesToTheNextPhaseWithItsIdleTimer) {
  EXPECT_THAT(apply(live_session(), cmd::next_phase{}, facilitator, 0),
              Gives(events{evt::phase_changed{1, idle_talk}}));
}

TEST(NextPhase, ARunningTimerIsReplacedByTheNewPhasesIdleTimer) {
  const auto s = given(running_timer(), cmd::next_phase{}, facilitator, 61'000);

  EXPECT_EQ(s.phase, 1);
  EXPECT_EQ(s.timer, idle_talk);
}

TEST(NextPhase, AtTheLastPhaseIsAConflict) {
  const auto s = given(live_session(), cmd::go_to_phase{2}, facilitator);

  EXPECT_THAT(apply(s, cmd::next_phase{}, facilitator, 0), Rejects(error_code::conflict));
}

TEST(NextPhase, InTheLobbyIsAConflict) {
  EXPECT_THAT(apply(lobby_with_everyone(), cmd::next_phase{}, facilitator, 0), Rejects(error_code::conflict));
}

TEST(NextPhase, AfterTheEndIsAConflict) {
  EXPECT_THAT(apply(ended_session(), cmd::next_phase{}, facilitator, 0), Rejects(error_code::conflict));
}

TEST(PreviousPhase, MovesBackWithThePreviousPhasesIdleTimer) {
  const auto s = given(live_session(), cmd::go_to_phase{2}, facilitator);

  EXPECT_THAT(apply(s, cmd::previous_phase{}, facilitator, 0), Gives(events{evt::phase_changed{1, idle_talk}}));
}

TEST(PreviousPhase, AtTheFirstPhaseIsAConflict) {
  EXPECT_THAT(apply(live_session(), cmd::previous_phase{}, facilitator, 0), Rejects(error_code::conflict));
}

TEST(PreviousPhase, InTheLobbyIsAConflict) {
  EXPECT_THAT(apply(lobby_with_everyone(), cmd::previous_phase{}, facilitator, 0), Rejects(error_code::conflict));
}

TEST(PreviousPhase, AfterTheEndIsAConflict) {
  const auto s = given(given(live_session(), cmd::next_phase{}, facilitator), cmd::end_session{}, facilitator);

  EXPECT_THAT(apply(s, cmd::previous_phase{}, facilitator, 0), Rejects(error_code::conflict));
}

TEST(GoToPhase, JumpsToAnyPhaseWithItsIdleTimer) {
  EXPECT_THAT(apply(live_session(), cmd::go_to_phase{2}, facilitator, 0),
              Gives(events{evt::phase_changed{2, idle_close}}));
  const auto at_last = given(live_session(), cmd::go_to_phase{2}, facilitator);
  EXPECT_THAT(apply(at_last, cmd::go_to_phase{0}, facilitator, 0), Gives(events{evt::phase_changed{0, idle_open}}));
}

TEST(GoToPhase, ThePhaseItIsAlreadyInIsAConflict) {
  EXPECT_THAT(apply(live_session(), cmd::go_to_phase{0}, facilitator, 0), Rejects(error_code::conflict));
}

TEST(GoToPhase, AnIndexOutOfRangeIsNotFound) {
  for (int phase : {3, 4, 40, -1, -1000}) {
    SCOPED_TRACE(phase);
    EXPECT_THAT(apply(live_session(), cmd::go_to_phase{phase}, facilitator, 0), Rejects(error_code::not_found));
  }
}

TEST(GoToPhase, InTheLobbyIsAConflict) {
  EXPECT_THAT(apply(lobby_with_everyone(), cmd::go_to_phase{1}, facilitator, 0), Rejects(error_code::conflict));
}

TEST(GoToPhase, AfterTheEndIsAConflict) {
  EXPECT_THAT(apply(ended_session(), cmd::go_to_phase{1}, facilitator, 0), Rejects(error_code::conflict));
}

TEST(GoToPhase, TimeAddedInTheOldPhaseDoesNotCarryOverToTheNext) {
  auto s = given(running_timer(), cmd::timer_add{600}, facilitator, 2000);
  s = given(s, cmd::go_to_phase{1}, facilitator, 3000);

  EXPECT_EQ(s.timer, idle_talk);
}

TEST(GoToPhase, LeavingARunningTimerKeepsItPausedForTheWayBack) {
  // Started at 1 s with 5 min, 10 min added, left at 3 s: 2 s used.
  auto s = given(running_timer(), cmd::timer_add{600}, facilitator, 2000);

  EXPECT_THAT(
      apply(s, cmd::next_phase{}, facilitator, 3000),
      Gives(events{evt::phase_timer_saved{"open", {timer_status::paused, 15 * 60'000, 15 * 60'000 - 2000, 0, 2000, 0}},
                   evt::phase_changed{1, idle_talk}}));
}

TEST(GoToPhase, ComingBackToAPhaseResumesItsTimerWhereItWasLeft) {
  auto s = given(running_timer(), cmd::timer_add{600}, facilitator, 2000);
  s = given(s, cmd::go_to_phase{1}, facilitator, 3000);
  s = given(s, cmd::go_to_phase{0}, facilitator, 4000);

  EXPECT_EQ(s.timer, (timer_state{timer_status::paused, 15 * 60'000, 15 * 60'000 - 2000, 0, 2000, 0}));
}

}  // namespace
}  // namespace debrief::protocol::test
