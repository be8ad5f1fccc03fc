// The time a phase has been under way (used_ms, counting on from `since`):
// true through pauses, resets, time past zero, leaving and coming back, added
// time and the end. running_timer() started phase 0's 5 minutes at t=1000.

#include "test_support.hpp"

namespace debrief::protocol::test {
namespace {

constexpr millis started_at = 1000;
constexpr millis deadline = started_at + five_minutes;  // 301000
constexpr millis second = 1000;

millis used(const session_state& s, millis now) { return s.timer.used_at(now); }

const timer_state& saved_timer(const session_state& s, const std::string& phase) { return s.phase_timers.at(phase); }

TEST(UsedTime, CountsWhileRunning) {
  const auto s = running_timer();

  EXPECT_EQ(s.timer.used_ms, 0);
  EXPECT_EQ(s.timer.since, started_at);
  EXPECT_EQ(used(s, started_at + 90 * second), 90 * second);
}

TEST(UsedTime, IsNothingBeforeTheTimerStarts) { EXPECT_EQ(used(live_session(), 500'000), 0); }

TEST(UsedTime, GoesOnPastZero) {
  const auto s = given(running_timer(), cmd::expire_timer{}, newcomer, deadline + 250);

  EXPECT_EQ(s.timer.status, timer_status::expired);
  // Counted from the deadline, not from when the expiry was noticed.
  EXPECT_EQ(s.timer.used_ms, five_minutes);
  EXPECT_EQ(s.timer.since, deadline);
  EXPECT_EQ(used(s, deadline + 400 * second), five_minutes + 400 * second);  // "+6:40 over"
}

TEST(UsedTime, StopsDuringAPause) {
  auto s = given(running_timer(), cmd::timer_pause{}, facilitator, started_at + 30 * second);
  EXPECT_EQ(s.timer.used_ms, 30 * second);
  EXPECT_EQ(s.timer.since, 0);
  EXPECT_EQ(used(s, started_at + 10 * 60 * second), 30 * second);

  s = given(s, cmd::timer_resume{}, facilitator, 200'000);
  EXPECT_EQ(s.timer.since, 200'000);
  s = given(s, cmd::timer_pause{}, facilitator, 230'000);

  EXPECT_EQ(s.timer.used_ms, 60 * second);
}

TEST(UsedTime, AResetKeepsWhatWasUsed) {
  auto s = given(running_timer(), cmd::timer_reset{}, facilitator, started_at + 60 * second);
  EXPECT_EQ(s.timer.status, timer_status::idle);
  EXPECT_EQ(s.timer.remaining_ms, five_minutes);
  EXPECT_EQ(s.timer.used_ms, 60 * second);
  EXPECT_EQ(s.timer.since, 0);

  s = given(s, cmd::timer_start{}, facilitator, 100'000);

  EXPECT_EQ(s.timer.remaining_ms, five_minutes);
  EXPECT_EQ(used(s, 130'000), 90 * second);
}

TEST(UsedTime, AResetAfterTimeRanOutKeepsTheOvertime) {
  auto s = given(running_timer(), cmd::expire_timer{}, newcomer, deadline);
  s = given(s, cmd::timer_reset{}, facilitator, deadline + 100 * second);

  EXPECT_EQ(s.timer.used_ms, five_minutes + 100 * second);
  EXPECT_EQ(used(s, deadline + 500 * second), five_minutes + 100 * second);
}

TEST(UsedTime, StartingAgainAfterExpiryCountsOn) {
  auto s = given(running_timer(), cmd::expire_timer{}, newcomer, deadline);
  s = given(s, cmd::timer_start{}, facilitator, deadline + 20 * second);

  EXPECT_EQ(s.timer.used_ms, five_minutes + 20 * second);
  EXPECT_EQ(s.timer.since, deadline + 20 * second);
}

TEST(UsedTime, AddedTimeKeepsCounting) {
  auto s = given(running_timer(), cmd::timer_add{60}, facilitator, started_at + 30 * second);
  EXPECT_EQ(s.timer.since, started_at);
  EXPECT_EQ(used(s, started_at + 90 * second), 90 * second);

  s = given(s, cmd::expire_timer{}, newcomer, deadline + 60 * second);
  s = given(s, cmd::timer_add{60}, facilitator, deadline + 90 * second);

  EXPECT_EQ(s.timer.status, timer_status::running);
  EXPECT_EQ(used(s, deadline + 90 * second), five_minutes + 90 * second);
}

TEST(UsedTime, LeavingAPhaseKeepsItsUsedTimeAndComingBackGoesOn) {
  auto s = given(running_timer(), cmd::next_phase{}, facilitator, started_at + 60 * second);
  EXPECT_EQ(saved_timer(s, "open").used_ms, 60 * second);
  EXPECT_EQ(saved_timer(s, "open").since, 0);
  EXPECT_EQ(used(s, 500'000), 0);  // the new phase has not started

  s = given(s, cmd::previous_phase{}, facilitator, 400'000);
  EXPECT_EQ(s.timer.status, timer_status::paused);
  EXPECT_EQ(s.timer.used_ms, 60 * second);

  s = given(s, cmd::timer_resume{}, facilitator, 410'000);
  EXPECT_EQ(used(s, 440'000), 90 * second);
}

TEST(UsedTime, APhasePastZeroCountsOnlyWhileItIsCurrent) {
  auto s = given(running_timer(), cmd::expire_timer{}, newcomer, deadline);
  s = given(s, cmd::next_phase{}, facilitator, deadline + 60 * second);
  EXPECT_EQ(saved_timer(s, "open").status, timer_status::expired);
  EXPECT_EQ(saved_timer(s, "open").used_ms, 6 * 60 * second);
  EXPECT_EQ(saved_timer(s, "open").since, 0);

  // Away for ten minutes; back for one more.
  s = given(s, cmd::go_to_phase{0}, facilitator, deadline + 660 * second);
  EXPECT_EQ(s.timer.since, deadline + 660 * second);

  EXPECT_EQ(used(s, deadline + 720 * second), 7 * 60 * second);
}

TEST(UsedTime, AResetPhaseIsSavedWhenLeftSoItsUsedTimeComesBack) {
  auto s = given(running_timer(), cmd::timer_reset{}, facilitator, started_at + 45 * second);
  s = given(s, cmd::next_phase{}, facilitator, 100'000);
  EXPECT_EQ(saved_timer(s, "open").status, timer_status::idle);
  EXPECT_EQ(saved_timer(s, "open").used_ms, 45 * second);

  s = given(s, cmd::previous_phase{}, facilitator, 200'000);

  EXPECT_EQ(s.timer.used_ms, 45 * second);
}

TEST(UsedTime, StopsAtTheEnd) {
  const auto s = given(running_timer(), cmd::end_session{}, facilitator, started_at + 120 * second);

  EXPECT_EQ(s.timer.used_ms, 120 * second);
  EXPECT_EQ(s.timer.since, 0);
  EXPECT_EQ(used(s, 10'000'000), 120 * second);
}

TEST(UsedTime, ChangingTheMinutesOfAnIdlePhaseKeepsItsUsedTime) {
  auto s = given(running_timer(), cmd::timer_reset{}, facilitator, started_at + 30 * second);
  s = given(s, cmd::set_phase_minutes{0, 8}, facilitator, 50'000);

  EXPECT_EQ(s.timer.remaining_ms, 8 * 60 * second);
  EXPECT_EQ(s.timer.used_ms, 30 * second);
}

TEST(UsedTime, FrozenFoldsTheCountIn) {
  const timer_state running{timer_status::running, five_minutes, five_minutes, deadline, 10 * second, started_at};
  const auto frozen = running.frozen_at(started_at + 20 * second);

  EXPECT_EQ(frozen, (timer_state{timer_status::paused, five_minutes, five_minutes - 20 * second, 0, 30 * second, 0}));
  // A timer that was not counting only loses its `since`.
  const timer_state idle{timer_status::idle, five_minutes, five_minutes, 0, 7 * second, 0};
  EXPECT_EQ(idle.frozen_at(deadline), idle);
}

TEST(UsedTime, NeverCountsBackwards) {
  const timer_state running{timer_status::running, five_minutes, five_minutes, deadline, 10 * second, started_at};

  EXPECT_EQ(running.used_at(started_at - 5 * second), 10 * second);
}

}  // namespace
}  // namespace debrief::protocol::test
