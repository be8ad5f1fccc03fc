// The start of a planned day: lobby expiry counts from it for a session
// planned for a later day.

#include "clock.hpp"

#include <gtest/gtest.h>

namespace debrief::server {
namespace {

constexpr std::int64_t day = 24 * 60 * 60 * 1000;

TEST(StartOfDay, IsMidnightUtcOfThatDay) {
  EXPECT_EQ(start_of_day("1970-01-01"), 0);
  EXPECT_EQ(start_of_day("1970-01-02"), day);
  EXPECT_EQ(start_of_day("2027-03-15"), 1'805'068'800'000);
  EXPECT_EQ(*start_of_day("2028-03-01") - *start_of_day("2028-02-28"), 2 * day);  // a leap year
}

TEST(StartOfDay, AnythingButARealDayInThatFormIsNone) {
  for (const auto* bad : {"", "2027-3-15", "2027-03-15T00:00", "2027/03/15", "2027-02-29", "2027-13-01", "2027-00-10",
                          "2027-04-31", "20x7-03-15", "2027-03-1a", " 027-03-15"}) {
    EXPECT_EQ(start_of_day(bad), std::nullopt) << bad;
  }
  EXPECT_NE(start_of_day("2028-02-29"), std::nullopt);
}

}  // namespace
}  // namespace debrief::server
