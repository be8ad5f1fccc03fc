// A connection's outgoing queue: order, byte count, and what an overflow
// keeps (the message whose write is in flight).

#include <gtest/gtest.h>

#include "send_queue.hpp"

namespace debrief::server {
namespace {

std::vector<std::string> drain(send_queue& q) {
  std::vector<std::string> out;
  while (!q.empty()) {
    out.push_back(*q.front());
    q.pop();
  }
  return out;
}

TEST(SendQueue, MessagesLeaveInOrderAndTheByteCountFollows) {
  send_queue q;
  q.push(make_text("ab"));
  q.push(make_text("cde"));
  EXPECT_EQ(q.size(), 2u);
  EXPECT_EQ(q.bytes(), 5u);

  q.pop();
  EXPECT_EQ(*q.front(), "cde");
  EXPECT_EQ(q.bytes(), 3u);
  q.pop();
  EXPECT_TRUE(q.empty());
  EXPECT_EQ(q.bytes(), 0u);
}

TEST(SendQueue, AQueueThatNeverEmptiesKeepsItsOrderAcrossCompaction) {
  send_queue q;
  std::vector<std::string> expected;
  int next = 0;
  for (int round = 0; round < 50; ++round) {
    for (int i = 0; i < 10; ++i) q.push(make_text(std::to_string(next++)));
    for (int i = 0; i < 9; ++i) {
      expected.push_back(*q.front());
      q.pop();
    }
  }
  EXPECT_EQ(q.size(), 50u);
  for (auto& m : drain(q)) expected.push_back(m);
  ASSERT_EQ(expected.size(), 500u);
  for (int i = 0; i < 500; ++i) EXPECT_EQ(expected[static_cast<std::size_t>(i)], std::to_string(i));
}

TEST(SendQueue, TruncatingKeepsTheFirstMessagesAndTheirBytes) {
  send_queue q;
  q.push(make_text("in flight"));
  q.push(make_text("waiting"));
  q.push(make_text("also waiting"));

  q.truncate(1);

  EXPECT_EQ(q.size(), 1u);
  EXPECT_EQ(q.bytes(), 9u);
  EXPECT_EQ(drain(q), std::vector<std::string>{"in flight"});
  q.push(make_text("x"));
  q.truncate(0);
  EXPECT_TRUE(q.empty());
  EXPECT_EQ(q.bytes(), 0u);
}

}  // namespace
}  // namespace debrief::server
