// Follow-up sessions of an inquiry: what create_session accepts as carried
// in, how evolve starts the session from it (carried assumptions on the
// board), and the presenter's check-ins on carried adaptations and questions.

#include <algorithm>

#include "debrief/protocol/limits.hpp"
#include "debrief/protocol/visibility.hpp"
#include "debrief/protocol/wire.hpp"
#include "follow_up.hpp"

namespace debrief::protocol::activity {
namespace {

using D = check_in_decision;
using Tr = tried_state;
using K = carried_kind;

rejection refusal_of(std::variant<evt::session_created, rejection> created) {
  if (const auto* why = std::get_if<rejection>(&created)) return *why;
  ADD_FAILURE() << "accepted: " << json(event{std::get<evt::session_created>(created)}).dump();
  return {};
}

rejection refused_start(inquiry_start start) {
  return refusal_of(create_session("M3N4P5Q6R7ST", "", follow_up_template(), t0, std::move(start)));
}

bool accepted_start(inquiry_start start) {
  return std::holds_alternative<evt::session_created>(
      create_session("M3N4P5Q6R7ST", "", follow_up_template(), t0, std::move(start)));
}

inquiry_start carrying(std::vector<carried_item> items) { return {"", {}, std::move(items)}; }

check_in a_check_in(std::string id, std::string thread, Tr tried, D decision, int version = 1) {
  check_in k;
  k.id = std::move(id);
  k.thread = std::move(thread);
  k.phase = "check";
  k.tried = tried;
  k.decision = decision;
  k.author = "p2";
  k.version = version;
  return k;
}

// ---- creating a follow-up ----

TEST(FollowUpCreate, KeepsTheDateTheLearnersAndWhatIsCarried) {
  const auto created = follow_up_created();

  EXPECT_EQ(created.date, "2026-03-15");
  EXPECT_EQ(created.learners, std::vector<std::string>{"Student A"});
  EXPECT_EQ(created.carried, spring_start().carried);
}

TEST(FollowUpCreate, TrimsPseudonymsAndCarriedTexts) {
  auto start = spring_start();
  start.learners = {"  Student A ", "Student B"};
  start.carried[0].text = "  Start with a drawing \n";

  const auto created = follow_up_created(start);

  EXPECT_EQ(created.learners, (std::vector<std::string>{"Student A", "Student B"}));
  EXPECT_EQ(created.carried[0].text, "Start with a drawing");
}

TEST(FollowUpCreate, AnOrdinarySessionCarriesNothing) {
  const auto created = std::get<evt::session_created>(create_session("K7M2Q9XP4TDA", "Triad", workshop_template(), t0));

  EXPECT_EQ(created.date, "");
  EXPECT_TRUE(created.learners.empty());
  EXPECT_TRUE(created.carried.empty());
  EXPECT_FALSE(json(event{created}).at("carried").size());
}

TEST(FollowUpCreate, TheDateIsEmptyOrARealDay) {
  EXPECT_TRUE(accepted_start({"", {}, {}}));
  EXPECT_TRUE(accepted_start({"2028-02-29", {}, {}}));
  for (const auto* bad : {"2027-02-29", "2026-13-01", "2026-04-31", "2026-3-15", "15/03/2026", "2026-03-15 "}) {
    const auto why = refused_start({bad, {}, {}});
    EXPECT_EQ(why.code, error_code::invalid) << bad;
    EXPECT_NE(why.message.find("2026-03-15"), std::string::npos) << why.message;
  }
}

TEST(FollowUpCreate, AtMostFourFocalLearners) {
  EXPECT_TRUE(accepted_start({"", {"A", "B", "C", "D"}, {}}));
  EXPECT_EQ(refused_start({"", {"A", "B", "C", "D", "E"}, {}}).code, error_code::too_large);
}

TEST(FollowUpCreate, EachLearnerIsOneNonEmptyLineOfAtMostSixtyCharacters) {
  EXPECT_TRUE(accepted_start({"", {repeated("é", 60)}, {}}));
  EXPECT_EQ(refused_start({"", {repeated("é", 61)}, {}}).code, error_code::too_large);
  EXPECT_EQ(refused_start({"", {"   "}, {}}).code, error_code::invalid);
  EXPECT_EQ(refused_start({"", {"Student\nA"}, {}}).code, error_code::invalid);
}

TEST(FollowUpCreate, AtMostFiveHundredCarriedItems) {
  std::vector<carried_item> items;
  for (int i = 1; i <= 501; ++i) items.push_back(carried("1.a" + std::to_string(i), K::question, "Why?"));
  EXPECT_EQ(refused_start(carrying(items)).code, error_code::too_large);
  items.pop_back();
  EXPECT_TRUE(accepted_start(carrying(items)));
}

TEST(FollowUpCreate, NoMoreCarriedAssumptionsThanTheBoardHolds) {
  std::vector<carried_item> items;
  for (int i = 1; i <= 201; ++i) items.push_back(carried("1.i" + std::to_string(i), K::assumption, "She guesses"));
  EXPECT_EQ(refused_start(carrying(items)).code, error_code::too_large);
  items.pop_back();
  EXPECT_TRUE(accepted_start(carrying(items)));
}

TEST(FollowUpCreate, EachThreadIsCarriedOnceAndIsOneShortLine) {
  EXPECT_EQ(
      refused_start(carrying({carried("1.a1", K::adaptation, "Draw"), carried("1.a1", K::question, "Why?")})).code,
      error_code::invalid);
  EXPECT_EQ(refused_start(carrying({carried("", K::adaptation, "Draw")})).code, error_code::invalid);
  EXPECT_EQ(refused_start(carrying({carried("1.a\n1", K::adaptation, "Draw")})).code, error_code::invalid);
  EXPECT_TRUE(accepted_start(carrying({carried(repeated("1", 40), K::adaptation, "Draw")})));
  EXPECT_EQ(refused_start(carrying({carried(repeated("1", 41), K::adaptation, "Draw")})).code, error_code::too_large);
}

TEST(FollowUpCreate, EachKindsTextKeepsTheLimitItHadWhereItBegan) {
  struct limit_case {
    K kind;
    std::size_t max;
  };
  for (const auto& [kind, max] :
       {limit_case{K::adaptation, limits::max_adaptation_chars}, limit_case{K::question, limits::max_follow_up_chars},
        limit_case{K::assumption, limits::max_item_chars}}) {
    SCOPED_TRACE(json(kind).dump());
    EXPECT_TRUE(accepted_start(carrying({carried("1.x1", kind, repeated("x", max))})));
    EXPECT_EQ(refused_start(carrying({carried("1.x1", kind, repeated("x", max + 1))})).code, error_code::too_large);
    EXPECT_EQ(refused_start(carrying({carried("1.x1", kind, "  ")})).code, error_code::invalid);
  }
}

TEST(FollowUpCreate, RefusesACarriedItemWithABadField) {
  auto no_kind = carried("1.a1", K::invalid, "Draw");
  auto no_status = carried("1.i1", K::assumption, "She guesses");
  no_status.status = item_status::invalid;
  auto bad_from = carried("1.a1", K::adaptation, "Draw");
  bad_from.from = "2025-11-31";
  const auto long_for_whom = carried("1.a1", K::adaptation, "Draw", repeated("s", 61));
  const auto two_line_for_whom = carried("1.a1", K::adaptation, "Draw", "Student\nA");
  const auto bad_check_in = carried("1.a1", K::adaptation, "Draw", "Student A", "2026-02-30");

  EXPECT_EQ(refused_start(carrying({no_kind})).code, error_code::invalid);
  EXPECT_EQ(refused_start(carrying({no_status})).code, error_code::invalid);
  EXPECT_EQ(refused_start(carrying({bad_from})).code, error_code::invalid);
  EXPECT_EQ(refused_start(carrying({long_for_whom})).code, error_code::too_large);
  EXPECT_EQ(refused_start(carrying({two_line_for_whom})).code, error_code::invalid);
  EXPECT_EQ(refused_start(carrying({bad_check_in})).code, error_code::invalid);
  EXPECT_TRUE(accepted_start(carrying({carried("1.a1", K::adaptation, "Draw", repeated("s", 60), "2028-02-29")})));
}

// ---- evolve(session_created) ----

TEST(FollowUpEvolve, CopiesTheInquiryFieldsAndPutsCarriedAssumptionsOnTheBoard) {
  const auto s = evolve({}, follow_up_created());

  EXPECT_EQ(s.date, "2026-03-15");
  EXPECT_EQ(s.learners, std::vector<std::string>{"Student A"});
  EXPECT_EQ(s.carried, spring_start().carried);
  const board_item expected{
      "i1", board_list::assumptions, "Fractions are hard for her", "", item_status::challenged, {}, 1, "1.i4"};
  EXPECT_EQ(s.board, std::vector<board_item>{expected});
  EXPECT_EQ(s.ids_issued, 1);
  EXPECT_TRUE(s.check_ins.empty());
}

TEST(FollowUpEvolve, CarriedAssumptionsTakeIdsInOrderAndNewItemsFollowThem) {
  auto start = spring_start();
  start.carried.push_back(carried("2.i9", K::assumption, "She prefers to work alone", "", "", item_status::open));
  auto s = evolve({}, follow_up_created(start));
  ASSERT_EQ(s.board.size(), 2u);
  EXPECT_EQ(s.board[0].id, "i1");
  EXPECT_EQ(s.board[1].id, "i2");
  EXPECT_EQ(s.board[1].thread, "2.i9");
  EXPECT_EQ(s.board[1].status, item_status::open);

  s = given(s, cmd::join{"Sam", role::presenter}, nobody);  // the first to join: p1
  s = given(s, cmd::board_add{board_list::know, "Likes art"}, sender{"p1"});
  EXPECT_EQ(s.board.back().id, "i3");
  EXPECT_EQ(s.board.back().thread, "");
}

TEST(FollowUpEvolve, ThePresenterReMarksACarriedAssumptionWithTheNewTranscript) {
  for (const int phase : {follow_up_checking, follow_up_revisit}) {
    const auto s = follow_up_in(phase);
    auto marked = s.board.front();
    marked.status = item_status::confirmed;
    marked.evidence = {"line:L2"};
    marked.version = 2;
    EXPECT_THAT(when(s, cmd::board_mark{"i1", item_status::confirmed, {"line:L2"}, 1}, sam),
                Gives(events{evt::board_item_saved{marked, -1}}));
  }
}

// ---- check_in_save ----

TEST(CheckInSave, ThePresentersFirstCheckInOnAnAdaptation) {
  auto c = check_in_on("1.a18", Tr::partly, D::keep);
  c.happened = "  She drew the tables first, then counted. ";
  c.note = " Drew before talking ";
  c.evidence = {"line:L2", "item:i1"};

  auto expected = a_check_in("k2", "1.a18", Tr::partly, D::keep);
  expected.happened = "She drew the tables first, then counted.";
  expected.note = "Drew before talking";
  expected.evidence = {"line:L2", "item:i1"};
  EXPECT_THAT(when(follow_up_in(follow_up_checking), c, sam), Gives(events{evt::check_in_saved{expected}}));
}

TEST(CheckInSave, AQuestionAdjustedKeepsTheNewWording) {
  auto expected = a_check_in("k2", "1.a18.q1", Tr::yes, D::adjust);
  expected.adjusted = "Which café did you draw?";
  EXPECT_THAT(when(follow_up_in(follow_up_checking),
                   check_in_on("1.a18.q1", Tr::yes, D::adjust, 0, "  Which café did you draw? "), sam),
              Gives(events{evt::check_in_saved{expected}}));
}

TEST(CheckInSave, AnAdaptationNotYetTriedMayBeDropped) {
  EXPECT_THAT(when(follow_up_in(follow_up_checking), check_in_on("1.a18", Tr::not_yet, D::drop), sam),
              Gives(events{evt::check_in_saved{a_check_in("k2", "1.a18", Tr::not_yet, D::drop)}}));
}

TEST(CheckInSave, EditsTheCheckInInPlace) {
  const auto s = given(follow_up_in(follow_up_checking), check_in_on("1.a18", Tr::partly, D::keep), sam);

  auto expected = a_check_in("k2", "1.a18", Tr::yes, D::adjust, 2);
  expected.adjusted = "Start with a drawing, then a table";
  const auto r = when(s, check_in_on("1.a18", Tr::yes, D::adjust, 1, "Start with a drawing, then a table"), sam);
  EXPECT_THAT(r, Gives(events{evt::check_in_saved{expected}}));

  const auto after = replay(std::get<events>(r.value), s);
  EXPECT_EQ(after.check_ins, std::vector<check_in>{expected});
}

TEST(CheckInSave, OneCheckInPerThreadEachWithItsOwnId) {
  auto s = given(follow_up_in(follow_up_checking), check_in_on("1.a18", Tr::yes, D::keep), sam);
  s = given(s, check_in_on("1.a18.q1", Tr::yes, D::keep), sam);

  ASSERT_EQ(s.check_ins.size(), 2u);
  // After the carried assumption's i1.
  EXPECT_EQ(s.check_ins[0].id, "k2");
  EXPECT_EQ(s.check_ins[1].id, "k3");
  EXPECT_EQ(s.ids_issued, 3);
}

TEST(CheckInSave, AStaleVersionGetsTheCurrentCheckIn) {
  const auto s = given(follow_up_in(follow_up_checking), check_in_on("1.a18", Tr::partly, D::keep), sam);
  const auto current = s.check_ins.front();

  EXPECT_THAT(when(s, check_in_on("1.a18", Tr::yes, D::drop, 0), sam), RejectsAsStale(current));
  EXPECT_THAT(when(s, check_in_on("1.a18", Tr::yes, D::drop, 2), sam), RejectsAsStale(current));
  // Before the fields are looked at: the presenter sees what is there now.
  EXPECT_THAT(when(s, check_in_on("1.a18", Tr::invalid, D::adjust, 0, ""), sam), RejectsAsStale(current));
}

TEST(CheckInSave, AnEditOfACheckInThatIsNotThereIsAConflict) {
  EXPECT_THAT(when(follow_up_in(follow_up_checking), check_in_on("1.a18", Tr::yes, D::keep, 1), sam),
              Rejects(error_code::conflict));
}

TEST(CheckInSave, OnlyThePresenter) {
  const auto s = follow_up_in(follow_up_checking);
  const auto c = check_in_on("1.a18", Tr::yes, D::keep);

  EXPECT_THAT(when(s, c, maya), Rejects(error_code::forbidden));
  EXPECT_THAT(when(s, c, ana), Rejects(error_code::forbidden));
  EXPECT_THAT(when(s, c, olu), Rejects(error_code::forbidden));
  EXPECT_THAT(when(s, c, nobody), Rejects(error_code::not_joined));
}

TEST(CheckInSave, OnlyInACheckInPhase) {
  for (const int phase : {follow_up_opening, follow_up_reading, follow_up_revisit, follow_up_adapting}) {
    EXPECT_THAT(when(follow_up_in(phase), check_in_on("1.a18", Tr::yes, D::keep), sam), Rejects(error_code::conflict))
        << phase;
  }
}

TEST(CheckInSave, WrittenInAnotherPhaseIsRefusedWithTheCurrentOne) {
  auto c = check_in_on("1.a18", Tr::yes, D::keep);
  c.written_in = "read";

  const auto r = when(follow_up_in(follow_up_checking), c, sam);
  ASSERT_THAT(r, Rejects(error_code::conflict));
  EXPECT_EQ(std::get<rejection>(r.value).current, (json{{"phase", "check"}}));
}

TEST(CheckInSave, NotBeforeTheSessionStartsNorAfterItEnds) {
  // In the lobby with the check-in phase first, the phase's kind allows it, the session does not.
  auto lobby = follow_up_lobby();
  auto& phases = lobby.tmpl.phases;
  std::rotate(phases.begin(), phases.begin() + follow_up_checking, phases.end());
  ASSERT_EQ(lobby.current_phase()->kind, phase_kind::check_in);
  EXPECT_THAT(when(lobby, check_in_on("1.a18", Tr::yes, D::keep), sam),
              RejectsSaying(error_code::conflict, "not started"));

  const auto ended = given(follow_up_in(follow_up_checking), cmd::end_session{}, maya);
  EXPECT_THAT(when(ended, check_in_on("1.a18", Tr::yes, D::keep), sam), Rejects(error_code::conflict));
}

TEST(CheckInSave, TheThreadMustBeCarriedIn) {
  EXPECT_THAT(when(follow_up_in(follow_up_checking), check_in_on("1.a99", Tr::yes, D::keep), sam),
              RejectsSaying(error_code::not_found, "1.a99"));
  const auto r = when(follow_up_in(follow_up_checking), check_in_on(repeated("1", 41), Tr::yes, D::keep), sam);
  ASSERT_THAT(r, Rejects(error_code::not_found));
  EXPECT_EQ(std::get<rejection>(r.value).message.find(repeated("1", 41)), std::string::npos);
}

TEST(CheckInSave, AnAssumptionIsReMarkedOnTheBoardInstead) {
  EXPECT_THAT(when(follow_up_in(follow_up_checking), check_in_on("1.i4", Tr::yes, D::keep), sam),
              RejectsSaying(error_code::invalid, "board_mark"));
}

TEST(CheckInSave, NeedsTriedAndADecision) {
  const auto s = follow_up_in(follow_up_checking);

  EXPECT_THAT(when(s, check_in_on("1.a18", Tr::invalid, D::keep), sam), RejectsSaying(error_code::invalid, "tried"));
  EXPECT_THAT(when(s, check_in_on("1.a18.q1", Tr::invalid, D::keep), sam), RejectsSaying(error_code::invalid, "asked"));
  EXPECT_THAT(when(s, check_in_on("1.a18", Tr::yes, D::invalid), sam), Rejects(error_code::invalid));
}

TEST(CheckInSave, AdjustedTextGoesWithAdjustAndOnlyWithIt) {
  const auto s = follow_up_in(follow_up_checking);

  EXPECT_THAT(when(s, check_in_on("1.a18", Tr::yes, D::adjust, 0, ""), sam), Rejects(error_code::invalid));
  EXPECT_THAT(when(s, check_in_on("1.a18", Tr::yes, D::adjust, 0, "  \n "), sam), Rejects(error_code::invalid));
  EXPECT_THAT(when(s, check_in_on("1.a18", Tr::yes, D::keep, 0, "Something else"), sam), Rejects(error_code::invalid));
  EXPECT_THAT(when(s, check_in_on("1.a18", Tr::yes, D::drop, 0, "Something else"), sam), Rejects(error_code::invalid));
}

TEST(CheckInSave, AdjustedTextKeepsTheLimitOfWhatItAdjusts) {
  const auto s = follow_up_in(follow_up_checking);
  const auto adjust = [&](const std::string& thread, std::size_t chars) {
    return when(s, check_in_on(thread, Tr::yes, D::adjust, 0, repeated("x", chars)), sam);
  };

  EXPECT_TRUE(std::holds_alternative<events>(adjust("1.a18", limits::max_adaptation_chars).value));
  EXPECT_THAT(adjust("1.a18", limits::max_adaptation_chars + 1), Rejects(error_code::too_large));
  EXPECT_TRUE(std::holds_alternative<events>(adjust("1.a18.q1", limits::max_follow_up_chars).value));
  EXPECT_THAT(adjust("1.a18.q1", limits::max_follow_up_chars + 1), Rejects(error_code::too_large));
}

TEST(CheckInSave, WhatHappenedAndTheNoteAtMostTwoThousandCharacters) {
  const auto s = follow_up_in(follow_up_checking);
  const auto with = [&](std::string happened, std::string note) {
    auto c = check_in_on("1.a18", Tr::yes, D::keep);
    c.happened = std::move(happened);
    c.note = std::move(note);
    return when(s, c, sam);
  };

  EXPECT_TRUE(std::holds_alternative<events>(with(repeated("é", 2000), repeated("é", 2000)).value));
  EXPECT_THAT(with(repeated("é", 2001), ""), RejectsSaying(error_code::too_large, "2000"));
  EXPECT_THAT(with("", repeated("é", 2001)), RejectsSaying(error_code::too_large, "2000"));
  EXPECT_TRUE(std::holds_alternative<events>(with("She said:\n\"tables\"", "").value));
  EXPECT_THAT(with(std::string("bell\a"), ""), Rejects(error_code::invalid));
  EXPECT_THAT(with("", std::string("bell\a")), Rejects(error_code::invalid));
}

TEST(CheckInSave, EvidenceMustExistInThisSession) {
  const auto s = follow_up_in(follow_up_checking);
  const auto citing = [&](evidence_list evidence) {
    auto c = check_in_on("1.a18", Tr::yes, D::keep);
    c.evidence = std::move(evidence);
    return when(s, c, sam);
  };

  EXPECT_THAT(citing({"line:L9"}), RejectsSaying(error_code::not_found, "line:L9"));
  EXPECT_THAT(citing({"annotation:n1"}), Rejects(error_code::not_found));
  EXPECT_THAT(citing({"item:i2"}), Rejects(error_code::not_found));
  EXPECT_THAT(citing({"L2"}), Rejects(error_code::not_found));
  EXPECT_TRUE(std::holds_alternative<events>(citing(evidence_list(20, "line:L2")).value));
  EXPECT_THAT(citing(evidence_list(21, "line:L2")), Rejects(error_code::too_large));
}

TEST(CheckInSave, ColleaguesWriteEntriesBesideTheCheckIns) {
  const auto s = follow_up_in(follow_up_checking);
  const auto r = when(s, cmd::entry_add{"Did she draw at home too?", 0}, ana);
  ASSERT_TRUE(std::holds_alternative<events>(r.value)) << as_json(r).dump();
  EXPECT_EQ(std::get<evt::entry_saved>(std::get<events>(r.value).front()).entry.phase, "check");
}

TEST(CheckInSave, EveryoneSeesCheckInsAsStored) {
  const auto r = when(follow_up_in(follow_up_checking), check_in_on("1.a18", Tr::yes, D::keep), sam);
  const auto& e = std::get<events>(r.value).front();
  EXPECT_TRUE(shown_as_stored(e));
}

// ---- on the wire ----

cmd::check_in_save parsed(const std::string& text) {
  const auto out = parse_client_message(text);
  if (const auto* e = std::get_if<parse_error>(&out)) {
    ADD_FAILURE() << "refused " << text << ": " << e->why.message;
    return {};
  }
  return std::get<cmd::check_in_save>(std::get<client_command>(std::get<client_message>(out)).command);
}

parse_error refused(const std::string& text) {
  const auto out = parse_client_message(text);
  if (const auto* e = std::get_if<parse_error>(&out)) return *e;
  ADD_FAILURE() << "accepted " << text;
  return {};
}

TEST(CheckInSaveWire, ReadsEveryField) {
  const auto c =
      parsed(R"({"type":"check_in_save","id":"c7","phase":"check","thread":"1.a18","tried":"not_yet","happened":"h",)"
             R"("evidence":["line:L2"],"note":"n","decision":"adjust","adjusted":"a","version":0})");

  EXPECT_EQ(c.written_in, "check");
  EXPECT_EQ(c.thread, "1.a18");
  EXPECT_EQ(c.tried, Tr::not_yet);
  EXPECT_EQ(c.happened, "h");
  EXPECT_EQ(c.evidence, evidence_list{"line:L2"});
  EXPECT_EQ(c.note, "n");
  EXPECT_EQ(c.decision, D::adjust);
  EXPECT_EQ(c.adjusted, "a");
  EXPECT_EQ(c.version, 0);
}

TEST(CheckInSaveWire, RefusesAMissingOrWrongField) {
  const std::string head = R"({"type":"check_in_save","id":"c7","phase":"check","thread":"1.a18",)";
  for (const auto& [body, words] : std::vector<std::pair<std::string, std::string>>{
           {R"("decision":"keep","version":0})", "\"tried\""},
           {R"("tried":"maybe","decision":"keep","version":0})", "\"tried\""},
           {R"("tried":"yes","version":0})", "\"decision\""},
           {R"("tried":"yes","decision":"later","version":0})", "\"decision\""},
           {R"("tried":"yes","decision":"keep"})", "\"version\""},
           {R"("tried":"yes","decision":"keep","version":-1})", "\"version\""},
           {R"("tried":"yes","decision":"keep","version":0,"evidence":"line:L2"})", "\"evidence\""},
           {R"("tried":"yes","decision":"keep","version":0,"happened":7})", "\"happened\""},
       }) {
    const auto e = refused(head + body);
    EXPECT_EQ(e.why.code, error_code::invalid) << body;
    EXPECT_EQ(e.id, "c7");
    EXPECT_NE(e.why.message.find(words), std::string::npos) << body << ": " << e.why.message;
  }
  const auto no_phase =
      refused(R"({"type":"check_in_save","id":"c7","thread":"1.a18","tried":"yes","decision":"keep","version":0})");
  EXPECT_NE(no_phase.why.message.find("\"phase\""), std::string::npos);
}

}  // namespace
}  // namespace debrief::protocol::activity
