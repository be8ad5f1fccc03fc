// The session's own agenda (minutes, added, removed and moved phases), the
// facilitator role changing hands, revealing private phases, readiness, and
// phases that move on by themselves.

#include "activity_support.hpp"

#include <algorithm>

namespace debrief::protocol::activity {
namespace {

constexpr millis minute = 60'000;

timer_state idle(millis minutes) { return {timer_status::idle, minutes * minute, minutes * minute, 0}; }

std::vector<phase_template> phases() { return workshop_template().phases; }

std::vector<std::string> ids_of(const std::vector<phase_template>& list) {
  std::vector<std::string> out;
  for (const auto& p : list) out.push_back(p.id);
  return out;
}

phase_template new_phase(std::string id = "") {
  return {std::move(id), "Extra round", phase_kind::discussion, 3, {"Anything else?"}};
}

// ---- set_phase_minutes ----

TEST(ActivitySetPhaseMinutes, ChangesThePlanAndTheIdleTimerOfTheCurrentPhaseFollows) {
  auto expected = phases();
  expected[talk].minutes = 12;

  EXPECT_THAT(when(in_phase(talk), cmd::set_phase_minutes{talk, 12}, maya),
              Gives(events{evt::agenda_changed{expected, talk, idle(12)}}));
}

TEST(ActivitySetPhaseMinutes, AnotherPhasesMinutesLeaveTheCurrentTimerAsPlanned) {
  auto expected = phases();
  expected[reading].minutes = 9;

  EXPECT_THAT(when(in_phase(talk), cmd::set_phase_minutes{reading, 9}, maya),
              Gives(events{evt::agenda_changed{expected, talk, idle(10)}}));
}

TEST(ActivitySetPhaseMinutes, ARunningTimerIsUntouched) {
  const auto s = given(in_phase(talk), cmd::timer_start{}, maya, t0 + 1000);
  auto expected = phases();
  expected[talk].minutes = 12;

  EXPECT_THAT(when(s, cmd::set_phase_minutes{talk, 12}, maya, t0 + 5000),
              Gives(events{evt::agenda_changed{expected, talk, s.timer}}));
  EXPECT_EQ(s.timer,
            (timer_state{timer_status::running, 10 * minute, 10 * minute, t0 + 1000 + 10 * minute, 0, t0 + 1000}));
}

TEST(ActivitySetPhaseMinutes, APausedTimerIsUntouched) {
  auto s = given(in_phase(talk), cmd::timer_start{}, maya, t0);
  s = given(s, cmd::timer_pause{}, maya, t0 + minute);
  auto expected = phases();
  expected[talk].minutes = 20;

  EXPECT_THAT(when(s, cmd::set_phase_minutes{talk, 20}, maya),
              Gives(events{
                  evt::agenda_changed{expected, talk, {timer_status::paused, 10 * minute, 9 * minute, 0, minute, 0}}}));
}

// The agenda's own comment: the current phase keeps its timer "unless its
// planned minutes changed while the timer was idle". Time the facilitator
// added to an idle timer must survive a change to some other phase.
TEST(ActivitySetPhaseMinutes, AnotherPhasesMinutesKeepTimeAddedToTheIdleTimer) {
  const auto s = given(in_phase(talk), cmd::timer_add{60}, maya);
  ASSERT_EQ(s.timer, (timer_state{timer_status::idle, 11 * minute, 11 * minute, 0}));
  auto expected = phases();
  expected[reading].minutes = 9;

  EXPECT_THAT(when(s, cmd::set_phase_minutes{reading, 9}, maya),
              Gives(events{evt::agenda_changed{expected, talk, s.timer}}));
}

TEST(ActivitySetPhaseMinutes, AllowsOneTo240Minutes) {
  const auto s = in_phase(talk);
  auto expected = phases();
  expected[opening].minutes = 240;

  EXPECT_THAT(when(s, cmd::set_phase_minutes{opening, 240}, maya),
              Gives(events{evt::agenda_changed{expected, talk, idle(10)}}));
  EXPECT_THAT(when(s, cmd::set_phase_minutes{opening, 241}, maya), Rejects(error_code::invalid));
  EXPECT_THAT(when(s, cmd::set_phase_minutes{opening, 0}, maya), Rejects(error_code::invalid));
}

TEST(ActivitySetPhaseMinutes, RefusesAPhaseThatDoesNotExist) {
  EXPECT_THAT(when(in_phase(talk), cmd::set_phase_minutes{8, 5}, maya), Rejects(error_code::not_found));
  EXPECT_THAT(when(in_phase(talk), cmd::set_phase_minutes{-1, 5}, maya), Rejects(error_code::not_found));
}

// ---- add_phase ----

TEST(ActivityAddPhase, InsertsANamedPhaseBeforeTheCurrentOneWhichMovesOnePlace) {
  auto expected = phases();
  expected.insert(expected.begin() + 2, new_phase("ph1"));

  EXPECT_THAT(when(in_phase(talk), cmd::add_phase{2, new_phase("new")}, maya),
              Gives(events{evt::agenda_changed{expected, talk + 1, idle(10)}}));
}

TEST(ActivityAddPhase, AtTheCurrentIndexPushesTheCurrentPhaseOn) {
  const auto s = given(in_phase(talk), cmd::add_phase{talk, new_phase()}, maya);

  EXPECT_EQ(s.phase, talk + 1);
  EXPECT_EQ(s.current_phase()->id, "talk");
  EXPECT_EQ(s.tmpl.phases[talk].id, "ph1");
}

TEST(ActivityAddPhase, AfterTheCurrentPhaseOrAtTheEndLeavesItsIndex) {
  auto after = phases();
  after.insert(after.begin() + talk + 1, new_phase("ph1"));
  auto at_end = phases();
  at_end.push_back(new_phase("ph1"));

  EXPECT_THAT(when(in_phase(talk), cmd::add_phase{talk + 1, new_phase()}, maya),
              Gives(events{evt::agenda_changed{after, talk, idle(10)}}));
  EXPECT_THAT(when(in_phase(talk), cmd::add_phase{8, new_phase()}, maya),
              Gives(events{evt::agenda_changed{at_end, talk, idle(10)}}));
}

TEST(ActivityAddPhase, InTheLobbyAPhaseAddedFirstBecomesTheFirstPhase) {
  auto expected = phases();
  expected.insert(expected.begin(), new_phase("ph1"));

  EXPECT_THAT(when(lobby(), cmd::add_phase{0, new_phase()}, maya),
              Gives(events{evt::agenda_changed{expected, 0, idle(3)}}));
}

TEST(ActivityAddPhase, TakesItsIdFromTheSessionsCounter) {
  auto s = given(in_phase(talk), cmd::board_add{board_list::know, "Likes art"}, sam);  // i1
  s = given(s, cmd::add_phase{8, new_phase()}, maya);

  EXPECT_EQ(s.tmpl.phases.back().id, "ph2");
  EXPECT_EQ(s.ids_issued, 2);
  EXPECT_EQ(given(s, cmd::board_add{board_list::know, "Likes maps"}, sam).board.back().id, "i3");
}

TEST(ActivityAddPhase, RefusesAnIndexPastTheEnd) {
  EXPECT_THAT(when(in_phase(talk), cmd::add_phase{9, new_phase()}, maya), Rejects(error_code::not_found));
  EXPECT_THAT(when(in_phase(talk), cmd::add_phase{-1, new_phase()}, maya), Rejects(error_code::not_found));
}

TEST(ActivityAddPhase, RefusesTheFortyFirstPhase) {
  auto s = in_phase(talk);
  for (int i = 0; i < 32; ++i) s = given(s, cmd::add_phase{8, new_phase()}, maya);
  ASSERT_EQ(s.tmpl.phases.size(), 40u);

  EXPECT_THAT(when(s, cmd::add_phase{8, new_phase()}, maya), Rejects(error_code::too_large));
}

TEST(ActivityAddPhase, ARunningTimerIsUntouched) {
  const auto s = given(in_phase(talk), cmd::timer_start{}, maya, t0);
  const auto after = given(s, cmd::add_phase{0, new_phase()}, maya, t0 + minute);

  EXPECT_EQ(after.timer, s.timer);
  EXPECT_EQ(after.phase, talk + 1);
}

// ---- remove_phase ----

TEST(ActivityRemovePhase, RemovingAnEarlierPhaseShiftsTheCurrentIndex) {
  auto expected = phases();
  expected.erase(expected.begin() + reading);

  EXPECT_THAT(when(in_phase(talk), cmd::remove_phase{reading}, maya),
              Gives(events{evt::agenda_changed{expected, talk - 1, idle(10)}}));
}

TEST(ActivityRemovePhase, RemovingALaterPhaseKeepsTheCurrentIndex) {
  auto expected = phases();
  expected.erase(expected.begin() + adapting);

  EXPECT_THAT(when(in_phase(talk), cmd::remove_phase{adapting}, maya),
              Gives(events{evt::agenda_changed{expected, talk, idle(10)}}));
}

TEST(ActivityRemovePhase, RefusesTheCurrentPhaseTheLastOneLeftAndUnknownOnes) {
  auto alone = in_phase(opening);
  alone.tmpl.phases.resize(1);

  EXPECT_THAT(when(in_phase(talk), cmd::remove_phase{talk}, maya), Rejects(error_code::conflict));
  EXPECT_THAT(when(alone, cmd::remove_phase{0}, maya), Rejects(error_code::conflict));
  EXPECT_THAT(when(in_phase(talk), cmd::remove_phase{8}, maya), Rejects(error_code::not_found));
}

// ---- move_phase ----

TEST(ActivityMovePhase, TheCurrentPhaseKeepsItsIdentityWhenAnotherMovesPastIt) {
  const auto out = when(in_phase(talk), cmd::move_phase{opening, reflecting}, maya);

  auto expected = phases();
  std::rotate(expected.begin(), expected.begin() + 1, expected.end());
  EXPECT_THAT(out, Gives(events{evt::agenda_changed{expected, talk - 1, idle(10)}}));
  EXPECT_EQ(replay(std::get<events>(out.value), in_phase(talk)).current_phase()->id, "talk");
}

TEST(ActivityMovePhase, MovingTheCurrentPhaseFollowsIt) {
  const auto s = given(in_phase(talk), cmd::move_phase{talk, reading}, maya);

  EXPECT_EQ(ids_of(s.tmpl.phases),
            (std::vector<std::string>{"open", "assume", "talk", "read", "notice", "chart", "adapt", "reflect"}));
  EXPECT_EQ(s.phase, reading);
  EXPECT_EQ(s.current_phase()->id, "talk");
}

TEST(ActivityMovePhase, APhaseMovedFromAfterToBeforeShiftsTheCurrentOneOn) {
  const auto s = given(in_phase(talk), cmd::move_phase{chart, opening}, maya);

  EXPECT_EQ(s.phase, talk + 1);
  EXPECT_EQ(s.current_phase()->id, "talk");
}

TEST(ActivityMovePhase, ToItselfGivesNoEvents) {
  EXPECT_THAT(when(in_phase(talk), cmd::move_phase{2, 2}, maya), GivesNothing());
}

TEST(ActivityMovePhase, RefusesIndexesOutOfRange) {
  EXPECT_THAT(when(in_phase(talk), cmd::move_phase{8, 0}, maya), Rejects(error_code::not_found));
  EXPECT_THAT(when(in_phase(talk), cmd::move_phase{0, 8}, maya), Rejects(error_code::not_found));
}

// ---- hand_over ----

TEST(ActivityHandOver, GivesTheHandOverAndTheRolesSwap) {
  const auto s = in_phase(talk);

  EXPECT_THAT(when(s, cmd::hand_over{"p3"}, maya), Gives(events{evt::facilitator_handed_over{"p1", "p3"}}));
  const auto after = given(s, cmd::hand_over{"p3"}, maya);
  EXPECT_EQ(after.role_of("p3"), role::facilitator);
  EXPECT_EQ(after.role_of("p1"), role::colleague);
  EXPECT_THAT(
      when(after, cmd::timer_start{}, ana, t0),
      Gives(events{evt::timer_started{{timer_status::running, 10 * minute, 10 * minute, t0 + 10 * minute, 0, t0}}}));
  EXPECT_THAT(when(after, cmd::timer_start{}, maya), Rejects(error_code::forbidden));
}

TEST(ActivityHandOver, AnObserverCanTakeOver) {
  const auto after = given(in_phase(talk), cmd::hand_over{"p4"}, maya);

  EXPECT_EQ(after.role_of("p4"), role::facilitator);
  EXPECT_EQ(after.role_of("p1"), role::colleague);
}

TEST(ActivityHandOver, NotToThePresenterNorToSomeoneAlreadyFacilitating) {
  const auto s = given(in_phase(talk), cmd::join{"Lee", role::facilitator, true}, nobody);  // p6

  EXPECT_THAT(when(s, cmd::hand_over{"p2"}, maya), Rejects(error_code::conflict));
  EXPECT_THAT(when(s, cmd::hand_over{"p6"}, maya), Rejects(error_code::conflict));
  EXPECT_THAT(when(s, cmd::hand_over{"p1"}, maya), Rejects(error_code::conflict));
}

TEST(ActivityHandOver, RefusesSomeoneNotInTheSession) {
  EXPECT_THAT(when(in_phase(talk), cmd::hand_over{"p9"}, maya), Rejects(error_code::not_found));
  EXPECT_THAT(when(in_phase(talk), cmd::hand_over{""}, maya), Rejects(error_code::not_found));
}

// ---- move_presenter ----

TEST(ActivityMovePresenter, TheRoleMovesAndTheFormerPresenterBecomesAColleague) {
  const auto s = in_phase(talk);

  EXPECT_THAT(when(s, cmd::move_presenter{"p3"}, maya), Gives(events{evt::presenter_moved{"p2", "p3"}}));
  const auto after = given(s, cmd::move_presenter{"p3"}, maya);
  EXPECT_EQ(after.role_of("p3"), role::presenter);
  EXPECT_EQ(after.role_of("p2"), role::colleague);
  // The presenter's powers go with the role.
  EXPECT_THAT(when(after, cmd::focus_line{""}, ana), GivesNothing());
  EXPECT_THAT(when(after, cmd::transcript_withdraw{}, sam), Rejects(error_code::forbidden));
}

TEST(ActivityMovePresenter, ASessionWithoutAPresenterGetsOne) {
  const auto without = given(in_phase(talk), cmd::leave{}, sam);
  ASSERT_EQ(without.find_participant("p2"), nullptr);

  EXPECT_THAT(when(without, cmd::move_presenter{"p4"}, maya), Gives(events{evt::presenter_moved{"", "p4"}}));
  EXPECT_EQ(given(without, cmd::move_presenter{"p4"}, maya).role_of("p4"), role::presenter);
}

TEST(ActivityMovePresenter, OnlyTheFacilitatorMovesIt) {
  EXPECT_THAT(when(in_phase(talk), cmd::move_presenter{"p3"}, sam), Rejects(error_code::forbidden));
  EXPECT_THAT(when(in_phase(talk), cmd::move_presenter{"p3"}, ana), Rejects(error_code::forbidden));
}

TEST(ActivityMovePresenter, NotToTheFacilitatorNorTheCurrentPresenterNorSomeoneAbsent) {
  const auto s = in_phase(talk);

  EXPECT_THAT(when(s, cmd::move_presenter{"p1"}, maya), Rejects(error_code::conflict));
  EXPECT_THAT(when(s, cmd::move_presenter{"p2"}, maya), Rejects(error_code::conflict));
  EXPECT_THAT(when(s, cmd::move_presenter{"p9"}, maya), Rejects(error_code::not_found));
  EXPECT_THAT(when(s, cmd::move_presenter{""}, maya), Rejects(error_code::not_found));
}

// ---- reveal_phase ----

TEST(ActivityRevealPhase, RevealsAPrivatePhaseFromAnywhere) {
  const auto s = in_phase(talk);

  EXPECT_THAT(when(s, cmd::reveal_phase{noticings}, maya), Gives(events{evt::phase_revealed{"notice"}}));
  EXPECT_EQ(given(s, cmd::reveal_phase{noticings}, maya).revealed, std::vector<std::string>{"notice"});
}

TEST(ActivityRevealPhase, IsAConflictForAnOpenPhaseOrTwice) {
  const auto revealed = given(in_phase(talk), cmd::reveal_phase{reflecting}, maya);

  EXPECT_THAT(when(in_phase(talk), cmd::reveal_phase{talk}, maya), Rejects(error_code::conflict));
  EXPECT_THAT(when(revealed, cmd::reveal_phase{reflecting}, maya), Rejects(error_code::conflict));
  EXPECT_THAT(when(in_phase(talk), cmd::reveal_phase{8}, maya), Rejects(error_code::not_found));
}

// ---- set_done ----

TEST(ActivitySetDone, MarksAndUnmarksSomeoneDone) {
  const auto s = in_phase(talk);
  const auto done = given(s, cmd::set_done{true}, ana);

  EXPECT_THAT(when(s, cmd::set_done{}, ana), Gives(events{evt::readiness_changed{"p3", true}}));
  EXPECT_THAT(when(s, cmd::set_done{true}, olu), Gives(events{evt::readiness_changed{"p4", true}}));
  EXPECT_EQ(done.done, std::vector<std::string>{"p3"});
  EXPECT_THAT(when(done, cmd::set_done{false}, ana), Gives(events{evt::readiness_changed{"p3", false}}));
  EXPECT_TRUE(given(done, cmd::set_done{false}, ana).done.empty());
}

TEST(ActivitySetDone, SayingWhatIsAlreadySoGivesNoEvents) {
  const auto done = given(in_phase(talk), cmd::set_done{true}, ana);

  EXPECT_THAT(when(done, cmd::set_done{true}, ana), GivesNothing());
  EXPECT_THAT(when(in_phase(talk), cmd::set_done{false}, ana), GivesNothing());
}

TEST(ActivitySetDone, APhaseChangeClearsEveryonesDone) {
  auto s = given(in_phase(talk), cmd::set_done{true}, ana);
  s = given(s, cmd::set_done{true}, sam);
  ASSERT_EQ(s.done, (std::vector<std::string>{"p3", "p2"}));

  EXPECT_TRUE(given(s, cmd::next_phase{}, maya).done.empty());
  EXPECT_TRUE(given(s, cmd::go_to_phase{opening}, maya).done.empty());
}

TEST(ActivitySetDone, OnlyWhileTheSessionIsLive) {
  EXPECT_THAT(when(lobby(), cmd::set_done{true}, ana), Rejects(error_code::conflict));
}

// ---- the timer running out ----

TEST(ActivityExpireTimer, WithoutAutoAdvanceOnlyTheTimerExpires) {
  const auto s = given(in_phase(talk), cmd::timer_start{}, maya, t0);

  EXPECT_THAT(when(s, cmd::expire_timer{}, nobody, t0 + 10 * minute),
              Gives(events{evt::timer_expired{
                  {timer_status::expired, 10 * minute, 0, 0, 10 * minute, t0 + 10 * minute, 10 * minute}}}));
}

TEST(ActivityExpireTimer, WithAutoAdvanceTheNextPhaseFollows) {
  auto s = in_phase(talk);
  s.tmpl.phases[talk].auto_advance = true;
  s = given(s, cmd::set_done{true}, ana);
  s = given(s, cmd::timer_start{}, maya, t0);

  const auto out = when(s, cmd::expire_timer{}, nobody, t0 + 10 * minute + 3);

  // Expired counting from its deadline; saved as it is left, 3 ms later, no longer counting.
  const timer_state expired{timer_status::expired, 10 * minute, 0, 0, 10 * minute, t0 + 10 * minute, 10 * minute};
  const timer_state left{timer_status::expired, 10 * minute, 0, 0, 10 * minute + 3, 0, 10 * minute};
  EXPECT_THAT(out, Gives(events{evt::timer_expired{expired}, evt::phase_timer_saved{s.tmpl.phases[talk].id, left},
                                evt::phase_changed{chart, idle(6)}}));
  const auto after = replay(std::get<events>(out.value), s);
  EXPECT_EQ(after.phase, chart);
  EXPECT_EQ(after.timer, idle(6));
  EXPECT_TRUE(after.done.empty());
}

TEST(ActivityExpireTimer, AutoAdvanceStopsAtTheLastPhase) {
  auto s = in_phase(reflecting);
  s.tmpl.phases[reflecting].auto_advance = true;
  s = given(s, cmd::timer_start{}, maya, t0);

  EXPECT_THAT(when(s, cmd::expire_timer{}, nobody, t0 + 4 * minute),
              Gives(events{evt::timer_expired{
                  {timer_status::expired, 4 * minute, 0, 0, 4 * minute, t0 + 4 * minute, 4 * minute}}}));
}

TEST(ActivityExpireTimer, BeforeTheEndIsAConflict) {
  auto s = in_phase(talk);
  s.tmpl.phases[talk].auto_advance = true;
  s = given(s, cmd::timer_start{}, maya, t0);

  EXPECT_THAT(when(s, cmd::expire_timer{}, nobody, t0 + 10 * minute - 1), Rejects(error_code::conflict));
  EXPECT_THAT(when(in_phase(talk), cmd::expire_timer{}, nobody, t0 + 10 * minute), Rejects(error_code::conflict));
}

}  // namespace
}  // namespace debrief::protocol::activity
