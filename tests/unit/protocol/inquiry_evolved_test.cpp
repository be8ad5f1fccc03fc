// The inquiry functions on sessions run through the protocol itself: a fall
// debrief run command by command, the follow-up created from what it
// carries, checked in on and re-marked, then what the third session would
// start from, the story, and the calendar.

#include <algorithm>

#include "debrief/protocol/calendar.hpp"
#include "debrief/protocol/inquiry.hpp"
#include "follow_up.hpp"

namespace debrief::protocol::activity {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

std::vector<std::string> threads(const std::vector<carried_item>& items) {
  std::vector<std::string> out;
  for (const auto& i : items) out.push_back(i.thread);
  return out;
}

// The fall debrief: an assumption challenged by Student A's line 2 and one
// left open; Sam's adaptation resting on line 2 with a follow-up question,
// Ana's suggestion accepted, Kim's declined.
session_state fall_debrief() {
  auto s = with_transcript(in_phase(reading));
  s = given(s, cmd::go_to_phase{assumptions}, maya);
  s = given(s, cmd::board_add{board_list::assumptions, "She avoids fractions"}, sam);
  s = given(s, cmd::board_mark{s.board.back().id, item_status::challenged, {"line:L2"}, 1}, sam);
  s = given(s, cmd::board_add{board_list::assumptions, "She works best alone"}, sam);
  s = given(s, cmd::go_to_phase{adapting}, maya);
  s = given(s,
            cmd::adaptation_add{{"Tiles at the table", "Student A", {"line:L2"}, "2026-01-10", {"Did she use them?"}}},
            sam);
  s = given(s, cmd::adaptation_add{{"Pair her with a reader", "Student A", {}, "2026-01-20", {}}}, ana);
  s = given(s, cmd::adaptation_decide{s.adaptations.back().id, true, 1}, sam);
  s = given(s, cmd::adaptation_add{{"A quiet corner", "Student A", {}, "2026-01-21", {}}}, kim);
  s = given(s, cmd::adaptation_decide{s.adaptations.back().id, false, 1}, sam);
  return given(s, cmd::end_session{}, maya);
}

// The winter follow-up, created with what the fall carries: the tiles
// adjusted on Student A's line 4, their question kept, the pairing dropped,
// the open assumption confirmed on line 4.
session_state winter_follow_up(const session_state& fall) {
  const auto carried = carry_forward({{1, fall}}, utc_zone());
  auto s = evolve({}, std::get<evt::session_created>(create_session("M3N4P5Q6R7ST", "Winter check-in",
                                                                    follow_up_template(), t0 + 30LL * 86'400'000,
                                                                    {"2026-01-15", {"Student A"}, carried})));
  s = given(s, cmd::join{"Maya", role::facilitator, true}, nobody);
  s = given(s, cmd::join{"Sam", role::presenter}, nobody);
  s = given(s, cmd::join{"Ana", role::colleague}, nobody);
  s = given(s, cmd::start_session{}, maya);
  s = with_transcript(s);
  s = given(s, cmd::go_to_phase{follow_up_checking}, maya);
  const auto& tiles = carried.at(0);
  auto adjust = check_in_on(tiles.thread, tried_state::yes, check_in_decision::adjust, 0, "Tiles, and she explains");
  adjust.evidence = {"line:L4"};
  adjust.happened = "She counted with them";
  s = given(s, adjust, sam);
  s = given(s, check_in_on(carried.at(1).thread, tried_state::partly, check_in_decision::keep), sam);
  s = given(s, check_in_on(carried.at(2).thread, tried_state::not_yet, check_in_decision::drop), sam);
  s = given(s, cmd::go_to_phase{follow_up_revisit}, maya);
  const auto alone = std::find_if(s.board.begin(), s.board.end(),
                                  [&](const board_item& i) { return i.thread == carried.back().thread; });
  s = given(s, cmd::board_mark{alone->id, item_status::confirmed, {"line:L4"}, alone->version}, sam);
  return given(s, cmd::end_session{}, maya);
}

TEST(InquiryOnEvolvedSessions, TheFollowUpStartsFromWhatTheFallDecided) {
  const auto fall = fall_debrief();
  const auto winter = winter_follow_up(fall);
  const auto& tiles = fall.adaptations.at(0);
  const auto& pairing = fall.adaptations.at(1);
  EXPECT_THAT(threads(winter.carried), ElementsAre("1." + tiles.id, "1." + tiles.id + ".q1", "1." + pairing.id,
                                                   "1." + fall.board.at(0).id, "1." + fall.board.at(1).id));
  EXPECT_EQ(winter.carried.at(3).status, item_status::challenged);
  // evolve put both carried assumptions on the board under their threads.
  EXPECT_EQ(std::count_if(winter.board.begin(), winter.board.end(), [](const auto& i) { return !i.thread.empty(); }),
            2);
}

TEST(InquiryOnEvolvedSessions, TheThirdSessionStartsFromTheCheckIns) {
  const auto fall = fall_debrief();
  const auto winter = winter_follow_up(fall);
  const auto next = carry_forward({{1, fall}, {2, winter}}, utc_zone());
  const auto tiles = "1." + fall.adaptations.at(0).id;
  // The pairing dropped, the confirmed assumption settled; the challenged one
  // carried as the winter board left it.
  EXPECT_THAT(threads(next), ElementsAre(tiles, tiles + ".q1", "1." + fall.board.at(0).id));
  EXPECT_EQ(next.at(0).text, "Tiles, and she explains");
  EXPECT_EQ(next.at(0).from, "2026-01-15");
  EXPECT_EQ(next.at(1).from, "2026-01-15");
  EXPECT_EQ(next.at(2).status, item_status::challenged);
  EXPECT_EQ(next.at(2).from, "2026-01-15");
}

TEST(InquiryOnEvolvedSessions, TheStoryAndTheCalendarTellIt) {
  const auto fall = fall_debrief();
  const auto winter = winter_follow_up(fall);
  const inquiry_info info{"INQUIRYID0000001", "Student A and fractions", {"Student A"}, t0};
  const auto story = export_json(info, {{1, fall}, {2, winter}}, t0);
  const auto& tiles = story["adaptations"][0];
  EXPECT_EQ(tiles["text"], "Tiles, and she explains");
  EXPECT_EQ(tiles["steps"].size(), 2u);
  EXPECT_EQ(tiles["steps"][1]["happened"], "She counted with them");
  EXPECT_EQ(story["adaptations"].size(), 2u);  // Kim's declined suggestion is not the team's
  EXPECT_EQ(story["adaptations"][1]["carried"], false);
  EXPECT_EQ(story["assumptions"][1]["steps"][1]["status"], "confirmed");
  ASSERT_EQ(story["learner_words"].size(), 2u);
  EXPECT_EQ(story["learner_words"][0]["quote"]["text"], "I drew the café tables.");
  EXPECT_EQ(story["learner_words"][1]["quote"]["text"], "Because I could count the chairs.");
  EXPECT_EQ(story["learner_words"][1]["cited_by"].size(), 2u);  // the check-in and the assumption

  const auto ics = inquiry_calendar(info, {{1, fall}, {2, winter}}, t0);
  EXPECT_THAT(ics, HasSubstr("SUMMARY:Check in: Tiles\\, and she explains — Student A\r\n"));
  EXPECT_THAT(ics, HasSubstr("DESCRIPTION:Questions to ask:\\n- Did she use them?\r\n"));
  EXPECT_EQ(ics.find("Pair her"), std::string::npos);
  EXPECT_THAT(session_calendar(fall, t0), HasSubstr("SUMMARY:Check in: Pair her with a reader — Student A\r\n"));
}

}  // namespace
}  // namespace debrief::protocol::activity
