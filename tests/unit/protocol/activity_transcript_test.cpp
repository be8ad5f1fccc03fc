// The transcript and its annotations: import with consent, quotes taken from
// the lines (in code points), annotations that follow their words across a
// corrected re-import, replies, and bringing everyone to one line.

#include "activity_support.hpp"

namespace debrief::protocol::activity {
namespace {

using T = annotation_tag;

transcript sample_transcript(int version = 1, millis at = t0) {
  return {sample_lines_with_ids(), "p2", at, "vtt", version};
}

// What Sam's import of these lines becomes: ids L1..Ln.
transcript imported(std::vector<transcript_line> lines, int version, millis at = t0) {
  for (std::size_t i = 0; i < lines.size(); ++i) lines[i].id = "L" + std::to_string(i + 1);
  return {std::move(lines), "p2", at, "vtt", version};
}

annotation an_annotation(std::string id, std::string from, std::string to, std::string quote, std::string author,
                         std::string phase = "read") {
  annotation a;
  a.id = std::move(id);
  a.phase = std::move(phase);
  a.from_line = std::move(from);
  a.to_line = std::move(to);
  a.quote = std::move(quote);
  a.tag = T::wonder;
  a.comment = "Why?";
  a.author = std::move(author);
  return a;
}

cmd::annotate on(std::string from, std::string to = "", int start = -1, int end = -1) {
  return {std::move(from), std::move(to), start, end, T::wonder, "Why?"};
}

session_state reading_with_transcript() { return with_transcript(in_phase(reading)); }

// ---- import ----

TEST(ActivityTranscriptImport, NeedsTheLearnersConsent) {
  EXPECT_THAT(when(in_phase(reading), cmd::transcript_import{sample_lines(), "vtt", false}, sam),
              Rejects(error_code::invalid));
}

TEST(ActivityTranscriptImport, NumbersTheLinesAndRecordsWhoConfirmedConsentAndWhen) {
  auto lines = sample_lines();
  lines[0].speaker = "  Teacher ";

  EXPECT_THAT(when(in_phase(reading), cmd::transcript_import{lines, "vtt", true}, sam, t0 + 42),
              Gives(events{evt::transcript_imported{sample_transcript(1, t0 + 42)}}));
}

TEST(ActivityTranscriptImport, WorksInAnyPhaseEvenTheLobby) {
  EXPECT_THAT(when(lobby(), cmd::transcript_import{sample_lines(), "vtt", true}, sam),
              Gives(events{evt::transcript_imported{sample_transcript()}}));
}

TEST(ActivityTranscriptImport, KeepsAtMostTwentyCharactersOfTheFormatName) {
  auto expected = sample_transcript();
  expected.source_format = repeated("f", 20);

  EXPECT_THAT(when(in_phase(reading), cmd::transcript_import{sample_lines(), repeated("f", 25), true}, sam),
              Gives(events{evt::transcript_imported{expected}}));
}

TEST(ActivityTranscriptImport, ARefusedLineIsNamedByItsNumber) {
  const auto s = in_phase(reading);
  auto with = [&](int index, auto change) {
    auto lines = sample_lines();
    change(lines[static_cast<std::size_t>(index)]);
    return when(s, cmd::transcript_import{lines, "vtt", true}, sam);
  };

  EXPECT_THAT(with(1, [](auto& l) { l.speaker = "  "; }), RejectsSaying(error_code::invalid, "Line 2:"));
  EXPECT_THAT(with(1, [](auto& l) { l.speaker = repeated("s", 61); }), RejectsSaying(error_code::too_large, "Line 2:"));
  EXPECT_THAT(with(0, [](auto& l) { l.speaker = "Teacher\nB"; }), RejectsSaying(error_code::invalid, "Line 1:"));
  EXPECT_THAT(with(2, [](auto& l) { l.role = speaker_role::invalid; }), RejectsSaying(error_code::invalid, "Line 3:"));
  EXPECT_THAT(with(0, [](auto& l) { l.text = ""; }), RejectsSaying(error_code::invalid, "Line 1:"));
  EXPECT_THAT(with(3, [](auto& l) { l.text = repeated("w", 2001); }), RejectsSaying(error_code::too_large, "Line 4:"));
  EXPECT_THAT(with(3, [](auto& l) { l.start_ms = -2; }), RejectsSaying(error_code::invalid, "Line 4:"));
}

TEST(ActivityTranscriptImport, AcceptsLinesWithoutTimesAndSpeakersOf60Characters) {
  auto lines = sample_lines();
  lines[1].start_ms = -1;
  lines[1].speaker = repeated("s", 60);
  auto expected = sample_transcript();
  expected.lines[1].start_ms = -1;
  expected.lines[1].speaker = repeated("s", 60);

  EXPECT_THAT(when(in_phase(reading), cmd::transcript_import{lines, "vtt", true}, sam),
              Gives(events{evt::transcript_imported{expected}}));
}

TEST(ActivityTranscriptImport, RefusesNoLinesAndMoreThan5000) {
  const auto s = in_phase(reading);
  const transcript_line line{"", "Teacher", speaker_role::teacher, -1, "Hm."};

  EXPECT_THAT(when(s, cmd::transcript_import{{}, "vtt", true}, sam), Rejects(error_code::invalid));
  EXPECT_THAT(when(s, cmd::transcript_import{std::vector<transcript_line>(5001, line), "vtt", true}, sam),
              Rejects(error_code::too_large));
  EXPECT_THAT(when(s, cmd::transcript_import{std::vector<transcript_line>(5000, line), "vtt", true}, sam),
              Gives(events{evt::transcript_imported{imported(std::vector<transcript_line>(5000, line), 1)}}));
}

TEST(ActivityTranscriptImport, ReImportingIsTheNextVersion) {
  const auto s = reading_with_transcript();

  EXPECT_THAT(when(s, cmd::transcript_import{sample_lines(), "vtt", true}, sam, t0 + 5),
              Gives(events{evt::transcript_imported{sample_transcript(2, t0 + 5)}}));
}

// ---- annotate ----

TEST(ActivityAnnotate, QuotesAWholeLine) {
  EXPECT_THAT(when(reading_with_transcript(), on("L2"), ana),
              Gives(events{evt::annotation_saved{an_annotation("n1", "L2", "L2", "I drew the café tables.", "p3")}}));
}

TEST(ActivityAnnotate, QuotesSeveralLinesJoinedByLineBreaks) {
  EXPECT_THAT(when(reading_with_transcript(), on("L2", "L3"), ana),
              Gives(events{evt::annotation_saved{
                  an_annotation("n1", "L2", "L3", "I drew the café tables.\nWhy tables?", "p3")}}));
}

TEST(ActivityAnnotate, ACharacterRangeCountsCodePoints) {
  auto expected = an_annotation("n1", "L2", "L2", "café", "p3");
  expected.start_char = 11;
  expected.end_char = 15;

  EXPECT_THAT(when(reading_with_transcript(), on("L2", "L2", 11, 15), ana),
              Gives(events{evt::annotation_saved{expected}}));
}

TEST(ActivityAnnotate, ARangeOverSeveralLinesCutsTheFirstAndTheLast) {
  auto expected = an_annotation("n1", "L1", "L2", "first?\nI drew the café", "p3");
  expected.start_char = 17;
  expected.end_char = 15;

  EXPECT_THAT(when(reading_with_transcript(), on("L1", "L2", 17, 15), ana),
              Gives(events{evt::annotation_saved{expected}}));
}

TEST(ActivityAnnotate, KeepsTheTagTheTrimmedCommentTheAuthorAndThePhase) {
  auto expected = an_annotation("n1", "L4", "L4", "Because I could count the chairs.", "p1", "talk");
  expected.tag = T::strength;
  expected.comment = "";

  EXPECT_THAT(when(with_transcript(in_phase(talk)), cmd::annotate{"L4", "", -1, -1, T::strength, ""}, maya),
              Gives(events{evt::annotation_saved{expected}}));
  expected.comment = "Counting!";
  EXPECT_THAT(when(with_transcript(in_phase(talk)), cmd::annotate{"L4", "", -1, -1, T::strength, " Counting! "}, maya),
              Gives(events{evt::annotation_saved{expected}}));
}

TEST(ActivityAnnotate, RefusesRangesThatDoNotFitTheLines) {
  const auto s = reading_with_transcript();  // L2 has 23 code points

  EXPECT_THAT(when(s, on("L2", "L2", 15, 11), ana), Rejects(error_code::invalid));
  EXPECT_THAT(when(s, on("L2", "L2", 11, 11), ana), Rejects(error_code::invalid));
  EXPECT_THAT(when(s, on("L2", "L2", 0, 24), ana), Rejects(error_code::invalid));
  EXPECT_THAT(when(s, on("L2", "L2", 24, 24), ana), Rejects(error_code::invalid));
  EXPECT_THAT(when(s, on("L2", "L2", -1, 4), ana), Rejects(error_code::invalid));
  EXPECT_THAT(when(s, on("L2", "L2", 4, -1), ana), Rejects(error_code::invalid));
  auto whole = an_annotation("n1", "L2", "L2", "I drew the café tables.", "p3");
  whole.start_char = 0;
  whole.end_char = 23;
  EXPECT_THAT(when(s, on("L2", "L2", 0, 23), ana), Gives(events{evt::annotation_saved{whole}}));
}

TEST(ActivityAnnotate, RefusesALastLineBeforeTheFirstAndUnknownLines) {
  const auto s = reading_with_transcript();

  EXPECT_THAT(when(s, on("L3", "L2"), ana), Rejects(error_code::invalid));
  EXPECT_THAT(when(s, on("L9"), ana), Rejects(error_code::invalid));
  EXPECT_THAT(when(s, on("L1", "L9"), ana), Rejects(error_code::invalid));
  EXPECT_THAT(when(s, on(""), ana), Rejects(error_code::invalid));
}

TEST(ActivityAnnotate, WithoutATranscriptIsAConflict) {
  EXPECT_THAT(when(in_phase(reading), on("L1"), ana), Rejects(error_code::conflict));
}

TEST(ActivityAnnotate, RefusesAnInvalidTagAndAnOverlongComment) {
  const auto s = reading_with_transcript();

  EXPECT_THAT(when(s, cmd::annotate{"L1", "", -1, -1, T::invalid, ""}, ana), Rejects(error_code::invalid));
  EXPECT_THAT(when(s, cmd::annotate{"L1", "", -1, -1, T::need, repeated("c", 2001)}, ana),
              Rejects(error_code::too_large));
}

TEST(ActivityAnnotate, RefusesTheTwoThousandAndFirst) {
  auto s = reading_with_transcript();
  for (int i = 1; i <= 2000; ++i) {
    s.annotations.push_back(an_annotation("n" + std::to_string(i), "L1", "L1", "What did you try first?", "p3"));
  }
  s.ids_issued = 2000;

  EXPECT_THAT(when(s, on("L1"), ana), Rejects(error_code::too_large));
}

// ---- re-import ----

// A corrected transcript: a line added at the top, so every line moves down one.
std::vector<transcript_line> with_a_line_on_top() {
  auto lines = sample_lines();
  lines.insert(lines.begin(), {"", "Teacher", speaker_role::teacher, 0, "Let's begin."});
  return lines;
}

TEST(ActivityTranscriptReimport, MovesAnAnnotationToWhereItsWordsNowAre) {
  const auto s = given(reading_with_transcript(), on("L2", "L3"), ana);  // n1

  const auto out = when(s, cmd::transcript_import{with_a_line_on_top(), "vtt", true}, sam, t0 + 9);

  EXPECT_THAT(out, Gives(events{evt::transcript_imported{imported(with_a_line_on_top(), 2, t0 + 9)},
                                evt::annotation_saved{
                                    an_annotation("n1", "L3", "L4", "I drew the café tables.\nWhy tables?", "p3")}}));
}

TEST(ActivityTranscriptReimport, MovesACharacterRangeWithinItsNewLine) {
  const auto s = given(reading_with_transcript(), on("L2", "L2", 11, 15), ana);  // "café"
  auto lines = with_a_line_on_top();
  lines[2].text = "Well, I drew the café tables.";

  auto moved = an_annotation("n1", "L3", "L3", "café", "p3");
  moved.start_char = 17;
  moved.end_char = 21;
  EXPECT_THAT(when(s, cmd::transcript_import{lines, "vtt", true}, sam),
              Gives(events{evt::transcript_imported{imported(lines, 2)}, evt::annotation_saved{moved}}));
}

TEST(ActivityTranscriptReimport, KeepsAnAnnotationWhoseWordsVanishedMarkedNotPlaced) {
  const auto s = given(reading_with_transcript(), on("L2"), ana);
  auto lines = sample_lines();
  lines[1].text = "I drew the tables in the café.";

  auto lost = an_annotation("n1", "L2", "L2", "I drew the café tables.", "p3");
  lost.placed = false;
  auto expected = sample_transcript(2);
  expected.lines[1].text = "I drew the tables in the café.";
  EXPECT_THAT(when(s, cmd::transcript_import{lines, "vtt", true}, sam),
              Gives(events{evt::transcript_imported{expected}, evt::annotation_saved{lost}}));

  const auto after = given(s, cmd::transcript_import{lines, "vtt", true}, sam);
  EXPECT_EQ(after.annotations, std::vector<annotation>{lost});
}

TEST(ActivityTranscriptReimport, AnUnplacedAnnotationIsPlacedAgainWhenItsWordsReturn) {
  auto s = given(reading_with_transcript(), on("L2"), ana);
  auto lines = sample_lines();
  lines[1].text = "Something else.";
  s = given(s, cmd::transcript_import{lines, "vtt", true}, sam);

  EXPECT_THAT(when(s, cmd::transcript_import{sample_lines(), "vtt", true}, sam),
              Gives(events{evt::transcript_imported{sample_transcript(3)},
                           evt::annotation_saved{an_annotation("n1", "L2", "L2", "I drew the café tables.", "p3")}}));
}

TEST(ActivityTranscriptReimport, AnnotationsWhoseWordsStayPutGiveNoEvents) {
  const auto s = given(reading_with_transcript(), on("L2"), ana);

  EXPECT_THAT(when(s, cmd::transcript_import{sample_lines(), "vtt", true}, sam),
              Gives(events{evt::transcript_imported{sample_transcript(2)}}));
}

// A subtitle cue often holds two lines of text; an annotation on such a line
// must still follow it when a corrected transcript shifts the lines.
TEST(ActivityTranscriptReimport, FollowsAnAnnotationOnALineWhoseTextHasALineBreak) {
  auto lines = sample_lines();
  lines[1].text = "I drew the café tables\nand then the chairs.";
  const auto s = given(with_transcript(in_phase(reading), lines), on("L2"), ana);
  auto shifted = lines;
  shifted.insert(shifted.begin(), {"", "Teacher", speaker_role::teacher, 0, "Let's begin."});

  const auto after = given(s, cmd::transcript_import{shifted, "vtt", true}, sam);

  ASSERT_EQ(after.annotations.size(), 1u);
  EXPECT_EQ(after.annotations[0].from_line, "L3");
  EXPECT_EQ(after.annotations[0].to_line, "L3");
  EXPECT_TRUE(after.annotations[0].placed) << "the words are still there, on L3";
}

// ---- replies ----

TEST(ActivityAnnotationReply, AppendsAReplyWithAFreshIdAndTheTime) {
  const auto s = given(reading_with_transcript(), on("L2"), ana);  // n1

  auto expected = an_annotation("n1", "L2", "L2", "I drew the café tables.", "p3");
  expected.replies = {{"r2", "p2", "She loves that café", t0 + 7}};
  EXPECT_THAT(when(s, cmd::annotation_reply{"n1", " She loves that café "}, sam, t0 + 7),
              Gives(events{evt::annotation_saved{expected}}));
}

TEST(ActivityAnnotationReply, RepliesKeepTheirOrderAndIds) {
  auto s = given(reading_with_transcript(), on("L2"), ana);  // n1
  s = given(s, cmd::annotation_reply{"n1", "First"}, sam, t0 + 1);
  s = given(s, cmd::annotation_reply{"n1", "Second"}, kim, t0 + 2);

  EXPECT_EQ(s.annotations[0].replies,
            (std::vector<reply>{{"r2", "p2", "First", t0 + 1}, {"r3", "p5", "Second", t0 + 2}}));
  EXPECT_EQ(s.ids_issued, 3);
}

TEST(ActivityAnnotationReply, RefusesTheFiftyFirstReply) {
  auto s = given(reading_with_transcript(), on("L2"), ana);
  for (int i = 0; i < 50; ++i) s = given(s, cmd::annotation_reply{"n1", "Yes " + std::to_string(i)}, kim);

  EXPECT_THAT(when(s, cmd::annotation_reply{"n1", "One more"}, sam), Rejects(error_code::too_large));
}

TEST(ActivityAnnotationReply, RefusesBadTextAndUnknownOrHiddenAnnotations) {
  const auto s = given(reading_with_transcript(), on("L2"), ana);
  auto hidden = given(with_transcript(in_phase(noticings)), on("L2"), ana);  // private, by Ana

  EXPECT_THAT(when(s, cmd::annotation_reply{"n1", ""}, sam), Rejects(error_code::invalid));
  EXPECT_THAT(when(s, cmd::annotation_reply{"n1", repeated("r", 2001)}, sam), Rejects(error_code::too_large));
  EXPECT_THAT(when(s, cmd::annotation_reply{"n2", "Hm"}, sam), Rejects(error_code::not_found));
  EXPECT_THAT(when(hidden, cmd::annotation_reply{"n1", "Hm"}, kim), Rejects(error_code::not_found));
}

// ---- edit and remove ----

TEST(ActivityAnnotationEdit, TheAuthorChangesTagAndCommentAsTheNextVersion) {
  const auto s = given(reading_with_transcript(), on("L2"), ana);

  auto expected = an_annotation("n1", "L2", "L2", "I drew the café tables.", "p3");
  expected.tag = T::strength;
  expected.comment = "She connects it to her life";
  expected.version = 2;
  EXPECT_THAT(when(s, cmd::annotation_edit{"n1", T::strength, " She connects it to her life ", 1}, ana),
              Gives(events{evt::annotation_saved{expected}}));
}

TEST(ActivityAnnotationEdit, OthersAreForbiddenOrDoNotFindAHiddenOne) {
  const auto open = given(reading_with_transcript(), on("L2"), ana);
  const auto hidden = given(with_transcript(in_phase(noticings)), on("L2"), ana);

  EXPECT_THAT(when(open, cmd::annotation_edit{"n1", T::need, "", 1}, kim), Rejects(error_code::forbidden));
  EXPECT_THAT(when(hidden, cmd::annotation_edit{"n1", T::need, "", 1}, kim), Rejects(error_code::not_found));
  EXPECT_THAT(when(hidden, cmd::annotation_edit{"n1", T::need, "", 1}, maya), Rejects(error_code::not_found));
}

TEST(ActivityAnnotationEdit, AStaleVersionIsAConflictCarryingTheCurrentAnnotation) {
  auto s = given(reading_with_transcript(), on("L2"), ana);
  s = given(s, cmd::annotation_edit{"n1", T::notice, "Noted", 1}, ana);

  auto current = an_annotation("n1", "L2", "L2", "I drew the café tables.", "p3");
  current.tag = T::notice;
  current.comment = "Noted";
  current.version = 2;
  EXPECT_THAT(when(s, cmd::annotation_edit{"n1", T::need, "", 1}, ana), RejectsAsStale(current));
}

TEST(ActivityAnnotationEdit, RefusesAnInvalidTagAnOverlongCommentAndAnUnknownAnnotation) {
  const auto s = given(reading_with_transcript(), on("L2"), ana);

  EXPECT_THAT(when(s, cmd::annotation_edit{"n1", T::invalid, "", 1}, ana), Rejects(error_code::invalid));
  EXPECT_THAT(when(s, cmd::annotation_edit{"n1", T::need, repeated("c", 2001), 1}, ana),
              Rejects(error_code::too_large));
  EXPECT_THAT(when(s, cmd::annotation_edit{"n5", T::need, "", 1}, ana), Rejects(error_code::not_found));
}

TEST(ActivityAnnotationRemove, OnlyTheAuthorRemoves) {
  const auto s = given(reading_with_transcript(), on("L2"), ana);
  const auto hidden = given(with_transcript(in_phase(noticings)), on("L2"), ana);

  EXPECT_THAT(when(s, cmd::annotation_remove{"n1"}, ana), Gives(events{evt::annotation_removed{"n1"}}));
  EXPECT_TRUE(given(s, cmd::annotation_remove{"n1"}, ana).annotations.empty());
  EXPECT_THAT(when(s, cmd::annotation_remove{"n1"}, sam), Rejects(error_code::forbidden));
  EXPECT_THAT(when(hidden, cmd::annotation_remove{"n1"}, sam), Rejects(error_code::not_found));
  EXPECT_THAT(when(s, cmd::annotation_remove{"n2"}, ana), Rejects(error_code::not_found));
}

// ---- focus ----

TEST(ActivityFocusLine, BringsEveryoneToALine) {
  EXPECT_THAT(when(reading_with_transcript(), cmd::focus_line{"L3"}, maya),
              Gives(events{evt::focus_changed{"L3", "p1"}}));
  EXPECT_THAT(when(reading_with_transcript(), cmd::focus_line{"L4"}, sam),
              Gives(events{evt::focus_changed{"L4", "p2"}}));
  EXPECT_EQ(given(reading_with_transcript(), cmd::focus_line{"L3"}, maya).focus_line, "L3");
}

TEST(ActivityFocusLine, TheSameLineAgainGivesNoEvents) {
  const auto s = given(reading_with_transcript(), cmd::focus_line{"L3"}, maya);

  EXPECT_THAT(when(s, cmd::focus_line{"L3"}, sam), GivesNothing());
  EXPECT_THAT(when(reading_with_transcript(), cmd::focus_line{""}, maya), GivesNothing());
}

TEST(ActivityFocusLine, AnEmptyLineStopsTheFocus) {
  const auto s = given(reading_with_transcript(), cmd::focus_line{"L3"}, maya);

  EXPECT_THAT(when(s, cmd::focus_line{""}, maya), Gives(events{evt::focus_changed{"", "p1"}}));
}

TEST(ActivityFocusLine, RefusesAnUnknownLineOrAMissingTranscript) {
  EXPECT_THAT(when(reading_with_transcript(), cmd::focus_line{"L5"}, maya), Rejects(error_code::not_found));
  EXPECT_THAT(when(in_phase(reading), cmd::focus_line{"L1"}, maya), Rejects(error_code::not_found));
}

// ---- withdraw ----

TEST(ActivityTranscriptWithdraw, GivesTheWithdrawal) {
  EXPECT_THAT(when(reading_with_transcript(), cmd::transcript_withdraw{}, sam),
              Gives(events{evt::transcript_withdrawn{}}));
}

TEST(ActivityTranscriptWithdraw, WithoutATranscriptIsAConflict) {
  EXPECT_THAT(when(in_phase(reading), cmd::transcript_withdraw{}, sam), Rejects(error_code::conflict));
}

TEST(ActivityTranscriptWithdraw, ClearsTheTranscriptItsAnnotationsAndTheFocusButNotTheIdCounter) {
  auto s = given(reading_with_transcript(), on("L2"), ana);
  s = given(s, cmd::annotation_reply{"n1", "Yes"}, sam);
  s = given(s, cmd::focus_line{"L2"}, maya);

  s = given(s, cmd::transcript_withdraw{}, sam);

  EXPECT_EQ(s.transcript, std::nullopt);
  EXPECT_TRUE(s.annotations.empty());
  EXPECT_EQ(s.focus_line, "");
  EXPECT_EQ(s.ids_issued, 2);
  s = given(with_transcript(s), on("L1"), ana);
  EXPECT_EQ(s.annotations.at(0).id, "n3");
}

}  // namespace
}  // namespace debrief::protocol::activity
