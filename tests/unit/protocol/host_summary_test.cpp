// A room as its event's host sees it: the summary (people, counts, flags)
// and the clock rule for "over time".

#include "debrief/protocol/host.hpp"
#include "test_support.hpp"

namespace debrief::protocol::test {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

const sender host{"p5"};

// lobby_with_everyone() and the event's host looking in as p5.
session_state lobby_with_a_host() {
  return given(lobby_with_everyone(), cmd::join{"Host", role::host, false, true}, newcomer);
}

session_state with_presence(session_state s, const sender& who, bool online) {
  return replay({evt::presence_changed{who.participant, online}}, std::move(s));
}

TEST(HostSummary, ShowsTheRoomsLabelPhaseTimerAndPeopleInJoinOrder) {
  const auto s = given(running_timer(), cmd::set_done{true}, colleague);

  const auto r = summarize(s, 42, 7);

  EXPECT_EQ(r.session, "K7M2Q9XP4TDA");
  EXPECT_EQ(r.label, "Grade 7 triad");
  EXPECT_EQ(r.position, 7);
  EXPECT_EQ(r.seq, 42);
  EXPECT_EQ(r.status, session_status::live);
  EXPECT_EQ(r.phase, 0);
  EXPECT_EQ(r.phases, 3);
  EXPECT_EQ(r.phase_id, "open");
  EXPECT_EQ(r.phase_title, "Opening");
  EXPECT_EQ(r.phase_kind, phase_kind::opening);
  EXPECT_EQ(r.timer, s.timer);
  EXPECT_THAT(r.people, ElementsAre(summary_person{"Maya", role::facilitator, true, false},
                                    summary_person{"Sam", role::presenter, true, false},
                                    summary_person{"Ana", role::colleague, true, true},
                                    summary_person{"Olu", role::observer, true, false}));
  EXPECT_EQ(r.joined, 4);
  EXPECT_EQ(r.online, 4);
  EXPECT_EQ(r.done, 1);
  EXPECT_EQ(r.hosts, 0);
  EXPECT_EQ(r.adaptations, 0);
  EXPECT_THAT(r.flags, IsEmpty());
}

TEST(HostSummary, HostsLookingInAreCountedButNeverListedAmongThePeople) {
  const auto s = lobby_with_a_host();

  const auto r = summarize(s, 5, 1);

  EXPECT_EQ(r.joined, 4);
  EXPECT_EQ(r.people.size(), 4u);
  EXPECT_EQ(r.online, 4);
  EXPECT_EQ(r.hosts, 1);
  EXPECT_EQ(summarize(with_presence(s, host, false), 6, 1).hosts, 0);
}

TEST(HostSummary, CountsOnlyPeopleOnlineAndPeopleDone) {
  auto s = given(live_session(), cmd::set_done{true}, presenter);
  s = given(s, cmd::set_done{true}, observer);
  s = with_presence(s, colleague, false);

  const auto r = summarize(s, 9, 1);

  EXPECT_EQ(r.joined, 4);
  EXPECT_EQ(r.online, 3);
  EXPECT_EQ(r.done, 2);
  EXPECT_FALSE(r.people[2].online);
}

TEST(HostSummary, CountsTheAdaptationsRecorded) {
  auto s = given(live_session(), cmd::go_to_phase{1}, facilitator);
  s = given(s, cmd::adaptation_add{{"Wait five seconds after a question", "all learners", {}, "", {}}}, colleague);
  s = given(s, cmd::adaptation_add{{"Name the strategy aloud", "", {}, "", {}}}, presenter);

  EXPECT_EQ(summarize(s, 1, 1).adaptations, 2);
}

TEST(HostSummary, AnEmptyRoomLacksAFacilitatorAPresenterAndAnybodyInThatOrder) {
  EXPECT_THAT(summarize(new_session(), 1, 1).flags,
              ElementsAre(room_flag::no_facilitator, room_flag::no_presenter, room_flag::nobody));
}

TEST(HostSummary, AFacilitatorWhoIsOfflineIsNoFacilitator) {
  const auto s = with_presence(live_session(), facilitator, false);

  EXPECT_THAT(summarize(s, 1, 1).flags, ElementsAre(room_flag::no_facilitator));
}

TEST(HostSummary, APresenterWhoIsOfflineIsStillThePresenter) {
  const auto s = with_presence(live_session(), presenter, false);

  EXPECT_THAT(summarize(s, 1, 1).flags, IsEmpty());
}

TEST(HostSummary, ARoomWhosePresenterLeftHasNoPresenter) {
  const auto s = given(live_session(), cmd::leave{}, presenter);

  EXPECT_THAT(summarize(s, 1, 1).flags, ElementsAre(room_flag::no_presenter));
}

TEST(HostSummary, ARoomWhereOnlyTheHostIsOnlineHasNobody) {
  auto s = lobby_with_a_host();
  for (const auto& who : {facilitator, presenter, colleague, observer}) s = with_presence(s, who, false);

  const auto r = summarize(s, 1, 1);

  EXPECT_THAT(r.flags, ElementsAre(room_flag::no_facilitator, room_flag::nobody));
  EXPECT_EQ(r.hosts, 1);
}

TEST(HostSummary, AnEndedRoomIsFlaggedEndedAlone) {
  auto s = ended_session();
  for (const auto& who : {facilitator, presenter, colleague, observer}) s = with_presence(s, who, false);

  EXPECT_THAT(summarize(s, 1, 1).flags, ElementsAre(room_flag::ended));
}

TEST(HostSummary, TheSamePictureIgnoresOnlyTheSeq) {
  const auto s = live_session();
  const auto before = summarize(s, 10, 3);

  EXPECT_TRUE(same_picture(before, summarize(s, 11, 3)));
  EXPECT_FALSE(same_picture(before, summarize(with_presence(s, colleague, false), 11, 3)));
  EXPECT_FALSE(same_picture(before, summarize(given(s, cmd::timer_start{}, facilitator, 5), 11, 3)));
  EXPECT_FALSE(same_picture(before, summarize(s, 10, 4)));
}

TEST(HostSummary, WritingThatTheSummaryDoesNotShowKeepsThePicture) {
  const auto s = given(live_session(), cmd::go_to_phase{1}, facilitator);
  const auto after = given(s, cmd::entry_add{"She counted on her fingers", -1}, colleague);

  EXPECT_TRUE(same_picture(summarize(s, 8, 1), summarize(after, 9, 1)));
}

TEST(HostSummary, TravelsAsJsonWithItsFlagsByName) {
  const auto r = summarize(new_session(), 3, 2);
  const nlohmann::json j = r;

  EXPECT_EQ(j.at("flags"), nlohmann::json({"no_facilitator", "no_presenter", "nobody"}));
  EXPECT_EQ(j.at("status"), "lobby");
  EXPECT_EQ(j.at("position"), 2);
  EXPECT_EQ(j.get<room_summary>(), r);
}

// The phase's 5-minute timer, started at t=1000, ran out at t=301000.
session_state expired_timer() { return given(running_timer(), cmd::expire_timer{}, {}, 1000 + five_minutes); }

TEST(OverTime, ATimerIsOverTimeOnlyMoreThanTwoMinutesPastZero) {
  const auto t = expired_timer().timer;
  const millis zero = 1000 + five_minutes;

  EXPECT_FALSE(over_time(t, zero));
  EXPECT_FALSE(over_time(t, zero + over_time_after_ms));
  EXPECT_TRUE(over_time(t, zero + over_time_after_ms + 1));
}

TEST(OverTime, ATimerStillRunningOrPausedIsNeverOverTime) {
  const auto running = running_timer();
  const auto paused = given(running, cmd::timer_pause{}, facilitator, 2000);

  EXPECT_FALSE(over_time(running.timer, 1000 + five_minutes + over_time_after_ms + 1));
  EXPECT_FALSE(over_time(paused.timer, 1000 + five_minutes + over_time_after_ms + 1));
  EXPECT_FALSE(over_time(live_session().timer, 1000 + five_minutes + over_time_after_ms + 1));
}

TEST(OverTime, CountsFromZeroNotFromTheTimeUsedBeforeAReset) {
  // Two minutes used, then a reset: the phase's 5 minutes start again at
  // t=121000 and run out at t=421000; time past zero counts from there.
  auto s = given(live_session(), cmd::timer_start{}, facilitator, 1000);
  s = given(s, cmd::timer_reset{}, facilitator, 121'000);
  s = given(s, cmd::timer_start{}, facilitator, 121'000);
  s = given(s, cmd::expire_timer{}, {}, 421'000);

  EXPECT_FALSE(over_time(s.timer, 421'000 + over_time_after_ms));
  EXPECT_TRUE(over_time(s.timer, 421'000 + over_time_after_ms + 1));
}

}  // namespace
}  // namespace debrief::protocol::test
