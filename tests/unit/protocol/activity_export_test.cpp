// The session's record for the team's binder, in Markdown, HTML and JSON:
// one content in three formats, built from what everyone may see (hidden
// entries never appear, anonymous phases stay anonymous), with prompts,
// authors, the transcript's line numbers as people read them, times in the
// facilitator's zone, and the student's words told apart from comments.

#include <functional>

#include "activity_support.hpp"
#include "debrief/protocol/export.hpp"
#include "tzif_bytes.hpp"

namespace debrief::protocol::activity {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

constexpr millis exported_at = t0 + 3'600'000;  // an hour later

time_zone paris() { return *parse_tzif("Europe/Paris", testing::paris_bytes()); }

// A whole debrief's worth of record (ids in brackets):
//   transcript imported by Sam; Ana's open annotation [n1] on line 2 with
//   Sam's reply [r2]; in the private noticings Ana's hidden entry [e3], Kim's
//   shared entry [e4] and Ana's hidden annotation [n5]; on the board a
//   challenged assumption [i6] with evidence and an item with markup [i7];
//   Sam's accepted adaptation [a8], Ana's suggestion [a9] and Kim's declined
//   one [a10]; Ana's anonymous reflection [e11], revealed.
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
  s = given(
      s, cmd::adaptation_add{{"Start with a drawing", "Student A", {"annotation:n1"}, "2027-03-15", {"Which café?"}}},
      sam);
  s = given(s, cmd::adaptation_add{{"Suggested change", "", {}, "", {}}}, ana);
  s = given(s, cmd::adaptation_add{{"Declined change", "", {}, "", {}}}, kim);
  s = given(s, cmd::adaptation_decide{"a10", false, 1}, sam);
  s = given(s, cmd::go_to_phase{reflecting}, maya);
  s = given(s, cmd::entry_add{"I will listen more", 0}, ana);
  s = given(s, cmd::reveal_phase{reflecting}, maya);
  return s;
}

constexpr const char* hidden_words[] = {"Hidden noticing", "Secret annotation comment", "Suggested change",
                                        "Declined change", "Because I could count the chairs."};

// ---- Markdown ----

TEST(ActivityExportMarkdown, ListsTheBoardWithEachAssumptionsStatusAndEvidenceInWords) {
  const auto md = export_markdown(a_finished_debrief(), exported_at);

  EXPECT_THAT(md, HasSubstr("### Assumptions I may hold\n\n- Fractions are the hard part — Challenged\n"
                            "  - Evidence: Student A said (line 2): “I drew the café tables.”\n"
                            "  - Evidence: Wonder on what Student A said (line 2): “I drew the café tables.” "
                            "Comment by Ana: Tables?\n"));
  EXPECT_THAT(md, HasSubstr("### What I need to find out\n\nNothing yet.\n"));
}

TEST(ActivityExportMarkdown, EscapesMarkupPeopleTyped) {
  auto s = a_finished_debrief();
  s = given(s, cmd::entry_add{"*really* important_note [link](x)", 0}, kim);

  const auto md = export_markdown(s, exported_at);

  EXPECT_THAT(md, HasSubstr("### What I know\n\n- \\<script\\>alert(1)\\</script\\>\n"));
  EXPECT_THAT(md, HasSubstr("\\*really\\* important\\_note \\[link\\](x)"));
}

TEST(ActivityExportMarkdown, SetsTheStudentsWordsApartFromTheCommentAndItsReplies) {
  const auto md = export_markdown(a_finished_debrief(), exported_at);

  EXPECT_THAT(md, HasSubstr("## Transcript annotations\n\n### Wonder · Student A, line 2\n\n"
                            "> Student A said (line 2): “I drew the café tables.”\n\n"
                            "Comment by Ana: Tables?\n\n"
                            "- Reply by Sam, 22 Nov 2025, 22:21 UTC: She loves that café\n"));
}

TEST(ActivityExportMarkdown, ListsAcceptedAdaptationsWithCheckInFollowUpsAndEvidenceOnly) {
  const auto md = export_markdown(a_finished_debrief(), exported_at);

  EXPECT_THAT(md, HasSubstr("## Adaptations\n\n### Start with a drawing\n\nFor Student A · check in on 15 Mar 2027\n\n"
                            "Ask next time:\n\n- Which café?\n\n"
                            "- Evidence: Wonder on what Student A said (line 2): “I drew the café tables.” "
                            "Comment by Ana: Tables?\n"));
}

TEST(ActivityExportMarkdown, ListsSharedAndRevealedEntriesUnderTheirPrompts) {
  const auto md = export_markdown(a_finished_debrief(), exported_at);

  EXPECT_THAT(md, HasSubstr("### What we noticed\n\n#### Wondered\n\n- Shared noticing — Kim\n"));
  EXPECT_THAT(md, HasSubstr("### Reflection\n\nWritten anonymously: authors are not named.\n\n"
                            "#### What will you carry?\n\n- I will listen more\n"));
  EXPECT_THAT(md, Not(HasSubstr("I will listen more —")));
}

TEST(ActivityExportMarkdown, EntriesAnsweringNoPromptComeUnderOtherNotes) {
  auto s = given(in_phase(talk), cmd::entry_add{"A loose thought", -1}, kim);

  EXPECT_THAT(export_markdown(s, exported_at),
              HasSubstr("### Talk it through\n\n#### Other notes\n\n- A loose thought — Kim\n"));
}

TEST(ActivityExportMarkdown, SaysWhoConfirmedTheLearnersConsentAndWhen) {
  EXPECT_THAT(export_markdown(a_finished_debrief(), exported_at),
              HasSubstr("Transcript of 4 lines. The learner's consent to the recording and to sharing it was "
                        "confirmed by Sam on 22 Nov 2025, 22:20 UTC.\n"));
  EXPECT_THAT(export_markdown(in_phase(talk), exported_at), Not(HasSubstr("consent")));
}

TEST(ActivityExportMarkdown, AnEmptySessionSaysSo) {
  const auto md = export_markdown(in_phase(talk), exported_at);

  EXPECT_THAT(md, HasSubstr("## Transcript annotations\n\nNone.\n"));
  EXPECT_THAT(md, HasSubstr("## Adaptations\n\nNone yet.\n"));
  EXPECT_THAT(md, HasSubstr("## Notes and reflections\n\nNone shared.\n"));
  EXPECT_THAT(md, HasSubstr("### What I know\n\nNothing yet.\n"));
}

TEST(ActivityExportMarkdown, AnUnplacedAnnotationSaysItsWordsAreNoLongerInTheTranscript) {
  auto s = given(with_transcript(in_phase(reading)), cmd::annotate{"L3", "", -1, -1, annotation_tag::notice, ""}, ana);
  auto lines = sample_lines();
  lines[2].text = "Why did you pick tables?";
  s = given(s, cmd::transcript_import{lines, "vtt", true}, sam);

  EXPECT_THAT(export_markdown(s, exported_at),
              HasSubstr("### Notice · words no longer in the transcript\n\n"
                        "> Quoted from an earlier version of the transcript: “Why tables?”\n"));
}

TEST(ActivityExportMarkdown, NumbersLinesAsPeopleReadThemNeverByInternalId) {
  auto s =
      given(with_transcript(in_phase(reading)), cmd::annotate{"L3", "L4", -1, -1, annotation_tag::strength, ""}, ana);
  s = given(s, cmd::go_to_phase{talk}, maya);
  s = given(s, cmd::board_add{board_list::know, "She counts"}, sam);
  s = given(s, cmd::board_mark{"i2", item_status::open, {"line:L4"}, 1}, sam);

  const auto md = export_markdown(s, exported_at);

  EXPECT_THAT(md, HasSubstr("### Strength · lines 3–4\n\n> Transcript, lines 3–4: “"));
  EXPECT_THAT(md, HasSubstr("- Evidence: Student A said (line 4): “Because I could count the chairs.”"));
  EXPECT_THAT(md, Not(HasSubstr("L3")));
  EXPECT_THAT(md, Not(HasSubstr("L4")));
}

TEST(ActivityExportMarkdown, StatesTimesInTheChosenZoneAndSaysWhichZone) {
  const auto in_utc = export_markdown(a_finished_debrief(), exported_at);
  const auto in_paris = export_markdown(a_finished_debrief(), exported_at, paris());

  EXPECT_THAT(in_utc, HasSubstr("started 22 Nov 2025, 22:20 UTC · exported 22 Nov 2025, 23:20 UTC\n\n"
                                "Times are in UTC."));
  EXPECT_THAT(in_paris, HasSubstr("started 22 Nov 2025, 23:20 CET · exported 23 Nov 2025, 00:20 CET\n\n"
                                  "Times are in Europe/Paris time."));
  EXPECT_THAT(in_paris, HasSubstr("- Reply by Sam, 22 Nov 2025, 23:21 CET: She loves that café"));
  EXPECT_THAT(in_paris, HasSubstr("confirmed by Sam on 22 Nov 2025, 23:20 CET."));
  EXPECT_THAT(in_paris, Not(HasSubstr("UTC")));
}

// ---- HTML ----

TEST(ActivityExportHtml, IsAWholePageWithLandmarksATitleAndPrintStyles) {
  const auto html = export_html(a_finished_debrief(), exported_at);

  EXPECT_THAT(html, HasSubstr("<html lang=\"en\">"));
  EXPECT_THAT(html, HasSubstr("<title>Grade 7 triad — debrief record</title>"));
  EXPECT_THAT(html, HasSubstr("<header>\n<h1>Grade 7 triad</h1>"));
  EXPECT_THAT(html, HasSubstr("<main>\n"));
  EXPECT_THAT(html, HasSubstr("</main>\n<footer>"));
  EXPECT_THAT(html, HasSubstr("@media print"));
  EXPECT_THAT(html,
              HasSubstr("<section class=\"\" aria-labelledby=\"board\">\n<h2 id=\"board\">Assumption board</h2>"));
  EXPECT_THAT(html, Not(HasSubstr("<script")));
}

TEST(ActivityExportHtml, ShowsNoRawMarkdown) {
  const auto html = export_html(a_finished_debrief(), exported_at);

  EXPECT_THAT(html, Not(HasSubstr("**")));
  EXPECT_THAT(html, Not(HasSubstr(" *")));
  EXPECT_THAT(html, Not(HasSubstr("\n- ")));
  EXPECT_THAT(html, Not(HasSubstr("\n#")));
}

TEST(ActivityExportHtml, QuotesTheStudentsWordsWithSpeakerAndLineApartFromComments) {
  const auto html = export_html(a_finished_debrief(), exported_at);

  EXPECT_THAT(html, HasSubstr("<h3>Wonder · Student A, line 2</h3>\n"
                              "<blockquote><p class=\"said\">Student A said (line 2):</p>"
                              "<p><span class=\"text\">I drew the café tables.</span></p></blockquote>\n"
                              "<p class=\"comment\"><span class=\"label\">Comment by Ana:</span> "
                              "<span class=\"text\">Tables?</span></p>\n"));
  EXPECT_THAT(html, HasSubstr("<li><span class=\"label\">Reply by Sam, 22 Nov 2025, 22:21 UTC:</span> "
                              "<span class=\"text\">She loves that café</span></li>"));
}

TEST(ActivityExportHtml, EscapesHostileTextEverywhere) {
  const std::string hostile = "<script>alert(\"x\")</script> & 'q'";
  const std::string escaped = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;q&#39;";
  auto s = with_transcript(in_phase(reading));
  s.title = hostile;
  s.participants.at(2).name = hostile;  // Ana
  s = given(s, cmd::annotate{"L2", "", -1, -1, annotation_tag::wonder, hostile}, ana);
  s = given(s, cmd::annotation_reply{"n1", hostile}, sam);
  s = given(s, cmd::go_to_phase{talk}, maya);
  s = given(s, cmd::entry_add{hostile, 0}, ana);
  s = given(s, cmd::board_add{board_list::assumptions, hostile}, sam);
  s = given(s, cmd::go_to_phase{adapting}, maya);
  s = given(s, cmd::adaptation_add{{hostile, hostile, {"annotation:n1"}, "", {hostile}}}, sam);

  const auto html = export_html(s, exported_at);

  EXPECT_THAT(html, Not(HasSubstr("<script")));
  EXPECT_THAT(html, Not(HasSubstr("'q'")));
  EXPECT_THAT(html, Not(HasSubstr("\"x\"")));
  EXPECT_THAT(html, HasSubstr("<title>" + escaped + " — debrief record</title>"));
  EXPECT_THAT(html, HasSubstr("<h1>" + escaped + "</h1>"));
  EXPECT_THAT(html, HasSubstr("Comment by " + escaped + ":</span> <span class=\"text\">" + escaped));
  EXPECT_THAT(html, HasSubstr("<li><span class=\"text\">" + escaped + "</span> <span class=\"byline\">— " + escaped));
  EXPECT_THAT(
      html, HasSubstr("<h3><span class=\"text\">" + escaped + "</span></h3>\n<p>For <span class=\"text\">" + escaped));
}

TEST(ActivityExportHtml, StatesTimesInTheChosenZone) {
  const auto html = export_html(a_finished_debrief(), exported_at, paris());

  EXPECT_THAT(html, HasSubstr("started 22 Nov 2025, 23:20 CET · exported 23 Nov 2025, 00:20 CET</p>"));
  EXPECT_THAT(html, HasSubstr("Times are in Europe/Paris time."));
}

// ---- the same content in every format ----

// Every text the JSON record holds, as it appears in the pages.
void each_text(const json& j, const std::function<void(const std::string& key, const std::string&)>& visit,
               const std::string& key = "") {
  if (j.is_string()) visit(key, j.get<std::string>());
  if (j.is_array()) {
    for (const auto& x : j) each_text(x, visit, key);
  }
  if (j.is_object()) {
    for (const auto& [k, v] : j.items()) each_text(v, visit, k);
  }
}

std::string html_escaped(const std::string& in) {
  std::string out;
  for (char c : in) {
    if (c == '&')
      out += "&amp;";
    else if (c == '<')
      out += "&lt;";
    else if (c == '>')
      out += "&gt;";
    else if (c == '"')
      out += "&quot;";
    else if (c == '\'')
      out += "&#39;";
    else
      out += c;
  }
  return out;
}

TEST(ActivityExportParity, MarkdownAndHtmlHoldEveryTextOfTheJsonRecord) {
  const auto record = build_record(a_finished_debrief(), exported_at, paris());
  const auto md = export_markdown(record);
  const auto html = export_html(record);
  int checked = 0;

  each_text(export_json(record), [&](const std::string& key, const std::string& text) {
    if (key == "format" || key == "check_in" || text.find('<') != std::string::npos) return;  // see below
    ++checked;
    EXPECT_THAT(md, HasSubstr(text)) << key;
    EXPECT_THAT(html, HasSubstr(html_escaped(text))) << key;
  });

  EXPECT_GT(checked, 40);
  // The check-in date reads as a date; markup is escaped (tested above).
  EXPECT_THAT(md, HasSubstr("15 Mar 2027"));
  EXPECT_THAT(html, HasSubstr("15 Mar 2027"));
}

TEST(ActivityExportParity, NoFormatHoldsHiddenWordsOrNamesInAnonymousPhases) {
  const auto record = build_record(a_finished_debrief(), exported_at, utc_zone());
  for (const auto& text : {export_markdown(record), export_html(record), export_json(record).dump()}) {
    for (const auto* hidden : hidden_words) EXPECT_THAT(text, Not(HasSubstr(hidden))) << hidden;
  }
  const auto reflection = export_json(record).at("phases").at(1);
  EXPECT_EQ(reflection.at("title"), "Reflection");
  EXPECT_EQ(reflection.at("anonymous"), true);
  EXPECT_TRUE(reflection.at("prompts").at(0).at("entries").at(0).at("author").is_null());
}

TEST(ActivityExportParity, AnAnonymousPhasesAnnotationsNameNobody) {
  auto s = given(with_transcript(in_phase(talk)),
                 cmd::annotate{"L2", "", -1, -1, annotation_tag::strength, "Precise words"}, kim);
  s.tmpl.phases.at(talk).anonymous = true;  // a template whose open discussion is anonymous
  const auto record = build_record(s, exported_at, utc_zone());

  EXPECT_THAT(export_markdown(record), HasSubstr("Comment (anonymous): Precise words"));
  EXPECT_THAT(export_html(record), HasSubstr("Comment (anonymous):</span> <span class=\"text\">Precise words"));
  EXPECT_TRUE(export_json(record).at("annotations").at(0).at("author").is_null());
}

// ---- JSON ----

TEST(ActivityExportJson, HoldsTheRecordWithLineNumbersAuthorsPromptsAndStatedTimes) {
  const auto j = export_json(a_finished_debrief(), exported_at, paris());

  EXPECT_EQ(j.at("format"), "debrief-export");
  EXPECT_EQ(j.at("version"), 2);
  EXPECT_EQ(j.at("time_zone"), "Europe/Paris");
  EXPECT_EQ(j.at("exported"), (json{{"at", exported_at}, {"text", "23 Nov 2025, 00:20 CET"}}));
  EXPECT_EQ(j.at("consent"), (json{{"confirmed_by", "Sam"}, {"at", {{"at", t0}, {"text", "22 Nov 2025, 23:20 CET"}}}}));
  EXPECT_EQ(
      j.at("assumption_board").at(2).at("items").at(0),
      (json{{"text", "Fractions are the hard part"},
            {"status", "Challenged"},
            {"evidence",
             {{{"kind", "line"},
               {"line",
                {{"first_line", 2}, {"last_line", 2}, {"speaker", "Student A"}, {"text", "I drew the café tables."}}}},
              {{"kind", "annotation"}, {"annotation", j.at("annotations").at(0)}}}}}));
  EXPECT_EQ(
      j.at("annotations").at(0),
      (json{{"tag", "Wonder"},
            {"quote",
             {{"first_line", 2}, {"last_line", 2}, {"speaker", "Student A"}, {"text", "I drew the café tables."}}},
            {"comment", "Tables?"},
            {"author", "Ana"},
            {"replies",
             {{{"author", "Sam"},
               {"text", "She loves that café"},
               {"at", {{"at", t0 + 60'000}, {"text", "22 Nov 2025, 23:21 CET"}}}}}}}));
  EXPECT_EQ(
      j.at("phases").at(0),
      (json{{"title", "What we noticed"},
            {"anonymous", false},
            {"prompts", {{{"prompt", "Wondered"}, {"entries", {{{"text", "Shared noticing"}, {"author", "Kim"}}}}}}}}));
  EXPECT_EQ(j.at("adaptations").at(0).at("check_in"), "2027-03-15");
  EXPECT_EQ(j.at("adaptations").size(), 1u);
}

// The record goes to the team's notes: taking a private phase off the agenda
// must not put what was written there privately into it.
TEST(ActivityExportJson, NeverHoldsEntriesOfAPrivatePhaseRemovedBeforeItsReveal) {
  auto s = in_phase(noticings);
  s = given(s, cmd::entry_add{"Hidden noticing", 0}, ana);
  s = given(s, cmd::go_to_phase{talk}, maya);
  s = given(s, cmd::remove_phase{noticings}, maya);

  EXPECT_EQ(export_json(s, exported_at).at("phases"), json::array());
  EXPECT_THAT(export_json(s, exported_at).dump(), Not(HasSubstr("Hidden noticing")));
}

TEST(ActivityExportJson, WithoutATranscriptConsentIsNull) {
  EXPECT_TRUE(export_json(in_phase(talk), exported_at).at("consent").is_null());
}

}  // namespace
}  // namespace debrief::protocol::activity
