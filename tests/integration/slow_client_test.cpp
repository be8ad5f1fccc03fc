// A client that stops reading must not hold up its room: its bounded queue
// overflows, the server cuts it off, everyone else keeps getting answers and
// every event, and the slow one can come back later with its token and last
// seq. The load is made of large messages (2000-character entries and an
// agenda of long prompts) so that the slow client's socket buffers and its
// 4 MiB queue fill within a few seconds.

#include <gtest/gtest.h>

#include <deque>
#include <iostream>

#include "async_client.hpp"
#include "harness.hpp"
#include "session_peer.hpp"

namespace debrief::testing {
namespace {

constexpr int clarifying_phase = 2;  // a discussion that is not private: everyone sees every entry
constexpr const char* clarifying_phase_id = "clarifying";
constexpr int long_phases = 8;  // each with 20 prompts of 500 characters
constexpr int commands_after_cut = 20;
constexpr int max_commands = 600;  // bounds the load if the slow client is never cut off

json long_phase(int n) {
  json prompts = json::array();
  for (int i = 0; i < 20; ++i) prompts.push_back(std::string(499, 'a' + static_cast<char>(i)) + std::to_string(n % 10));
  return {{"title", "Extra " + std::to_string(n)}, {"kind", "discussion"}, {"minutes", 5}, {"prompts", prompts}};
}

// A WebSocket that says hello and then never reads. Its receive buffer is
// kept small so the server's side fills sooner.
class stalled_client {
 public:
  stalled_client(std::uint16_t port, const json& hello) {
    auto& socket = ws_.next_layer();
    socket.open(tcp::v4());
    socket.set_option(net::socket_base::receive_buffer_size(4096));
    socket.connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), port));
    ws_.handshake("127.0.0.1:" + std::to_string(port), "/ws");
    ws_.write(net::buffer(hello.dump()));
  }

  // Reads what the server had sent before it gave up on us; returns true if
  // the connection then ends (rather than staying open with nothing more).
  bool drain_until_closed(std::size_t& bytes, std::chrono::seconds timeout) {
    beast::flat_buffer buffer;
    bool ended = false;
    std::function<void()> read_next = [&] {
      ws_.async_read(buffer, [&](beast::error_code ec, std::size_t n) {
        if (ec) {
          ended = true;
          return;
        }
        bytes += n;
        buffer.consume(buffer.size());
        read_next();
      });
    };
    read_next();
    ioc_.run_for(timeout);
    if (!ended) {
      beast::error_code ignored;
      ws_.next_layer().close(ignored);
      ioc_.restart();
      ioc_.run();
    }
    return ended;
  }

 private:
  net::io_context ioc_;
  websocket::stream<tcp::socket> ws_{ioc_};
};

bool went_offline(const session_peer& watcher, const std::string& who, std::size_t from_event) {
  for (std::size_t i = from_event; i < watcher.events.size(); ++i) {
    const auto& e = watcher.events[i];
    if (e.at("type") == "presence_changed" && e.at("participant") == who && e.at("online") == false) return true;
  }
  return false;
}

TEST(SlowClient, AClientThatStopsReadingIsCutOffWithoutHoldingUpTheOthersAndMayResume) {
  temp_dir dir;
  test_server server(dir.path() / "debrief.db");
  const auto session = create_session(server.port());
  net::io_context ioc;
  std::deque<session_peer> people;
  auto& facilitator = people.emplace_back(ioc, session.code, "Maya", "facilitator", session.facilitator_key);
  auto& presenter = people.emplace_back(ioc, session.code, "Ravi", "presenter");
  auto& lena = people.emplace_back(ioc, session.code, "Lena", "colleague");
  auto& tom = people.emplace_back(ioc, session.code, "Tom", "colleague");
  auto& olu = people.emplace_back(ioc, session.code, "Olu", "observer");
  auto& slow = people.emplace_back(ioc, session.code, "Slow", "colleague");
  const std::vector<session_peer*> working = {&facilitator, &presenter, &lena, &tom};
  const std::vector<session_peer*> others = {&facilitator, &presenter, &lena, &tom, &olu};
  auto answered = [&] {
    for (auto* p : others) {
      if (!p->all_answered()) return false;
    }
    return true;
  };

  const auto everyone_joined = [&] {
    for (const auto& p : people) {
      if (!p.joined()) return false;
    }
    return true;
  };
  for (auto& p : people) p.connect(server.port());
  // Joins are answered in any order: wait for all of them, not only the
  // slow client's and the facilitator's.
  ASSERT_TRUE(run_until(
      ioc, [&] { return everyone_joined() && answered(); }, 10s));
  facilitator.command({{"type", "start_session"}}, "start");
  facilitator.command({{"type", "go_to_phase"}, {"phase", clarifying_phase}}, "go");
  for (int i = 0; i < long_phases; ++i) {
    facilitator.command({{"type", "add_phase"}, {"at", 8 + i}, {"phase", long_phase(i)}}, "add" + std::to_string(i));
  }
  ASSERT_TRUE(run_until(ioc, answered, 10s));
  ASSERT_TRUE(run_until(
      ioc, [&] { return slow.last_seq == facilitator.last_seq; }, 10s));

  // The slow client comes back on a connection it will never read.
  slow.drop();
  const auto slow_seen = *slow.last_seq;
  stalled_client stalled(
      server.port(),
      {{"type", "hello"}, {"version", 2}, {"session", session.code}, {"token", slow.token}, {"last_seq", slow_seen}});
  // Its return shows as presence: offline (the drop), then online again.
  ASSERT_TRUE(run_until(
      ioc,
      [&] {
        int changes = 0;
        for (const auto& e : facilitator.events) {
          if (e.at("type") == "presence_changed" && e.at("participant") == slow.you && e.at("seq") > slow_seen) {
            ++changes;
          }
        }
        return changes == 2;
      },
      10s));
  const auto watch_from = facilitator.events.size();

  // Everyone else keeps working, at about 15 commands a second each.
  int sent = 0;
  int sent_after_cut = -1;
  std::map<session_peer*, std::chrono::steady_clock::time_point> next_send;
  const std::string long_entry(1990, 'x');
  const bool finished = run_until(
      ioc,
      [&] {
        if (sent_after_cut < 0 && went_offline(facilitator, slow.you, watch_from)) sent_after_cut = 0;
        if (sent_after_cut >= commands_after_cut || sent >= max_commands) return true;
        const auto now = std::chrono::steady_clock::now();
        for (auto* p : working) {
          if (now < next_send[p] || p->in_flight() >= 4) continue;
          next_send[p] = now + 65ms;
          const auto id = "load-" + std::to_string(sent);
          if (p == &facilitator) {
            p->command({{"type", "set_phase_minutes"}, {"phase", 0}, {"minutes", 3 + sent % 2}}, id);
          } else {
            p->command(
                {{"type", "entry_add"}, {"text", long_entry + std::to_string(sent)}, {"phase", clarifying_phase_id}},
                id);
          }
          ++sent;
          if (sent_after_cut >= 0) ++sent_after_cut;
        }
        return false;
      },
      60s);
  ASSERT_TRUE(finished);
  ASSERT_GE(sent_after_cut, 0) << "the client that never reads was not cut off after " << sent << " commands";

  // Every command answered, and every other client got every event.
  ASSERT_TRUE(run_until(ioc, answered, 20s)) << "commands went unanswered";
  std::int64_t last = 0;
  for (auto* p : others) last = std::max(last, p->last_seq.value_or(0));
  ASSERT_TRUE(run_until(
      ioc,
      [&] {
        for (auto* p : others) {
          if (p->last_seq != last) return false;
        }
        return true;
      },
      20s));
  for (auto* p : others) {
    EXPECT_EQ(p->all_answered(), true) << p->name;
    EXPECT_EQ(p->snapshots, 1u) << p->name << " had to resynchronise";
    EXPECT_TRUE(p->problems.empty()) << p->problems.front();
  }

  // The stalled connection ends once what was already sent is read.
  std::size_t stalled_bytes = 0;
  EXPECT_TRUE(stalled.drain_until_closed(stalled_bytes, 10s)) << "the slow connection was left open";

  // The slow client resumes from its last seq and catches up, without a gap.
  slow.connect(server.port());
  ASSERT_TRUE(run_until(
      ioc, [&] { return slow.last_seq >= last && slow.connected(); }, 20s))
      << "the slow client did not catch up";
  EXPECT_TRUE(slow.problems.empty()) << slow.problems.front();
  ASSERT_TRUE(run_until(
      ioc, [&] { return facilitator.last_seq > last; }, 10s));
  EXPECT_EQ(facilitator.events.back().at("type"), "presence_changed");  // back online

  std::size_t to_others = 0;
  for (auto* p : others) to_others += p->bytes_received;
  std::cout << "slow client: " << sent << " commands acknowledged (" << sent_after_cut << " after the cut-off), "
            << to_others / 1024 << " KiB delivered to the five others; the stalled "
            << "connection took " << stalled_bytes / 1024 << " KiB before it was cut off; on resuming it got "
            << (slow.snapshots > 1 ? "a snapshot" : "the missed events") << " up to seq " << *slow.last_seq << "\n";
}

}  // namespace
}  // namespace debrief::testing
