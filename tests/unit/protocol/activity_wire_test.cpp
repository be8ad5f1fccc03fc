// The activity commands on the wire: good input becomes the typed command,
// and a missing or wrong-typed field is `invalid`, carrying the command id.

#include "activity_support.hpp"

#include <tuple>

#include "debrief/protocol/wire.hpp"

namespace debrief::protocol::activity {
namespace {

using std::string;

// The command a text must parse to, with the id "c7".
template <class C>
C parsed(const string& text) {
  const auto out = parse_client_message(text);
  if (const auto* e = std::get_if<parse_error>(&out)) {
    ADD_FAILURE() << "refused " << text << ": " << to_string(e->why.code) << ": " << e->why.message;
    return {};
  }
  const auto* c = std::get_if<client_command>(&std::get<client_message>(out));
  if (c == nullptr || !std::holds_alternative<C>(c->command)) {
    ADD_FAILURE() << "not the expected command: " << text;
    return {};
  }
  EXPECT_EQ(c->id, "c7");
  return std::get<C>(c->command);
}

// ---- good input ----

TEST(ActivityWireParse, AgendaCommands) {
  const auto minutes =
      parsed<cmd::set_phase_minutes>(R"({"type":"set_phase_minutes","id":"c7","phase":2,"minutes":15})");
  EXPECT_EQ(std::tuple(minutes.phase, minutes.minutes), std::tuple(2, 15));

  const auto removed = parsed<cmd::remove_phase>(R"({"type":"remove_phase","id":"c7","phase":3})");
  EXPECT_EQ(removed.phase, 3);

  const auto moved = parsed<cmd::move_phase>(R"({"type":"move_phase","id":"c7","from":0,"to":4})");
  EXPECT_EQ(std::tuple(moved.from, moved.to), std::tuple(0, 4));

  EXPECT_EQ(parsed<cmd::hand_over>(R"({"type":"hand_over","id":"c7","to":"p3"})").to, "p3");
  EXPECT_EQ(parsed<cmd::move_presenter>(R"({"type":"move_presenter","id":"c7","to":"p3"})").to, "p3");
  EXPECT_EQ(parsed<cmd::reveal_phase>(R"({"type":"reveal_phase","id":"c7","phase":5})").phase, 5);
  EXPECT_TRUE(parsed<cmd::set_done>(R"({"type":"set_done","id":"c7","phase":"talk"})").done);
  EXPECT_FALSE(parsed<cmd::set_done>(R"({"type":"set_done","id":"c7","phase":"talk","done":false})").done);
}

TEST(ActivityWireParse, AddPhaseReadsThePhaseAndLeavesItsIdToTheServer) {
  const auto c = parsed<cmd::add_phase>(
      R"({"type":"add_phase","id":"c7","at":2,"phase":{"title":"Extra","kind":"chart","minutes":4,
          "prompts":["A","B"],"writers":"colleagues","private":true,"anonymous":true,"auto_advance":true}})");

  EXPECT_EQ(c.at, 2);
  EXPECT_EQ(c.phase,
            (phase_template{"new", "Extra", phase_kind::chart, 4, {"A", "B"}, writers::colleagues, true, true, true}));
}

TEST(ActivityWireParse, AddPhaseTakesTheTemplateDefaults) {
  const auto c = parsed<cmd::add_phase>(
      R"({"type":"add_phase","id":"c7","at":0,"phase":{"id":"mine","title":"Extra","kind":"opening","minutes":1}})");

  EXPECT_EQ(c.phase, (phase_template{"new", "Extra", phase_kind::opening, 1, {}}));
}

TEST(ActivityWireParse, BoardCommands) {
  const auto add =
      parsed<cmd::board_add>(R"({"type":"board_add","id":"c7","phase":"talk","list":"dont_know","text":"Why?"})");
  EXPECT_EQ(std::tuple(add.list, add.text), std::tuple(board_list::dont_know, string("Why?")));

  const auto edit = parsed<cmd::board_edit>(R"({"type":"board_edit","id":"c7","item":"i3","text":"New","version":2})");
  EXPECT_EQ(std::tuple(edit.item, edit.text, edit.version), std::tuple(string("i3"), string("New"), 2));

  const auto move =
      parsed<cmd::board_move>(R"({"type":"board_move","id":"c7","item":"i3","list":"find_out","index":1,"version":4})");
  EXPECT_EQ(std::tuple(move.item, move.list, move.index, move.version),
            std::tuple(string("i3"), board_list::find_out, 1, 4));

  const auto remove = parsed<cmd::board_remove>(R"({"type":"board_remove","id":"c7","item":"i3","version":5})");
  EXPECT_EQ(std::tuple(remove.item, remove.version), std::tuple(string("i3"), 5));

  const auto mark = parsed<cmd::board_mark>(
      R"({"type":"board_mark","id":"c7","item":"i3","status":"confirmed","evidence":["line:L2","item:i1"],"version":6})");
  EXPECT_EQ(std::tuple(mark.item, mark.status, mark.evidence, mark.version),
            std::tuple(string("i3"), item_status::confirmed, evidence_list{"line:L2", "item:i1"}, 6));
  EXPECT_TRUE(parsed<cmd::board_mark>(R"({"type":"board_mark","id":"c7","item":"i3","status":"open","version":6})")
                  .evidence.empty());

  const auto propose =
      parsed<cmd::board_propose>(R"({"type":"board_propose","id":"c7","phase":"talk","list":"know","text":"Idea"})");
  EXPECT_EQ(std::tuple(propose.list, propose.text), std::tuple(board_list::know, string("Idea")));

  const auto decide =
      parsed<cmd::proposal_decide>(R"({"type":"proposal_decide","id":"c7","proposal":"q4","accept":true})");
  EXPECT_EQ(std::tuple(decide.proposal, decide.accept), std::tuple(string("q4"), true));
}

TEST(ActivityWireParse, EntryCommands) {
  const auto add =
      parsed<cmd::entry_add>(R"({"type":"entry_add","id":"c7","phase":"talk","text":"Noticed","prompt":1})");
  EXPECT_EQ(std::tuple(add.text, add.prompt), std::tuple(string("Noticed"), 1));
  EXPECT_EQ(
      parsed<cmd::entry_add>(R"({"type":"entry_add","id":"c7","phase":"talk","text":"Noticed","prompt":-1})").prompt,
      -1);

  const auto edit =
      parsed<cmd::entry_edit>(R"({"type":"entry_edit","id":"c7","entry":"e5","text":"More","version":3})");
  EXPECT_EQ(std::tuple(edit.entry, edit.text, edit.version), std::tuple(string("e5"), string("More"), 3));

  EXPECT_EQ(parsed<cmd::entry_remove>(R"({"type":"entry_remove","id":"c7","entry":"e5"})").entry, "e5");
  EXPECT_EQ(parsed<cmd::entry_share>(R"({"type":"entry_share","id":"c7","entry":"e5"})").entry, "e5");
}

TEST(ActivityWireParse, AdaptationCommands) {
  const auto add = parsed<cmd::adaptation_add>(
      R"({"type":"adaptation_add","id":"c7","phase":"talk","change":"Draw first","for_whom":"Student A","evidence":["annotation:n7"],
          "check_in":"2027-03-15","follow_ups":["Which one?"]})");
  EXPECT_EQ(std::tuple(add.fields.change, add.fields.for_whom, add.fields.evidence, add.fields.check_in,
                       add.fields.follow_ups),
            std::tuple(string("Draw first"), string("Student A"), evidence_list{"annotation:n7"}, string("2027-03-15"),
                       std::vector<string>{"Which one?"}));

  const auto bare =
      parsed<cmd::adaptation_add>(R"({"type":"adaptation_add","id":"c7","phase":"talk","change":"Draw first"})");
  EXPECT_EQ(std::tuple(bare.fields.for_whom, bare.fields.evidence, bare.fields.check_in, bare.fields.follow_ups),
            std::tuple(string(), evidence_list{}, string(), std::vector<string>{}));

  const auto edit = parsed<cmd::adaptation_edit>(
      R"({"type":"adaptation_edit","id":"c7","adaptation":"a6","change":"Draw","version":2})");
  EXPECT_EQ(std::tuple(edit.adaptation, edit.fields.change, edit.version), std::tuple(string("a6"), string("Draw"), 2));

  const auto decide = parsed<cmd::adaptation_decide>(
      R"({"type":"adaptation_decide","id":"c7","adaptation":"a6","accept":false,"version":3})");
  EXPECT_EQ(std::tuple(decide.adaptation, decide.accept, decide.version), std::tuple(string("a6"), false, 3));

  EXPECT_EQ(parsed<cmd::adaptation_remove>(R"({"type":"adaptation_remove","id":"c7","adaptation":"a6"})").adaptation,
            "a6");
}

TEST(ActivityWireParse, TranscriptImportReadsEveryLine) {
  const auto c = parsed<cmd::transcript_import>(
      R"({"type":"transcript_import","id":"c7","format":"vtt","consent":true,"lines":[
          {"speaker":"Teacher","role":"teacher","start_ms":0,"text":"Hello"},
          {"speaker":"Student A","role":"student","text":"Hi, café"}]})");

  EXPECT_EQ(c.lines, (std::vector<transcript_line>{{"", "Teacher", speaker_role::teacher, 0, "Hello"},
                                                   {"", "Student A", speaker_role::student, -1, "Hi, café"}}));
  EXPECT_EQ(std::tuple(c.format, c.consent), std::tuple(string("vtt"), true));
  EXPECT_FALSE(parsed<cmd::transcript_import>(
                   R"({"type":"transcript_import","id":"c7","lines":[{"speaker":"T","role":"other","text":"x"}]})")
                   .consent);
}

TEST(ActivityWireParse, TranscriptAndAnnotationCommands) {
  (void)parsed<cmd::transcript_withdraw>(R"({"type":"transcript_withdraw","id":"c7"})");

  const auto full = parsed<cmd::annotate>(
      R"({"type":"annotate","id":"c7","phase":"talk","from_line":"L2","to_line":"L3","start_char":4,"end_char":9,"tag":"strength",
          "comment":"Nice"})");
  EXPECT_EQ(std::tuple(full.from_line, full.to_line, full.start_char, full.end_char, full.tag, full.comment),
            std::tuple(string("L2"), string("L3"), 4, 9, annotation_tag::strength, string("Nice")));

  const auto bare =
      parsed<cmd::annotate>(R"({"type":"annotate","id":"c7","phase":"talk","from_line":"L2","tag":"notice"})");
  EXPECT_EQ(std::tuple(bare.from_line, bare.to_line, bare.start_char, bare.end_char, bare.tag, bare.comment),
            std::tuple(string("L2"), string(), -1, -1, annotation_tag::notice, string()));

  const auto edit = parsed<cmd::annotation_edit>(
      R"({"type":"annotation_edit","id":"c7","annotation":"n4","tag":"need","comment":"Hm","version":2})");
  EXPECT_EQ(std::tuple(edit.annotation, edit.tag, edit.comment, edit.version),
            std::tuple(string("n4"), annotation_tag::need, string("Hm"), 2));

  EXPECT_EQ(parsed<cmd::annotation_remove>(R"({"type":"annotation_remove","id":"c7","annotation":"n4"})").annotation,
            "n4");

  const auto reply = parsed<cmd::annotation_reply>(
      R"({"type":"annotation_reply","id":"c7","phase":"talk","annotation":"n4","text":"Yes"})");
  EXPECT_EQ(std::tuple(reply.annotation, reply.text), std::tuple(string("n4"), string("Yes")));

  EXPECT_EQ(parsed<cmd::focus_line>(R"({"type":"focus_line","id":"c7","line":"L12"})").line, "L12");
  EXPECT_EQ(parsed<cmd::focus_line>(R"({"type":"focus_line","id":"c7"})").line, "");
}

// ---- refused input ----

struct refused {
  string what;
  string text;
  string words;  // the message must contain them (may be empty)
};

void PrintTo(const refused& r, std::ostream* os) { *os << r.what; }

class ActivityWireRefuses : public ::testing::TestWithParam<refused> {};

TEST_P(ActivityWireRefuses, AsInvalidCarryingTheCommandId) {
  const auto out = parse_client_message(GetParam().text);

  ASSERT_TRUE(std::holds_alternative<parse_error>(out)) << GetParam().text;
  const auto& e = std::get<parse_error>(out);
  EXPECT_EQ(to_string(e.why.code), "invalid");
  EXPECT_EQ(e.id, "c7");
  EXPECT_THAT(e.why.message, ::testing::HasSubstr(GetParam().words));
  EXPECT_FALSE(e.why.message.empty());
}

INSTANTIATE_TEST_SUITE_P(
    ActivityEachCommand, ActivityWireRefuses,
    ::testing::Values(
        // agenda
        refused{"SetPhaseMinutesStringMinutes", R"({"type":"set_phase_minutes","id":"c7","phase":1,"minutes":"5"})",
                "minutes"},
        refused{"SetPhaseMinutesNegativePhase", R"({"type":"set_phase_minutes","id":"c7","phase":-1,"minutes":5})",
                "phase"},
        refused{"AddPhaseWithoutPhase", R"({"type":"add_phase","id":"c7","at":1})", "phase"},
        refused{"AddPhaseWithStringPhase", R"({"type":"add_phase","id":"c7","at":1,"phase":"chart"})", "phase"},
        refused{"AddPhaseWithoutTitle", R"({"type":"add_phase","id":"c7","at":1,"phase":{"kind":"chart","minutes":3}})",
                "/phase/title"},
        refused{"AddPhaseWithUnknownKind",
                R"({"type":"add_phase","id":"c7","at":1,"phase":{"title":"X","kind":"game","minutes":3}})",
                "/phase/kind"},
        refused{"AddPhaseWithStringAt",
                R"({"type":"add_phase","id":"c7","at":"1","phase":{"title":"X","kind":"chart","minutes":3}})", "at"},
        refused{"RemovePhaseStringPhase", R"({"type":"remove_phase","id":"c7","phase":"2"})", "phase"},
        refused{"MovePhaseFractionFrom", R"({"type":"move_phase","id":"c7","from":1.5,"to":2})", "from"},
        refused{"HandOverWithoutTo", R"({"type":"hand_over","id":"c7"})", "to"},
        refused{"HandOverNumericTo", R"({"type":"hand_over","id":"c7","to":3})", "to"},
        refused{"MovePresenterWithoutTo", R"({"type":"move_presenter","id":"c7"})", "to"},
        refused{"RevealPhaseBoolPhase", R"({"type":"reveal_phase","id":"c7","phase":true})", "phase"},
        refused{"SetDoneStringDone", R"({"type":"set_done","id":"c7","phase":"talk","done":"yes"})", "done"},
        // board
        refused{"BoardAddWithoutText", R"({"type":"board_add","id":"c7","phase":"talk","list":"know"})", "text"},
        refused{"BoardAddUnknownList", R"({"type":"board_add","id":"c7","phase":"talk","list":"later","text":"x"})",
                "list"},
        refused{"BoardAddNumericList", R"({"type":"board_add","id":"c7","phase":"talk","list":1,"text":"x"})", "list"},
        refused{"BoardEditWithoutVersion", R"({"type":"board_edit","id":"c7","item":"i1","text":"x"})", "version"},
        refused{"BoardEditStringVersion", R"({"type":"board_edit","id":"c7","item":"i1","text":"x","version":"1"})",
                "version"},
        refused{"BoardEditWithoutItem", R"({"type":"board_edit","id":"c7","text":"x","version":1})", "item"},
        refused{"BoardMoveWithoutList", R"({"type":"board_move","id":"c7","item":"i1","index":0,"version":1})", "list"},
        refused{"BoardMoveVersionZero",
                R"({"type":"board_move","id":"c7","item":"i1","list":"know","index":0,"version":0})", "version"},
        refused{"BoardMoveStringIndex",
                R"({"type":"board_move","id":"c7","item":"i1","list":"know","index":"0","version":1})", "index"},
        refused{"BoardRemoveWithoutVersion", R"({"type":"board_remove","id":"c7","item":"i1"})", "version"},
        refused{"BoardRemoveNumericItem", R"({"type":"board_remove","id":"c7","item":4,"version":1})", "item"},
        refused{"BoardMarkWithoutStatus", R"({"type":"board_mark","id":"c7","item":"i1","version":1})", "status"},
        refused{"BoardMarkUnknownStatus", R"({"type":"board_mark","id":"c7","item":"i1","status":"done","version":1})",
                "status"},
        refused{"BoardMarkEvidenceNotAList",
                R"({"type":"board_mark","id":"c7","item":"i1","status":"open","evidence":"item:i2","version":1})",
                "evidence"},
        refused{"BoardMarkEvidenceOfNumbers",
                R"({"type":"board_mark","id":"c7","item":"i1","status":"open","evidence":[2],"version":1})",
                "evidence"},
        refused{"BoardProposeWithoutList", R"({"type":"board_propose","id":"c7","phase":"talk","text":"x"})", "list"},
        refused{"BoardProposeNullText",
                R"({"type":"board_propose","id":"c7","phase":"talk","list":"know","text":null})", "text"},
        refused{"ProposalDecideWithoutAccept", R"({"type":"proposal_decide","id":"c7","proposal":"q1"})", "accept"},
        refused{"ProposalDecideStringAccept", R"({"type":"proposal_decide","id":"c7","proposal":"q1","accept":"yes"})",
                "accept"},
        refused{"ProposalDecideWithoutProposal", R"({"type":"proposal_decide","id":"c7","accept":true})", "proposal"},
        // entries
        refused{"EntryAddWithoutText", R"({"type":"entry_add","id":"c7","phase":"talk","prompt":0})", "text"},
        refused{"EntryAddStringPrompt", R"({"type":"entry_add","id":"c7","phase":"talk","text":"x","prompt":"0"})",
                "prompt"},
        refused{"EntryAddPromptBelowMinusOne",
                R"({"type":"entry_add","id":"c7","phase":"talk","text":"x","prompt":-2})", "prompt"},
        refused{"EntryEditWithoutVersion", R"({"type":"entry_edit","id":"c7","entry":"e1","text":"x"})", "version"},
        refused{"EntryEditNumericText", R"({"type":"entry_edit","id":"c7","entry":"e1","text":3,"version":1})", "text"},
        refused{"EntryRemoveWithoutEntry", R"({"type":"entry_remove","id":"c7"})", "entry"},
        refused{"EntryShareListEntry", R"({"type":"entry_share","id":"c7","entry":["e1"]})", "entry"},
        // adaptations
        refused{"AdaptationAddWithoutChange",
                R"({"type":"adaptation_add","id":"c7","phase":"talk","for_whom":"Student A"})", "change"},
        refused{"AdaptationAddFollowUpsNotAList",
                R"({"type":"adaptation_add","id":"c7","phase":"talk","change":"x","follow_ups":"Why?"})", "follow_ups"},
        refused{"AdaptationAddNumericCheckIn",
                R"({"type":"adaptation_add","id":"c7","phase":"talk","change":"x","check_in":20270315})", "check_in"},
        refused{"AdaptationAddNumericForWhom",
                R"({"type":"adaptation_add","id":"c7","phase":"talk","change":"x","for_whom":7})", "for_whom"},
        refused{"AdaptationEditWithoutAdaptation", R"({"type":"adaptation_edit","id":"c7","change":"x","version":1})",
                "adaptation"},
        refused{"AdaptationEditWithoutVersion",
                R"({"type":"adaptation_edit","id":"c7","adaptation":"a1","change":"x"})", "version"},
        refused{"AdaptationDecideWithoutAccept",
                R"({"type":"adaptation_decide","id":"c7","adaptation":"a1","version":1})", "accept"},
        refused{"AdaptationDecideStringVersion",
                R"({"type":"adaptation_decide","id":"c7","adaptation":"a1","accept":true,"version":"1"})", "version"},
        refused{"AdaptationRemoveWithoutAdaptation", R"({"type":"adaptation_remove","id":"c7"})", "adaptation"},
        // transcript
        refused{"TranscriptImportWithoutLines", R"({"type":"transcript_import","id":"c7","consent":true})", "lines"},
        refused{"TranscriptImportLinesNotAList", R"({"type":"transcript_import","id":"c7","lines":{},"consent":true})",
                "lines"},
        refused{"TranscriptImportLineWithoutText",
                R"({"type":"transcript_import","id":"c7","consent":true,"lines":[
                    {"speaker":"T","role":"teacher","text":"a"},{"speaker":"S","role":"student"}]})",
                "Line 2"},
        refused{
            "TranscriptImportLineWithUnknownRole",
            R"({"type":"transcript_import","id":"c7","consent":true,"lines":[{"speaker":"T","role":"parent","text":"a"}]})",
            "Line 1"},
        refused{
            "TranscriptImportLineNotAnObject",
            R"({"type":"transcript_import","id":"c7","consent":true,"lines":[{"speaker":"T","role":"other","text":"a"},"b"]})",
            "Line 2"},
        refused{
            "TranscriptImportStringStart",
            R"({"type":"transcript_import","id":"c7","consent":true,"lines":[{"speaker":"T","role":"other","start_ms":"0","text":"a"}]})",
            "Line 1"},
        refused{
            "TranscriptImportStringConsent",
            R"({"type":"transcript_import","id":"c7","consent":"yes","lines":[{"speaker":"T","role":"other","text":"a"}]})",
            "consent"},
        refused{"AnnotateWithoutFromLine", R"({"type":"annotate","id":"c7","phase":"talk","tag":"notice"})",
                "from_line"},
        refused{"AnnotateUnknownTag", R"({"type":"annotate","id":"c7","phase":"talk","from_line":"L1","tag":"like"})",
                "tag"},
        refused{"AnnotateWithoutTag", R"({"type":"annotate","id":"c7","phase":"talk","from_line":"L1"})", "tag"},
        refused{"AnnotateStringStartChar",
                R"({"type":"annotate","id":"c7","phase":"talk","from_line":"L1","tag":"need","start_char":"3"})",
                "start_char"},
        refused{"AnnotateNegativeEndChar",
                R"({"type":"annotate","id":"c7","phase":"talk","from_line":"L1","tag":"need","end_char":-1})",
                "end_char"},
        refused{"AnnotationEditWithoutVersion",
                R"({"type":"annotation_edit","id":"c7","annotation":"n1","tag":"need"})", "version"},
        refused{"AnnotationEditWithoutTag", R"({"type":"annotation_edit","id":"c7","annotation":"n1","version":1})",
                "tag"},
        refused{"AnnotationRemoveWithoutAnnotation", R"({"type":"annotation_remove","id":"c7"})", "annotation"},
        refused{"AnnotationReplyWithoutText",
                R"({"type":"annotation_reply","id":"c7","phase":"talk","annotation":"n1"})", "text"},
        refused{"AnnotationReplyNumericAnnotation",
                R"({"type":"annotation_reply","id":"c7","phase":"talk","annotation":1,"text":"x"})", "annotation"},
        refused{"FocusLineNumericLine", R"({"type":"focus_line","id":"c7","line":12})", "line"}),
    [](const auto& info) { return info.param.what; });

// PROTOCOL.md, Errors: `invalid` is "a field is missing". These index fields
// have no documented default, yet a message without them is read as if the
// client had sent 0 or -1: add_phase then inserts at the very start,
// board_move moves the item to the top, and the others are answered
// `not_found` for a phase the client never named.
TEST(ActivityWireMissingField, AMissingIndexFieldIsInvalidRatherThanDefaulted) {
  const std::vector<refused> cases = {
      {"set_phase_minutes without phase", R"({"type":"set_phase_minutes","id":"c7","minutes":5})", "phase"},
      {"add_phase without at", R"({"type":"add_phase","id":"c7","phase":{"title":"X","kind":"chart","minutes":3}})",
       "at"},
      {"remove_phase without phase", R"({"type":"remove_phase","id":"c7"})", "phase"},
      {"move_phase without from", R"({"type":"move_phase","id":"c7","to":2})", "from"},
      {"move_phase without to", R"({"type":"move_phase","id":"c7","from":2})", "to"},
      {"reveal_phase without phase", R"({"type":"reveal_phase","id":"c7"})", "phase"},
      {"board_move without index", R"({"type":"board_move","id":"c7","item":"i1","list":"know","version":1})", "index"},
  };
  for (const auto& c : cases) {
    const auto out = parse_client_message(c.text);
    const auto* e = std::get_if<parse_error>(&out);
    EXPECT_NE(e, nullptr) << c.what << " was accepted";
    if (e != nullptr) {
      EXPECT_EQ(to_string(e->why.code), "invalid") << c.what;
      EXPECT_EQ(e->id, "c7") << c.what;
    }
  }
}

}  // namespace
}  // namespace debrief::protocol::activity
