// The presenter's assumption board: items with versions, four lists in
// display order, evidence behind a status, and colleagues' proposals.

#include "activity_support.hpp"

namespace debrief::protocol::activity {
namespace {

using L = board_list;

board_item item(std::string id, board_list list, std::string text, int version = 1) {
  return {std::move(id), list, std::move(text), "p2", item_status::open, {}, version, {}};
}

// The ids of one list, top to bottom.
std::vector<std::string> list_order(const session_state& s, board_list list) {
  std::vector<std::string> out;
  for (const auto& i : s.board) {
    if (i.list == list) out.push_back(i.id);
  }
  return out;
}

// In open discussion: i1, i2, i3 in "know", i4 in "assumptions".
session_state board_with_items() {
  auto s = in_phase(talk);
  s = given(s, cmd::board_add{L::know, "She reads aloud willingly"}, sam);
  s = given(s, cmd::board_add{L::know, "He finishes early"}, sam);
  s = given(s, cmd::board_add{L::know, "They sit by the window"}, sam);
  s = given(s, cmd::board_add{L::assumptions, "Fractions are the hard part"}, sam);
  return s;
}

// ---- add ----

TEST(ActivityBoardAdd, GivesANewItemAtTheEndOfItsListWithTrimmedText) {
  const auto s = in_phase(talk);

  EXPECT_THAT(when(s, cmd::board_add{L::assumptions, "  Fractions are the hard part \n"}, sam),
              Gives(events{evt::board_item_saved{item("i1", L::assumptions, "Fractions are the hard part"), -1}}));
}

TEST(ActivityBoardAdd, NumbersItemsFromTheSessionsIdCounter) {
  const auto s = board_with_items();

  EXPECT_THAT(when(s, cmd::board_add{L::find_out, "What she does at home"}, sam),
              Gives(events{evt::board_item_saved{item("i5", L::find_out, "What she does at home"), -1}}));
}

TEST(ActivityBoardAdd, RefusesAnInvalidList) {
  EXPECT_THAT(when(in_phase(talk), cmd::board_add{L::invalid, "Something"}, sam), Rejects(error_code::invalid));
}

TEST(ActivityBoardAdd, RefusesEmptyOrBlankText) {
  EXPECT_THAT(when(in_phase(talk), cmd::board_add{L::know, ""}, sam), Rejects(error_code::invalid));
  EXPECT_THAT(when(in_phase(talk), cmd::board_add{L::know, " \n\t "}, sam), Rejects(error_code::invalid));
}

TEST(ActivityBoardAdd, RefusesControlCharactersButKeepsLineBreaks) {
  EXPECT_THAT(when(in_phase(talk), cmd::board_add{L::know, "bell\a"}, sam), Rejects(error_code::invalid));
  EXPECT_THAT(when(in_phase(talk), cmd::board_add{L::know, "two\nlines"}, sam),
              Gives(events{evt::board_item_saved{item("i1", L::know, "two\nlines"), -1}}));
}

TEST(ActivityBoardAdd, Allows500CodePointsAndRefuses501) {
  const auto s = in_phase(talk);
  const auto at_limit = repeated("é", 500);  // 1000 bytes: the limit counts characters

  EXPECT_THAT(when(s, cmd::board_add{L::know, at_limit}, sam),
              Gives(events{evt::board_item_saved{item("i1", L::know, at_limit), -1}}));
  EXPECT_THAT(when(s, cmd::board_add{L::know, at_limit + "e"}, sam), Rejects(error_code::too_large));
}

TEST(ActivityBoardAdd, RefusesTheTwoHundredAndFirstItem) {
  auto s = in_phase(talk);
  for (int i = 0; i < 200; ++i) s = given(s, cmd::board_add{L::know, "Item " + std::to_string(i)}, sam);

  EXPECT_THAT(when(s, cmd::board_add{L::know, "One more"}, sam), Rejects(error_code::too_large));
}

// ---- edit ----

TEST(ActivityBoardEdit, SavesTheNewTextAsTheNextVersion) {
  const auto s = board_with_items();

  EXPECT_THAT(when(s, cmd::board_edit{"i4", " Fractions and decimals ", 1}, sam),
              Gives(events{evt::board_item_saved{item("i4", L::assumptions, "Fractions and decimals", 2), -1}}));
}

TEST(ActivityBoardEdit, AStaleVersionIsAConflictCarryingTheCurrentItem) {
  auto s = board_with_items();
  s = given(s, cmd::board_edit{"i4", "Fractions and decimals", 1}, sam);

  EXPECT_THAT(when(s, cmd::board_edit{"i4", "Only fractions", 1}, sam),
              RejectsAsStale(item("i4", L::assumptions, "Fractions and decimals", 2)));
}

TEST(ActivityBoardEdit, RefusesAnUnknownItem) {
  EXPECT_THAT(when(board_with_items(), cmd::board_edit{"i99", "Text", 1}, sam), Rejects(error_code::not_found));
}

TEST(ActivityBoardEdit, RefusesEmptyAndOverlongText) {
  const auto s = board_with_items();

  EXPECT_THAT(when(s, cmd::board_edit{"i1", "   ", 1}, sam), Rejects(error_code::invalid));
  EXPECT_THAT(when(s, cmd::board_edit{"i1", repeated("x", 501), 1}, sam), Rejects(error_code::too_large));
}

// ---- move ----

TEST(ActivityBoardMove, GivesTheMoveWithTheNextVersion) {
  EXPECT_THAT(when(board_with_items(), cmd::board_move{"i1", L::know, 2, 1}, sam),
              Gives(events{evt::board_item_moved{"i1", L::know, 2, 2}}));
}

TEST(ActivityBoardMove, WithinAListPlacesTheItemAtTheIndexAmongTheOthers) {
  const auto s = board_with_items();

  const auto to_bottom = given(s, cmd::board_move{"i1", L::know, 2, 1}, sam);
  const auto to_top = given(s, cmd::board_move{"i3", L::know, 0, 1}, sam);
  const auto to_middle = given(s, cmd::board_move{"i3", L::know, 1, 1}, sam);

  EXPECT_EQ(list_order(to_bottom, L::know), (std::vector<std::string>{"i2", "i3", "i1"}));
  EXPECT_EQ(list_order(to_top, L::know), (std::vector<std::string>{"i3", "i1", "i2"}));
  EXPECT_EQ(list_order(to_middle, L::know), (std::vector<std::string>{"i1", "i3", "i2"}));
  EXPECT_EQ(to_top.board[0], item("i3", L::know, "They sit by the window", 2));
}

TEST(ActivityBoardMove, AcrossListsLeavesTheOldListAndEntersTheNewOneAtTheIndex) {
  const auto s = given(board_with_items(), cmd::board_move{"i4", L::know, 1, 1}, sam);

  EXPECT_EQ(list_order(s, L::know), (std::vector<std::string>{"i1", "i4", "i2", "i3"}));
  EXPECT_EQ(list_order(s, L::assumptions), std::vector<std::string>{});
  EXPECT_EQ(*std::find_if(s.board.begin(), s.board.end(), [](const auto& i) { return i.id == "i4"; }),
            item("i4", L::know, "Fractions are the hard part", 2));
}

TEST(ActivityBoardMove, AnIndexPastTheEndOfTheListPutsItLast) {
  const auto s = given(board_with_items(), cmd::board_move{"i1", L::assumptions, 7, 1}, sam);

  EXPECT_EQ(list_order(s, L::assumptions), (std::vector<std::string>{"i4", "i1"}));
  EXPECT_EQ(list_order(s, L::know), (std::vector<std::string>{"i2", "i3"}));
}

TEST(ActivityBoardMove, RefusesAStaleVersionWithTheCurrentItem) {
  const auto s = given(board_with_items(), cmd::board_move{"i1", L::know, 2, 1}, sam);

  EXPECT_THAT(when(s, cmd::board_move{"i1", L::know, 0, 1}, sam),
              RejectsAsStale(item("i1", L::know, "She reads aloud willingly", 2)));
}

TEST(ActivityBoardMove, RefusesAnInvalidListAnUnknownItemAndAnOutOfRangeIndex) {
  const auto s = board_with_items();

  EXPECT_THAT(when(s, cmd::board_move{"i1", L::invalid, 0, 1}, sam), Rejects(error_code::invalid));
  EXPECT_THAT(when(s, cmd::board_move{"i9", L::know, 0, 1}, sam), Rejects(error_code::not_found));
  EXPECT_THAT(when(s, cmd::board_move{"i1", L::know, -1, 1}, sam), Rejects(error_code::invalid));
  EXPECT_THAT(when(s, cmd::board_move{"i1", L::know, 201, 1}, sam), Rejects(error_code::invalid));
}

// ---- remove ----

TEST(ActivityBoardRemove, GivesTheRemovalAndTheItemLeavesTheBoard) {
  const auto s = board_with_items();

  EXPECT_THAT(when(s, cmd::board_remove{"i2", 1}, sam), Gives(events{evt::board_item_removed{"i2"}}));
  EXPECT_EQ(list_order(given(s, cmd::board_remove{"i2", 1}, sam), L::know), (std::vector<std::string>{"i1", "i3"}));
}

TEST(ActivityBoardRemove, RefusesAStaleVersionAndAnUnknownItem) {
  const auto s = given(board_with_items(), cmd::board_edit{"i2", "He finishes first", 1}, sam);

  EXPECT_THAT(when(s, cmd::board_remove{"i2", 1}, sam), RejectsAsStale(item("i2", L::know, "He finishes first", 2)));
  EXPECT_THAT(when(s, cmd::board_remove{"i42", 1}, sam), Rejects(error_code::not_found));
}

// ---- mark ----

TEST(ActivityBoardMark, SetsTheStatusAndEvidenceAsTheNextVersion) {
  auto s = with_transcript(board_with_items());
  s = given(s, cmd::annotate{"L2", "", -1, -1, annotation_tag::notice, "Tables!"}, ana);  // n5

  auto marked = item("i4", L::assumptions, "Fractions are the hard part", 2);
  marked.status = item_status::challenged;
  marked.evidence = {"item:i1", "annotation:n5", "line:L4"};
  EXPECT_THAT(when(s, cmd::board_mark{"i4", item_status::challenged, {"item:i1", "annotation:n5", "line:L4"}, 1}, sam),
              Gives(events{evt::board_item_saved{marked, -1}}));
}

TEST(ActivityBoardMark, ConfirmingWithoutEvidenceIsAllowed) {
  auto marked = item("i4", L::assumptions, "Fractions are the hard part", 2);
  marked.status = item_status::confirmed;

  EXPECT_THAT(when(board_with_items(), cmd::board_mark{"i4", item_status::confirmed, {}, 1}, sam),
              Gives(events{evt::board_item_saved{marked, -1}}));
}

TEST(ActivityBoardMark, RefusesEvidenceThatDoesNotExist) {
  const auto s = board_with_items();  // no transcript, no annotations

  for (const auto* ref : {"item:i99", "annotation:n1", "line:L1", "item:", "i1", "note:i1"}) {
    EXPECT_THAT(when(s, cmd::board_mark{"i4", item_status::confirmed, {"item:i1", ref}, 1}, sam),
                Rejects(error_code::not_found))
        << ref;
  }
}

TEST(ActivityBoardMark, RefusesMoreThanTwentyPiecesOfEvidence) {
  const auto s = board_with_items();

  auto marked = item("i4", L::assumptions, "Fractions are the hard part", 2);
  marked.status = item_status::confirmed;
  marked.evidence = evidence_list(20, "item:i1");
  EXPECT_THAT(when(s, cmd::board_mark{"i4", item_status::confirmed, evidence_list(20, "item:i1"), 1}, sam),
              Gives(events{evt::board_item_saved{marked, -1}}));
  EXPECT_THAT(when(s, cmd::board_mark{"i4", item_status::confirmed, evidence_list(21, "item:i1"), 1}, sam),
              Rejects(error_code::too_large));
}

TEST(ActivityBoardMark, RefusesAnInvalidStatusAStaleVersionAndAnUnknownItem) {
  const auto s = board_with_items();

  EXPECT_THAT(when(s, cmd::board_mark{"i4", item_status::invalid, {}, 1}, sam), Rejects(error_code::invalid));
  EXPECT_THAT(when(s, cmd::board_mark{"i4", item_status::confirmed, {}, 2}, sam),
              RejectsAsStale(item("i4", L::assumptions, "Fractions are the hard part")));
  EXPECT_THAT(when(s, cmd::board_mark{"i0", item_status::confirmed, {}, 1}, sam), Rejects(error_code::not_found));
}

// ---- proposals ----

TEST(ActivityBoardPropose, GivesAPendingProposalByItsAuthor) {
  EXPECT_THAT(when(board_with_items(), cmd::board_propose{L::find_out, " Ask about home reading "}, ana),
              Gives(events{evt::proposal_saved{
                  {"q5", L::find_out, "Ask about home reading", "p3", proposal_state::pending, ""}}}));
}

TEST(ActivityBoardPropose, TheFacilitatorMayProposeToo) {
  EXPECT_THAT(
      when(in_phase(assumptions), cmd::board_propose{L::dont_know, "How she felt"}, maya),
      Gives(events{evt::proposal_saved{{"q1", L::dont_know, "How she felt", "p1", proposal_state::pending, ""}}}));
}

TEST(ActivityBoardPropose, RefusesAnInvalidListAndBadText) {
  const auto s = in_phase(talk);

  EXPECT_THAT(when(s, cmd::board_propose{L::invalid, "Text"}, ana), Rejects(error_code::invalid));
  EXPECT_THAT(when(s, cmd::board_propose{L::know, ""}, ana), Rejects(error_code::invalid));
  EXPECT_THAT(when(s, cmd::board_propose{L::know, repeated("x", 501)}, ana), Rejects(error_code::too_large));
}

TEST(ActivityBoardPropose, RefusesTheTwoHundredAndFirstProposal) {
  auto s = in_phase(talk);
  for (int i = 0; i < 200; ++i) s = given(s, cmd::board_propose{L::know, "Idea " + std::to_string(i)}, ana);

  EXPECT_THAT(when(s, cmd::board_propose{L::know, "One more"}, ana), Rejects(error_code::too_large));
}

TEST(ActivityProposalDecide, AcceptingSavesTheProposalAndAnItemByTheProposalsAuthor) {
  const auto s = given(board_with_items(), cmd::board_propose{L::find_out, "Ask about home reading"}, ana);  // q5

  EXPECT_THAT(
      when(s, cmd::proposal_decide{"q5", true}, sam),
      Gives(events{
          evt::proposal_saved{{"q5", L::find_out, "Ask about home reading", "p3", proposal_state::accepted, "i6"}},
          evt::board_item_saved{{"i6", L::find_out, "Ask about home reading", "p3", item_status::open, {}, 1, {}},
                                -1}}));
}

TEST(ActivityProposalDecide, AcceptedItemLandsAtTheEndOfItsList) {
  auto s = given(board_with_items(), cmd::board_propose{L::know, "Likes maps"}, ana);  // q5
  s = given(s, cmd::proposal_decide{"q5", true}, sam);

  EXPECT_EQ(list_order(s, L::know), (std::vector<std::string>{"i1", "i2", "i3", "i6"}));
}

TEST(ActivityProposalDecide, SettingAsideSavesTheProposalOnly) {
  const auto s = given(board_with_items(), cmd::board_propose{L::know, "Likes maps"}, ana);

  EXPECT_THAT(when(s, cmd::proposal_decide{"q5", false}, sam),
              Gives(events{evt::proposal_saved{{"q5", L::know, "Likes maps", "p3", proposal_state::set_aside, ""}}}));
}

TEST(ActivityProposalDecide, DecidingTwiceIsAConflict) {
  const auto proposed = given(board_with_items(), cmd::board_propose{L::know, "Likes maps"}, ana);
  const auto accepted = given(proposed, cmd::proposal_decide{"q5", true}, sam);
  const auto set_aside = given(proposed, cmd::proposal_decide{"q5", false}, sam);

  EXPECT_THAT(when(accepted, cmd::proposal_decide{"q5", true}, sam), Rejects(error_code::conflict));
  EXPECT_THAT(when(accepted, cmd::proposal_decide{"q5", false}, sam), Rejects(error_code::conflict));
  EXPECT_THAT(when(set_aside, cmd::proposal_decide{"q5", true}, sam), Rejects(error_code::conflict));
}

TEST(ActivityProposalDecide, RefusesAnUnknownProposal) {
  EXPECT_THAT(when(board_with_items(), cmd::proposal_decide{"q1", true}, sam), Rejects(error_code::not_found));
}

TEST(ActivityProposalDecide, AcceptingOntoAFullBoardIsTooLarge) {
  auto s = in_phase(talk);
  s = given(s, cmd::board_propose{L::know, "Likes maps"}, ana);  // q1
  for (int i = 0; i < 200; ++i) s = given(s, cmd::board_add{L::know, "Item " + std::to_string(i)}, sam);

  EXPECT_THAT(when(s, cmd::proposal_decide{"q1", true}, sam), Rejects(error_code::too_large));
  EXPECT_THAT(when(s, cmd::proposal_decide{"q1", false}, sam),
              Gives(events{evt::proposal_saved{{"q1", L::know, "Likes maps", "p3", proposal_state::set_aside, ""}}}));
}

}  // namespace
}  // namespace debrief::protocol::activity
