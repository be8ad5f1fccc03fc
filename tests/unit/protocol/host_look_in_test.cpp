// The event's host looking into a room: they join as role `host` with the
// event's key, are listed like anyone, may do nothing but leave, never
// facilitate or present, and see what a colleague who wrote nothing sees.

#include "activity_support.hpp"

#include "debrief/protocol/access.hpp"
#include "debrief/protocol/permissions.hpp"
#include "debrief/protocol/visibility.hpp"
#include "debrief/protocol/wire.hpp"

namespace debrief::protocol::activity {
namespace {

const sender host{"p6"};
const std::string host_key = "fedcba9876543210fedcba9876543210";

cmd::join host_join(bool key_valid) { return {"Host", role::host, false, key_valid}; }

// lobby() (p1..p5) and the host looking in as p6.
session_state with_host(const session_state& s) { return given(s, host_join(true), nobody); }

TEST(HostLookIn, TheHostJoinsWithTheEventsKeyAndIsListedAsHost) {
  EXPECT_THAT(when(lobby(), host_join(true), nobody),
              Gives(events{evt::participant_joined{{"p6", "Host", role::host, true}}}));
}

TEST(HostLookIn, WithoutTheEventsKeyNobodyLooksInAsHost) {
  const auto refused = when(lobby(), host_join(false), nobody);

  ASSERT_TRUE(std::holds_alternative<rejection>(refused.value));
  EXPECT_EQ(std::get<rejection>(refused.value).code, error_code::forbidden);
  EXPECT_EQ(std::get<rejection>(refused.value).message, "Only the event's host can look in as host.");
}

TEST(HostLookIn, TheHostKeyCountsOnlyForARoomOfAnEventAndOnlyIfItMatches) {
  const session_keys room_of_event{"0123456789abcdef0123456789abcdef", host_key};
  const session_keys room_alone{"0123456789abcdef0123456789abcdef", ""};

  EXPECT_TRUE(room_of_event.host_join_valid(host_key));
  EXPECT_FALSE(room_of_event.host_join_valid("fedcba9876543210fedcba9876543211"));
  EXPECT_FALSE(room_of_event.host_join_valid(""));
  EXPECT_FALSE(room_of_event.host_join_valid(room_of_event.facilitator_key));
  EXPECT_FALSE(room_alone.host_join_valid(""));
  EXPECT_FALSE(room_alone.host_join_valid(host_key));
  // The host key is no facilitator key.
  EXPECT_FALSE(room_of_event.facilitator_join_valid(role::facilitator, host_key));
}

TEST(HostLookIn, AJoinAsHostCarriesTheHostKeyBesideTheCommand) {
  const auto parsed = parse_client_message(
      R"({"type":"join","id":"c1","name":"Host","role":"host","client_secret":"0123456789abcdef0123456789abcdef",)"
      R"("host_key":"fedcba9876543210fedcba9876543210"})");

  ASSERT_TRUE(std::holds_alternative<client_message>(parsed));
  const auto& c = std::get<client_command>(std::get<client_message>(parsed));
  EXPECT_EQ(c.host_key, host_key);
  EXPECT_TRUE(c.facilitator_key.empty());
  const auto& join = std::get<cmd::join>(c.command);
  EXPECT_EQ(join.role, role::host);
  // Only the shell decides, from the key it holds.
  EXPECT_FALSE(join.host_key_valid);
}

TEST(HostLookIn, TheHostMayLeaveAndDoNothingElse) {
  const auto s = with_host(in_phase(talk));
  int refused = 0;
  for (const auto& rule : permission_table()) {
    const auto allowed = check_role(s, rule.command, host.participant);
    if (rule.command == "leave") {
      EXPECT_FALSE(allowed) << allowed->message;
    } else {
      ASSERT_TRUE(allowed) << rule.command;
      EXPECT_EQ(allowed->code, error_code::forbidden) << rule.command;
      ++refused;
    }
  }
  EXPECT_EQ(refused, static_cast<int>(permission_table().size()) - 1);
  EXPECT_THAT(when(s, cmd::entry_add{"I was here", -1}, host), Rejects(error_code::forbidden));
  EXPECT_THAT(when(s, cmd::set_done{true}, host), Rejects(error_code::forbidden));
  EXPECT_THAT(when(s, cmd::leave{}, host), Gives(events{evt::participant_left{"p6"}}));
}

TEST(HostLookIn, TheHostNeverBecomesFacilitatorOrPresenter) {
  const auto s = with_host(in_phase(talk));

  EXPECT_THAT(when(s, cmd::hand_over{"p6"}, maya), Rejects(error_code::conflict));
  EXPECT_THAT(when(s, cmd::move_presenter{"p6"}, maya), Rejects(error_code::conflict));
}

TEST(HostLookIn, TheHostSeesPrivateWritingOnlyAsPlaceholdersUntilItsReveal) {
  auto s = with_host(in_phase(noticings));
  s = given(s, cmd::entry_add{"She counted on her fingers", 0}, ana);

  const json hidden = {{"id", "e1"}, {"phase", "notice"}, {"hidden", true}, {"author", "p3"}};
  EXPECT_EQ(view_state(s, host.participant).at("entries"), json::array({hidden}));
  EXPECT_EQ(view_state(s, host.participant).dump().find("fingers"), std::string::npos);
  // The event that brought it: the host, no author, gets the others' view.
  const auto views = view_event(s, evt::entry_saved{s.entries.at(0)});
  EXPECT_EQ(views.author, "p3");
  EXPECT_EQ(views.for_others.dump().find("fingers"), std::string::npos);

  const auto revealed = given(s, cmd::reveal_phase{noticings}, maya);
  EXPECT_EQ(view_state(revealed, host.participant).at("entries").at(0).at("text"), "She counted on her fingers");
}

}  // namespace
}  // namespace debrief::protocol::activity
