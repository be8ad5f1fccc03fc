// An event's record: every room's record in one document (Markdown, HTML,
// JSON), a section per room in position order under a contents list, with
// the session export's privacy rules (hidden writing absent, anonymous
// phases anonymous, no session code), and the one-page summary: rooms
// finished, time used per phase across rooms, each room's status, phase and
// adaptations. Rooms are built by real commands through apply and evolve.

#include <algorithm>
#include <initializer_list>

#include "activity_support.hpp"
#include "debrief/protocol/event_export.hpp"

namespace debrief::protocol::activity {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

constexpr millis minute = 60'000;
constexpr millis exported_at = t0 + 10 * minute;

session_state room_created(const std::string& code, const std::string& label) {
  const auto created = std::get<evt::session_created>(create_session(code, label, workshop_template(), t0));
  return everyone_joined(evolve({}, created));
}

session_state started(const std::string& code, const std::string& label) {
  return given(room_created(code, label), cmd::start_session{}, maya);
}

// Private noticings with Ana's hidden entry and Kim's shared one, then the
// anonymous reflection with Ana's entry, revealed; Sam's adaptation (the
// presenter's own: accepted) and Ana's suggestion.
session_state a_room_with_private_writing(const std::string& code, const std::string& label) {
  auto s = given(started(code, label), cmd::go_to_phase{noticings}, maya);
  s = given(s, cmd::entry_add{"Hidden noticing", 0}, ana);
  s = given(s, cmd::entry_add{"Shared noticing", 1}, kim);
  s = given(s, cmd::entry_share{"e2"}, kim);
  s = given(s, cmd::go_to_phase{adapting}, maya);
  s = given(s, cmd::adaptation_add{{"Start with a drawing", "Student A", {}, "", {}}}, sam);
  s = given(s, cmd::adaptation_add{{"Suggested change", "", {}, "", {}}}, ana);
  s = given(s, cmd::go_to_phase{reflecting}, maya);
  s = given(s, cmd::entry_add{"I will listen more", 0}, ana);
  return given(s, cmd::reveal_phase{reflecting}, maya);
}

event_export_input event_of(std::initializer_list<session_state> rooms, const std::string& title = "PD day") {
  event_export_input e{title, t0 - 60 * minute, {}};
  int position = 0;
  for (const auto& s : rooms) e.rooms.push_back({++position, s});
  return e;
}

// All four documents, for what must hold in every one of them.
std::vector<std::string> every_document(const event_export_input& e) {
  return {event_export_markdown(e, exported_at), event_export_html(e, exported_at),
          event_export_json(e, exported_at).dump(), event_summary_html(e, exported_at)};
}

// ---- Privacy ----

TEST(EventExport, LeavesOutPrivateWritingNotRevealedAndSuggestionsInEveryFormat) {
  const auto e =
      event_of({a_room_with_private_writing("K7M2Q9XP4TDA", "Grade 7 science"), started("Q2W3E4R5T6Y7", "Triad 2")});

  for (const auto& document : every_document(e)) {
    EXPECT_THAT(document, Not(HasSubstr("Hidden noticing")));
    EXPECT_THAT(document, Not(HasSubstr("Suggested change")));
  }
  EXPECT_THAT(event_export_markdown(e, exported_at), HasSubstr("Shared noticing"));
  EXPECT_THAT(event_export_html(e, exported_at), HasSubstr("Shared noticing"));
  EXPECT_THAT(event_export_json(e, exported_at).dump(), HasSubstr("Shared noticing"));
}

TEST(EventExport, KeepsAnAnonymousPhaseAnonymous) {
  const auto e = event_of({a_room_with_private_writing("K7M2Q9XP4TDA", "Grade 7 science")});

  const auto md = event_export_markdown(e, exported_at);
  EXPECT_THAT(md, HasSubstr("Written anonymously: authors are not named.\n\n##### What will you carry?\n\n"
                            "- I will listen more\n"));
  EXPECT_THAT(md, HasSubstr("- Shared noticing — Kim\n"));
  const auto html = event_export_html(e, exported_at);
  EXPECT_THAT(html, HasSubstr("I will listen more</span></li>"));
  EXPECT_THAT(html, Not(HasSubstr("I will listen more</span> <span class=\"byline\">")));

  const auto phases = event_export_json(e, exported_at)["rooms"][0]["record"]["phases"];
  const auto reflection = std::find_if(phases.begin(), phases.end(), [](const auto& p) { return p["anonymous"]; });
  ASSERT_NE(reflection, phases.end());
  EXPECT_EQ((*reflection)["prompts"][0]["entries"][0], json({{"text", "I will listen more"}, {"author", nullptr}}));
}

TEST(EventExport, NamesNoRoomsSessionCodeInAnyFormat) {
  const auto e = event_of({a_room_with_private_writing("K7M2Q9XP4TDA", "Grade 7 science"),
                           given(started("Q2W3E4R5T6Y7", "Triad 2"), cmd::end_session{}, maya)});

  for (const auto& document : every_document(e)) {
    EXPECT_THAT(document, Not(HasSubstr("K7M2Q9XP4TDA")));
    EXPECT_THAT(document, Not(HasSubstr("Q2W3E4R5T6Y7")));
  }
  EXPECT_FALSE(event_export_json(e, exported_at)["rooms"][0]["record"].contains("session"));
}

// ---- One document, a section per room ----

TEST(EventExport, MarkdownHasTheTitleDateContentsAndEachRoomsRecordAHeadingDeeperInPositionOrder) {
  const auto e = event_of(
      {a_room_with_private_writing("K7M2Q9XP4TDA", "Grade 7 science"), room_created("Q2W3E4R5T6Y7", "Triad 2")});

  const auto md = event_export_markdown(e, exported_at);

  EXPECT_THAT(md, HasSubstr("# PD day\n\nAn event of 2 rooms · created 22 Nov 2025, 21:20 UTC · exported "
                            "22 Nov 2025, 22:30 UTC\n"));
  EXPECT_THAT(md, HasSubstr("## Contents\n\n- 1. Grade 7 science — Under way\n- 2. Triad 2 — Not started\n"));
  const auto first = md.find(
      "\n## 1. Grade 7 science\n\nWorkshop debrief · started 22 Nov 2025, 22:20 UTC · "
      "Under way: Reflection (8 of 8)\n\n### People\n\n- Maya (facilitator)\n");
  const auto second = md.find(
      "\n## 2. Triad 2\n\nWorkshop debrief · started 22 Nov 2025, 22:20 UTC · Not started\n"
      "\n### People\n");
  ASSERT_NE(first, std::string::npos);
  ASSERT_NE(second, std::string::npos);
  EXPECT_LT(first, second);
  EXPECT_THAT(md, HasSubstr("\n### Adaptations\n\n#### Start with a drawing\n\nFor Student A\n"));
  EXPECT_THAT(md, Not(HasSubstr("\n# People")));
  EXPECT_THAT(md, Not(HasSubstr("\n## People")));
}

TEST(EventExport, HtmlLinksTheContentsToEachRoomWithIdsUniqueAcrossRooms) {
  const auto e = event_of({started("K7M2Q9XP4TDA", "Grade 7 science"), started("Q2W3E4R5T6Y7", "Triad 2")});

  const auto html = event_export_html(e, exported_at);

  EXPECT_THAT(html, HasSubstr("<h1>PD day</h1>"));
  EXPECT_THAT(html, HasSubstr("<li><a href=\"#room-2\"><span class=\"text\">2. Triad 2</span></a> — Under way</li>"));
  EXPECT_THAT(html, HasSubstr("<section class=\"room\" aria-labelledby=\"room-2\">\n<h2 id=\"room-2\">"
                              "<span class=\"text\">2. Triad 2</span></h2>"));
  EXPECT_THAT(html, HasSubstr("<section class=\"\" aria-labelledby=\"room-1-people\">\n"
                              "<h3 id=\"room-1-people\">People</h3>"));
  EXPECT_THAT(html, HasSubstr("<h3 id=\"room-2-people\">People</h3>"));
  EXPECT_THAT(html, Not(HasSubstr("id=\"people\"")));
  EXPECT_LT(html.find("id=\"room-1\""), html.find("id=\"room-2\""));
}

TEST(EventExport, JsonGivesEachRoomsPositionLabelStatusPhaseAndRecord) {
  const auto e = event_of(
      {a_room_with_private_writing("K7M2Q9XP4TDA", "Grade 7 science"), room_created("Q2W3E4R5T6Y7", "Triad 2")});

  const auto j = event_export_json(e, exported_at);

  EXPECT_EQ(j["format"], "debrief-event-export");
  EXPECT_EQ(j["title"], "PD day");
  EXPECT_EQ(j["created"]["at"], t0 - 60 * minute);
  ASSERT_EQ(j["rooms"].size(), 2U);
  EXPECT_EQ(j["rooms"][0]["position"], 1);
  EXPECT_EQ(j["rooms"][0]["label"], "Grade 7 science");
  EXPECT_EQ(j["rooms"][0]["status"], "live");
  EXPECT_EQ(j["rooms"][0]["phase"], json({{"id", "reflect"}, {"title", "Reflection"}, {"number", 8}}));
  EXPECT_EQ(j["rooms"][0]["adaptations"], 1);
  EXPECT_EQ(j["rooms"][0]["record"]["title"], "Grade 7 science");
  EXPECT_EQ(j["rooms"][1]["status"], "lobby");
  EXPECT_EQ(j["rooms"][1]["phase"], nullptr);
}

// ---- The summary ----

// Exported at t0 + 10 min:
//   room 1: the opening's timer ran 3 min, then the assumptions' timer has run 7 min (running now);
//   room 2: the opening 5 min, the assumptions 4 min, then it ended;
//   room 3: the opening's timer ran 1 min and is paused;
//   room 4: never started.
event_export_input four_rooms() {
  auto one = given(started("AAAAAAAAAAAA", "One"), cmd::timer_start{}, maya, t0);
  one = given(one, cmd::next_phase{}, maya, t0 + 3 * minute);
  one = given(one, cmd::timer_start{}, maya, t0 + 3 * minute);

  auto two = given(started("BBBBBBBBBBBB", "Two"), cmd::timer_start{}, maya, t0);
  two = given(two, cmd::next_phase{}, maya, t0 + 5 * minute);
  two = given(two, cmd::timer_start{}, maya, t0 + 5 * minute);
  two = given(two, cmd::end_session{}, maya, t0 + 9 * minute);

  auto three = given(started("CCCCCCCCCCCC", "Three"), cmd::timer_start{}, maya, t0);
  three = given(three, cmd::timer_pause{}, maya, t0 + minute);

  return event_of({one, two, three, room_created("DDDDDDDDDDDD", "Four")});
}

TEST(EventSummary, CountsTheRoomsThatFinished) {
  EXPECT_THAT(event_summary_html(four_rooms(), exported_at), HasSubstr("Rooms finished: 1 of 4."));
  EXPECT_EQ(event_export_json(four_rooms(), exported_at)["rooms_finished"], 1);
}

TEST(EventSummary, GivesTheTimeUsedPerPhaseAcrossTheRoomsThatReachedIt) {
  const auto phases = event_export_json(four_rooms(), exported_at)["phases"];

  ASSERT_EQ(phases.size(), workshop_template().phases.size());
  EXPECT_EQ(phases[0], json({{"id", "open"},
                             {"title", "Opening"},
                             {"rooms_reached", 3},
                             {"used_ms", {{"median", 3 * minute}, {"min", minute}, {"max", 5 * minute}}}}));
  EXPECT_EQ(phases[1], json({{"id", "assume"},
                             {"title", "Assumptions"},
                             {"rooms_reached", 2},
                             {"used_ms", {{"median", 11 * minute / 2}, {"min", 4 * minute}, {"max", 7 * minute}}}}));
  EXPECT_EQ(phases[2],
            json({{"id", "read"}, {"title", "Read the transcript"}, {"rooms_reached", 0}, {"used_ms", nullptr}}));
}

TEST(EventSummary, TablesThePhasesInTemplateOrderAndEachRoom) {
  const auto html = event_summary_html(four_rooms(), exported_at);

  EXPECT_THAT(html,
              HasSubstr("<tr><th scope=\"row\"><span class=\"text\">Opening</span></th><td class=\"number\">3</td>"
                        "<td class=\"number\">3 min 00 s</td><td class=\"number\">1 min 00 s</td>"
                        "<td class=\"number\">5 min 00 s</td></tr>"));
  EXPECT_THAT(html, HasSubstr("<tr><th scope=\"row\"><span class=\"text\">Assumptions</span></th><td class=\"number\">2"
                              "</td><td class=\"number\">5 min 30 s</td><td class=\"number\">4 min 00 s</td>"
                              "<td class=\"number\">7 min 00 s</td></tr>"));
  EXPECT_THAT(html, HasSubstr("<span class=\"text\">Reflection</span></th><td class=\"number\">0</td>"
                              "<td class=\"number\">—</td>"));
  EXPECT_LT(html.find(">Opening<"), html.find(">Assumptions<"));
  EXPECT_LT(html.find(">Assumptions<"), html.find(">Reflection<"));

  EXPECT_THAT(html, HasSubstr("<tr><td class=\"number\">2</td><th scope=\"row\"><span class=\"text\">Two</span></th>"
                              "<td>Ended</td><td><span class=\"text\">Assumptions (2 of 8)</span></td>"
                              "<td class=\"number\">0</td></tr>"));
  EXPECT_THAT(html,
              HasSubstr("<tr><td class=\"number\">4</td><th scope=\"row\"><span class=\"text\">Four</span></th>"
                        "<td>Not started</td><td><span class=\"text\">—</span></td><td class=\"number\">0</td></tr>"));
}

TEST(EventSummary, CountsOnlyAdaptationsRecorded) {
  const auto e = event_of({a_room_with_private_writing("K7M2Q9XP4TDA", "Grade 7 science")});

  EXPECT_THAT(event_summary_html(e, exported_at),
              HasSubstr("<td><span class=\"text\">Reflection (8 of 8)</span></td><td class=\"number\">1</td></tr>"));
}

// ---- Escaping ----

TEST(EventExport, EscapesALabelAndTitleWithMarkupAsTheSessionExportsDo) {
  const auto e = event_of({started("K7M2Q9XP4TDA", "<b>&\"")}, "Day <i>one</i>");

  const auto md = event_export_markdown(e, exported_at);
  EXPECT_THAT(md, HasSubstr("# Day \\<i\\>one\\</i\\>\n"));
  EXPECT_THAT(md, HasSubstr("## 1. \\<b\\>&\"\n"));

  for (const auto& html : {event_export_html(e, exported_at), event_summary_html(e, exported_at)}) {
    EXPECT_THAT(html, HasSubstr("&lt;b&gt;&amp;&quot;"));
    EXPECT_THAT(html, HasSubstr("Day &lt;i&gt;one&lt;/i&gt;"));
    EXPECT_THAT(html, Not(HasSubstr("<b>")));
    EXPECT_THAT(html, Not(HasSubstr("<i>")));
  }
  EXPECT_EQ(event_export_json(e, exported_at)["rooms"][0]["label"], "<b>&\"");
}

}  // namespace
}  // namespace debrief::protocol::activity
