// Adaptations to practice: the presenter's are commitments at once, others'
// are suggestions the presenter accepts or declines.

#include "activity_support.hpp"

namespace debrief::protocol::activity {
namespace {

using S = adaptation_status;

cmd::adaptation_fields fields(std::string change, std::string for_whom = "", evidence_list evidence = {},
                              std::string check_in = "", std::vector<std::string> follow_ups = {}) {
  return {std::move(change), std::move(for_whom), std::move(evidence), std::move(check_in), std::move(follow_ups)};
}

adaptation an_adaptation(std::string id, std::string change, std::string author, adaptation_status status,
                         int version = 1) {
  adaptation a;
  a.id = std::move(id);
  a.change = std::move(change);
  a.for_whom = "all learners";
  a.author = std::move(author);
  a.status = status;
  a.version = version;
  return a;
}

// In the adaptations phase: Sam's a1 (accepted) and Ana's a2 (suggested).
session_state two_adaptations() {
  auto s = in_phase(adapting);
  s = given(s, cmd::adaptation_add{fields("Start with a drawing")}, sam);
  s = given(s, cmd::adaptation_add{fields("Let her choose the context")}, ana);
  return s;
}

// ---- add ----

TEST(ActivityAdaptationAdd, ThePresentersIsAcceptedAtOnce) {
  EXPECT_THAT(when(in_phase(adapting), cmd::adaptation_add{fields("  Start with a drawing ")}, sam),
              Gives(events{evt::adaptation_saved{an_adaptation("a1", "Start with a drawing", "p2", S::accepted)}}));
}

TEST(ActivityAdaptationAdd, AColleaguesOrTheFacilitatorsIsASuggestion) {
  const auto s = in_phase(adapting);

  EXPECT_THAT(when(s, cmd::adaptation_add{fields("Pair her with Student B")}, ana),
              Gives(events{evt::adaptation_saved{an_adaptation("a1", "Pair her with Student B", "p3", S::suggested)}}));
  EXPECT_THAT(when(s, cmd::adaptation_add{fields("Pair her with Student B")}, maya),
              Gives(events{evt::adaptation_saved{an_adaptation("a1", "Pair her with Student B", "p1", S::suggested)}}));
}

TEST(ActivityAdaptationAdd, KeepsEveryFieldTrimmed) {
  auto s = with_transcript(given(in_phase(talk), cmd::board_add{board_list::assumptions, "Fractions"}, sam));  // i1

  auto expected = an_adaptation("a2", "Use café menus for fractions", "p2", S::accepted);
  expected.for_whom = "Student A";
  expected.evidence = {"line:L2", "item:i1"};
  expected.check_in = "2027-03-15";
  expected.follow_ups = {"Which menu did you pick?", "What was hard?"};
  EXPECT_THAT(when(s,
                   cmd::adaptation_add{fields(" Use café menus for fractions ", "  Student A ", {"line:L2", "item:i1"},
                                              "2027-03-15", {" Which menu did you pick? ", "What was hard?"})},
                   sam),
              Gives(events{evt::adaptation_saved{expected}}));
}

TEST(ActivityAdaptationAdd, AnEmptyForWhomMeansAllLearners) {
  const auto s = in_phase(adapting);

  EXPECT_THAT(when(s, cmd::adaptation_add{fields("Slow down", "   ")}, sam),
              Gives(events{evt::adaptation_saved{an_adaptation("a1", "Slow down", "p2", S::accepted)}}));
}

TEST(ActivityAdaptationAdd, RefusesAnOverlongOrMultiLineForWhom) {
  const auto s = in_phase(adapting);

  auto sixty = an_adaptation("a1", "Slow down", "p2", S::accepted);
  sixty.for_whom = repeated("s", 60);
  EXPECT_THAT(when(s, cmd::adaptation_add{fields("Slow down", repeated("s", 60))}, sam),
              Gives(events{evt::adaptation_saved{sixty}}));
  EXPECT_THAT(when(s, cmd::adaptation_add{fields("Slow down", repeated("s", 61))}, sam),
              Rejects(error_code::too_large));
  EXPECT_THAT(when(s, cmd::adaptation_add{fields("Slow down", "Student\nA")}, sam), Rejects(error_code::invalid));
}

TEST(ActivityAdaptationAdd, RefusesAnEmptyOrOverlongChange) {
  const auto s = in_phase(adapting);

  EXPECT_THAT(when(s, cmd::adaptation_add{fields(" ")}, sam), Rejects(error_code::invalid));
  EXPECT_THAT(when(s, cmd::adaptation_add{fields(repeated("ç", 1000))}, sam),
              Gives(events{evt::adaptation_saved{an_adaptation("a1", repeated("ç", 1000), "p2", S::accepted)}}));
  EXPECT_THAT(when(s, cmd::adaptation_add{fields(repeated("ç", 1001))}, sam), Rejects(error_code::too_large));
}

TEST(ActivityAdaptationAdd, ACheckInIsARealCalendarDay) {
  const auto s = in_phase(adapting);
  auto on = [&](const std::string& date) { return when(s, cmd::adaptation_add{fields("Check", "", {}, date)}, sam); };
  auto dated = [](const std::string& date) {
    auto a = an_adaptation("a1", "Check", "p2", S::accepted);
    a.check_in = date;
    return events{evt::adaptation_saved{a}};
  };

  EXPECT_THAT(on("2028-02-29"), Gives(dated("2028-02-29")));  // a leap year
  EXPECT_THAT(on("2000-02-29"), Gives(dated("2000-02-29")));  // divisible by 400
  EXPECT_THAT(on("2027-12-31"), Gives(dated("2027-12-31")));
  EXPECT_THAT(on(""), Gives(dated("")));
  for (const auto* bad : {"2027-02-29", "2100-02-29", "2027-13-01", "2027-00-10", "2027-04-31", "2027-01-00",
                          "tomorrow", "2027-3-15", "2027/03/15", "15-03-2027", "2027-03-15T10:00", " 2027-03-15"}) {
    EXPECT_THAT(on(bad), Rejects(error_code::invalid)) << bad;
  }
}

TEST(ActivityAdaptationAdd, AllowsTenFollowUpsOf300CharactersAtMost) {
  const auto s = in_phase(adapting);
  const std::vector<std::string> ten(10, repeated("q", 300));

  auto expected = an_adaptation("a1", "Ask more", "p2", S::accepted);
  expected.follow_ups = ten;
  EXPECT_THAT(when(s, cmd::adaptation_add{fields("Ask more", "", {}, "", ten)}, sam),
              Gives(events{evt::adaptation_saved{expected}}));
  EXPECT_THAT(when(s, cmd::adaptation_add{fields("Ask more", "", {}, "", std::vector<std::string>(11, "Why?"))}, sam),
              Rejects(error_code::too_large));
  EXPECT_THAT(when(s, cmd::adaptation_add{fields("Ask more", "", {}, "", {repeated("q", 301)})}, sam),
              Rejects(error_code::too_large));
  EXPECT_THAT(when(s, cmd::adaptation_add{fields("Ask more", "", {}, "", {"Why?", "  "})}, sam),
              Rejects(error_code::invalid));
}

TEST(ActivityAdaptationAdd, EvidenceMustExistAndBeTwentyAtMost) {
  const auto s = given(in_phase(adapting), cmd::board_add{board_list::know, "Likes art"}, sam);  // i1

  EXPECT_THAT(when(s, cmd::adaptation_add{fields("Draw", "", {"item:i2"})}, sam), Rejects(error_code::not_found));
  EXPECT_THAT(when(s, cmd::adaptation_add{fields("Draw", "", {"line:L1"})}, sam), Rejects(error_code::not_found));
  EXPECT_THAT(when(s, cmd::adaptation_add{fields("Draw", "", evidence_list(21, "item:i1"))}, sam),
              Rejects(error_code::too_large));
}

TEST(ActivityAdaptationAdd, RefusesTheHundredAndFirst) {
  auto s = in_phase(adapting);
  for (int i = 0; i < 100; ++i) s = given(s, cmd::adaptation_add{fields("Change " + std::to_string(i))}, sam);

  EXPECT_THAT(when(s, cmd::adaptation_add{fields("One more")}, sam), Rejects(error_code::too_large));
}

// ---- edit ----

TEST(ActivityAdaptationEdit, ThePresenterEditsAnyAdaptationKeepingAuthorAndStatus) {
  const auto s = two_adaptations();

  auto expected = an_adaptation("a2", "Let her choose the story", "p3", S::suggested, 2);
  expected.check_in = "2027-03-01";
  EXPECT_THAT(when(s, cmd::adaptation_edit{"a2", fields("Let her choose the story", "", {}, "2027-03-01"), 1}, sam),
              Gives(events{evt::adaptation_saved{expected}}));
  EXPECT_THAT(when(s, cmd::adaptation_edit{"a1", fields("Start with a sketch"), 1}, sam),
              Gives(events{evt::adaptation_saved{an_adaptation("a1", "Start with a sketch", "p2", S::accepted, 2)}}));
}

TEST(ActivityAdaptationEdit, TheAuthorEditsTheirOwnSuggestion) {
  EXPECT_THAT(
      when(two_adaptations(), cmd::adaptation_edit{"a2", fields("Let her pick the context"), 1}, ana),
      Gives(events{evt::adaptation_saved{an_adaptation("a2", "Let her pick the context", "p3", S::suggested, 2)}}));
}

TEST(ActivityAdaptationEdit, TheAuthorCannotEditOnceDecided) {
  const auto accepted = given(two_adaptations(), cmd::adaptation_decide{"a2", true, 1}, sam);
  const auto declined = given(two_adaptations(), cmd::adaptation_decide{"a2", false, 1}, sam);

  EXPECT_THAT(when(accepted, cmd::adaptation_edit{"a2", fields("Sneaky"), 2}, ana), Rejects(error_code::forbidden));
  EXPECT_THAT(when(declined, cmd::adaptation_edit{"a2", fields("Sneaky"), 2}, ana), Rejects(error_code::forbidden));
}

TEST(ActivityAdaptationEdit, OthersAreForbidden) {
  const auto s = two_adaptations();

  EXPECT_THAT(when(s, cmd::adaptation_edit{"a2", fields("Mine"), 1}, kim), Rejects(error_code::forbidden));
  EXPECT_THAT(when(s, cmd::adaptation_edit{"a2", fields("Mine"), 1}, maya), Rejects(error_code::forbidden));
  EXPECT_THAT(when(s, cmd::adaptation_edit{"a1", fields("Mine"), 1}, ana), Rejects(error_code::forbidden));
}

TEST(ActivityAdaptationEdit, AStaleVersionIsAConflictCarryingTheCurrentAdaptation) {
  const auto s = given(two_adaptations(), cmd::adaptation_edit{"a2", fields("Second take"), 1}, ana);

  EXPECT_THAT(when(s, cmd::adaptation_edit{"a2", fields("Third take"), 1}, sam),
              RejectsAsStale(an_adaptation("a2", "Second take", "p3", S::suggested, 2)));
}

TEST(ActivityAdaptationEdit, ValidatesTheFieldsLikeAdd) {
  const auto s = two_adaptations();

  EXPECT_THAT(when(s, cmd::adaptation_edit{"a1", fields(""), 1}, sam), Rejects(error_code::invalid));
  EXPECT_THAT(when(s, cmd::adaptation_edit{"a1", fields("Draw", "", {}, "2027-02-29"), 1}, sam),
              Rejects(error_code::invalid));
  EXPECT_THAT(when(s, cmd::adaptation_edit{"a1", fields("Draw", "", {"item:i9"}), 1}, sam),
              Rejects(error_code::not_found));
  EXPECT_THAT(when(s, cmd::adaptation_edit{"a9", fields("Draw"), 1}, sam), Rejects(error_code::not_found));
}

// ---- decide ----

TEST(ActivityAdaptationDecide, AcceptingOrDecliningASuggestionIsTheNextVersion) {
  const auto s = two_adaptations();

  EXPECT_THAT(
      when(s, cmd::adaptation_decide{"a2", true, 1}, sam),
      Gives(events{evt::adaptation_saved{an_adaptation("a2", "Let her choose the context", "p3", S::accepted, 2)}}));
  EXPECT_THAT(
      when(s, cmd::adaptation_decide{"a2", false, 1}, sam),
      Gives(events{evt::adaptation_saved{an_adaptation("a2", "Let her choose the context", "p3", S::declined, 2)}}));
}

TEST(ActivityAdaptationDecide, OnlyASuggestionCanBeDecided) {
  const auto s = two_adaptations();
  const auto declined = given(s, cmd::adaptation_decide{"a2", false, 1}, sam);

  EXPECT_THAT(when(s, cmd::adaptation_decide{"a1", false, 1}, sam), Rejects(error_code::conflict));
  EXPECT_THAT(when(declined, cmd::adaptation_decide{"a2", true, 2}, sam), Rejects(error_code::conflict));
}

TEST(ActivityAdaptationDecide, TheVersionMustMatch) {
  const auto s = given(two_adaptations(), cmd::adaptation_edit{"a2", fields("Let her pick"), 1}, ana);

  EXPECT_THAT(when(s, cmd::adaptation_decide{"a2", true, 1}, sam),
              RejectsAsStale(an_adaptation("a2", "Let her pick", "p3", S::suggested, 2)));
}

TEST(ActivityAdaptationDecide, RefusesAnUnknownAdaptation) {
  EXPECT_THAT(when(two_adaptations(), cmd::adaptation_decide{"a3", true, 1}, sam), Rejects(error_code::not_found));
}

// ---- remove ----

TEST(ActivityAdaptationRemove, ThePresenterRemovesAny) {
  const auto s = two_adaptations();

  EXPECT_THAT(when(s, cmd::adaptation_remove{"a1"}, sam), Gives(events{evt::adaptation_removed{"a1"}}));
  EXPECT_THAT(when(s, cmd::adaptation_remove{"a2"}, sam), Gives(events{evt::adaptation_removed{"a2"}}));
  EXPECT_EQ(given(s, cmd::adaptation_remove{"a2"}, sam).adaptations,
            std::vector<adaptation>{an_adaptation("a1", "Start with a drawing", "p2", S::accepted)});
}

TEST(ActivityAdaptationRemove, TheAuthorRemovesTheirSuggestionOnlyWhileItIsOne) {
  const auto s = two_adaptations();
  const auto accepted = given(s, cmd::adaptation_decide{"a2", true, 1}, sam);

  EXPECT_THAT(when(s, cmd::adaptation_remove{"a2"}, ana), Gives(events{evt::adaptation_removed{"a2"}}));
  EXPECT_THAT(when(accepted, cmd::adaptation_remove{"a2"}, ana), Rejects(error_code::forbidden));
}

TEST(ActivityAdaptationRemove, OthersAreForbiddenAndUnknownIsNotFound) {
  const auto s = two_adaptations();

  EXPECT_THAT(when(s, cmd::adaptation_remove{"a2"}, kim), Rejects(error_code::forbidden));
  EXPECT_THAT(when(s, cmd::adaptation_remove{"a1"}, maya), Rejects(error_code::forbidden));
  EXPECT_THAT(when(s, cmd::adaptation_remove{"a7"}, sam), Rejects(error_code::not_found));
}

}  // namespace
}  // namespace debrief::protocol::activity
