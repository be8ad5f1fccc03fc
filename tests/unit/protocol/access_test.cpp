// What a presented key, token or join secret opens: the facilitator key
// made with the session, the roles of whoever a resume token resumes, and
// the secret only a join's own client knows.

#include "debrief/protocol/access.hpp"

#include "test_support.hpp"

namespace debrief::protocol::test {
namespace {

const session_keys keys{"0123456789abcdef0123456789abcdef", {}};
const std::string wrong_key = "0123456789abcdef0123456789abcdee";

client_command join_retry(std::string secret) {
  return {"c1", cmd::join{"Maya", role::colleague}, "", std::move(secret)};
}

TEST(Access, SecretsAreEqualOnlyWhenEveryByteAndTheLengthAgree) {
  EXPECT_TRUE(secrets_equal("abc", "abc"));
  EXPECT_TRUE(secrets_equal("", ""));
  EXPECT_FALSE(secrets_equal("abc", "abd"));
  EXPECT_FALSE(secrets_equal("abc", "xbc"));
  EXPECT_FALSE(secrets_equal("abc", "abcd"));
  EXPECT_FALSE(secrets_equal("abc", ""));
}

TEST(Access, AFacilitatorJoinIsValidOnlyWithTheSessionsKey) {
  EXPECT_TRUE(keys.facilitator_join_valid(role::facilitator, keys.facilitator_key));
  EXPECT_FALSE(keys.facilitator_join_valid(role::facilitator, wrong_key));
  EXPECT_FALSE(keys.facilitator_join_valid(role::facilitator, ""));
  // The key makes no other role a facilitator.
  EXPECT_FALSE(keys.facilitator_join_valid(role::colleague, keys.facilitator_key));
}

TEST(Access, TheKeyOrTheCurrentFacilitatorsTokenMayDeleteTheSession) {
  const auto s = lobby_with_everyone();

  EXPECT_TRUE(keys.may_delete(s, std::nullopt, keys.facilitator_key));
  EXPECT_TRUE(keys.may_delete(s, "p1", "token-of-p1"));
  EXPECT_FALSE(keys.may_delete(s, "p2", "token-of-p2"));  // the presenter
  EXPECT_FALSE(keys.may_delete(s, "p3", "token-of-p3"));
  EXPECT_FALSE(keys.may_delete(s, std::nullopt, wrong_key));
  EXPECT_FALSE(keys.may_delete(s, "p99", "token-of-nobody-here"));
}

TEST(Access, TheKeyOrThePresentersOrFacilitatorsTokenMayExport) {
  const auto s = lobby_with_everyone();

  EXPECT_TRUE(keys.may_export(s, std::nullopt, keys.facilitator_key));
  EXPECT_TRUE(keys.may_export(s, "p1", "token-of-p1"));
  EXPECT_TRUE(keys.may_export(s, "p2", "token-of-p2"));
  EXPECT_FALSE(keys.may_export(s, "p3", "token-of-p3"));
  EXPECT_FALSE(keys.may_export(s, "p4", "token-of-p4"));
  EXPECT_FALSE(keys.may_export(s, std::nullopt, wrong_key));
}

TEST(Access, AHandedOverRoleMovesWhatTheTokensOpen) {
  const auto s = given(live_session(), cmd::hand_over{"p3"}, facilitator);

  EXPECT_TRUE(keys.may_delete(s, "p3", "token-of-p3"));
  EXPECT_FALSE(keys.may_delete(s, "p1", "token-of-p1"));
  EXPECT_TRUE(keys.may_export(s, "p3", "token-of-p3"));
  EXPECT_TRUE(keys.may_delete(s, std::nullopt, keys.facilitator_key));  // the key still opens it
}

TEST(Access, OnlyTheSameSecretRetriesAJoin) {
  const std::string secret = "secret-of-this-client-0123456789a";

  EXPECT_TRUE(same_join_client(join_retry(secret), secret));
  EXPECT_FALSE(same_join_client(join_retry("secret-of-another-client-98765432"), secret));
  EXPECT_FALSE(same_join_client(join_retry(""), secret));
}

TEST(Access, AJoinStoredWithoutASecretMatchesNoRetry) {
  EXPECT_FALSE(same_join_client(join_retry(""), ""));
  EXPECT_FALSE(same_join_client(join_retry("anything"), ""));
}

TEST(Access, OtherCommandsAreRecognisedByTheirSenderAlone) {
  const client_command retry{"c2", cmd::timer_start{}, "", ""};

  EXPECT_TRUE(same_join_client(retry, ""));
  EXPECT_TRUE(same_join_client(retry, "some-secret"));
}

}  // namespace
}  // namespace debrief::protocol::test
