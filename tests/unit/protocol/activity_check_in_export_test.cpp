// A follow-up session's record: its date and focal learners, what it carried
// in from earlier sessions, and the presenter's check-ins (tried or asked,
// what happened, the evidence quoted as all evidence is, the note, the
// decision and the adjusted wording), the same in Markdown, HTML and JSON.

#include <functional>

#include "debrief/protocol/export.hpp"
#include "follow_up.hpp"

namespace debrief::protocol::activity {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

constexpr millis exported_at = t0 + 3'600'000;

// The spring follow-up, ids in brackets: the carried assumption [i1], Ana's
// annotation on line 2 [n2], Sam's check-ins on the adaptation (partly tried,
// adjusted) [k3] and on the question (asked, kept) [k4].
session_state a_checked_in_follow_up() {
  auto s = follow_up_in(follow_up_reading);
  s = given(s, cmd::annotate{"L2", "", -1, -1, annotation_tag::strength, "She drew first"}, ana);
  s = given(s, cmd::go_to_phase{follow_up_checking}, maya);
  s = given(s,
            cmd::check_in_save{"1.a18",
                               tried_state::partly,
                               "She drew, then counted",
                               {"line:L2", "annotation:n2"},
                               "Drew before talking",
                               check_in_decision::adjust,
                               "Start with a drawing, then a table",
                               0},
            sam);
  s = given(
      s,
      cmd::check_in_save{
          "1.a18.q1", tried_state::yes, "\"The one with <b>blue</b> chairs\"", {}, "", check_in_decision::keep, "", 0},
      sam);
  return s;
}

// ---- Markdown ----

TEST(CheckInExportMarkdown, StatesTheDayAndTheFocalLearners) {
  EXPECT_THAT(export_markdown(a_checked_in_follow_up(), exported_at),
              HasSubstr("\nPlanned for 15 Mar 2026 · Focal learner: Student A\n"));

  auto two = spring_start();
  two.learners = {"Student A", "Student B"};
  two.date.clear();
  EXPECT_THAT(export_markdown(evolve({}, follow_up_created(two)), exported_at),
              HasSubstr("\nFocal learners: Student A, Student B\n"));
}

TEST(CheckInExportMarkdown, ListsWhatWasCarriedFromEarlierSessions) {
  EXPECT_THAT(
      export_markdown(a_checked_in_follow_up(), exported_at),
      HasSubstr("## Carried from earlier sessions\n\n"
                "- Adaptation: Start with a drawing — for Student A · check in on 1 Mar 2026 · from 22 Nov 2025\n"
                "- Question: Which café? — for Student A · from 22 Nov 2025\n"
                "- Assumption: Fractions are hard for her — Challenged · from 22 Nov 2025\n"));
}

TEST(CheckInExportMarkdown, GivesEachCheckInWithItsEvidenceQuotedAndItsDecision) {
  const auto md = export_markdown(a_checked_in_follow_up(), exported_at);

  EXPECT_THAT(md, HasSubstr("## Check-ins\n\n### Adaptation: Start with a drawing\n\n"
                            "For Student A · Partly tried · Decision: Adjust — now: “Start with a drawing, then a "
                            "table”\n\n"
                            "What happened: She drew, then counted\n\n"
                            "- Evidence: Student A said (line 2): “I drew the café tables.”\n"
                            "- Evidence: Strength on what Student A said (line 2): “I drew the café tables.” "
                            "Comment by Ana: She drew first\n"
                            "- Evidence in the presenter's words: Drew before talking\n"));
  EXPECT_THAT(md, HasSubstr("### Question: Which café?\n\nFor Student A · Asked · Decision: Keep\n\n"
                            "What the learner said: \"The one with \\<b\\>blue\\</b\\> chairs\"\n"));
}

TEST(CheckInExportMarkdown, ACarriedItemWithoutACheckInIsNotListedAsCheckedIn) {
  const auto md = export_markdown(follow_up_in(follow_up_checking), exported_at);

  EXPECT_THAT(md, HasSubstr("## Check-ins\n\nNone yet.\n"));
  EXPECT_THAT(md, Not(HasSubstr("Decision:")));
}

TEST(CheckInExportMarkdown, AnOrdinarySessionHasNoneOfIt) {
  const auto md = export_markdown(in_phase(talk), exported_at);

  for (const auto* absent : {"Carried from earlier sessions", "Check-ins", "Planned for", "Focal learner"}) {
    EXPECT_THAT(md, Not(HasSubstr(absent))) << absent;
  }
}

// ---- HTML ----

TEST(CheckInExportHtml, HasLabelledSectionsForWhatWasCarriedAndTheCheckIns) {
  const auto html = export_html(a_checked_in_follow_up(), exported_at);

  EXPECT_THAT(html, HasSubstr("<section class=\"\" aria-labelledby=\"carried\">\n<h2 id=\"carried\">Carried from "
                              "earlier sessions</h2>"));
  EXPECT_THAT(html, HasSubstr("<h2 id=\"check-ins\">Check-ins</h2>"));
  EXPECT_THAT(html, HasSubstr("<p class=\"meta\">Planned for 15 Mar 2026 · Focal learner: Student A</p>"));
  // The student's words are a quotation, as for every evidence.
  EXPECT_THAT(html, HasSubstr("<blockquote><p class=\"said\">Student A said (line 2):</p>"));
  EXPECT_THAT(html, HasSubstr("&quot;The one with &lt;b&gt;blue&lt;/b&gt; chairs&quot;"));
  EXPECT_THAT(html, Not(HasSubstr("<b>blue")));
  // The carried section comes before the board, the check-ins before the adaptations.
  EXPECT_LT(html.find("id=\"carried\""), html.find("id=\"board\""));
  EXPECT_LT(html.find("id=\"annotations\""), html.find("id=\"check-ins\""));
  EXPECT_LT(html.find("id=\"check-ins\""), html.find("id=\"adaptations\""));
}

TEST(CheckInExportHtml, AnOrdinarySessionHasNoneOfIt) {
  const auto html = export_html(in_phase(talk), exported_at);

  EXPECT_THAT(html, Not(HasSubstr("id=\"carried\"")));
  EXPECT_THAT(html, Not(HasSubstr("id=\"check-ins\"")));
}

// ---- JSON ----

TEST(CheckInExportJson, HoldsTheDayLearnersCarriedItemsAndCheckIns) {
  const auto j = export_json(a_checked_in_follow_up(), exported_at);

  EXPECT_EQ(j.at("date"), "2026-03-15");
  EXPECT_EQ(j.at("learners"), json::array({"Student A"}));
  EXPECT_EQ(j.at("carried").at(0), (json{{"kind", "Adaptation"},
                                         {"text", "Start with a drawing"},
                                         {"for_whom", "Student A"},
                                         {"check_in", "2026-03-01"},
                                         {"status", nullptr},
                                         {"from", "2025-11-22"}}));
  EXPECT_EQ(j.at("carried").at(2), (json{{"kind", "Assumption"},
                                         {"text", "Fractions are hard for her"},
                                         {"for_whom", nullptr},
                                         {"check_in", nullptr},
                                         {"status", "Challenged"},
                                         {"from", "2025-11-22"}}));
  EXPECT_EQ(
      j.at("check_ins").at(0),
      (json{{"kind", "Adaptation"},
            {"text", "Start with a drawing"},
            {"for_whom", "Student A"},
            {"tried", "Partly tried"},
            {"happened", "She drew, then counted"},
            {"evidence",
             {{{"kind", "line"},
               {"line",
                {{"first_line", 2}, {"last_line", 2}, {"speaker", "Student A"}, {"text", "I drew the café tables."}}}},
              {{"kind", "annotation"}, {"annotation", j.at("annotations").at(0)}}}},
            {"note", "Drew before talking"},
            {"decision", "Adjust"},
            {"adjusted", "Start with a drawing, then a table"}}));
  EXPECT_EQ(j.at("check_ins").at(1).at("tried"), "Asked");
  EXPECT_TRUE(j.at("check_ins").at(1).at("adjusted").is_null());
}

TEST(CheckInExportJson, AnOrdinarySessionHasAnEmptyInquiryPart) {
  const auto j = export_json(in_phase(talk), exported_at);

  EXPECT_TRUE(j.at("date").is_null());
  EXPECT_EQ(j.at("learners"), json::array());
  EXPECT_EQ(j.at("carried"), json::array());
  EXPECT_EQ(j.at("check_ins"), json::array());
}

// Every text of the JSON's inquiry part appears in both pages (dates read as dates).
TEST(CheckInExportParity, MarkdownAndHtmlHoldEveryTextOfTheCarriedItemsAndCheckIns) {
  const auto record = build_record(a_checked_in_follow_up(), exported_at, utc_zone());
  const auto j = export_json(record);
  const auto md = export_markdown(record);
  const auto html = export_html(record);
  int checked = 0;
  const std::function<void(const json&, const std::string&)> visit = [&](const json& v, const std::string& key) {
    if (v.is_array() || v.is_object()) {
      for (const auto& [k, x] : v.items()) visit(x, v.is_object() ? k : key);
      return;
    }
    const bool evidence_kind = key == "kind" && (v == "line" || v == "annotation");
    if (!v.is_string() || key == "check_in" || key == "from" || evidence_kind) return;
    const auto text = v.get<std::string>();
    if (text.find('<') != std::string::npos || text.find('"') != std::string::npos) return;  // escaped, see above
    ++checked;
    EXPECT_THAT(md, HasSubstr(text)) << key;
    EXPECT_THAT(html, HasSubstr(text)) << key;
  };
  visit(j.at("carried"), "");
  visit(j.at("check_ins"), "");
  visit(j.at("learners"), "");

  EXPECT_GT(checked, 20);
}

}  // namespace
}  // namespace debrief::protocol::activity
