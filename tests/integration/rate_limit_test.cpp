// Token buckets and their registry, with time as an argument.

#include "rate_limit.hpp"

#include <gtest/gtest.h>

namespace debrief::server {
namespace {

using namespace std::chrono_literals;

const rate_clock::time_point t0{};

TEST(TokenBucket, GivesTheBurstThenRefusesWithTheWaitForTheNextToken) {
  token_bucket bucket({3, 2}, t0);
  for (int i = 0; i < 3; ++i) EXPECT_TRUE(bucket.take(t0)) << i;
  const auto refused = bucket.take(t0);
  EXPECT_FALSE(refused);
  EXPECT_EQ(refused.wait, 500ms);
  EXPECT_FALSE(bucket.take(t0 + 499ms));
  EXPECT_TRUE(bucket.take(t0 + 500ms));
}

TEST(TokenBucket, RefillsAtItsRateUpToTheBurstAndNoFurther) {
  token_bucket bucket({2, 1}, t0);
  EXPECT_TRUE(bucket.take(t0));
  EXPECT_TRUE(bucket.take(t0));
  EXPECT_FALSE(bucket.full(t0 + 1s));
  EXPECT_TRUE(bucket.full(t0 + 2s));
  // An hour idle still gives only the burst.
  const auto later = t0 + 1h;
  EXPECT_TRUE(bucket.take(later));
  EXPECT_TRUE(bucket.take(later));
  EXPECT_FALSE(bucket.take(later));
}

TEST(TokenBucket, ASlowRefillAnnouncesWholeSecondsToWait) {
  token_bucket bucket({1, 1.0 / 60}, t0);
  EXPECT_TRUE(bucket.take(t0));
  const auto refused = bucket.take(t0 + 15s);
  ASSERT_FALSE(refused);
  EXPECT_EQ(retry_after_seconds(refused.wait), 45);
  EXPECT_EQ(retry_after_seconds(1ms), 1);  // never "0 seconds"
}

TEST(BucketRegistry, EachKeyHasItsOwnBucketAndTheSameKeyTheSameOne) {
  bucket_registry buckets({1, 1});
  EXPECT_TRUE(buckets.take("198.51.100.1", t0));
  EXPECT_FALSE(buckets.take("198.51.100.1", t0));
  EXPECT_TRUE(buckets.take("198.51.100.2", t0));
  EXPECT_EQ(buckets.bucket("198.51.100.1", t0), buckets.bucket("198.51.100.1", t0));
}

TEST(BucketRegistry, ForgetsRefilledBucketsThatNobodyHoldsSoManyAddressesCannotGrowItForever) {
  bucket_registry buckets({1, 1});
  const auto held = buckets.bucket("held", t0);
  ASSERT_TRUE(held->take(t0));
  for (int i = 0; i < 5000; ++i) buckets.take("addr" + std::to_string(i), t0 + std::chrono::milliseconds(i));
  // Sweeps keep only what refilled less than a second ago, plus what is held.
  EXPECT_LT(buckets.size(), 2100u);
  // A bucket still in use keeps its state: it is the same one.
  EXPECT_EQ(buckets.bucket("held", t0 + 5s), held);
}

}  // namespace
}  // namespace debrief::server
