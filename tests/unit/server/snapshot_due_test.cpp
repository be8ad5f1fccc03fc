#include "snapshot_due.hpp"

#include <gtest/gtest.h>

namespace debrief::server {
namespace {

TEST(SnapshotDue, ASmallSessionIsSnapshottedAtTheHundredthEvent) {
  // A PD-day room: 5 KB of state, events of about 150 bytes.
  EXPECT_FALSE(snapshot_due(99, 99 * 150, 5'000));
  EXPECT_TRUE(snapshot_due(100, 100 * 150, 5'000));
  EXPECT_TRUE(snapshot_due(100, 100 * 150, 0));  // none stored yet in this run
}

TEST(SnapshotDue, ALargeSessionWaitsUntilItsEventsHoldAQuarterOfItsSnapshot) {
  // A 5,000-line transcript: a snapshot of about 1.1 MB.
  EXPECT_FALSE(snapshot_due(100, 100 * 150, 1'100'000));
  EXPECT_FALSE(snapshot_due(1'833, 274'999, 1'100'000));
  EXPECT_TRUE(snapshot_due(1'834, 275'000, 1'100'000));
}

TEST(SnapshotDue, FewLargeEventsStillWaitForTheHundredth) { EXPECT_FALSE(snapshot_due(99, 10'000'000, 5'000)); }

}  // namespace
}  // namespace debrief::server
