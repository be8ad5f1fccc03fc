// A session's life: created in the lobby, started, ended.

#include "test_support.hpp"

namespace debrief::protocol::test {
namespace {

std::string repeat(std::string_view piece, int times) {
  std::string out;
  for (int i = 0; i < times; ++i) out += piece;
  return out;
}

TEST(CreateSession, GivesTheFirstEventOfTheLog) {
  const auto created = create_session("K7M2Q9XP4TDA", "Grade 7 triad", small_template(), 1'763'850'000'000);

  ASSERT_TRUE(std::holds_alternative<evt::session_created>(created));
  EXPECT_EQ(std::get<evt::session_created>(created),
            (evt::session_created{"K7M2Q9XP4TDA", "Grade 7 triad", small_template(), 1'763'850'000'000, {}, {}, {}}));
}

TEST(CreateSession, ANewSessionWaitsInTheLobbyAtPhaseZeroWithItsIdleTimer) {
  const auto s = evolve({}, created_event(42));

  EXPECT_EQ(s.session, "K7M2Q9XP4TDA");
  EXPECT_EQ(s.title, "Grade 7 triad");
  EXPECT_EQ(s.created_at, 42);
  EXPECT_EQ(s.tmpl, small_template());
  EXPECT_EQ(s.status, session_status::lobby);
  EXPECT_EQ(s.phase, 0);
  EXPECT_EQ(s.timer, (timer_state{timer_status::idle, five_minutes, five_minutes, 0}));
  EXPECT_TRUE(s.participants.empty());
  EXPECT_EQ(s.participants_ever_joined, 0);
}

TEST(CreateSession, TheTitleIsTrimmed) {
  const auto created = create_session("S", "  Grade 7 triad \t", small_template(), 0);

  ASSERT_TRUE(std::holds_alternative<evt::session_created>(created));
  EXPECT_EQ(std::get<evt::session_created>(created).title, "Grade 7 triad");
}

TEST(CreateSession, AnEmptyTitleTakesTheTemplateName) {
  for (const auto* title : {"", "   "}) {
    const auto created = create_session("S", title, small_template(), 0);
    ASSERT_TRUE(std::holds_alternative<evt::session_created>(created));
    EXPECT_EQ(std::get<evt::session_created>(created).title, "Small debrief");
  }
}

TEST(CreateSession, ATitleOf120CharactersIsAcceptedAnd121IsTooLarge) {
  const auto longest = repeat("\u00e9", 120);
  EXPECT_TRUE(std::holds_alternative<evt::session_created>(create_session("S", longest, small_template(), 0)));

  const auto too_long = create_session("S", longest + "x", small_template(), 0);
  ASSERT_TRUE(std::holds_alternative<rejection>(too_long));
  EXPECT_EQ(std::get<rejection>(too_long).code, error_code::too_large);
  EXPECT_FALSE(std::get<rejection>(too_long).message.empty());
}

TEST(CreateSession, ATitleWithAControlCharacterIsInvalid) {
  const auto created = create_session("S", "Grade\n7", small_template(), 0);

  ASSERT_TRUE(std::holds_alternative<rejection>(created));
  EXPECT_EQ(std::get<rejection>(created).code, error_code::invalid);
  EXPECT_FALSE(std::get<rejection>(created).message.empty());
}

TEST(StartSession, TheFacilitatorStartsTheSessionAtPhaseZero) {
  EXPECT_THAT(apply(lobby_with_everyone(), cmd::start_session{}, facilitator, 1000),
              Gives(events{evt::session_started{0, {timer_status::idle, five_minutes, five_minutes, 0}}}));
}

TEST(StartSession, AStartedSessionIsLive) {
  const auto s = live_session();

  EXPECT_EQ(s.status, session_status::live);
  EXPECT_EQ(s.phase, 0);
  EXPECT_EQ(s.timer, (timer_state{timer_status::idle, five_minutes, five_minutes, 0}));
}

TEST(StartSession, StartingALiveSessionIsAConflict) {
  EXPECT_THAT(apply(live_session(), cmd::start_session{}, facilitator, 0), Rejects(error_code::conflict));
}

TEST(StartSession, StartingAnEndedSessionIsAConflict) {
  EXPECT_THAT(apply(ended_session(), cmd::start_session{}, facilitator, 0), Rejects(error_code::conflict));
}

TEST(StartSession, AnEndedLobbyCannotBeStarted) {
  const auto s = given(lobby_with_everyone(), cmd::end_session{}, facilitator);

  EXPECT_THAT(apply(s, cmd::start_session{}, facilitator, 0), Rejects(error_code::conflict));
}

TEST(EndSession, TheFacilitatorEndsALiveSession) {
  const auto s = live_session();

  EXPECT_THAT(apply(s, cmd::end_session{}, facilitator, 9000),
              Gives(events{evt::session_ended{{timer_status::idle, five_minutes, five_minutes, 0}}}));
  EXPECT_EQ(given(s, cmd::end_session{}, facilitator, 9000).status, session_status::ended);
}

TEST(EndSession, TheFacilitatorMayEndASessionStillInTheLobby) {
  EXPECT_THAT(apply(lobby_with_everyone(), cmd::end_session{}, facilitator, 0),
              Gives(events{evt::session_ended{{timer_status::idle, five_minutes, five_minutes, 0}}}));
}

TEST(EndSession, ARunningTimerIsPausedWithTheTimeThatWasLeft) {
  // Started at t=1000 for 5 minutes; ended 100 s later.
  EXPECT_THAT(
      apply(running_timer(), cmd::end_session{}, facilitator, 101'000),
      Gives(events{evt::session_ended{{timer_status::paused, five_minutes, five_minutes - 100'000, 0, 100'000, 0}}}));
}

TEST(EndSession, APausedTimerKeepsItsRemainingTime) {
  const auto s = given(running_timer(), cmd::timer_pause{}, facilitator, 31'000);

  EXPECT_THAT(
      apply(s, cmd::end_session{}, facilitator, 500'000),
      Gives(events{evt::session_ended{{timer_status::paused, five_minutes, five_minutes - 30'000, 0, 30'000, 0}}}));
}

TEST(EndSession, AnExpiredTimerStaysExpired) {
  const auto s = given(running_timer(), cmd::expire_timer{}, sender{}, 301'000);

  EXPECT_THAT(apply(s, cmd::end_session{}, facilitator, 400'000),
              // The time over the plan up to the end is kept, and counts no more.
              Gives(events{evt::session_ended{{timer_status::expired, five_minutes, 0, 0, 399'000, 0, five_minutes}}}));
}

TEST(EndSession, EndingAnEndedSessionIsAConflict) {
  EXPECT_THAT(apply(ended_session(), cmd::end_session{}, facilitator, 0), Rejects(error_code::conflict));
}

TEST(EndSession, NothingButPresenceAndLeavingWorksOnceEnded) {
  const auto s = ended_session();
  for (const command& c :
       std::vector<command>{cmd::start_session{}, cmd::next_phase{}, cmd::previous_phase{}, cmd::go_to_phase{1},
                            cmd::timer_start{}, cmd::timer_pause{}, cmd::timer_resume{}, cmd::timer_add{60},
                            cmd::timer_reset{}, cmd::end_session{}, cmd::expire_timer{}}) {
    SCOPED_TRACE(c.index());
    EXPECT_THAT(apply(s, c, facilitator, 10'000'000), Rejects(error_code::conflict));
  }
  EXPECT_THAT(apply(s, cmd::leave{}, colleague, 0), Gives(events{evt::participant_left{"p3"}}));
}

}  // namespace
}  // namespace debrief::protocol::test
