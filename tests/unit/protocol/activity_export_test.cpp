// The session's record for the team's notes, in Markdown, HTML and JSON:
// built from what everyone may see, so hidden entries never appear and
// anonymous phases stay anonymous.

#include "activity_support.hpp"

#include "debrief/protocol/export.hpp"

namespace debrief::protocol::activity {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

constexpr millis exported_at = t0 + 3'600'000;  // an hour later

// A whole debrief's worth of record (ids in brackets):
//   transcript imported by Sam; Ana's open annotation [n1] with Sam's reply [r2];
//   in the private noticings Ana's hidden entry [e3], Kim's shared entry [e4]
//   and Ana's hidden annotation [n5]; on the board a challenged assumption
//   [i6] with evidence and an item with markup [i7]; Sam's accepted adaptation
//   [a8], Ana's suggestion [a9] and Kim's declined one [a10]; Ana's anonymous
//   reflection [e11], revealed.
session_state a_finished_debrief() {
  auto s = with_transcript(in_phase(reading));
  s = given(s, cmd::annotate{"L2", "", -1, -1, annotation_tag::wonder, "Tables?"}, ana);
  s = given(s, cmd::annotation_reply{"n1", "She loves that café"}, sam, t0 + 60'000);
  s = given(s, cmd::go_to_phase{noticings}, maya);
  s = given(s, cmd::entry_add{"Hidden noticing", 0}, ana);
  s = given(s, cmd::entry_add{"Shared noticing", 1}, kim);
  s = given(s, cmd::entry_share{"e4"}, kim);
  s = given(s, cmd::annotate{"L4", "", -1, -1, annotation_tag::need, "Secret annotation comment"}, ana);
  s = given(s, cmd::go_to_phase{talk}, maya);
  s = given(s, cmd::board_add{board_list::assumptions, "Fractions are the hard part"}, sam);
  s = given(s, cmd::board_add{board_list::know, "<script>alert(1)</script>"}, sam);
  s = given(s, cmd::board_mark{"i6", item_status::challenged, {"line:L2", "annotation:n1"}, 1}, sam);
  s = given(s, cmd::go_to_phase{adapting}, maya);
  s = given(s,
            cmd::adaptation_add{{"Start with a drawing", "Student A", {"annotation:n1"}, "2027-03-15", {"Which café?"}}},
            sam);
  s = given(s, cmd::adaptation_add{{"Suggested change", "", {}, "", {}}}, ana);
  s = given(s, cmd::adaptation_add{{"Declined change", "", {}, "", {}}}, kim);
  s = given(s, cmd::adaptation_decide{"a10", false, 1}, sam);
  s = given(s, cmd::go_to_phase{reflecting}, maya);
  s = given(s, cmd::entry_add{"I will listen more", 0}, ana);
  s = given(s, cmd::reveal_phase{reflecting}, maya);
  return s;
}

// ---- Markdown ----

TEST(ActivityExportMarkdown, ListsTheBoardWithEachAssumptionsStatusAndEvidence) {
  const auto md = export_markdown(a_finished_debrief(), exported_at);

  EXPECT_THAT(md, HasSubstr("### Assumptions I may hold\n\n- Fractions are the hard part — *challenged*\n"
                            "  - evidence: line L2 (Student A: \"I drew the café tables.\")\n"
                            "  - evidence: annotation on \"I drew the café tables.\"\n"));
  EXPECT_THAT(md, HasSubstr("### What I know\n\n- <script>alert(1)</script>\n"));
  EXPECT_THAT(md, HasSubstr("### What I need to find out\n\n- (nothing yet)\n"));
}

TEST(ActivityExportMarkdown, ListsAcceptedAdaptationsWithCheckInEvidenceAndFollowUpsOnly) {
  const auto md = export_markdown(a_finished_debrief(), exported_at);

  EXPECT_THAT(md, HasSubstr("## Adaptations\n\n- **Start with a drawing** — for Student A; check in on 2027-03-15\n"
                            "  - evidence: annotation on \"I drew the café tables.\"\n"
                            "  - ask next time: Which café?\n"));
  EXPECT_THAT(md, Not(HasSubstr("Suggested change")));
  EXPECT_THAT(md, Not(HasSubstr("Declined change")));
}

TEST(ActivityExportMarkdown, ListsVisibleAnnotationsWithRepliesButNotHiddenOnes) {
  const auto md = export_markdown(a_finished_debrief(), exported_at);

  EXPECT_THAT(md, HasSubstr("## Annotations\n\n- **wonder** on \"I drew the café tables.\": Tables?\n"
                            "  - Sam: She loves that café\n"));
  EXPECT_THAT(md, Not(HasSubstr("Secret annotation comment")));
  EXPECT_THAT(md, Not(HasSubstr("Because I could count the chairs.")));
}

TEST(ActivityExportMarkdown, ListsSharedAndRevealedEntriesByPhaseNeverHiddenOnes) {
  const auto md = export_markdown(a_finished_debrief(), exported_at);

  EXPECT_THAT(md, HasSubstr("### What we noticed\n\n- Shared noticing — Kim\n"));
  EXPECT_THAT(md, HasSubstr("### Reflection\n\n- I will listen more — anonymous\n"));
  EXPECT_THAT(md, Not(HasSubstr("Hidden noticing")));
  EXPECT_THAT(md, Not(HasSubstr("I will listen more — Ana")));
}

TEST(ActivityExportMarkdown, SaysWhoConfirmedTheLearnersConsentAndWhen) {
  EXPECT_THAT(export_markdown(a_finished_debrief(), exported_at),
              HasSubstr("The learner's consent to the recording and to sharing it was confirmed by Sam on "
                        "2025-11-22 22:20 UTC.\n"));
  EXPECT_THAT(export_markdown(in_phase(talk), exported_at), Not(HasSubstr("consent")));
}

TEST(ActivityExportMarkdown, AnEmptySessionSaysSo) {
  const auto md = export_markdown(in_phase(talk), exported_at);

  EXPECT_THAT(md, HasSubstr("## Annotations\n\n(none)\n"));
  EXPECT_THAT(md, HasSubstr("## Adaptations\n\n(none yet)\n"));
  EXPECT_THAT(md, HasSubstr("### What I know\n\n- (nothing yet)\n"));
}

TEST(ActivityExportMarkdown, AnUnplacedAnnotationSaysItsLinesChanged) {
  auto s = given(with_transcript(in_phase(reading)), cmd::annotate{"L3", "", -1, -1, annotation_tag::notice, ""}, ana);
  auto lines = sample_lines();
  lines[2].text = "Why did you pick tables?";
  s = given(s, cmd::transcript_import{lines, "vtt", true}, sam);

  EXPECT_THAT(export_markdown(s, exported_at),
              HasSubstr("- **notice** on \"Why tables?\" *(its lines changed in a later transcript)*\n"));
}

// ---- HTML ----

TEST(ActivityExportHtml, EscapesMarkupInWhatPeopleWrote) {
  const auto html = export_html(a_finished_debrief(), exported_at);

  EXPECT_THAT(html, HasSubstr("<li>&lt;script&gt;alert(1)&lt;/script&gt;</li>"));
  EXPECT_THAT(html, Not(HasSubstr("<script>")));
}

TEST(ActivityExportHtml, EscapesTheTitle) {
  auto s = a_finished_debrief();
  s.title = "Grade 7 <b>triad</b>";

  const auto html = export_html(s, exported_at);

  EXPECT_THAT(html, HasSubstr("<title>Grade 7 &lt;b&gt;triad&lt;/b&gt;</title>"));
  EXPECT_THAT(html, HasSubstr("<h1>Grade 7 &lt;b&gt;triad&lt;/b&gt;</h1>"));
}

TEST(ActivityExportHtml, HoldsTheSameRecordAsTheMarkdown) {
  const auto html = export_html(a_finished_debrief(), exported_at);

  EXPECT_THAT(html, HasSubstr("<li>Fractions are the hard part — *challenged*</li>"));
  EXPECT_THAT(html, HasSubstr("<li class=\"sub\">evidence: line L2 (Student A: &quot;I drew the café tables.&quot;)</li>"));
  EXPECT_THAT(html, HasSubstr("<li>**Start with a drawing** — for Student A; check in on 2027-03-15</li>"));
  EXPECT_THAT(html, HasSubstr("<li class=\"sub\">ask next time: Which café?</li>"));
  EXPECT_THAT(html, HasSubstr("<li class=\"sub\">Sam: She loves that café</li>"));
  EXPECT_THAT(html, HasSubstr("<li>Shared noticing — Kim</li>"));
  EXPECT_THAT(html, HasSubstr("<li>I will listen more — anonymous</li>"));
  EXPECT_THAT(html, HasSubstr("<p>The learner&#39;s consent to the recording and to sharing it was confirmed by Sam on "
                              "2025-11-22 22:20 UTC.</p>"));
  for (const auto* hidden : {"Hidden noticing", "Secret annotation comment", "Suggested change", "Declined change"}) {
    EXPECT_THAT(html, Not(HasSubstr(hidden))) << hidden;
  }
}

// ---- JSON ----

TEST(ActivityExportJson, HoldsTheBoardVisibleAnnotationsAndVisibleEntries) {
  const auto s = a_finished_debrief();

  const auto j = export_json(s, exported_at);

  EXPECT_EQ(j.at("assumption_board"), json(s.board));
  EXPECT_EQ(j.at("assumption_board").at(0).at("status"), "challenged");
  EXPECT_EQ(j.at("assumption_board").at(0).at("evidence"), (json{"line:L2", "annotation:n1"}));
  EXPECT_EQ(j.at("annotations"), (json{s.annotations.at(0)}));
  EXPECT_EQ(j.at("annotations").at(0).at("replies"),
            (json{reply{"r2", "p2", "She loves that café", t0 + 60'000}}));
  EXPECT_EQ(j.at("entries"),
            (json{entry{"e4", "notice", 1, "Shared noticing", "p5", true, 2},
                  entry{"e11", "reflect", 0, "I will listen more", "", false, 1}}));
  EXPECT_EQ(j.at("consent"), (json{{"confirmed_by", "Sam"}, {"at", t0}}));
  EXPECT_EQ(j.at("exported_at"), exported_at);
  EXPECT_EQ(j.at("format"), "debrief-export");
}

TEST(ActivityExportJson, NeverHoldsHiddenWords) {
  const auto text = export_json(a_finished_debrief(), exported_at).dump();

  EXPECT_THAT(text, Not(HasSubstr("Hidden noticing")));
  EXPECT_THAT(text, Not(HasSubstr("Secret annotation comment")));
}

// The record goes to the team's notes: taking a private phase off the agenda
// must not put what was written there privately into it.
TEST(ActivityExportJson, NeverHoldsEntriesOfAPrivatePhaseRemovedBeforeItsReveal) {
  auto s = in_phase(noticings);
  s = given(s, cmd::entry_add{"Hidden noticing", 0}, ana);
  s = given(s, cmd::go_to_phase{talk}, maya);
  s = given(s, cmd::remove_phase{noticings}, maya);

  EXPECT_EQ(export_json(s, exported_at).at("entries"), json::array());
  EXPECT_THAT(export_json(s, exported_at).dump(), Not(HasSubstr("Hidden noticing")));
}

TEST(ActivityExportJson, WithoutATranscriptConsentIsNull) {
  EXPECT_TRUE(export_json(in_phase(talk), exported_at).at("consent").is_null());
}

// PROTOCOL.md, Export: the record holds "accepted adaptations"; a declined
// suggestion is not part of what the team committed to.
TEST(ActivityExportJson, ListsOnlyAcceptedAdaptations) {
  const auto s = a_finished_debrief();
  adaptation accepted{"a8", "Start with a drawing", "Student A", {"annotation:n1"}, "2027-03-15", {"Which café?"},
                      "p2", adaptation_status::accepted, 1};

  EXPECT_EQ(export_json(s, exported_at).at("adaptations"), (json{accepted}));
}

}  // namespace
}  // namespace debrief::protocol::activity
