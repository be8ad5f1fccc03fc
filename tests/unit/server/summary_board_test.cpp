// An event's summary board: a host's welcome holds every room's latest
// summary in position order; afterwards only rooms that changed go out, each
// once with its latest summary, in one frame shared by every host, at most
// one frame a second however many changes come; a host still reading gets
// nothing more until it has, then the latest of what changed; a host that went gets
// nothing more; deleting the event tells every host and closes it.

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <map>
#include <mutex>
#include <set>
#include <thread>

#include <nlohmann/json.hpp>

#include "summary_board.hpp"

namespace debrief::server {
namespace {

using json = nlohmann::json;

// A host's connection that keeps what it was sent.
class recording_connection : public connection {
 public:
  void send(shared_text message) override {
    std::lock_guard lock(mutex_);
    frames_.push_back(message);
  }
  void send(std::vector<shared_text> messages, std::chrono::steady_clock::time_point) override {
    for (auto& m : messages) send(std::move(m));
  }
  void close_after_send(unsigned short code, std::string) override {
    std::lock_guard lock(mutex_);
    closed_with_ = code;
  }
  void use_rate_bucket(std::shared_ptr<token_bucket>) override {}
  std::size_t backlog_bytes() const override { return backlog_.load(); }
  // As if it had not yet read this many bytes of what it was sent.
  void set_backlog(std::size_t bytes) { backlog_ = bytes; }

  std::vector<shared_text> frames() const {
    std::lock_guard lock(mutex_);
    return frames_;
  }
  std::vector<json> messages() const {
    std::vector<json> out;
    for (const auto& f : frames()) out.push_back(json::parse(*f));
    return out;
  }
  unsigned short closed_with() const {
    std::lock_guard lock(mutex_);
    return closed_with_;
  }

 private:
  mutable std::mutex mutex_;
  std::vector<shared_text> frames_;
  unsigned short closed_with_ = 0;
  std::atomic<std::size_t> backlog_{0};
};

protocol::room_summary summary(const std::string& session, int position, int online = 0) {
  protocol::room_summary s;
  s.session = session;
  s.label = "Room " + std::to_string(position);
  s.position = position;
  s.status = protocol::session_status::lobby;
  s.online = online;
  return s;
}

// Checks `done` until it holds or `limit` passes (a ceiling, not a timing claim).
template <typename Condition>
bool eventually(Condition done, std::chrono::milliseconds limit = std::chrono::seconds(10)) {
  const auto give_up = std::chrono::steady_clock::now() + limit;
  while (!done()) {
    if (std::chrono::steady_clock::now() > give_up) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return true;
}

class SummaryBoard : public ::testing::Test {
 protected:
  net::io_context io;
  net::executor_work_guard<net::io_context::executor_type> work = net::make_work_guard(io);
  std::thread runner{[this] { io.run(); }};
  std::shared_ptr<summary_board> board =
      std::make_shared<summary_board>(io.get_executor(), "EVENT", [] { return std::int64_t{1'763'850'000'000}; });

  ~SummaryBoard() override {
    work.reset();
    io.stop();
    runner.join();
  }
};

TEST_F(SummaryBoard, TheWelcomeHoldsEveryRoomInPositionOrder) {
  board->publish(summary("C", 3));
  board->publish(summary("A", 1));
  board->publish(summary("B", 2));
  board->publish(summary("A", 1, 2));  // the latest counts
  auto host = std::make_shared<recording_connection>();

  board->subscribe(host, "PD day");

  const auto sent = host->messages();
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_EQ(sent[0].at("type"), "host_welcome");
  EXPECT_EQ(sent[0].at("event"), "EVENT");
  EXPECT_EQ(sent[0].at("title"), "PD day");
  EXPECT_EQ(sent[0].at("server_time"), 1'763'850'000'000);
  ASSERT_EQ(sent[0].at("rooms").size(), 3u);
  EXPECT_EQ(sent[0].at("rooms")[0].at("session"), "A");
  EXPECT_EQ(sent[0].at("rooms")[0].at("online"), 2);
  EXPECT_EQ(sent[0].at("rooms")[1].at("session"), "B");
  EXPECT_EQ(sent[0].at("rooms")[2].at("session"), "C");
  EXPECT_EQ(board->hosts(), 1u);
}

TEST_F(SummaryBoard, ChangesGoOutCoalescedInOneSharedFrameASecondAtMost) {
  for (int p = 1; p <= 20; ++p) board->publish(summary("R" + std::to_string(p), p));
  auto first = std::make_shared<recording_connection>();
  auto second = std::make_shared<recording_connection>();
  board->subscribe(first, "PD day");
  board->subscribe(second, "PD day");
  const auto began = std::chrono::steady_clock::now();

  // 20 rooms change 10 times each, as fast as they can.
  for (int round = 1; round <= 10; ++round) {
    for (int p = 1; p <= 20; ++p) board->publish(summary("R" + std::to_string(p), p, round));
  }
  // Every room's latest reaches each host.
  const auto latest_seen = [](const recording_connection& host) {
    std::map<std::string, int> online;
    for (const auto& m : host.messages()) {
      for (const auto& r : m.at("rooms")) online[r.at("session")] = r.at("online");
    }
    return online.size() == 20 &&
           std::all_of(online.begin(), online.end(), [](const auto& o) { return o.second == 10; });
  };
  ASSERT_TRUE(eventually([&] { return latest_seen(*first) && latest_seen(*second); }));
  const auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - began).count();

  const auto frames = first->frames();
  const auto rooms_frames = static_cast<int>(frames.size()) - 1;  // after the welcome
  EXPECT_GE(rooms_frames, 1);
  EXPECT_LE(rooms_frames, static_cast<int>(seconds) + 1) << rooms_frames << " frames in " << seconds << " s";
  for (std::size_t i = 1; i < frames.size(); ++i) {
    const auto m = json::parse(*frames[i]);
    EXPECT_EQ(m.at("type"), "rooms");
    std::set<std::string> once;
    for (const auto& r : m.at("rooms")) EXPECT_TRUE(once.insert(r.at("session")).second) << "a room twice in one frame";
  }
  // Both hosts got the very same buffers.
  const auto others = second->frames();
  ASSERT_EQ(others.size(), frames.size());
  for (std::size_t i = 1; i < frames.size(); ++i) EXPECT_EQ(others[i].get(), frames[i].get());
}

TEST_F(SummaryBoard, AHostStillReadingIsSentNothingMoreThenTheLatestOfEveryRoomThatChanged) {
  board->publish(summary("A", 1));
  board->publish(summary("B", 2));
  auto slow = std::make_shared<recording_connection>();
  auto quick = std::make_shared<recording_connection>();
  board->subscribe(slow, "PD day");
  board->subscribe(quick, "PD day");
  slow->set_backlog(500'000);

  board->publish(summary("A", 1, 1));
  ASSERT_TRUE(eventually([&] { return quick->frames().size() == 2; }));
  board->publish(summary("B", 2, 1));
  board->publish(summary("A", 1, 2));
  ASSERT_TRUE(eventually([&] { return quick->frames().size() == 3; }));
  EXPECT_EQ(slow->frames().size(), 1u) << "queued behind a frame it has not read";

  slow->set_backlog(0);
  ASSERT_TRUE(eventually([&] { return slow->frames().size() == 2; }));
  // One frame, each room once, as it is now.
  const auto caught_up = slow->messages().at(1);
  EXPECT_EQ(caught_up.at("type"), "rooms");
  ASSERT_EQ(caught_up.at("rooms").size(), 2u);
  EXPECT_EQ(caught_up.at("rooms")[0].at("session"), "A");
  EXPECT_EQ(caught_up.at("rooms")[0].at("online"), 2);
  EXPECT_EQ(caught_up.at("rooms")[1].at("session"), "B");
  EXPECT_EQ(caught_up.at("rooms")[1].at("online"), 1);
}

TEST_F(SummaryBoard, AHostThatWentGetsNothingMore) {
  board->publish(summary("A", 1));
  auto staying = std::make_shared<recording_connection>();
  auto leaving = std::make_shared<recording_connection>();
  board->subscribe(staying, "PD day");
  board->subscribe(leaving, "PD day");
  board->unsubscribe(leaving.get());

  board->publish(summary("A", 1, 1));

  ASSERT_TRUE(eventually([&] { return staying->frames().size() == 2; }));
  EXPECT_EQ(leaving->frames().size(), 1u);  // its welcome only
  EXPECT_EQ(board->hosts(), 1u);
}

TEST_F(SummaryBoard, AForgottenRoomIsLeftOutOfTheNextWelcome) {
  board->publish(summary("A", 1));
  board->publish(summary("B", 2));
  board->forget("A");
  auto host = std::make_shared<recording_connection>();
  board->subscribe(host, "PD day");
  const auto rooms = host->messages().at(0).at("rooms");
  ASSERT_EQ(rooms.size(), 1u);
  EXPECT_EQ(rooms[0].at("session"), "B");
}

TEST_F(SummaryBoard, ClosingTellsEveryHostAndClosesIt) {
  auto host = std::make_shared<recording_connection>();
  board->subscribe(host, "PD day");
  board->close_hosts(make_text(R"({"type":"error","code":"not_found"})"), 1000, "event deleted");
  EXPECT_EQ(host->messages().back().at("code"), "not_found");
  EXPECT_EQ(host->closed_with(), 1000);
  EXPECT_EQ(board->hosts(), 0u);
}

}  // namespace
}  // namespace debrief::server
