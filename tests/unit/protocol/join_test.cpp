// Joining, leaving and presence: who is in the session and who is online.

#include "test_support.hpp"

namespace debrief::protocol::test {
namespace {

using ::testing::IsEmpty;

std::string repeat(std::string_view piece, int times) {
  std::string out;
  for (int i = 0; i < times; ++i) out += piece;
  return out;
}

participant person(std::string id, std::string name, role r) { return {std::move(id), std::move(name), r, true}; }

TEST(Join, AColleagueJoinsOnlineWithTheNextParticipantId) {
  const auto s = new_session();

  EXPECT_THAT(apply(s, cmd::join{"Ana", role::colleague}, newcomer, 5000),
              Gives(events{evt::participant_joined{person("p1", "Ana", role::colleague)}}));
}

TEST(Join, EachJoinerGetsTheNextIdInTurn) {
  const auto s = lobby_with_everyone();

  EXPECT_EQ(s.participants,
            (std::vector<participant>{person("p1", "Maya", role::facilitator), person("p2", "Sam", role::presenter),
                                      person("p3", "Ana", role::colleague), person("p4", "Olu", role::observer)}));
  EXPECT_EQ(s.participants_ever_joined, 4);
}

TEST(Join, IdsOfParticipantsWhoLeftAreNeverReused) {
  auto s = given(lobby_with_everyone(), cmd::leave{}, observer);

  EXPECT_THAT(apply(s, cmd::join{"Lee", role::observer}, newcomer, 0),
              Gives(events{evt::participant_joined{person("p5", "Lee", role::observer)}}));
}

TEST(Join, TheNameIsTrimmedOfSurroundingWhitespace) {
  EXPECT_THAT(apply(new_session(), cmd::join{" \t Ana Silva \r\n", role::colleague}, newcomer, 0),
              Gives(events{evt::participant_joined{person("p1", "Ana Silva", role::colleague)}}));
}

TEST(Join, AnEmptyNameIsInvalid) {
  EXPECT_THAT(apply(new_session(), cmd::join{"", role::colleague}, newcomer, 0), Rejects(error_code::invalid));
}

TEST(Join, ANameOfOnlyWhitespaceIsInvalid) {
  EXPECT_THAT(apply(new_session(), cmd::join{"  \t \n ", role::colleague}, newcomer, 0), Rejects(error_code::invalid));
}

TEST(Join, ANameOfSixtyCharactersIsAccepted) {
  const auto name = repeat("a", 60);
  EXPECT_THAT(apply(new_session(), cmd::join{name, role::colleague}, newcomer, 0),
              Gives(events{evt::participant_joined{person("p1", name, role::colleague)}}));
}

TEST(Join, ANameOfSixtyOneCharactersIsTooLarge) {
  EXPECT_THAT(apply(new_session(), cmd::join{repeat("a", 61), role::colleague}, newcomer, 0),
              Rejects(error_code::too_large));
}

TEST(Join, NameLengthCountsCodePointsNotBytes) {
  // 60 two-byte and 60 four-byte characters: 120 and 240 bytes, 60 characters.
  for (const auto* piece : {"\u00e9", "\U0001F600"}) {
    SCOPED_TRACE(piece);
    const auto name = repeat(piece, 60);
    EXPECT_THAT(apply(new_session(), cmd::join{name, role::colleague}, newcomer, 0),
                Gives(events{evt::participant_joined{person("p1", name, role::colleague)}}));
    EXPECT_THAT(apply(new_session(), cmd::join{name + piece, role::colleague}, newcomer, 0),
                Rejects(error_code::too_large));
  }
}

TEST(Join, NameLengthIsMeasuredAfterTrimming) {
  const auto name = repeat("b", 60);
  EXPECT_THAT(apply(new_session(), cmd::join{"   " + name + "   ", role::colleague}, newcomer, 0),
              Gives(events{evt::participant_joined{person("p1", name, role::colleague)}}));
}

TEST(Join, ANameWithAControlCharacterInsideIsInvalid) {
  for (const auto& name : std::vector<std::string>{"Ana\tSilva", "Ana\nSilva", std::string("Ana\0Silva", 9),
                                                   "Ana\x1bSilva", "Ana\x7fSilva"}) {
    SCOPED_TRACE(nlohmann::json(name).dump(-1, ' ', true));
    EXPECT_THAT(apply(new_session(), cmd::join{name, role::colleague}, newcomer, 0), Rejects(error_code::invalid));
  }
}

// U+0085 NEXT LINE and the other C1 controls (U+0080..U+009F) are control
// characters too, and NEL breaks a line: a name must be a single line.
TEST(Join, ANameWithAC1ControlCharacterIsInvalid) {
  for (const std::string name : {"Ana\u0085Silva", "Ana\u009bSilva"}) {
    SCOPED_TRACE(nlohmann::json(name).dump(-1, ' ', true));
    EXPECT_THAT(apply(new_session(), cmd::join{name, role::colleague}, newcomer, 0), Rejects(error_code::invalid));
  }
}

TEST(Join, AnInvalidRoleIsInvalid) {
  EXPECT_THAT(apply(new_session(), cmd::join{"Ana", role::invalid}, newcomer, 0), Rejects(error_code::invalid));
}

TEST(Join, AFacilitatorWithoutAValidKeyIsForbidden) {
  EXPECT_THAT(apply(new_session(), cmd::join{"Maya", role::facilitator, false}, newcomer, 0),
              Rejects(error_code::forbidden));
}

TEST(Join, AFacilitatorWithAValidKeyJoins) {
  EXPECT_THAT(apply(new_session(), cmd::join{"Maya", role::facilitator, true}, newcomer, 0),
              Gives(events{evt::participant_joined{person("p1", "Maya", role::facilitator)}}));
}

TEST(Join, ASecondFacilitatorWithTheKeyMayJoin) {
  EXPECT_THAT(apply(lobby_with_everyone(), cmd::join{"Kim", role::facilitator, true}, newcomer, 0),
              Gives(events{evt::participant_joined{person("p5", "Kim", role::facilitator)}}));
}

TEST(Join, ASecondPresenterIsAConflict) {
  EXPECT_THAT(apply(lobby_with_everyone(), cmd::join{"Kim", role::presenter}, newcomer, 0),
              Rejects(error_code::conflict));
}

TEST(Join, APresenterMayJoinOnceThePreviousPresenterLeft) {
  const auto s = given(lobby_with_everyone(), cmd::leave{}, presenter);

  EXPECT_THAT(apply(s, cmd::join{"Kim", role::presenter}, newcomer, 0),
              Gives(events{evt::participant_joined{person("p5", "Kim", role::presenter)}}));
}

TEST(Join, FiftyParticipantsFitAndTheFiftyFirstIsTooLarge) {
  auto s = new_session();
  for (int i = 0; i < 50; ++i) s = given(s, cmd::join{"Person " + std::to_string(i), role::colleague}, newcomer);
  ASSERT_EQ(s.participants.size(), 50u);

  EXPECT_THAT(apply(s, cmd::join{"One more", role::observer}, newcomer, 0), Rejects(error_code::too_large));
  EXPECT_THAT(apply(s, cmd::join{"One more", role::facilitator, true}, newcomer, 0), Rejects(error_code::too_large));
}

TEST(Join, AFullSessionTakesSomeoneNewOnceSomeoneLeaves) {
  auto s = new_session();
  for (int i = 0; i < 50; ++i) s = given(s, cmd::join{"Person " + std::to_string(i), role::colleague}, newcomer);
  s = given(s, cmd::leave{}, sender{"p7"});

  EXPECT_THAT(apply(s, cmd::join{"One more", role::observer}, newcomer, 0),
              Gives(events{evt::participant_joined{person("p51", "One more", role::observer)}}));
}

TEST(Join, JoiningAnEndedSessionIsAConflict) {
  EXPECT_THAT(apply(ended_session(), cmd::join{"Kim", role::colleague}, newcomer, 0), Rejects(error_code::conflict));
}

TEST(Join, JoiningALiveSessionIsAllowed) {
  EXPECT_THAT(apply(live_session(), cmd::join{"Kim", role::colleague}, newcomer, 0),
              Gives(events{evt::participant_joined{person("p5", "Kim", role::colleague)}}));
}

TEST(Join, JoiningAgainIsAlreadyJoined) {
  const auto s = lobby_with_everyone();
  for (const auto& who : {facilitator, presenter, colleague, observer}) {
    SCOPED_TRACE(who.participant);
    EXPECT_THAT(apply(s, cmd::join{"Again", role::colleague}, who, 0), Rejects(error_code::already_joined));
  }
}

TEST(Leave, AParticipantLeaves) {
  const auto s = lobby_with_everyone();

  EXPECT_THAT(apply(s, cmd::leave{}, colleague, 0), Gives(events{evt::participant_left{"p3"}}));
  EXPECT_EQ(given(s, cmd::leave{}, colleague).find_participant("p3"), nullptr);
  EXPECT_EQ(given(s, cmd::leave{}, colleague).participants.size(), 3u);
}

TEST(Leave, LeavingWithoutHavingJoinedIsNotJoined) {
  EXPECT_THAT(apply(lobby_with_everyone(), cmd::leave{}, newcomer, 0), Rejects(error_code::not_joined));
  EXPECT_THAT(apply(lobby_with_everyone(), cmd::leave{}, stranger, 0), Rejects(error_code::not_joined));
}

TEST(Leave, LeavingTwiceIsNotJoined) {
  const auto s = given(lobby_with_everyone(), cmd::leave{}, colleague);

  EXPECT_THAT(apply(s, cmd::leave{}, colleague, 0), Rejects(error_code::not_joined));
}

TEST(Presence, DisconnectingMarksTheParticipantOffline) {
  const auto s = lobby_with_everyone();

  EXPECT_THAT(apply(s, cmd::disconnect{}, presenter, 0), Gives(events{evt::presence_changed{"p2", false}}));
  EXPECT_FALSE(given(s, cmd::disconnect{}, presenter).find_participant("p2")->online);
}

TEST(Presence, ReconnectingMarksTheParticipantOnline) {
  const auto s = given(lobby_with_everyone(), cmd::disconnect{}, presenter);

  EXPECT_THAT(apply(s, cmd::connect{}, presenter, 0), Gives(events{evt::presence_changed{"p2", true}}));
  EXPECT_TRUE(given(s, cmd::connect{}, presenter).find_participant("p2")->online);
}

TEST(Presence, ConnectingWhileOnlineGivesNoEvents) {
  const auto outcome = apply(lobby_with_everyone(), cmd::connect{}, presenter, 0);

  ASSERT_TRUE(std::holds_alternative<events>(outcome));
  EXPECT_THAT(std::get<events>(outcome), IsEmpty());
}

TEST(Presence, DisconnectingWhileOfflineGivesNoEvents) {
  const auto s = given(lobby_with_everyone(), cmd::disconnect{}, presenter);
  const auto outcome = apply(s, cmd::disconnect{}, presenter, 0);

  ASSERT_TRUE(std::holds_alternative<events>(outcome));
  EXPECT_THAT(std::get<events>(outcome), IsEmpty());
}

TEST(Presence, PresenceOfAnUnknownParticipantIsNotFound) {
  EXPECT_THAT(apply(lobby_with_everyone(), cmd::connect{}, stranger, 0), Rejects(error_code::not_found));
  EXPECT_THAT(apply(lobby_with_everyone(), cmd::disconnect{}, stranger, 0), Rejects(error_code::not_found));
}

TEST(Presence, PresenceStillChangesAfterTheSessionEnded) {
  EXPECT_THAT(apply(ended_session(), cmd::disconnect{}, observer, 0),
              Gives(events{evt::presence_changed{"p4", false}}));
}

}  // namespace
}  // namespace debrief::protocol::test
