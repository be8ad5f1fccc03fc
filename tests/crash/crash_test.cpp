// Nothing acknowledged is lost: several rooms of clients send commands to the
// real server binary, which is killed with SIGKILL at a random moment (the
// seed is printed; DEBRIEF_CRASH_SEED repeats it) and restarted on the same
// database, three times. After each kill the stored log must hold every
// acknowledged command's effect, exactly once and whole; every client resumes
// with its token and last seq with no gap and no duplicate; and every command
// left unanswered, sent again with its id, has exactly one effect.

#include <gtest/gtest.h>

#include <cstdlib>
#include <deque>
#include <iostream>
#include <map>
#include <optional>
#include <random>
#include <set>

#include "debrief/storage/database.hpp"
#include "harness.hpp"
#include "server_process.hpp"
#include "session_peer.hpp"

namespace debrief::testing {
namespace {

constexpr int room_count = 4;
constexpr int colleagues_per_room = 2;
constexpr int kill_rounds = 3;
constexpr int commands_per_peer_per_round = 40;  // bounds the load whatever the timing
constexpr int discussion_phase = 4;              // "noticings": private; the presenter may still use the board
constexpr const char* discussion_phase_id = "noticings";
constexpr std::int64_t discussion_minutes = 5;

struct tally {
  std::size_t sent = 0;               // new commands sent in this round, before the kill
  std::size_t acked = 0;              // acknowledgements received since the last kill (new commands and retries)
  std::size_t acked_found = 0;        // of those, found in the stored log after the kill
  std::size_t in_flight_at_kill = 0;  // awaiting an answer when the server was killed (some answers were on the wire)
  std::size_t unacked_stored = 0;     // unanswered, yet committed before the kill
  std::size_t unacked_missing = 0;    // unanswered and not committed
  std::size_t retried_same_ack = 0;   // resent after the restart: answered with the original ack
  std::size_t retried_applied = 0;    // resent after the restart: applied now, once
};

struct room_under_test {
  created session;
  session_peer* facilitator = nullptr;
  std::vector<session_peer*> peers;  // facilitator, presenter, colleagues
};

std::uint64_t seed_from_environment() {
  if (const char* s = std::getenv("DEBRIEF_CRASH_SEED")) return std::strtoull(s, nullptr, 10);
  return std::random_device{}();
}

// What a command must have left in the log: the event at its ack's seq.
bool is_effect_of(const json& body, const session_peer& peer, const json& command) {
  const auto& type = command.at("type");
  if (type == "board_add")
    return body.at("type") == "board_item_saved" && body.at("item").at("text") == command.at("text");
  if (type == "entry_add") {
    return body.at("type") == "entry_saved" && body.at("entry").at("text") == command.at("text") &&
           body.at("entry").at("author") == peer.you;
  }
  if (type == "timer_add") return body.at("type") == "timer_extended";
  if (type == "start_session") return body.at("type") == "session_started";
  if (type == "go_to_phase") return body.at("type") == "phase_changed";
  return false;
}

class CrashTest : public ::testing::Test {
 protected:
  temp_dir dir;
  std::filesystem::path db = dir.path() / "debrief.db";
  net::io_context ioc;
  std::deque<session_peer> people;  // stable addresses for the callbacks
  std::vector<room_under_test> rooms;
  std::mt19937_64 rng;
  int server_starts = 0;

  std::unique_ptr<server_process> start_server() {
    const auto log = dir.path() / ("server-" + std::to_string(++server_starts) + ".log");
    return std::make_unique<server_process>(DEBRIEF_SERVER_BINARY, db, log);
  }

  std::vector<session_peer*> everyone() {
    std::vector<session_peer*> all;
    for (auto& p : people) all.push_back(&p);
    return all;
  }

  void join_everyone(std::uint16_t port) {
    for (int r = 0; r < room_count; ++r) {
      room_under_test room;
      room.session = create_session(port);
      const auto name = "R" + std::to_string(r) + "-";
      room.facilitator = &people.emplace_back(ioc, room.session.code, name + "facilitator", "facilitator",
                                              room.session.facilitator_key);
      room.peers.push_back(room.facilitator);
      room.peers.push_back(&people.emplace_back(ioc, room.session.code, name + "presenter", "presenter"));
      for (int c = 0; c < colleagues_per_room; ++c) {
        room.peers.push_back(
            &people.emplace_back(ioc, room.session.code, name + "colleague" + std::to_string(c), "colleague"));
      }
      rooms.push_back(std::move(room));
    }
    for (auto* p : everyone()) p->connect(port);
    ASSERT_TRUE(run_until(
        ioc, [&] { return all_joined(); }, 20s))
        << "not everyone could join";
    for (auto& room : rooms) {
      // Ids are unique across the test, so they name commands in the checks.
      room.facilitator->command({{"type", "start_session"}}, "start-" + room.session.code);
      room.facilitator->command({{"type", "go_to_phase"}, {"phase", discussion_phase}}, "phase-" + room.session.code);
    }
    ASSERT_TRUE(run_until(
        ioc, [&] { return all_answered(); }, 20s))
        << "the sessions could not be set up";
  }

  bool all_joined() {
    for (auto* p : everyone()) {
      if (!p->joined()) return false;
    }
    return true;
  }

  bool all_answered() {
    for (auto* p : everyone()) {
      if (!p->all_answered()) return false;
    }
    return true;
  }

  // The next command of this peer's load; each has its own id and content.
  void send_new_command(session_peer& p, int round, int k) {
    const auto id = "c-" + p.name + "-" + std::to_string(round) + "-" + std::to_string(k);
    if (p.role == "facilitator") {
      p.command({{"type", "timer_add"}, {"seconds", 1 + static_cast<int>(rng() % 90)}}, id);
    } else if (p.role == "presenter") {
      static const char* lists[] = {"know", "dont_know", "assumptions", "find_out"};
      p.command({{"type", "board_add"}, {"list", lists[k % 4]}, {"text", "item " + id}, {"phase", discussion_phase_id}},
                id);
    } else {
      p.command({{"type", "entry_add"}, {"text", "entry " + id}, {"prompt", -1}, {"phase", discussion_phase_id}}, id);
    }
  }

  // Every client sends bursts of a few commands, 16 a second on average
  // (under the limit of 20 a second, bursts of 40), so that many are in
  // flight together. The kill comes a random few milliseconds after a random
  // burst: while some commands are committed and not yet acknowledged, or
  // still on their way to the disk.
  void load_then_kill(server_process& server, int round, tally& t) {
    constexpr int burst = 4;
    constexpr auto burst_every = 250ms;
    const int kill_burst = std::uniform_int_distribution<int>(1, 7)(rng);
    const auto kill_offset = std::chrono::microseconds(std::uniform_int_distribution<int>(0, 30'000)(rng));
    std::map<session_peer*, int> issued;
    std::map<std::string, std::size_t> before;  // commands each had before this round
    for (auto* p : everyone()) before[p->name] = p->order.size();
    auto next_burst = std::chrono::steady_clock::now();
    int bursts = 0;
    std::optional<std::chrono::steady_clock::time_point> kill_at;
    bool killed = false;
    const bool quiet = run_until(
        ioc,
        [&] {
          const auto now = std::chrono::steady_clock::now();
          if (!killed && kill_at && now >= *kill_at) {
            for (auto* p : everyone()) t.in_flight_at_kill += p->in_flight();
            server.kill_now();
            killed = true;
          }
          if (killed) {
            for (auto* p : everyone()) {
              if (p->connected()) return false;
            }
            return true;
          }
          if (now < next_burst) return false;
          for (auto* p : everyone()) {
            for (int i = 0; i < burst; ++i) {
              if (!p->send_next_unsent() && issued[p] < commands_per_peer_per_round) {
                send_new_command(*p, round, issued[p]++);
              }
            }
          }
          if (++bursts == kill_burst) kill_at = now + kill_offset;
          next_burst += burst_every;
          return false;
        },
        30s);
    ASSERT_TRUE(quiet) << "clients were still connected after the kill";
    for (auto* p : everyone()) {
      for (std::size_t i = before[p->name]; i < p->order.size(); ++i) {
        t.sent += p->commands.at(p->order[i]).times_sent > 0 ? 1 : 0;
      }
      for (const auto& [id, c] : p->commands) {
        t.acked += c.state == session_peer::status::acked && !verified_.contains(id) ? 1 : 0;
      }
    }
  }

  // With the server dead, reads the log straight from the database file.
  // Returns, per unanswered command id, the seq it was stored at (if it was).
  std::map<std::string, std::int64_t> check_the_stored_log(tally& t, std::map<std::string, std::int64_t>& last_seq) {
    std::map<std::string, std::int64_t> stored_unanswered;
    storage::database store(db.string());
    std::map<std::string, storage::loaded_session> loaded;
    for (auto& s : store.load_sessions()) loaded.emplace(s.record.id, std::move(s));
    for (const auto& room : rooms) {
      const auto& code = room.session.code;
      SCOPED_TRACE("session " + code);
      const auto events = store.events_after(code, 0);
      std::map<std::int64_t, json> log;
      for (std::size_t i = 0; i < events.size(); ++i) {
        EXPECT_EQ(events[i].seq, static_cast<std::int64_t>(i) + 1) << "the stored log has a gap";
        log[events[i].seq] = json::parse(events[i].body);
      }
      last_seq[code] = events.empty() ? 0 : events.back().seq;

      // Each command is stored whole with its events (one transaction): a
      // command record points at an event, and an event from a client
      // command has its record.
      std::map<std::string, std::int64_t> record_seq;
      std::set<std::int64_t> recorded;
      EXPECT_LT(loaded.at(code).commands.size(), 1000u) << "the server loads only the last 1000 command records";
      for (const auto& c : loaded.at(code).commands) {
        record_seq[c.key] = c.seq;
        recorded.insert(c.seq);
        EXPECT_TRUE(log.contains(c.seq)) << "a command record without its event: " << c.key;
      }
      std::map<std::string, int> texts;
      for (const auto& [seq, body] : log) {
        const auto type = body.at("type").get<std::string>();
        if (type == "board_item_saved" || type == "entry_saved" || type == "timer_extended") {
          EXPECT_TRUE(recorded.contains(seq)) << "event " << seq << " (" << type << ") without its command record";
        }
        if (type == "board_item_saved") ++texts[body.at("item").at("text")];
        if (type == "entry_saved") ++texts[body.at("entry").at("text")];
      }
      for (const auto& [text, n] : texts) EXPECT_EQ(n, 1) << "stored " << n << " times: " << text;
      check_timer_steps(log, room, record_seq);

      for (auto* p : room.peers) {
        for (const auto& id : p->order) {
          const auto& c = p->commands.at(id);
          const auto row = record_seq.find(p->you + "\x1f" + id);
          const bool stored = row != record_seq.end();
          if (stored) {
            EXPECT_TRUE(is_effect_of(log.at(row->second), *p, c.message)) << id;
          }
          if (c.state == session_peer::status::acked) {
            EXPECT_TRUE(stored) << "acknowledged but lost: " << id;
            if (!stored) continue;
            EXPECT_EQ(row->second, c.ack_seq) << "stored at another seq than acknowledged: " << id;
            if (verified_.insert(id).second) ++t.acked_found;
          } else if (stored) {
            ++t.unacked_stored;
            stored_unanswered[id] = row->second;
          } else {
            ++t.unacked_missing;
            if (c.message.contains("text")) {
              EXPECT_EQ(texts.count(c.message.at("text")), 0u) << id;
            }
          }
        }
      }
    }
    return stored_unanswered;
  }

  // The timer's planned length grows by exactly each stored timer_add.
  void check_timer_steps(const std::map<std::int64_t, json>& log, const room_under_test& room,
                         const std::map<std::string, std::int64_t>& record_seq) {
    std::map<std::int64_t, std::int64_t> seconds_at;  // seq -> seconds its command added
    for (const auto& [id, c] : room.facilitator->commands) {
      const auto row = record_seq.find(room.facilitator->you + "\x1f" + id);
      if (c.message.at("type") == "timer_add" && row != record_seq.end()) {
        seconds_at[row->second] = c.message.at("seconds");
      }
    }
    std::int64_t duration = -1;
    for (const auto& [seq, body] : log) {
      if (!body.contains("timer")) continue;
      const auto now = body.at("timer").at("duration_ms").get<std::int64_t>();
      if (body.at("type") == "timer_extended") {
        ASSERT_TRUE(seconds_at.contains(seq)) << "timer_extended at " << seq << " from no known command";
        EXPECT_EQ(now - duration, seconds_at.at(seq) * 1000) << "at seq " << seq;
      }
      duration = now;
    }
  }

  // After the restart: resumes every client and resends what is unanswered.
  void resume_and_retry(std::uint16_t port, const std::map<std::string, std::int64_t>& stored_unanswered,
                        const std::map<std::string, std::int64_t>& last_seq, tally& t) {
    std::set<std::string> unanswered;
    for (auto* p : everyone()) {
      for (const auto& [id, c] : p->commands) {
        if (c.state != session_peer::status::acked) unanswered.insert(id);
      }
    }
    for (auto* p : everyone()) p->connect(port);
    ASSERT_TRUE(run_until(
        ioc, [&] { return all_answered(); }, 30s))
        << "resent commands were not all answered";
    for (const auto& room : rooms) {
      for (auto* p : room.peers) {
        for (const auto& [id, c] : p->commands) {
          if (!unanswered.contains(id)) continue;
          if (const auto s = stored_unanswered.find(id); s != stored_unanswered.end()) {
            EXPECT_EQ(c.ack_seq, s->second) << "a retry of a stored command must get its original ack: " << id;
            ++t.retried_same_ack;
          } else {
            EXPECT_GT(c.ack_seq, last_seq.at(room.session.code)) << "a retry of a lost command applies anew: " << id;
            ++t.retried_applied;
          }
        }
      }
    }
  }

  // The final state, as each client sees it in a fresh snapshot: every
  // command ever acknowledged, once.
  void check_final_state(std::uint16_t port) {
    std::map<session_peer*, std::size_t> before;
    for (auto* p : everyone()) {
      before[p] = p->snapshots;
      p->connect_for_snapshot(port);
    }
    ASSERT_TRUE(run_until(
        ioc,
        [&] {
          for (auto* p : everyone()) {
            if (p->snapshots == before[p]) return false;
          }
          return true;
        },
        20s));
    for (const auto& room : rooms) {
      SCOPED_TRACE("session " + room.session.code);
      const auto& state = room.facilitator->snapshot;
      EXPECT_EQ(state.at("status"), "live");
      EXPECT_EQ(state.at("phase"), discussion_phase);
      std::int64_t seconds = 0;
      for (const auto& [_, c] : room.facilitator->commands) seconds += c.message.value("seconds", 0);
      EXPECT_EQ(state.at("timer").at("duration_ms"), (discussion_minutes * 60 + seconds) * 1000);

      std::multiset<std::string> board;
      for (const auto& item : state.at("board")) board.insert(item.at("text"));
      std::multiset<std::string> expected_board;
      for (auto* p : room.peers) {
        if (p->role != "presenter") continue;
        for (const auto& [_, c] : p->commands) expected_board.insert(c.message.at("text"));
      }
      EXPECT_EQ(board, expected_board);

      for (auto* p : room.peers) {
        if (p->role != "colleague") continue;
        std::multiset<std::string> own;
        for (const auto& e : p->snapshot.at("entries")) {
          if (e.at("author") == p->you) own.insert(e.at("text"));
        }
        std::multiset<std::string> expected;
        for (const auto& [_, c] : p->commands) expected.insert(c.message.at("text"));
        EXPECT_EQ(own, expected) << p->name;
      }
    }
  }

  void expect_no_problems() {
    for (auto* p : everyone()) {
      for (const auto& problem : p->problems) ADD_FAILURE() << problem;
    }
  }

  std::set<std::string> verified_;  // acknowledged commands already found after a kill
};

TEST_F(CrashTest, EveryAcknowledgedCommandSurvivesAKillAndClientsResumeWithoutGaps) {
  const auto seed = seed_from_environment();
  rng.seed(seed);
  std::cout << "crash test seed: " << seed << " (DEBRIEF_CRASH_SEED=" << seed << " repeats the kill moments)\n";

  auto server = start_server();
  join_everyone(server->port());
  if (HasFatalFailure()) return;

  tally total;
  for (int round = 1; round <= kill_rounds; ++round) {
    SCOPED_TRACE("round " + std::to_string(round));
    tally t;
    load_then_kill(*server, round, t);
    if (HasFatalFailure()) return;
    std::map<std::string, std::int64_t> last_seq;
    const auto stored_unanswered = check_the_stored_log(t, last_seq);
    if (HasFatalFailure()) return;
    server = start_server();
    resume_and_retry(server->port(), stored_unanswered, last_seq, t);
    if (HasFatalFailure()) return;
    std::cout << "round " << round << ": " << t.sent << " commands sent, " << t.acked
              << " acknowledged before the kill (" << t.in_flight_at_kill << " awaiting an answer), " << t.acked_found
              << " of them found after it; " << t.unacked_stored << " unanswered but stored, " << t.unacked_missing
              << " unanswered and not stored; resent after the restart: " << t.retried_same_ack
              << " got their original ack, " << t.retried_applied << " were applied once\n";
    EXPECT_EQ(t.acked_found, t.acked);
    total.sent += t.sent;
    total.acked += t.acked;
    total.acked_found += t.acked_found;
  }
  check_final_state(server->port());
  expect_no_problems();
  std::cout << "crash test total: " << total.sent << " commands sent, " << total.acked
            << " acknowledged before a kill, " << total.acked_found << " found after it\n";

  for (auto* p : everyone()) p->drop();
  EXPECT_EQ(server->stop(), 0) << "a graceful stop (SIGTERM) exits 0\n" << server->log_text();
}

}  // namespace
}  // namespace debrief::testing
