// Writing belongs to the phase it was written in: a content command carries
// the id of the phase its author wrote in, and is refused in any other, so
// private writing queued while offline never lands somewhere public.

#include "activity_support.hpp"

#include "debrief/protocol/limits.hpp"
#include "debrief/protocol/permissions.hpp"
#include "debrief/protocol/visibility.hpp"
#include "debrief/protocol/wire.hpp"

namespace debrief::protocol::activity {
namespace {

template <class C>
C written_in_phase(C c, std::string phase) {
  c.written_in = std::move(phase);
  return c;
}

// Applied exactly as given: no helper fills in the phase.
result as_sent(const session_state& s, const command& c, const sender& from) { return {apply(s, c, from, t0)}; }

TEST(PhaseBinding, ANoteWrittenInAPrivatePhaseIsRefusedOnceTheSessionHasMovedOnToAPublicOne) {
  // Ana wrote in the private reflection; the facilitator moved back to the
  // open discussion before her note arrived.
  const auto s = in_phase(talk);
  const auto late = as_sent(s, written_in_phase(cmd::entry_add{"I was hoping to hear agreement", 0}, "reflect"), ana);
  ASSERT_THAT(late, Rejects(error_code::conflict));
  const auto& why = std::get<rejection>(late.value);
  EXPECT_EQ(why.current, json({{"phase", "talk"}}));
  EXPECT_THAT(why.message, ::testing::HasSubstr("Talk it through"));
}

TEST(PhaseBinding, EveryContentCommandIsRefusedOutsideThePhaseItWasWrittenIn) {
  auto s = with_transcript(in_phase(talk));
  s = given(s, cmd::annotate{"L1", "L1", -1, -1, annotation_tag::notice, "Open question"}, ana);
  const auto annotation = s.annotations.front().id;
  const std::vector<std::pair<command, sender>> bound = {
      {written_in_phase(cmd::entry_add{"A note", 0}, "notice"), ana},
      {written_in_phase(cmd::board_propose{board_list::assumptions, "She likes tables"}, "notice"), ana},
      {written_in_phase(cmd::adaptation_add{{"Ask first", "", {}, "", {}}}, "notice"), ana},
      {written_in_phase(cmd::annotate{"L2", "L2", -1, -1, annotation_tag::wonder, "Why?"}, "notice"), ana},
      {written_in_phase(cmd::annotation_reply{annotation, "Me too"}, "notice"), ana},
      {written_in_phase(cmd::set_done{true}, "notice"), ana},
  };
  for (const auto& [c, from] : bound) {
    SCOPED_TRACE(command_name(c));
    EXPECT_THAT(as_sent(s, c, from), Rejects(error_code::conflict));
  }
  const auto in_opening = given(lobby(), cmd::start_session{}, maya);
  EXPECT_THAT(as_sent(in_opening, written_in_phase(cmd::board_add{board_list::know, "Likes art"}, "talk"), sam),
              Rejects(error_code::conflict));
}

TEST(PhaseBinding, TheSameCommandWrittenInTheCurrentPhaseIsApplied) {
  const auto s = in_phase(noticings);
  const auto now = as_sent(s, written_in_phase(cmd::entry_add{"She counted", 0}, "notice"), ana);
  EXPECT_FALSE(std::holds_alternative<rejection>(now.value)) << as_json(now).dump();
}

TEST(PhaseBinding, AContentCommandWithoutItsPhaseIsInvalid) {
  EXPECT_THAT(as_sent(in_phase(talk), cmd::entry_add{"A note", 0}, ana), Rejects(error_code::invalid));
}

TEST(PhaseBinding, CommandsThatWriteNothingIntoAPhaseAreNotBound) {
  EXPECT_EQ(written_in(command{cmd::next_phase{}}), nullptr);
  EXPECT_EQ(written_in(command{cmd::entry_edit{"e1", "x", 1}}), nullptr);
  EXPECT_NE(written_in(command{cmd::entry_add{"x", -1}}), nullptr);
}

TEST(PhaseBinding, TheRoleIsCheckedBeforeThePhase) {
  // An observer's note from another phase learns only that observers do not write.
  EXPECT_THAT(as_sent(in_phase(talk), written_in_phase(cmd::entry_add{"Hi", 0}, "notice"), olu),
              Rejects(error_code::forbidden));
}

TEST(PhaseBinding, AfterTheEndTheAnswerIsThatTheSessionEnded) {
  const auto ended = given(in_phase(talk), cmd::end_session{}, maya);
  const auto late = as_sent(ended, written_in_phase(cmd::entry_add{"Hi", 0}, "notice"), ana);
  ASSERT_THAT(late, Rejects(error_code::conflict));
  EXPECT_THAT(std::get<rejection>(late.value).message, ::testing::HasSubstr("ended"));
}

// ---- on the wire

TEST(PhaseBindingWire, ThePhaseTravelsAsThePhaseField) {
  const auto parsed = parse_client_message(R"({"type":"entry_add","id":"c7","text":"Hi","phase":"talk"})");
  const auto& c = std::get<client_command>(std::get<client_message>(parsed));
  ASSERT_NE(written_in(c.command), nullptr);
  EXPECT_EQ(*written_in(c.command), "talk");
}

TEST(PhaseBindingWire, AMissingOrEmptyPhaseIsInvalidAndNamesTheCommand) {
  for (const auto* text : {R"({"type":"annotate","id":"c7","from_line":"L1","tag":"notice"})",
                           R"({"type":"set_done","id":"c7","phase":""})",
                           R"({"type":"board_propose","id":"c7","list":"know","text":"x","phase":3})"}) {
    SCOPED_TRACE(text);
    const auto parsed = parse_client_message(text);
    const auto* bad = std::get_if<parse_error>(&parsed);
    ASSERT_NE(bad, nullptr);
    EXPECT_EQ(bad->why.code, error_code::invalid);
    EXPECT_EQ(bad->id, "c7");
    EXPECT_FALSE(bad->command.empty());
  }
}

// ---- role before anything else

TEST(RoleFirst, APresentersMalformedFacilitatorCommandIsForbiddenNotInvalid) {
  const auto parsed = parse_client_message(R"({"type":"go_to_phase","id":"c7","phase":999})");
  const auto& bad = std::get<parse_error>(parsed);
  ASSERT_EQ(bad.why.code, error_code::invalid);
  EXPECT_EQ(refusal_for(in_phase(talk), bad.command, sam.participant, bad.why).code, error_code::forbidden);
  EXPECT_EQ(refusal_for(in_phase(talk), bad.command, maya.participant, bad.why).code, error_code::invalid);
  EXPECT_EQ(refusal_for(in_phase(talk), bad.command, nobody.participant, bad.why).code, error_code::not_joined);
}

TEST(RoleFirst, AMalformedJoinIsAnsweredWithItsOwnProblem) {
  const auto parsed = parse_client_message(R"({"type":"join","id":"c7","name":"Ana","role":"colleague"})");
  const auto& bad = std::get<parse_error>(parsed);
  EXPECT_EQ(refusal_for(lobby(), bad.command, "", bad.why).code, error_code::invalid);
}

// ---- one rule for limits

TEST(LimitRule, AFullCollectionIsTooLargeLikeAnOverlongText) {
  auto s = in_phase(talk);
  for (std::size_t i = 0; i < limits::max_proposals; ++i) {
    s = given(s, cmd::board_propose{board_list::know, "Idea " + std::to_string(i)}, ana);
  }
  EXPECT_THAT(when(s, cmd::board_propose{board_list::know, "One more"}, ana), Rejects(error_code::too_large));
  EXPECT_THAT(when(in_phase(talk), cmd::board_propose{board_list::know, std::string(501, 'x')}, ana),
              Rejects(error_code::too_large));
}

TEST(LimitRule, AnOverlongForWhomOrSpeakerIsTooLargeButAnEmptySpeakerIsInvalid) {
  EXPECT_THAT(when(in_phase(adapting), cmd::adaptation_add{{"Ask first", std::string(61, 'A'), {}, "", {}}}, sam),
              Rejects(error_code::too_large));
  auto lines = sample_lines();
  lines[0].speaker = std::string(61, 'T');
  EXPECT_THAT(when(in_phase(opening), cmd::transcript_import{lines, "txt", true}, sam), Rejects(error_code::too_large));
  lines[0].speaker = " ";
  EXPECT_THAT(when(in_phase(opening), cmd::transcript_import{lines, "txt", true}, sam), Rejects(error_code::invalid));
}

TEST(LimitRule, AListInACommandOverItsCountIsTooLarge) {
  json follow_ups = json::array();
  for (int i = 0; i < 11; ++i) follow_ups.push_back("Q" + std::to_string(i));
  const json message = {{"type", "adaptation_add"},
                        {"id", "c7"},
                        {"change", "Ask first"},
                        {"phase", "adapt"},
                        {"follow_ups", follow_ups}};
  const auto parsed = parse_client_message(message.dump());
  ASSERT_TRUE(std::holds_alternative<parse_error>(parsed));
  EXPECT_EQ(std::get<parse_error>(parsed).why.code, error_code::too_large);
}

// ---- join's client secret

TEST(JoinSecret, AJoinCarriesItsClientSecretBesideTheCommand) {
  const auto secret = std::string(32, 'a');
  const auto parsed = parse_client_message(
      json{{"type", "join"}, {"id", "c1"}, {"name", "Ana"}, {"role", "colleague"}, {"client_secret", secret}}.dump());
  const auto& c = std::get<client_command>(std::get<client_message>(parsed));
  EXPECT_EQ(c.client_secret, secret);
}

TEST(JoinSecret, AJoinWithoutAStrongEnoughSecretIsInvalid) {
  for (const auto& secret : {json(), json("short"), json(std::string(31, 'a')), json(std::string(129, 'a')),
                             json(std::string(32, 'a') + " "), json(42)}) {
    SCOPED_TRACE(secret.dump());
    json message = {{"type", "join"}, {"id", "c1"}, {"name", "Ana"}, {"role", "colleague"}};
    if (!secret.is_null()) message["client_secret"] = secret;
    const auto parsed = parse_client_message(message.dump());
    ASSERT_TRUE(std::holds_alternative<parse_error>(parsed));
    EXPECT_EQ(std::get<parse_error>(parsed).why.code, error_code::invalid);
  }
}

// ---- the lobby: what someone who has not joined sees

TEST(Lobby, ShowsWhoIsHereAndTheAgendaButNothingAnyoneWrote) {
  auto s = with_transcript(in_phase(talk));
  s = given(s, cmd::entry_add{"A very private thought", 0}, ana);
  const auto lobby_json = lobby_message(42, s);
  EXPECT_EQ(lobby_json.at("type"), "lobby");
  EXPECT_EQ(lobby_json.at("seq"), 42);
  EXPECT_EQ(lobby_json.at("title"), "Grade 7 triad");
  EXPECT_EQ(lobby_json.at("template"), "Workshop debrief");
  EXPECT_EQ(lobby_json.at("status"), "live");
  EXPECT_EQ(lobby_json.at("participants").size(), 5U);
  EXPECT_EQ(lobby_json.at("phases").at(3),
            json({{"title", "What we noticed"}, {"kind", "discussion"}, {"minutes", 5}}));
  const auto text = lobby_json.dump();
  EXPECT_EQ(text.find("private thought"), std::string::npos);
  EXPECT_EQ(text.find("café"), std::string::npos);
}

TEST(Lobby, OnlyWhoIsHereTheStatusAndTheAgendaChangeIt) {
  EXPECT_TRUE(changes_lobby(evt::participant_joined{{"p9", "Lee", role::colleague, true}}));
  EXPECT_TRUE(changes_lobby(evt::presence_changed{"p3", false}));
  EXPECT_TRUE(changes_lobby(evt::session_ended{}));
  EXPECT_FALSE(changes_lobby(evt::timer_started{}));
  EXPECT_FALSE(changes_lobby(evt::entry_removed{"e1"}));
}

}  // namespace
}  // namespace debrief::protocol::activity
