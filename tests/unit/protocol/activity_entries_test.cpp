// Entries: what each person writes in the current phase. Only their author
// changes them; in a private phase nobody else even learns they exist.

#include "activity_support.hpp"

namespace debrief::protocol::activity {
namespace {

entry an_entry(std::string id, std::string phase, int prompt, std::string text, std::string author, bool shared = false,
               int version = 1) {
  return {std::move(id), std::move(phase), prompt, std::move(text), std::move(author), shared, version};
}

// In the private noticings phase: Ana's e1 and Kim's e2.
session_state private_notes() {
  auto s = in_phase(noticings);
  s = given(s, cmd::entry_add{"She counted on her fingers", 0}, ana);
  s = given(s, cmd::entry_add{"Why tables?", 1}, kim);
  return s;
}

// In open discussion: Ana's e1.
session_state open_note() { return given(in_phase(talk), cmd::entry_add{"Lots of wait time", -1}, ana); }

// ---- add ----

TEST(ActivityEntryAdd, GivesAnEntryInTheCurrentPhaseByItsAuthorWithTrimmedText) {
  EXPECT_THAT(when(in_phase(talk), cmd::entry_add{"  She smiled at the tables  ", 1}, ana),
              Gives(events{evt::entry_saved{an_entry("e1", "talk", 1, "She smiled at the tables", "p3")}}));
}

TEST(ActivityEntryAdd, APromptIsAnIndexOfTheCurrentPhasesPromptsOrMinusOne) {
  const auto s = in_phase(talk);  // two prompts

  EXPECT_THAT(when(s, cmd::entry_add{"General", -1}, ana),
              Gives(events{evt::entry_saved{an_entry("e1", "talk", -1, "General", "p3")}}));
  EXPECT_THAT(when(s, cmd::entry_add{"Second", 1}, ana),
              Gives(events{evt::entry_saved{an_entry("e1", "talk", 1, "Second", "p3")}}));
  EXPECT_THAT(when(s, cmd::entry_add{"Third", 2}, ana), Rejects(error_code::invalid));
  EXPECT_THAT(when(s, cmd::entry_add{"Before", -2}, ana), Rejects(error_code::invalid));
  EXPECT_THAT(when(in_phase(reading), cmd::entry_add{"No prompts here", 0}, ana), Rejects(error_code::invalid));
}

TEST(ActivityEntryAdd, AChartCellNamesItsColumn) {
  EXPECT_THAT(when(in_phase(chart), cmd::entry_add{"Asked to count", 2}, ana),
              Gives(events{evt::entry_saved{an_entry("e1", "chart", 2, "Asked to count", "p3")}}));
}

TEST(ActivityEntryAdd, InAPresenterPhaseOnlyThePresenterWrites) {
  const auto s = in_phase(assumptions);

  EXPECT_THAT(when(s, cmd::entry_add{"I know she likes art", 0}, sam),
              Gives(events{evt::entry_saved{an_entry("e1", "assume", 0, "I know she likes art", "p2")}}));
  EXPECT_THAT(when(s, cmd::entry_add{"Me too", 0}, ana), Rejects(error_code::forbidden));
  EXPECT_THAT(when(s, cmd::entry_add{"Me too", 0}, maya), Rejects(error_code::forbidden));
}

TEST(ActivityEntryAdd, InAColleaguesPhaseTheFacilitatorAndColleaguesWriteButNotThePresenter) {
  const auto s = in_phase(chart);

  EXPECT_THAT(when(s, cmd::entry_add{"Said: tables", 0}, maya),
              Gives(events{evt::entry_saved{an_entry("e1", "chart", 0, "Said: tables", "p1")}}));
  EXPECT_THAT(when(s, cmd::entry_add{"Did: counted", 1}, kim),
              Gives(events{evt::entry_saved{an_entry("e1", "chart", 1, "Did: counted", "p5")}}));
  EXPECT_THAT(when(s, cmd::entry_add{"My own view", 0}, sam), Rejects(error_code::forbidden));
}

TEST(ActivityEntryAdd, InAnEveryonePhaseFacilitatorPresenterAndColleaguesWrite) {
  const auto s = in_phase(talk);

  for (const auto& who : {maya, sam, ana}) {
    EXPECT_THAT(when(s, cmd::entry_add{"A thought", -1}, who),
                Gives(events{evt::entry_saved{an_entry("e1", "talk", -1, "A thought", who.participant)}}));
  }
}

TEST(ActivityEntryAdd, RefusesEmptyTextAndTextOver2000CodePoints) {
  const auto s = in_phase(talk);
  const auto at_limit = repeated("ü", 2000);

  EXPECT_THAT(when(s, cmd::entry_add{"  ", -1}, ana), Rejects(error_code::invalid));
  EXPECT_THAT(when(s, cmd::entry_add{at_limit, -1}, ana),
              Gives(events{evt::entry_saved{an_entry("e1", "talk", -1, at_limit, "p3")}}));
  EXPECT_THAT(when(s, cmd::entry_add{at_limit + "!", -1}, ana), Rejects(error_code::too_large));
}

TEST(ActivityEntryAdd, RefusesTheTwoThousandAndFirstEntry) {
  auto s = in_phase(talk);
  for (int i = 1; i <= 2000; ++i) s.entries.push_back(an_entry("e" + std::to_string(i), "talk", -1, "Note", "p3"));
  s.ids_issued = 2000;

  EXPECT_THAT(when(s, cmd::entry_add{"One more", -1}, ana), Rejects(error_code::too_large));
}

// ---- edit ----

TEST(ActivityEntryEdit, TheAuthorSavesNewTextAsTheNextVersion) {
  EXPECT_THAT(when(open_note(), cmd::entry_edit{"e1", "Lots of wait time, twice", 1}, ana),
              Gives(events{evt::entry_saved{an_entry("e1", "talk", -1, "Lots of wait time, twice", "p3", false, 2)}}));
}

TEST(ActivityEntryEdit, WorksFromALaterPhase) {
  const auto s = given(open_note(), cmd::next_phase{}, maya);

  EXPECT_THAT(when(s, cmd::entry_edit{"e1", "Edited later", 1}, ana),
              Gives(events{evt::entry_saved{an_entry("e1", "talk", -1, "Edited later", "p3", false, 2)}}));
}

TEST(ActivityEntryEdit, SomeoneElseIsForbiddenWhenTheyCanSeeIt) {
  const auto s = open_note();

  EXPECT_THAT(when(s, cmd::entry_edit{"e1", "Mine now", 1}, kim), Rejects(error_code::forbidden));
  EXPECT_THAT(when(s, cmd::entry_edit{"e1", "Mine now", 1}, maya), Rejects(error_code::forbidden));
  EXPECT_THAT(when(s, cmd::entry_edit{"e1", "Mine now", 1}, sam), Rejects(error_code::forbidden));
}

TEST(ActivityEntryEdit, SomeoneElseGetsNotFoundForAnEntryHiddenFromThem) {
  const auto s = private_notes();

  EXPECT_THAT(when(s, cmd::entry_edit{"e1", "Peek", 1}, kim), Rejects(error_code::not_found));
  EXPECT_THAT(when(s, cmd::entry_edit{"e1", "Peek", 1}, maya), Rejects(error_code::not_found));
}

TEST(ActivityEntryEdit, AStaleVersionIsAConflictCarryingTheCurrentEntry) {
  const auto s = given(open_note(), cmd::entry_edit{"e1", "Second take", 1}, ana);

  EXPECT_THAT(when(s, cmd::entry_edit{"e1", "Third take", 1}, ana),
              RejectsAsStale(an_entry("e1", "talk", -1, "Second take", "p3", false, 2)));
}

TEST(ActivityEntryEdit, RefusesAnUnknownEntryAndBadText) {
  const auto s = open_note();

  EXPECT_THAT(when(s, cmd::entry_edit{"e7", "Text", 1}, ana), Rejects(error_code::not_found));
  EXPECT_THAT(when(s, cmd::entry_edit{"e1", "", 1}, ana), Rejects(error_code::invalid));
  EXPECT_THAT(when(s, cmd::entry_edit{"e1", repeated("x", 2001), 1}, ana), Rejects(error_code::too_large));
}

// ---- remove ----

TEST(ActivityEntryRemove, TheAuthorRemovesTheirEntry) {
  const auto s = open_note();

  EXPECT_THAT(when(s, cmd::entry_remove{"e1"}, ana), Gives(events{evt::entry_removed{"e1"}}));
  EXPECT_TRUE(given(s, cmd::entry_remove{"e1"}, ana).entries.empty());
}

TEST(ActivityEntryRemove, OthersAreForbiddenOrDoNotFindAHiddenOne) {
  EXPECT_THAT(when(open_note(), cmd::entry_remove{"e1"}, kim), Rejects(error_code::forbidden));
  EXPECT_THAT(when(private_notes(), cmd::entry_remove{"e1"}, kim), Rejects(error_code::not_found));
  EXPECT_THAT(when(private_notes(), cmd::entry_remove{"e3"}, ana), Rejects(error_code::not_found));
}

// ---- share ----

TEST(ActivityEntryShare, TheAuthorSharesAPrivateEntryEarlyAsTheNextVersion) {
  EXPECT_THAT(
      when(private_notes(), cmd::entry_share{"e1"}, ana),
      Gives(events{evt::entry_saved{an_entry("e1", "notice", 0, "She counted on her fingers", "p3", true, 2)}}));
}

TEST(ActivityEntryShare, ASharedEntryIsVisibleSoOthersAreForbiddenNotUnaware) {
  const auto s = given(private_notes(), cmd::entry_share{"e1"}, ana);

  EXPECT_THAT(when(s, cmd::entry_edit{"e1", "Peek", 2}, kim), Rejects(error_code::forbidden));
}

TEST(ActivityEntryShare, IsAConflictOnceSharedOrRevealedOrInAnOpenPhase) {
  const auto shared = given(private_notes(), cmd::entry_share{"e1"}, ana);
  const auto revealed = given(private_notes(), cmd::reveal_phase{noticings}, maya);

  EXPECT_THAT(when(shared, cmd::entry_share{"e1"}, ana), Rejects(error_code::conflict));
  EXPECT_THAT(when(revealed, cmd::entry_share{"e1"}, ana), Rejects(error_code::conflict));
  EXPECT_THAT(when(open_note(), cmd::entry_share{"e1"}, ana), Rejects(error_code::conflict));
}

TEST(ActivityEntryShare, OnlyTheAuthorShares) {
  EXPECT_THAT(when(private_notes(), cmd::entry_share{"e2"}, ana), Rejects(error_code::not_found));
  const auto revealed = given(private_notes(), cmd::reveal_phase{noticings}, maya);
  EXPECT_THAT(when(revealed, cmd::entry_share{"e2"}, ana), Rejects(error_code::forbidden));
}

}  // namespace
}  // namespace debrief::protocol::activity
