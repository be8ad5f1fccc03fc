// What an inquiry's next session starts from: accepted adaptations and their
// follow-up questions until a check-in drops them (as last adjusted), and
// assumptions while they stay open or challenged, each under its thread.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "debrief/protocol/inquiry.hpp"
#include "inquiry_support.hpp"
#include "tzif_bytes.hpp"

namespace debrief::protocol::inquiry_testing {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

time_zone paris() { return *parse_tzif("Europe/Paris", testing::paris_bytes()); }

carried_item carried(std::string thread, carried_kind kind, std::string text, std::string for_whom,
                     std::string check_in, item_status status, std::string from) {
  return {std::move(thread), kind, std::move(text), std::move(for_whom), std::move(check_in), status, std::move(from)};
}

// Compared as JSON, so a failure prints the items.
nlohmann::json as_json(const std::vector<carried_item>& items) { return items; }

std::vector<std::string> threads(const std::vector<carried_item>& items) {
  std::vector<std::string> out;
  for (const auto& i : items) out.push_back(i.thread);
  return out;
}

TEST(InquiryThreads, NameTheSessionPositionAndTheItem) {
  EXPECT_EQ(thread_of(1, "a7"), "1.a7");
  EXPECT_EQ(thread_of(12, "i4"), "12.i4");
  EXPECT_EQ(question_thread(1, "a7", 1), "1.a7.q1");
  EXPECT_EQ(question_thread(3, "a10", 2), "3.a10.q2");
}

TEST(InquirySessionDay, IsThePlannedDateWhenThereIsOne) {
  auto s = session_on("2026-03-15");
  EXPECT_EQ(session_day(s, utc_zone()), "2026-03-15");
}

TEST(InquirySessionDay, IsTheDayOfCreationInTheZoneOtherwise) {
  // 22:20 UTC on 22 Nov is 23:20 in Paris; 23:30 UTC is already the 23rd there.
  auto s = session_on("", fall);
  EXPECT_EQ(session_day(s, utc_zone()), "2025-11-22");
  EXPECT_EQ(session_day(s, paris()), "2025-11-22");
  s.created_at = fall + 70 * 60'000;
  EXPECT_EQ(session_day(s, utc_zone()), "2025-11-22");
  EXPECT_EQ(session_day(s, paris()), "2025-11-23");
}

TEST(CarryForward, NothingFromNoSessions) { EXPECT_THAT(carry_forward({}, utc_zone()), IsEmpty()); }

TEST(CarryForward, OnlyAcceptedAdaptationsAndTheirQuestions) {
  auto s = session_on("2025-11-22");
  s.adaptations = {accepted("a1", "Fraction tiles at the table", "Student A", "2026-01-10",
                            {"Did the tiles help?", "What did she build?"}),
                   with_status(accepted("a2", "A suggestion", "Student B", "2026-01-11", {"Suggested question?"}),
                               adaptation_status::suggested),
                   with_status(accepted("a3", "Declined idea", "Student A", "", {"Declined question?"}),
                               adaptation_status::declined),
                   accepted("a4", "Think-pair-share first", "", "")};
  const auto out = carry_forward({{1, s}}, utc_zone());
  EXPECT_EQ(as_json(out), as_json({carried("1.a1", carried_kind::adaptation, "Fraction tiles at the table", "Student A",
                                           "2026-01-10", item_status::open, "2025-11-22"),
                                   carried("1.a1.q1", carried_kind::question, "Did the tiles help?", "Student A", "",
                                           item_status::open, "2025-11-22"),
                                   carried("1.a1.q2", carried_kind::question, "What did she build?", "Student A", "",
                                           item_status::open, "2025-11-22"),
                                   carried("1.a4", carried_kind::adaptation, "Think-pair-share first", "all learners",
                                           "", item_status::open, "2025-11-22")}));
}

TEST(CarryForward, AssumptionsWhileOpenOrChallenged) {
  auto s = session_on("2025-11-22");
  s.board = {assumption("i1", "She avoids fractions", item_status::open),
             assumption("i2", "She works best alone", item_status::challenged),
             assumption("i3", "She likes drawing", item_status::confirmed)};
  board_item known;
  known.id = "i4";
  known.list = board_list::know;
  known.text = "She speaks two languages";
  s.board.push_back(known);
  const auto out = carry_forward({{1, s}}, utc_zone());
  EXPECT_EQ(as_json(out), as_json({carried("1.i1", carried_kind::assumption, "She avoids fractions", "", "",
                                           item_status::open, "2025-11-22"),
                                   carried("1.i2", carried_kind::assumption, "She works best alone", "", "",
                                           item_status::challenged, "2025-11-22")}));
}

TEST(CarryForward, TheSessionIsPositionedNotIndexed) {
  auto s = session_on("2025-11-22");
  s.adaptations = {accepted("a1", "Tiles", "Student A", "", {"Asked?"})};
  s.board = {assumption("i2", "Shy", item_status::open)};
  EXPECT_THAT(threads(carry_forward({{4, s}}, utc_zone())), ElementsAre("4.a1", "4.a1.q1", "4.i2"));
}

// The fall debrief, the winter check-in, the spring check-in: each check-in
// keeps, adjusts or drops what the previous session left.
class ThreeSessions : public ::testing::Test {
 protected:
  void SetUp() override {
    fall_debrief = session_on("2025-11-22");
    fall_debrief.adaptations = {accepted("a1", "Tiles at the table", "Student A", "2026-01-10", {"Did she use them?"}),
                                accepted("a2", "Sentence frames", "Student B", "2026-01-12", {"Which frame?"}),
                                accepted("a3", "Seat by the window", "Student A", "2026-01-14")};
    fall_debrief.board = {assumption("i4", "She avoids fractions", item_status::open),
                          assumption("i5", "He needs quiet", item_status::challenged)};

    winter = session_on("2026-01-15");
    winter.carried = carry_forward({{1, fall_debrief}}, utc_zone());
    winter.board = {assumption("i1", "She avoids fractions", item_status::challenged, "1.i4"),
                    assumption("i2", "He needs quiet", item_status::confirmed, "1.i5")};
    winter.check_ins = {checked("c3", "1.a1", check_in_decision::keep),
                        checked("c4", "1.a2", check_in_decision::adjust, "Sentence frames, read aloud first"),
                        checked("c5", "1.a3", check_in_decision::drop),
                        checked("c6", "1.a2.q1", check_in_decision::adjust, "Which frame did he pick himself?")};
    winter.adaptations = {accepted("a7", "Number talk warm-up", "all learners", "2026-03-01", {"Who spoke first?"})};
  }
  session_state fall_debrief;
  session_state winter;
};

TEST_F(ThreeSessions, TheFollowUpIsHandedEverythingStillOpen) {
  EXPECT_EQ(
      as_json(winter.carried),
      as_json(
          {carried("1.a1", carried_kind::adaptation, "Tiles at the table", "Student A", "2026-01-10", item_status::open,
                   "2025-11-22"),
           carried("1.a1.q1", carried_kind::question, "Did she use them?", "Student A", "", item_status::open,
                   "2025-11-22"),
           carried("1.a2", carried_kind::adaptation, "Sentence frames", "Student B", "2026-01-12", item_status::open,
                   "2025-11-22"),
           carried("1.a2.q1", carried_kind::question, "Which frame?", "Student B", "", item_status::open, "2025-11-22"),
           carried("1.a3", carried_kind::adaptation, "Seat by the window", "Student A", "2026-01-14", item_status::open,
                   "2025-11-22"),
           carried("1.i4", carried_kind::assumption, "She avoids fractions", "", "", item_status::open, "2025-11-22"),
           carried("1.i5", carried_kind::assumption, "He needs quiet", "", "", item_status::challenged,
                   "2025-11-22")}));
}

TEST_F(ThreeSessions, CheckInsKeepAdjustAndDrop) {
  const auto out = carry_forward({{1, fall_debrief}, {2, winter}}, utc_zone());
  EXPECT_EQ(as_json(out), as_json({carried("1.a1", carried_kind::adaptation, "Tiles at the table", "Student A",
                                           "2026-01-10", item_status::open, "2026-01-15"),
                                   // Not checked in on: still as the fall left it.
                                   carried("1.a1.q1", carried_kind::question, "Did she use them?", "Student A", "",
                                           item_status::open, "2025-11-22"),
                                   carried("1.a2", carried_kind::adaptation, "Sentence frames, read aloud first",
                                           "Student B", "2026-01-12", item_status::open, "2026-01-15"),
                                   carried("1.a2.q1", carried_kind::question, "Which frame did he pick himself?",
                                           "Student B", "", item_status::open, "2026-01-15"),
                                   carried("1.i4", carried_kind::assumption, "She avoids fractions", "", "",
                                           item_status::challenged, "2026-01-15"),
                                   carried("2.a7", carried_kind::adaptation, "Number talk warm-up", "all learners",
                                           "2026-03-01", item_status::open, "2026-01-15"),
                                   carried("2.a7.q1", carried_kind::question, "Who spoke first?", "all learners", "",
                                           item_status::open, "2026-01-15")}));
}

TEST_F(ThreeSessions, TheLatestCheckInDecides) {
  auto spring = session_on("2026-04-02");
  spring.carried = carry_forward({{1, fall_debrief}, {2, winter}}, utc_zone());
  spring.board = {assumption("i1", "She avoids fractions", item_status::confirmed, "1.i4")};
  spring.check_ins = {checked("c2", "1.a1", check_in_decision::drop), checked("c3", "1.a2", check_in_decision::keep),
                      checked("c4", "2.a7", check_in_decision::adjust, "Number talk, in pairs"),
                      checked("c5", "1.a1.q1", check_in_decision::keep, "", tried_state::not_yet)};
  const auto out = carry_forward({{1, fall_debrief}, {2, winter}, {3, spring}}, utc_zone());
  EXPECT_EQ(as_json(out), as_json({carried("1.a1.q1", carried_kind::question, "Did she use them?", "Student A", "",
                                           item_status::open, "2026-04-02"),
                                   // Kept as winter adjusted it.
                                   carried("1.a2", carried_kind::adaptation, "Sentence frames, read aloud first",
                                           "Student B", "2026-01-12", item_status::open, "2026-04-02"),
                                   carried("1.a2.q1", carried_kind::question, "Which frame did he pick himself?",
                                           "Student B", "", item_status::open, "2026-01-15"),
                                   carried("2.a7", carried_kind::adaptation, "Number talk, in pairs", "all learners",
                                           "2026-03-01", item_status::open, "2026-04-02"),
                                   carried("2.a7.q1", carried_kind::question, "Who spoke first?", "all learners", "",
                                           item_status::open, "2026-01-15")}));
}

TEST_F(ThreeSessions, ADeletedSessionLeavesItsThreadsInTheLaterOnes) {
  // The fall debrief (position 1) is deleted: the winter session's carried
  // copies still hold its threads, with the day they were decided.
  const auto out = carry_forward({{2, winter}}, utc_zone());
  EXPECT_THAT(threads(out), ElementsAre("1.a1", "1.a1.q1", "1.a2", "1.a2.q1", "1.i4", "2.a7", "2.a7.q1"));
  EXPECT_EQ(out[1].from, "2025-11-22");
  EXPECT_EQ(out[2].text, "Sentence frames, read aloud first");
  EXPECT_EQ(out[2].from, "2026-01-15");
}

TEST_F(ThreeSessions, AStaleCarriedCopyDoesNotUndoALaterDecision) {
  // Spring was planned before winter's check-ins were written: its carried
  // copies are the fall's, but winter (read first) decided since.
  auto spring = session_on("2026-04-02");
  spring.carried = winter.carried;
  const auto out = carry_forward({{1, fall_debrief}, {2, winter}, {3, spring}}, utc_zone());
  EXPECT_EQ(as_json(out), as_json(carry_forward({{1, fall_debrief}, {2, winter}}, utc_zone())));
}

TEST_F(ThreeSessions, AKeepAfterADropCarriesItAgain) {
  auto spring = session_on("2026-04-02");
  spring.carried = winter.carried;  // still holds 1.a3
  spring.check_ins = {checked("c1", "1.a3", check_in_decision::keep)};
  const auto out = carry_forward({{1, fall_debrief}, {2, winter}, {3, spring}}, utc_zone());
  ASSERT_EQ(out.size(), 8u);
  EXPECT_EQ(out[4].thread, "1.a3");
  EXPECT_EQ(out[4].from, "2026-04-02");
}

TEST(CarryForward, AnAssumptionIsAsTheLatestSessionHoldingItLeftIt) {
  auto first = session_on("2025-11-22");
  first.board = {assumption("i1", "She avoids fractions", item_status::open)};
  auto second = session_on("2026-01-15");
  second.board = {assumption("i3", "She avoids fractions", item_status::confirmed, "1.i1")};
  auto third = session_on("2026-04-02");  // a planning session that did not bring it back to the board
  third.board = {assumption("i2", "He needs quiet", item_status::open)};
  EXPECT_THAT(threads(carry_forward({{1, first}, {2, second}, {3, third}}, utc_zone())), ElementsAre("3.i2"));
  // Challenged again later: carried again, with the words of that session.
  auto fourth = session_on("2026-06-01");
  fourth.board = {assumption("i1", "She avoids fractions in front of others", item_status::challenged, "1.i1")};
  const auto out = carry_forward({{1, first}, {2, second}, {3, third}, {4, fourth}}, utc_zone());
  EXPECT_EQ(
      as_json(out),
      as_json({carried("1.i1", carried_kind::assumption, "She avoids fractions in front of others", "", "",
                       item_status::challenged, "2026-06-01"),
               carried("3.i2", carried_kind::assumption, "He needs quiet", "", "", item_status::open, "2026-04-02")}));
}

TEST(CarryForward, FromIsTheCreationDayInTheZoneWhenUndated) {
  auto s = session_on("", fall + 70 * 60'000);  // 23:30 UTC, 00:30 in Paris
  s.adaptations = {accepted("a1", "Tiles", "Student A")};
  EXPECT_EQ(carry_forward({{1, s}}, utc_zone()).at(0).from, "2025-11-22");
  EXPECT_EQ(carry_forward({{1, s}}, paris()).at(0).from, "2025-11-23");
}

TEST(CarryForward, NoThreadHoldsASessionCode) {
  auto s = session_on("2025-11-22");
  s.adaptations = {accepted("a1", "Tiles", "Student A", "", {"Asked?"})};
  s.board = {assumption("i2", "Shy", item_status::open)};
  for (const auto& item : carry_forward({{1, s}}, utc_zone())) {
    EXPECT_EQ(item.thread.find(s.session), std::string::npos) << item.thread;
  }
}

}  // namespace
}  // namespace debrief::protocol::inquiry_testing
