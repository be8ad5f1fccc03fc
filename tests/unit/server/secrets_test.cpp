// Session codes: 60 random bits after an optional instance character, in an
// alphabet with nothing to misread.

#include "secrets.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace debrief::server::secrets {
namespace {

TEST(Secrets, ACodeIsTwelveCharactersOfTheAlphabetWithoutAPrefix) {
  const auto code = session_code();
  EXPECT_EQ(code.size(), 12u);
  EXPECT_EQ(code.find_first_not_of(code_alphabet), std::string::npos) << code;
  EXPECT_TRUE(is_session_code(code));
}

TEST(Secrets, APrefixStartsTheCodeAndKeepsTwelveRandomCharacters) {
  std::set<std::string> tails;
  for (int i = 0; i < 200; ++i) {
    const auto code = session_code("B");
    ASSERT_EQ(code.size(), 13u);
    EXPECT_EQ(code[0], 'B');
    EXPECT_TRUE(is_session_code(code));
    tails.insert(code.substr(1));
  }
  // 60 random bits: 200 draws never repeat (a repeat has odds of about 2^-45).
  EXPECT_EQ(tails.size(), 200u);
}

TEST(Secrets, EveryCharacterOfTheAlphabetTurnsUpInTheRandomPart) {
  std::set<char> seen;
  for (int i = 0; i < 400 && seen.size() < code_alphabet.size(); ++i) {
    for (const char c : session_code()) seen.insert(c);
  }
  EXPECT_EQ(seen.size(), code_alphabet.size());
}

TEST(Secrets, MalformedCodesAreNotCodes) {
  EXPECT_FALSE(is_session_code(""));
  EXPECT_FALSE(is_session_code("K7M2Q9XP4TD"));     // 11
  EXPECT_FALSE(is_session_code("K7M2Q9XP4TDAB7"));  // 14
  EXPECT_FALSE(is_session_code("k7m2q9xp4tda"));    // lower case: clients normalise first
  EXPECT_FALSE(is_session_code("K7M2Q9XP4TDI"));    // I, L, O, U are never used
  EXPECT_FALSE(is_session_code("NOSUCHCODE00"));
  EXPECT_FALSE(is_session_code("K7M2Q9XP/TDA"));
  EXPECT_TRUE(is_session_code("K7M2Q9XP4TDA"));
  EXPECT_TRUE(is_session_code("BK7M2Q9XP4TDA"));
}

// Inquiry ids: 80 random bits in the code alphabet, never a session code's form.
TEST(Secrets, AnInquiryIdIsSixteenCharactersOfTheAlphabetAndNeverRepeats) {
  std::set<std::string> ids;
  for (int i = 0; i < 200; ++i) {
    const auto id = inquiry_id();
    ASSERT_EQ(id.size(), 16u);
    EXPECT_TRUE(is_inquiry_id(id)) << id;
    EXPECT_FALSE(is_session_code(id)) << id;
    ids.insert(id);
  }
  EXPECT_EQ(ids.size(), 200u);
}

TEST(Secrets, MalformedInquiryIdsAreNotIds) {
  EXPECT_TRUE(is_inquiry_id("K7M2Q9XP4TDAB7C8"));
  EXPECT_FALSE(is_inquiry_id("K7M2Q9XP4TDAB7C"));    // 15
  EXPECT_FALSE(is_inquiry_id("K7M2Q9XP4TDAB7C89"));  // 17
  EXPECT_FALSE(is_inquiry_id("k7m2q9xp4tdab7c8"));
  EXPECT_FALSE(is_inquiry_id("K7M2Q9XP4TDAB7CU"));
  EXPECT_FALSE(is_inquiry_id("K7M2Q9XP/TDAB7C8"));
  EXPECT_FALSE(is_inquiry_id(""));
}

}  // namespace
}  // namespace debrief::server::secrets
