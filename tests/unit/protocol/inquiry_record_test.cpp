// The inquiry's whole story, in JSON (what the inquiry page renders),
// Markdown and HTML: sessions by date, each adaptation's and question's
// history across decisions and check-ins, each assumption's path with the
// evidence that moved it, and the learner's words over time. Built from what
// everyone in each session may see; students by pseudonym; no session code
// outside the JSON.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "debrief/protocol/inquiry.hpp"
#include "inquiry_support.hpp"
#include "tzif_bytes.hpp"

namespace debrief::protocol::inquiry_testing {
namespace {

using json = nlohmann::json;
using ::testing::HasSubstr;
using ::testing::Not;

constexpr millis exported_at = fall + 200LL * 24 * 3'600'000;

transcript_line line(std::string id, std::string speaker, speaker_role role, std::string text) {
  return {std::move(id), std::move(speaker), role, -1, std::move(text)};
}

annotation annotation_on(std::string id, std::string phase, std::string line_id, std::string quote, std::string comment,
                         std::string author) {
  annotation a;
  a.id = std::move(id);
  a.phase = std::move(phase);
  a.from_line = line_id;
  a.to_line = std::move(line_id);
  a.quote = std::move(quote);
  a.tag = annotation_tag::strength;
  a.comment = std::move(comment);
  a.author = std::move(author);
  return a;
}

// Phases: an open discussion, a private one never revealed, adaptations.
session_template debrief_template() {
  return {"learning-partnership",
          "Learning partnership",
          "",
          {{"talk", "Talk it through", phase_kind::discussion, 10, {"What stood out?"}},
           {"notice", "Private noticings", phase_kind::discussion, 5, {"Noticed"}, writers::everyone, true},
           {"adapt", "Adaptations", phase_kind::adaptations, 8, {}}}};
}

// The fall debrief (position 1, ids in brackets): transcript lines L1–L4
// (L2 Student A, L3 Student B); Ana's open annotation [n1] on L2 and her
// private, unrevealed one [n2] on L3; a challenged assumption [i3] resting
// on L2, an open one [i4] resting on the hidden annotation; Sam's accepted
// adaptation [a5] resting on n1 with a follow-up question, a suggestion
// [a6] and a declined one [a7].
session_state fall_debrief() {
  auto s = session_on("2025-11-22");
  s.session = "FALLCODE1234";
  s.title = "Fall debrief";
  s.tmpl = debrief_template();
  s.transcript = transcript{{line("L1", "Teacher", speaker_role::teacher, "What did you notice?"),
                             line("L2", "Student A", speaker_role::student, "The tiles make halves easy"),
                             line("L3", "Student B", speaker_role::student, "I didn't get it"),
                             line("L4", "Teacher", speaker_role::teacher, "Let's look again")},
                            "p2",
                            fall,
                            "text",
                            1};
  s.annotations = {annotation_on("n1", "talk", "L2", "The tiles make halves easy", "She explains halves", "p3"),
                   annotation_on("n2", "notice", "L3", "I didn't get it", "Secret annotation comment", "p3")};
  s.board = {assumption("i3", "She avoids fractions", item_status::challenged, "", {"line:L2"}),
             assumption("i4", "He needs quiet", item_status::open, "", {"annotation:n2"})};
  s.adaptations = {
      accepted("a5", "Tiles at the table", "Student A", "2026-01-10", {"Did she use them?"}, {"annotation:n1"}),
      with_status(accepted("a6", "Suggested secret idea", "Student B"), adaptation_status::suggested),
      with_status(accepted("a7", "Declined secret idea", "Student B"), adaptation_status::declined)};
  s.entries = {{"e8", "notice", 0, "Hidden noticing", "p3", false, 1}};
  return s;
}

// The winter check-in (position 2): its new transcript (M1 teacher, M2
// Student A); the carried assumption [i1] re-marked confirmed on M2;
// check-ins on the adaptation (adjusted, resting on M2) and its question.
session_state winter_check_in(const session_state& fall_session) {
  auto s = session_on("2026-01-15");
  s.session = "WINTERCODE12";
  s.title = "Winter check-in";
  s.carried = carry_forward({{1, fall_session}}, utc_zone());
  s.transcript = transcript{{line("M1", "Teacher", speaker_role::teacher, "Show me halves"),
                             line("M2", "Student A", speaker_role::student, "Look, two tiles make one whole")},
                            "p2",
                            fall,
                            "text",
                            1};
  s.board = {assumption("i1", "She avoids fractions", item_status::confirmed, "1.i3", {"line:M2"}),
             assumption("i2", "He needs quiet", item_status::open, "1.i4")};
  s.check_ins = {checked("c3", "1.a5", check_in_decision::adjust, "Tiles, and she explains them to a partner",
                         tried_state::yes, "She built halves and showed Ben", {"line:M2"}, "She smiled"),
                 checked("c4", "1.a5.q1", check_in_decision::keep, "", tried_state::partly, "She said: sometimes")};
  return s;
}

inquiry_info the_inquiry() { return {"INQUIRYID0000001", "Student A and fractions", {"Student A", "Student B"}, fall}; }

std::vector<inquiry_session> two_sessions() {
  const auto fall_session = fall_debrief();
  return {{1, fall_session}, {2, winter_check_in(fall_session)}};
}

TEST(InquiryRecord, GivesTheInquiryAndItsSessionsByDate) {
  // The spring session (position 2) was planned before the winter one
  // (position 3): by date, it comes last.
  const auto fall_session = fall_debrief();
  auto spring = session_on("2026-04-02");
  spring.session = "SPRINGCODE12";
  spring.title = "Spring plan";
  spring.status = session_status::lobby;
  const auto j =
      export_json(the_inquiry(), {{1, fall_session}, {2, spring}, {3, winter_check_in(fall_session)}}, exported_at);
  EXPECT_EQ(j["format"], "debrief-inquiry");
  EXPECT_EQ(j["version"], 1);
  EXPECT_EQ(j["title"], "Student A and fractions");
  EXPECT_EQ(j["learners"], json({"Student A", "Student B"}));
  EXPECT_EQ(j["created"], json({{"at", fall}, {"text", "22 Nov 2025, 22:20 UTC"}}));
  EXPECT_EQ(j["sessions"], json::parse(R"([
    {"position":1,"code":"FALLCODE1234","title":"Fall debrief","template_id":"learning-partnership",
     "template":"Learning partnership","day":"2025-11-22","status":"ended"},
    {"position":3,"code":"WINTERCODE12","title":"Winter check-in","template_id":"follow-up",
     "template":"Follow-up check-in","day":"2026-01-15","status":"ended"},
    {"position":2,"code":"SPRINGCODE12","title":"Spring plan","template_id":"follow-up",
     "template":"Follow-up check-in","day":"2026-04-02","status":"lobby"}])"));
}

TEST(InquiryRecord, TellsAnAdaptationsHistoryAcrossDecisionAndCheckIn) {
  const auto j = export_json(the_inquiry(), two_sessions(), exported_at);
  ASSERT_EQ(j["adaptations"].size(), 1u);  // the suggestion and the declined one are not the team's
  const auto& a = j["adaptations"][0];
  EXPECT_EQ(a["thread"], "1.a5");
  EXPECT_EQ(a["kind"], "adaptation");
  EXPECT_EQ(a["text"], "Tiles, and she explains them to a partner");
  EXPECT_EQ(a["for_whom"], "Student A");
  EXPECT_EQ(a["check_in"], "2026-01-10");
  EXPECT_EQ(a["adaptation"], nullptr);
  EXPECT_EQ(a["status"], nullptr);
  EXPECT_EQ(a["carried"], true);
  EXPECT_EQ(a["steps"], json::parse(R"([
    {"kind":"decided","position":1,"day":"2025-11-22","session_title":"Fall debrief",
     "text":"Tiles at the table","for_whom":"Student A","check_in":"2026-01-10",
     "evidence":[{"kind":"annotation","annotation":{"tag":"Strength",
       "quote":{"first_line":2,"last_line":2,"speaker":"Student A","text":"The tiles make halves easy"},
       "comment":"She explains halves","author":"Ana","replies":[]}}]},
    {"kind":"check_in","position":2,"day":"2026-01-15","session_title":"Winter check-in",
     "tried":"yes","happened":"She built halves and showed Ben",
     "evidence":[{"kind":"line","line":{"first_line":2,"last_line":2,"speaker":"Student A",
       "text":"Look, two tiles make one whole"}}],
     "note":"She smiled","decision":"adjust","adjusted":"Tiles, and she explains them to a partner"}])"));
}

TEST(InquiryRecord, TellsAQuestionsHistory) {
  const auto j = export_json(the_inquiry(), two_sessions(), exported_at);
  ASSERT_EQ(j["questions"].size(), 1u);
  EXPECT_EQ(j["questions"][0], json::parse(R"(
    {"thread":"1.a5.q1","kind":"question","text":"Did she use them?","for_whom":"Student A","check_in":null,
     "adaptation":"1.a5","status":null,"carried":true,"steps":[
      {"kind":"decided","position":1,"day":"2025-11-22","session_title":"Fall debrief",
       "text":"Did she use them?","for_whom":"Student A","check_in":null,"evidence":[]},
      {"kind":"check_in","position":2,"day":"2026-01-15","session_title":"Winter check-in",
       "tried":"partly","happened":"She said: sometimes","evidence":[],"note":"","decision":"keep","adjusted":null}]})"));
}

TEST(InquiryRecord, TellsEachAssumptionsPathWithTheEvidenceThatMovedIt) {
  const auto j = export_json(the_inquiry(), two_sessions(), exported_at);
  ASSERT_EQ(j["assumptions"].size(), 2u);
  EXPECT_EQ(j["assumptions"][0], json::parse(R"(
    {"thread":"1.i3","kind":"assumption","text":"She avoids fractions","for_whom":null,"check_in":null,
     "adaptation":null,"status":"confirmed","carried":false,"steps":[
      {"kind":"on_board","position":1,"day":"2025-11-22","session_title":"Fall debrief",
       "text":"She avoids fractions","status":"challenged","evidence":[{"kind":"line","line":
         {"first_line":2,"last_line":2,"speaker":"Student A","text":"The tiles make halves easy"}}]},
      {"kind":"on_board","position":2,"day":"2026-01-15","session_title":"Winter check-in",
       "text":"She avoids fractions","status":"confirmed","evidence":[{"kind":"line","line":
         {"first_line":2,"last_line":2,"speaker":"Student A","text":"Look, two tiles make one whole"}}]}]})"));
  // Resting on an annotation still private in its session: the evidence reads as missing.
  const auto& quiet = j["assumptions"][1];
  EXPECT_EQ(quiet["thread"], "1.i4");
  EXPECT_EQ(quiet["status"], "open");
  EXPECT_EQ(quiet["carried"], true);
  EXPECT_EQ(quiet["steps"][0]["evidence"], json::parse(R"([{"kind":"missing"}])"));
}

TEST(InquiryRecord, GathersTheLearnersWordsByDateWithWhatQuotedThem) {
  const auto j = export_json(the_inquiry(), two_sessions(), exported_at);
  // Student B's line is quoted only by a hidden annotation: not here. The
  // teacher's lines are never here.
  EXPECT_EQ(j["learner_words"], json::parse(R"([
    {"position":1,"day":"2025-11-22","session_title":"Fall debrief",
     "quote":{"first_line":2,"last_line":2,"speaker":"Student A","text":"The tiles make halves easy"},
     "cited_by":[{"kind":"adaptation","check_in":false,"thread":"1.a5","text":"Tiles at the table"},
                 {"kind":"assumption","check_in":false,"thread":"1.i3","text":"She avoids fractions"}]},
    {"position":2,"day":"2026-01-15","session_title":"Winter check-in",
     "quote":{"first_line":2,"last_line":2,"speaker":"Student A","text":"Look, two tiles make one whole"},
     "cited_by":[{"kind":"adaptation","check_in":true,"thread":"1.a5","text":"Tiles at the table"},
                 {"kind":"assumption","check_in":false,"thread":"1.i3","text":"She avoids fractions"}]}])"));
}

TEST(InquiryRecord, AThreadWhoseSessionIsGoneStartsFromItsCarriedCopy) {
  const auto sessions = two_sessions();
  const auto j = export_json(the_inquiry(), {sessions[1]}, exported_at);
  EXPECT_EQ(j["adaptations"][0]["steps"][0], json::parse(R"(
    {"kind":"carried_in","position":null,"day":"2025-11-22","session_title":null,
     "text":"Tiles at the table","for_whom":"Student A","check_in":"2026-01-10","status":null})"));
  EXPECT_EQ(j["adaptations"][0]["steps"][1]["kind"], "check_in");
  EXPECT_EQ(j["questions"][0]["adaptation"], "1.a5");
  EXPECT_EQ(j["assumptions"][1]["steps"][0]["kind"], "carried_in");
  EXPECT_EQ(j["assumptions"][1]["steps"][0]["status"], "open");
  EXPECT_EQ(j["assumptions"][1]["steps"][1]["kind"], "on_board");
}

TEST(InquiryRecord, DroppedThreadsAreToldAsLetGo) {
  auto sessions = two_sessions();
  sessions[1].state.check_ins[1].decision = check_in_decision::drop;
  const auto j = export_json(the_inquiry(), sessions, exported_at);
  EXPECT_EQ(j["questions"][0]["carried"], false);
  EXPECT_EQ(j["questions"][0]["steps"][1]["decision"], "drop");
  EXPECT_THAT(export_markdown(the_inquiry(), sessions, exported_at), HasSubstr("Let go"));
}

TEST(InquiryRecord, MarkdownTellsTheStory) {
  const auto md = export_markdown(the_inquiry(), two_sessions(), exported_at);
  EXPECT_THAT(md, HasSubstr("# Student A and fractions\n\nAn inquiry with Student A and Student B · started 22 Nov "
                            "2025, 22:20 UTC · exported 10 Jun 2026, 22:20 UTC\n\nTimes are in UTC. Students are "
                            "named by pseudonym only.\n"));
  EXPECT_THAT(md, HasSubstr("## Sessions\n\n- 22 Nov 2025 · Fall debrief (Learning partnership, ended)\n"
                            "- 15 Jan 2026 · Winter check-in (Follow-up check-in, ended)\n"));
  EXPECT_THAT(md, HasSubstr("### Tiles, and she explains them to a partner\n\n"
                            "For Student A · check in on 10 Jan 2026 · Still being tried\n\n"
                            "- 22 Nov 2025 · Fall debrief — Decided, for Student A: “Tiles at the table”\n"
                            "  - Evidence: Strength on what Student A said (line 2): “The tiles make halves easy” "
                            "Comment by Ana: She explains halves\n"
                            "- 15 Jan 2026 · Winter check-in — Checked in: tried.\n"
                            "  - What happened: “She built halves and showed Ben”\n"
                            "  - Evidence: Student A said (line 2): “Look, two tiles make one whole”\n"
                            "  - In the presenter's words: “She smiled”\n"
                            "  - Decision: adjust it to “Tiles, and she explains them to a partner”\n"));
  EXPECT_THAT(md, HasSubstr("### Did she use them?\n\nFor Student A · Still to ask\n\n"
                            "About the adaptation “Tiles, and she explains them to a partner”\n\n"
                            "- 22 Nov 2025 · Fall debrief — To ask Student A: “Did she use them?”\n"
                            "- 15 Jan 2026 · Winter check-in — Checked in: partly asked.\n"
                            "  - What the learner said: “She said: sometimes”\n"
                            "  - Decision: keep it.\n"));
  EXPECT_THAT(md, HasSubstr("### She avoids fractions\n\nConfirmed\n\n"
                            "- 22 Nov 2025 · Fall debrief — Challenged: “She avoids fractions”\n"
                            "  - Evidence: Student A said (line 2): “The tiles make halves easy”\n"
                            "- 15 Jan 2026 · Winter check-in — Confirmed: “She avoids fractions”\n"));
  EXPECT_THAT(md, HasSubstr("### He needs quiet\n\nStill open, carried on\n"));
  EXPECT_THAT(md, HasSubstr("### 22 Nov 2025 · Fall debrief\n\n"
                            "> Student A said (line 2): “The tiles make halves easy”\n\n"
                            "Quoted as evidence by the adaptation “Tiles at the table”; the assumption “She avoids "
                            "fractions”.\n"));
  EXPECT_THAT(md, HasSubstr("a check-in on the adaptation “Tiles at the table”"));
}

TEST(InquiryRecord, HtmlIsAPrintablePageTellingTheSameStory) {
  const auto html = export_html(the_inquiry(), two_sessions(), exported_at);
  EXPECT_THAT(html, HasSubstr("<!doctype html>"));
  EXPECT_THAT(html, HasSubstr("@media print"));
  EXPECT_THAT(html, HasSubstr("<main>"));
  EXPECT_THAT(html, HasSubstr("<h2 id=\"learner-words\">"));
  EXPECT_THAT(html, HasSubstr("<h3><span class=\"text\">Tiles, and she explains them to a partner</span></h3>"));
  EXPECT_THAT(html, HasSubstr("Checked in: tried."));
  EXPECT_THAT(html, HasSubstr("<blockquote><p class=\"said\">Student A said (line 2):</p><p><span class=\"text\">Look, "
                              "two tiles make one whole</span></p></blockquote>"));
  EXPECT_THAT(html, Not(HasSubstr("<script")));
}

TEST(InquiryRecord, NothingHiddenNoCodeOutsideTheJsonNoKey) {
  const auto sessions = two_sessions();
  const auto json_text = export_json(the_inquiry(), sessions, exported_at).dump();
  const auto md = export_markdown(the_inquiry(), sessions, exported_at);
  const auto html = export_html(the_inquiry(), sessions, exported_at);
  for (const auto* text : {&json_text, &md, &html}) {
    for (const char* hidden : {"Secret annotation comment", "Hidden noticing", "Suggested secret idea",
                               "Declined secret idea", "INQUIRYID0000001"}) {
      EXPECT_THAT(*text, Not(HasSubstr(hidden)));
    }
  }
  for (const auto* text : {&md, &html}) {
    EXPECT_THAT(*text, Not(HasSubstr("FALLCODE1234")));
    EXPECT_THAT(*text, Not(HasSubstr("WINTERCODE12")));
  }
  EXPECT_THAT(json_text, HasSubstr("FALLCODE1234"));  // the page links to its sessions
}

TEST(InquiryRecord, WhatPeopleWroteIsEscaped) {
  auto sessions = two_sessions();
  sessions[0].state.adaptations[0].change = "<script>alert(1)</script> *bold* & # more";
  sessions[1].state.check_ins[0].happened = "She said \"<b>halves</b>\"";
  auto info = the_inquiry();
  info.title = "Fractions <i>&</i> more";
  const auto html = export_html(info, sessions, exported_at);
  EXPECT_THAT(html, Not(HasSubstr("<script")));
  EXPECT_THAT(html, Not(HasSubstr("<b>halves")));
  EXPECT_THAT(html, Not(HasSubstr("<i>&")));
  EXPECT_THAT(html, HasSubstr("&lt;script&gt;alert(1)&lt;/script&gt; *bold* &amp; # more"));
  EXPECT_THAT(html, HasSubstr("She said &quot;&lt;b&gt;halves&lt;/b&gt;&quot;"));
  const auto md = export_markdown(info, sessions, exported_at);
  EXPECT_THAT(md, HasSubstr("# Fractions \\<i\\>&\\</i\\> more"));
  EXPECT_THAT(md, HasSubstr("“\\<script\\>alert(1)\\</script\\> \\*bold\\* & \\# more”"));
}

TEST(InquiryRecord, StatesTimesAndDaysInTheChosenZone) {
  // Created 23:30 UTC on 22 Nov without a planned date: already the 23rd in Paris.
  auto undated = session_on("", fall + 70 * 60'000);
  undated.adaptations = {accepted("a1", "Tiles", "Student A")};
  const auto paris = *parse_tzif("Europe/Paris", testing::paris_bytes());
  const auto j = export_json(the_inquiry(), {{1, undated}}, exported_at, paris);
  EXPECT_EQ(j["time_zone"], "Europe/Paris");
  EXPECT_EQ(j["created"]["text"], "22 Nov 2025, 23:20 CET");
  EXPECT_EQ(j["sessions"][0]["day"], "2025-11-23");
  EXPECT_EQ(j["adaptations"][0]["steps"][0]["day"], "2025-11-23");
  EXPECT_THAT(export_markdown(the_inquiry(), {{1, undated}}, exported_at, paris),
              HasSubstr("Times are in Europe/Paris time."));
}

TEST(InquiryRecord, AnEmptyInquirySaysSo) {
  auto info = the_inquiry();
  info.title.clear();
  const auto md = export_markdown(info, {}, exported_at);
  EXPECT_THAT(md, HasSubstr("# Inquiry\n"));
  EXPECT_THAT(md, HasSubstr("## Sessions\n\nNone left.\n"));
  EXPECT_THAT(md, HasSubstr("## Adaptations\n\nNone yet.\n"));
  EXPECT_THAT(md, HasSubstr("None quoted yet."));
  const auto j = export_json(info, {}, exported_at);
  EXPECT_EQ(j["sessions"], json::array());
  EXPECT_EQ(j["learner_words"], json::array());
}

}  // namespace
}  // namespace debrief::protocol::inquiry_testing
