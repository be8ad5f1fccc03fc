// Who may do what: every facilitator command refused to every other role and
// to senders who have not joined, before any check of the session's state.

#include "test_support.hpp"

namespace debrief::protocol::test {
namespace {

struct named_command {
  std::string name;
  command c;
};
void PrintTo(const named_command& n, std::ostream* os) { *os << n.name; }

const std::vector<named_command> facilitator_commands = {
    {"start_session", cmd::start_session{}},   {"next_phase", cmd::next_phase{}},
    {"previous_phase", cmd::previous_phase{}}, {"go_to_phase", cmd::go_to_phase{1}},
    {"timer_start", cmd::timer_start{}},       {"timer_pause", cmd::timer_pause{}},
    {"timer_resume", cmd::timer_resume{}},     {"timer_add", cmd::timer_add{60}},
    {"timer_reset", cmd::timer_reset{}},       {"end_session", cmd::end_session{}},
};

struct named_sender {
  std::string name;
  sender from;
};

class FacilitatorCommand : public ::testing::TestWithParam<named_command> {};

TEST_P(FacilitatorCommand, IsForbiddenToEveryOtherRole) {
  for (const auto& [label, s] : {std::pair{"lobby", lobby_with_everyone()}, std::pair{"live", live_session()},
                                 std::pair{"running timer", running_timer()}}) {
    for (const auto& who : {named_sender{"presenter", presenter}, named_sender{"colleague", colleague},
                            named_sender{"observer", observer}}) {
      SCOPED_TRACE(std::string(label) + ", " + who.name);
      EXPECT_THAT(apply(s, GetParam().c, who.from, 5000), Rejects(error_code::forbidden));
    }
  }
}

TEST_P(FacilitatorCommand, IsNotJoinedForASenderWhoIsNoParticipant) {
  for (const auto& who : {named_sender{"newcomer", newcomer}, named_sender{"stranger", stranger}}) {
    SCOPED_TRACE(who.name);
    EXPECT_THAT(apply(live_session(), GetParam().c, who.from, 5000), Rejects(error_code::not_joined));
  }
}

TEST_P(FacilitatorCommand, IsNotJoinedForAFacilitatorWhoLeft) {
  const auto s = given(live_session(), cmd::leave{}, facilitator);

  EXPECT_THAT(apply(s, GetParam().c, facilitator, 5000), Rejects(error_code::not_joined));
}

TEST_P(FacilitatorCommand, IsForbiddenToAPresenterEvenWhenTheStateWouldAlsoRefuseIt) {
  EXPECT_THAT(apply(ended_session(), GetParam().c, presenter, 5000), Rejects(error_code::forbidden));
}

INSTANTIATE_TEST_SUITE_P(Every, FacilitatorCommand, ::testing::ValuesIn(facilitator_commands),
                         [](const auto& info) { return info.param.name; });

TEST(Roles, AnyParticipantMayLeave) {
  const auto s = live_session();
  for (const auto& who : {facilitator, presenter, colleague, observer}) {
    SCOPED_TRACE(who.participant);
    EXPECT_THAT(apply(s, cmd::leave{}, who, 0), Gives(events{evt::participant_left{who.participant}}));
  }
}

TEST(Roles, TheServerExpiresTheTimerWithoutASender) {
  EXPECT_THAT(apply(running_timer(), cmd::expire_timer{}, newcomer, 301'000),
              Gives(events{evt::timer_expired{
                  {timer_status::expired, five_minutes, 0, 0, five_minutes, 301'000, five_minutes}}}));
}

}  // namespace
}  // namespace debrief::protocol::test
