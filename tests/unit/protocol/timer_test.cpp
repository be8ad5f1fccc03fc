// The phase timer: a deadline in the state, driven by commands that carry the
// time. running_timer() started phase 0's 5 minutes at t=1000, so it ends at
// t=301000.

#include <optional>
#include <tuple>

#include "test_support.hpp"

namespace debrief::protocol::test {
namespace {

constexpr millis started_at = 1000;
constexpr millis deadline = started_at + five_minutes;  // 301000

// `used` and `since` are the phase's time used (see used_time_test.cpp).
timer_state running(millis duration, millis remaining, millis ends_at, millis used, millis since) {
  return {timer_status::running, duration, remaining, ends_at, used, since};
}
timer_state paused(millis duration, millis remaining, millis used) {
  return {timer_status::paused, duration, remaining, 0, used, 0};
}
timer_state idle(millis duration, millis used = 0) { return {timer_status::idle, duration, duration, 0, used, 0}; }
// Past zero the phase counts on from the moment it ran out, when `zero_used`
// had been used (by default: the used time given).
timer_state expired(millis duration, millis used, millis since, std::optional<millis> zero_used = std::nullopt) {
  return {timer_status::expired, duration, 0, 0, used, since, zero_used.value_or(used)};
}

session_state expired_timer() { return given(running_timer(), cmd::expire_timer{}, newcomer, deadline); }

TEST(TimerStart, RunsThePhasesFullLengthFromNow) {
  EXPECT_THAT(apply(live_session(), cmd::timer_start{}, facilitator, started_at),
              Gives(events{evt::timer_started{running(five_minutes, five_minutes, deadline, 0, started_at)}}));
}

TEST(TimerStart, WhileRunningIsAConflict) {
  EXPECT_THAT(apply(running_timer(), cmd::timer_start{}, facilitator, 2000), Rejects(error_code::conflict));
}

TEST(TimerStart, WhilePausedIsAConflict) {
  const auto s = given(running_timer(), cmd::timer_pause{}, facilitator, 2000);

  EXPECT_THAT(apply(s, cmd::timer_start{}, facilitator, 3000), Rejects(error_code::conflict));
}

TEST(TimerStart, InTheLobbyIsAConflict) {
  EXPECT_THAT(apply(lobby_with_everyone(), cmd::timer_start{}, facilitator, 0), Rejects(error_code::conflict));
}

TEST(TimerStart, AfterTheEndIsAConflict) {
  EXPECT_THAT(apply(ended_session(), cmd::timer_start{}, facilitator, 0), Rejects(error_code::conflict));
}

TEST(TimerStart, AfterExpiryRunsThePhasesLengthAgain) {
  EXPECT_THAT(
      apply(expired_timer(), cmd::timer_start{}, facilitator, 400'000),
      Gives(events{evt::timer_started{running(five_minutes, five_minutes, 700'000, five_minutes + 99'000, 400'000)}}));
}

TEST(TimerStart, AfterExpiryForgetsTimeAddedBefore) {
  auto s = given(running_timer(), cmd::timer_add{120}, facilitator, 2000);
  s = given(s, cmd::expire_timer{}, newcomer, deadline + 120'000);

  EXPECT_THAT(
      apply(s, cmd::timer_start{}, facilitator, 500'000),
      Gives(events{evt::timer_started{running(five_minutes, five_minutes, 800'000, 420'000 + 79'000, 500'000)}}));
}

TEST(TimerStart, KeepsTimeAddedBeforeItStarted) {
  const auto s = given(live_session(), cmd::timer_add{60}, facilitator, 500);

  EXPECT_THAT(apply(s, cmd::timer_start{}, facilitator, started_at),
              Gives(events{evt::timer_started{
                  running(five_minutes + 60'000, five_minutes + 60'000, deadline + 60'000, 0, started_at)}}));
}

TEST(TimerPause, KeepsTheTimeLeft) {
  // Thirty seconds after the start.
  EXPECT_THAT(apply(running_timer(), cmd::timer_pause{}, facilitator, 31'000),
              Gives(events{evt::timer_paused{paused(five_minutes, five_minutes - 30'000, 30'000)}}));
}

TEST(TimerPause, PastTheDeadlineBeforeExpiryLeavesNothing) {
  EXPECT_THAT(apply(running_timer(), cmd::timer_pause{}, facilitator, deadline + 5000),
              Gives(events{evt::timer_paused{paused(five_minutes, 0, deadline + 5000 - started_at)}}));
}

TEST(TimerPause, WhenNotRunningIsAConflict) {
  const auto paused_timer = given(running_timer(), cmd::timer_pause{}, facilitator, 2000);
  for (const auto& [label, s] :
       {std::pair{"idle", live_session()}, std::pair{"paused", paused_timer}, std::pair{"expired", expired_timer()}}) {
    SCOPED_TRACE(label);
    EXPECT_THAT(apply(s, cmd::timer_pause{}, facilitator, 350'000), Rejects(error_code::conflict));
  }
}

TEST(TimerPause, InTheLobbyIsAConflict) {
  EXPECT_THAT(apply(lobby_with_everyone(), cmd::timer_pause{}, facilitator, 0), Rejects(error_code::conflict));
}

TEST(TimerResume, RunsTheRemainingTimeFromNow) {
  const auto s = given(running_timer(), cmd::timer_pause{}, facilitator, 31'000);

  EXPECT_THAT(apply(s, cmd::timer_resume{}, facilitator, 100'000),
              Gives(events{evt::timer_resumed{running(five_minutes, 270'000, 370'000, 30'000, 100'000)}}));
}

TEST(TimerResume, WhenNotPausedIsAConflict) {
  for (const auto& [label, s] : {std::pair{"idle", live_session()}, std::pair{"running", running_timer()},
                                 std::pair{"expired", expired_timer()}}) {
    SCOPED_TRACE(label);
    EXPECT_THAT(apply(s, cmd::timer_resume{}, facilitator, 350'000), Rejects(error_code::conflict));
  }
}

TEST(TimerResume, AfterTheEndIsAConflict) {
  // Ending pauses the running timer; it cannot be resumed afterwards.
  const auto s = given(running_timer(), cmd::end_session{}, facilitator, 31'000);
  ASSERT_EQ(s.timer.status, timer_status::paused);

  EXPECT_THAT(apply(s, cmd::timer_resume{}, facilitator, 40'000), Rejects(error_code::conflict));
}

TEST(TimerAdd, WhileRunningMovesTheDeadline) {
  EXPECT_THAT(
      apply(running_timer(), cmd::timer_add{60}, facilitator, 61'000),
      Gives(events{evt::timer_extended{running(five_minutes + 60'000, 300'000, deadline + 60'000, 0, started_at)}}));
}

TEST(TimerAdd, WhilePausedAddsToTheTimeLeft) {
  const auto s = given(running_timer(), cmd::timer_pause{}, facilitator, 31'000);

  EXPECT_THAT(apply(s, cmd::timer_add{90}, facilitator, 50'000),
              Gives(events{evt::timer_extended{paused(five_minutes + 90'000, 270'000 + 90'000, 30'000)}}));
}

TEST(TimerAdd, WhileIdleLengthensThePlannedTime) {
  EXPECT_THAT(apply(live_session(), cmd::timer_add{30}, facilitator, 0),
              Gives(events{evt::timer_extended{idle(five_minutes + 30'000)}}));
}

TEST(TimerAdd, AfterExpiryRunsAgainForTheAddedSeconds) {
  EXPECT_THAT(apply(expired_timer(), cmd::timer_add{90}, facilitator, 400'000),
              Gives(events{evt::timer_extended{
                  running(five_minutes + 90'000, 90'000, 490'000, five_minutes + 99'000, 400'000)}}));
}

TEST(TimerAdd, AcceptsOneSecondAndAnHour) {
  EXPECT_THAT(apply(running_timer(), cmd::timer_add{1}, facilitator, 1000),
              Gives(events{evt::timer_extended{
                  running(five_minutes + 1000, five_minutes + 1000, deadline + 1000, 0, started_at)}}));
  EXPECT_THAT(apply(running_timer(), cmd::timer_add{3600}, facilitator, 1000),
              Gives(events{evt::timer_extended{
                  running(five_minutes + 3'600'000, five_minutes + 3'600'000, deadline + 3'600'000, 0, started_at)}}));
}

TEST(TimerAdd, SecondsOutOfRangeAreInvalid) {
  for (int seconds : {0, -5, 3601, 1'000'000}) {
    SCOPED_TRACE(seconds);
    EXPECT_THAT(apply(running_timer(), cmd::timer_add{seconds}, facilitator, 2000), Rejects(error_code::invalid));
  }
}

TEST(TimerAdd, InTheLobbyIsAConflict) {
  EXPECT_THAT(apply(lobby_with_everyone(), cmd::timer_add{60}, facilitator, 0), Rejects(error_code::conflict));
}

TEST(TimerAdd, AfterTheEndIsAConflict) {
  EXPECT_THAT(apply(ended_session(), cmd::timer_add{60}, facilitator, 0), Rejects(error_code::conflict));
}

TEST(TimerReset, GivesThePhasesIdleTimerBack) {
  auto s = given(running_timer(), cmd::timer_add{60}, facilitator, 2000);

  // The two seconds used stay on record.
  EXPECT_THAT(apply(s, cmd::timer_reset{}, facilitator, 3000),
              Gives(events{evt::timer_reset{idle(five_minutes, 2000)}}));
}

TEST(TimerReset, WorksInEveryTimerStatus) {
  const auto paused_timer = given(running_timer(), cmd::timer_pause{}, facilitator, 2000);
  // Each keeps the time it had used by then.
  for (const auto& [label, s, used] :
       {std::tuple{"idle", live_session(), millis{0}}, std::tuple{"running", running_timer(), millis{349'000}},
        std::tuple{"paused", paused_timer, millis{1000}}, std::tuple{"expired", expired_timer(), millis{349'000}}}) {
    SCOPED_TRACE(label);
    EXPECT_THAT(apply(s, cmd::timer_reset{}, facilitator, 350'000),
                Gives(events{evt::timer_reset{idle(five_minutes, used)}}));
  }
}

// Overtime is the used time past zero_used_ms: after a reset the time used
// before it (two minutes over, here) must not count as overtime again.
TEST(TimerReset, TheNextExpiryCountsOvertimeFromItsOwnZero) {
  auto s = given(expired_timer(), cmd::timer_reset{}, facilitator, deadline + 120'000);
  ASSERT_EQ(s.timer.used_ms, five_minutes + 120'000);
  s = given(s, cmd::timer_start{}, facilitator, 500'000);

  EXPECT_THAT(apply(s, cmd::expire_timer{}, newcomer, 800'000),
              Gives(events{evt::timer_expired{expired(five_minutes, 2 * five_minutes + 120'000, 800'000)}}));
  const auto again = given(s, cmd::expire_timer{}, newcomer, 800'000);
  EXPECT_EQ(again.timer.used_at(800'000) - again.timer.zero_used_ms, 0);
  EXPECT_EQ(again.timer.used_at(830'000) - again.timer.zero_used_ms, 30'000);
}

// Leaving an expired phase and coming back keeps where its zero was.
TEST(TimerExpire, ZeroIsKeptWhenThePhaseIsLeftAndEntered) {
  auto s = given(expired_timer(), cmd::next_phase{}, facilitator, deadline + 60'000);
  s = given(s, cmd::go_to_phase{0}, facilitator, 900'000);

  EXPECT_EQ(s.timer.status, timer_status::expired);
  EXPECT_EQ(s.timer.zero_used_ms, five_minutes);
  EXPECT_EQ(s.timer.used_at(910'000) - s.timer.zero_used_ms, 70'000);
}

TEST(TimerReset, UsesTheCurrentPhasesLength) {
  auto s = given(live_session(), cmd::next_phase{}, facilitator, 0);
  s = given(s, cmd::timer_start{}, facilitator, 1000);

  EXPECT_THAT(apply(s, cmd::timer_reset{}, facilitator, 2000),
              Gives(events{evt::timer_reset{idle(ten_minutes, 1000)}}));
}

TEST(TimerReset, InTheLobbyIsAConflict) {
  EXPECT_THAT(apply(lobby_with_everyone(), cmd::timer_reset{}, facilitator, 0), Rejects(error_code::conflict));
}

TEST(TimerExpire, BeforeTheDeadlineIsAConflict) {
  EXPECT_THAT(apply(running_timer(), cmd::expire_timer{}, newcomer, deadline - 1), Rejects(error_code::conflict));
}

TEST(TimerExpire, AtTheDeadlineExpiresWithNothingLeft) {
  EXPECT_THAT(apply(running_timer(), cmd::expire_timer{}, newcomer, deadline),
              Gives(events{evt::timer_expired{expired(five_minutes, five_minutes, deadline)}}));
}

TEST(TimerExpire, LateExpiryStillExpires) {
  EXPECT_THAT(apply(running_timer(), cmd::expire_timer{}, newcomer, deadline + 250),
              Gives(events{evt::timer_expired{expired(five_minutes, five_minutes, deadline)}}));
}

TEST(TimerExpire, KeepsTheDurationIncludingAddedTime) {
  const auto s = given(running_timer(), cmd::timer_add{60}, facilitator, 2000);

  EXPECT_THAT(
      apply(s, cmd::expire_timer{}, newcomer, deadline + 60'000),
      Gives(events{evt::timer_expired{expired(five_minutes + 60'000, five_minutes + 60'000, deadline + 60'000)}}));
}

TEST(TimerExpire, AnOldDeadlineMovedByAddedTimeIsAConflict) {
  const auto s = given(running_timer(), cmd::timer_add{60}, facilitator, 2000);

  EXPECT_THAT(apply(s, cmd::expire_timer{}, newcomer, deadline), Rejects(error_code::conflict));
}

TEST(TimerExpire, WhenNotRunningIsAConflict) {
  const auto paused_timer = given(running_timer(), cmd::timer_pause{}, facilitator, 2000);
  for (const auto& [label, s] : {std::pair{"lobby", lobby_with_everyone()}, std::pair{"idle", live_session()},
                                 std::pair{"paused", paused_timer}, std::pair{"expired", expired_timer()},
                                 std::pair{"ended", given(running_timer(), cmd::end_session{}, facilitator, 2000)}}) {
    SCOPED_TRACE(label);
    EXPECT_THAT(apply(s, cmd::expire_timer{}, newcomer, 10'000'000), Rejects(error_code::conflict));
  }
}

TEST(TimerState, RemainingTimeFollowsTheStatus) {
  EXPECT_EQ(running(five_minutes, five_minutes, deadline, 0, started_at).remaining_at(31'000), 270'000);
  EXPECT_EQ(running(five_minutes, five_minutes, deadline, 0, started_at).remaining_at(deadline + 1), 0);
  EXPECT_EQ(paused(five_minutes, 12'345, 0).remaining_at(deadline), 12'345);
  EXPECT_EQ(idle(five_minutes).remaining_at(deadline), five_minutes);
  EXPECT_EQ(expired(five_minutes, five_minutes, deadline).remaining_at(0), 0);
}

TEST(TimerState, AnIdleTimerHoldsThePhasesMinutes) {
  EXPECT_EQ(idle_timer_for(small_template(), 0), idle(five_minutes));
  EXPECT_EQ(idle_timer_for(small_template(), 1), idle(ten_minutes));
  EXPECT_EQ(idle_timer_for(small_template(), 2), idle(two_minutes));
}

}  // namespace
}  // namespace debrief::protocol::test
