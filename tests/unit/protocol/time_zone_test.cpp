// Times in the record are stated on the facilitator's wall clock, read from
// compiled IANA zone files; a name that is not shaped like a zone is never
// used to open a file.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <iterator>

#include "debrief/protocol/time_zone.hpp"
#include "tzif_bytes.hpp"

namespace debrief::protocol {
namespace {

using testing::paris_bytes;

constexpr millis winter_evening = 1'763'850'000'000;  // 2025-11-22 22:20 UTC
constexpr millis summer_noon = 1'751'371'200'000;     // 2025-07-01 12:00 UTC

TEST(TimeZone, UtcStatesUtc) {
  EXPECT_EQ(format_local_time(utc_zone(), winter_evening), "22 Nov 2025, 22:20 UTC");
  EXPECT_EQ(utc_zone().name, "UTC");
}

TEST(TimeZone, ParisIsAnHourAheadInWinterAndTwoInSummer) {
  const auto paris = parse_tzif("Europe/Paris", paris_bytes());
  ASSERT_TRUE(paris.has_value());

  EXPECT_EQ(paris->name, "Europe/Paris");
  EXPECT_EQ(format_local_time(*paris, winter_evening), "22 Nov 2025, 23:20 CET");
  EXPECT_EQ(format_local_time(*paris, summer_noon), "1 Jul 2025, 14:00 CEST");
}

TEST(TimeZone, ALocalTimeCanFallOnTheNextDay) {
  const auto paris = parse_tzif("Europe/Paris", paris_bytes());

  EXPECT_EQ(format_local_time(*paris, 1'764'284'400'000), "28 Nov 2025, 00:00 CET");  // 23:00 UTC the day before
}

TEST(TimeZone, BeforeTheFirstTransitionTheFirstTypeHolds) {
  const auto paris = parse_tzif("Europe/Paris", paris_bytes());

  EXPECT_EQ(format_local_time(*paris, 0), "1 Jan 1970, 01:00 CET");
}

TEST(TimeZone, RefusesBytesThatAreNotAVersion2ZoneFile) {
  EXPECT_FALSE(parse_tzif("X", "").has_value());
  EXPECT_FALSE(parse_tzif("X", "not a zone file at all, but long enough to hold a header....").has_value());
  auto v1 = paris_bytes();
  v1[4] = '\0';
  EXPECT_FALSE(parse_tzif("X", v1).has_value());
  EXPECT_FALSE(parse_tzif("X", paris_bytes().substr(0, 80)).has_value());  // cut short
}

TEST(TimeZone, RefusesATransitionNamingATypeThatDoesNotExist) {
  EXPECT_FALSE(parse_tzif("X", testing::tzif_bytes({{0, false, "UTC"}}, {{100, 3}})).has_value());
}

TEST(TimeZone, ReadsTheSystemsParisFile) {
  std::ifstream file("/usr/share/zoneinfo/Europe/Paris", std::ios::binary);
  ASSERT_TRUE(file) << "install tzdata (scripts/ install it)";
  const std::string bytes{std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>()};

  const auto paris = parse_tzif("Europe/Paris", bytes);

  ASSERT_TRUE(paris.has_value());
  EXPECT_EQ(format_local_time(*paris, winter_evening), "22 Nov 2025, 23:20 CET");
  EXPECT_EQ(format_local_time(*paris, summer_noon), "1 Jul 2025, 14:00 CEST");
}

TEST(TimeZoneName, AcceptsIanaShapedNames) {
  for (const auto* name :
       {"Europe/Paris", "America/Argentina/Buenos_Aires", "Etc/GMT+5", "America/Port-au-Prince", "UTC"}) {
    EXPECT_TRUE(plausible_zone_name(name)) << name;
  }
}

TEST(TimeZoneName, RefusesPathsEmptyPartsAndStrangeCharacters) {
  for (const auto* name : {"", "/etc/passwd", "../../etc/passwd", "Europe/../../etc", "Europe//Paris", "Europe/",
                           "Europe/Paris ", "Europe\\Paris", "Europe/Paris\n", ".hidden", "Europe/.."}) {
    EXPECT_FALSE(plausible_zone_name(name)) << name;
  }
  EXPECT_FALSE(plausible_zone_name(std::string(65, 'A')));
  EXPECT_TRUE(plausible_zone_name(std::string(64, 'A')));
}

}  // namespace
}  // namespace debrief::protocol
