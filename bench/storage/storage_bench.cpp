// debrief-storage-bench: commits per second of the project's storage layer,
// with its real schema and PRAGMAs (WAL, synchronous=FULL), on a file in a
// temporary folder:
//   single   one event per transaction (what a server without group commit does)
//   grouped  --group events from different sessions per transaction
//   writer   the server's writer thread (storage::writer) with --outstanding
//            commands waiting for their commit at any time, as rooms do; it
//            groups whatever is queued when the disk is free
// Each mode runs for --seconds or --max-events, whichever comes first, on a
// fresh database. Each command's batch is what the server writes for the
// load generator's standard mix (bench/load/commands.cpp): a timer event
// with the command's id and ack (for idempotent retries), the session's new
// timer deadline (8 commands in 9 change it, the others leave it;
// --no-timers to leave them out), now and then a participant's credential,
// and every 100th event of a session a snapshot of the session state
// (--no-snapshots to leave them out). Besides
// the rate, each mode reports what reached the disk (counting_vfs.hpp): bytes
// and pages appended to the write-ahead log per event and per commit, syncs
// per commit.

#include <unistd.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <numeric>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "counting_vfs.hpp"
#include "debrief/storage/database.hpp"
#include "debrief/storage/writer.hpp"

namespace {

using namespace debrief::storage;
using clock_type = std::chrono::steady_clock;

struct settings {
  std::string dir;
  double seconds = 3;
  std::size_t max_events = 2'000'000;
  std::size_t group = 32;
  std::size_t sessions = 256;
  std::size_t outstanding = 256;
  bool snapshots = true;
  bool timers = true;
  std::size_t state_bytes = 5000;
  std::vector<std::string> modes = {"single", "grouped", "writer"};
  std::string json_out;
};

// A timer_extended event as the server stores it (about 130 bytes).
const std::string event_body =
    R"({"timer":{"duration_ms":181000,"ends_at":1763850181000,"remaining_ms":120000,"status":"running"},)"
    R"("type":"timer_extended"})";
// A session's state as JSON text of `bytes` bytes. 5,000 by default: a
// PD-day room's state with the learning-partnership template, 5 participants,
// a running timer and a few board items is 5.0 KB (one page and part of an
// overflow page in the snapshots table).
std::string state_of_size(std::size_t bytes) { return R"({"state":")" + std::string(bytes - 13, 'x') + R"("})"; }

// What each command of the load's standard mix does to the session's timer
// deadline, in its order: start, add, pause, add (while paused: none),
// resume, add, pause, resume, phase step (the next phase's timer is idle).
enum class deadline { set, cleared, unchanged };
constexpr std::array<deadline, 9> mix_deadlines = {deadline::set,       deadline::set, deadline::cleared,
                                                   deadline::unchanged, deadline::set, deadline::set,
                                                   deadline::cleared,   deadline::set, deadline::cleared};
// One command in this many brings a participant's credential (a join).
constexpr std::size_t commands_per_join = 500;
constexpr std::int64_t start_time = 1763850000000;

class event_source {
 public:
  explicit event_source(const settings& s)
      : next_seq_(s.sessions, 2),
        order_(s.sessions),
        snapshots_(s.snapshots),
        timers_(s.timers),
        state_(state_of_size(s.state_bytes)) {
    // Rooms' commands come in no order of their creation: visiting the
    // sessions in creation order would put consecutive commands on rows that
    // share a page of the sessions table, and a commit would dirty fewer.
    std::iota(order_.begin(), order_.end(), std::size_t{0});
    std::shuffle(order_.begin(), order_.end(), std::mt19937(19));
  }

  static std::string session_id(std::size_t i) { return "BENCH" + std::to_string(100000 + i); }

  // The sessions, each with its session_created event (seq 1), in one transaction.
  void create_all(database& db) const {
    std::vector<write_batch> batches;
    for (std::size_t i = 0; i < next_seq_.size(); ++i) {
      write_batch b;
      b.session = session_id(i);
      b.create = session_record{b.session, std::string(32, 'k'), start_time};
      b.events.push_back({1, start_time, R"({"type":"session_created"})"});
      batches.push_back(std::move(b));
    }
    db.commit(batches);
  }

  // One command's batch: one event in the next session, round robin in a
  // fixed shuffled order.
  write_batch next() {
    const auto s = order_[cursor_++ % order_.size()];
    write_batch b;
    b.session = session_id(s);
    const auto seq = next_seq_[s]++;
    const auto time = start_time + seq;
    b.events.push_back({seq, time, event_body});
    // Like the server, remember the command and its ack for idempotent retries.
    std::string id = "c";
    id += std::to_string(seq);
    b.command = command_record{seq, "p1\x1f" + id,
                               R"({"id":")" + id + R"(","seq":)" + std::to_string(seq) + R"(,"type":"ack"})"};
    if (const auto change = mix_deadlines[static_cast<std::size_t>(seq) % mix_deadlines.size()];
        timers_ && change != deadline::unchanged) {
      b.timer_changed = true;
      if (change == deadline::set) b.timer_due = time + 181000;
    }
    if (cursor_ % commands_per_join == 0) {
      std::string participant = "p";
      participant += std::to_string(seq);
      // A token is unique: the session's id and the seq make it so.
      b.credentials.push_back({participant, b.session + participant + std::string(30, 't'), std::string(32, 's')});
    }
    if (snapshots_ && seq % 100 == 0) b.snapshot = snapshot_record{seq, state_};
    return b;
  }

 private:
  std::vector<std::int64_t> next_seq_;
  std::vector<std::size_t> order_;
  std::size_t cursor_ = 0;
  bool snapshots_;
  bool timers_;
  std::string state_;
};

struct result {
  std::string mode;
  std::size_t events = 0;
  std::size_t transactions = 0;
  double seconds = 0;
  debrief::bench::disk_counts disk;  // during the timed part only
};

std::string fresh_db(const settings& s, const std::string& mode) {
  const auto path = std::filesystem::path(s.dir) / ("storage-" + mode + ".db");
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path.string() + suffix);
  return path.string();
}

double since(clock_type::time_point t) { return std::chrono::duration<double>(clock_type::now() - t).count(); }

result run_batched(const settings& s, const std::string& mode, std::size_t per_transaction) {
  database db(fresh_db(s, mode), database::default_checkpoint_frames, debrief::bench::counting_vfs());
  event_source source(s);
  source.create_all(db);
  result r{mode, 0, 0, 0, {}};
  const auto disk_before = debrief::bench::counted();
  const auto start = clock_type::now();
  std::vector<write_batch> batches;
  while (r.events < s.max_events && since(start) < s.seconds) {
    batches.clear();
    for (std::size_t i = 0; i < per_transaction; ++i) batches.push_back(source.next());
    db.commit(batches);
    r.events += per_transaction;
    ++r.transactions;
  }
  r.seconds = since(start);
  r.disk = debrief::bench::counted() - disk_before;
  return r;
}

result run_writer(const settings& s) {
  auto db = std::make_unique<database>(fresh_db(s, "writer"), database::default_checkpoint_frames,
                                       debrief::bench::counting_vfs());
  event_source source(s);
  source.create_all(*db);
  writer w(std::move(db));
  const auto disk_before = debrief::bench::counted();
  std::mutex mutex;
  std::condition_variable done_cv;
  std::size_t done = 0, submitted = 0, in_flight = 0;
  bool failed = false;
  const auto start = clock_type::now();
  auto more = [&] { return submitted < s.max_events && since(start) < s.seconds; };
  std::unique_lock lock(mutex);
  // Keep `outstanding` commands waiting for their commit, like rooms whose
  // commands wait for the disk; the writer groups whatever it finds queued.
  for (;;) {
    while (in_flight < s.outstanding && more()) {
      ++submitted;
      ++in_flight;
      auto batch = source.next();
      lock.unlock();
      w.submit(std::move(batch), [&](std::optional<std::string> error) {
        std::lock_guard g(mutex);
        if (error) failed = true;
        ++done;
        --in_flight;
        done_cv.notify_one();
      });
      lock.lock();
    }
    if (!more() && in_flight == 0) break;
    done_cv.wait_for(lock, std::chrono::milliseconds(100));
  }
  result r{"writer", done, w.transactions(), since(start), debrief::bench::counted() - disk_before};
  if (failed) std::fprintf(stderr, "debrief-storage-bench: a commit failed\n");
  return r;
}

void report(const result& r, const settings& s) {
  const double per_s = static_cast<double>(r.events) / r.seconds;
  const auto events = static_cast<double>(r.events);
  const auto commits = static_cast<double>(r.transactions);
  // Two writes per log frame: its header, then the page.
  const auto frames = static_cast<double>(r.disk.wal_writes) / 2;
  std::printf("  %-8s %9zu events in %7zu transactions, %6.2f s: %10.0f events/s, %8.0f transactions/s\n",
              r.mode.c_str(), r.events, r.transactions, r.seconds, per_s, commits / r.seconds);
  std::printf(
      "  %-8s log: %7.0f bytes and %5.2f pages per event, %9.0f bytes and %7.1f pages per commit;"
      " %4.2f syncs and %5.1f reads per commit; %7.0f checkpointed bytes per event\n",
      "", static_cast<double>(r.disk.wal_bytes) / events, frames / events,
      static_cast<double>(r.disk.wal_bytes) / commits, frames / commits, static_cast<double>(r.disk.syncs) / commits,
      static_cast<double>(r.disk.reads) / commits, static_cast<double>(r.disk.db_bytes) / events);

  if (!s.json_out.empty()) {
    std::ofstream(s.json_out, std::ios::app)
        << R"({"target":"debrief","scenario":"storage","mode":")" << r.mode << R"(","events":)" << r.events
        << R"(,"transactions":)" << r.transactions << R"(,"seconds":)" << r.seconds << R"(,"events_per_s":)" << per_s
        << R"(,"wal_bytes_per_event":)" << static_cast<double>(r.disk.wal_bytes) / events
        << R"(,"wal_pages_per_commit":)" << frames / commits << R"(,"group":)" << s.group << R"(,"outstanding":)"
        << s.outstanding << "}\n";
  }
}

std::vector<std::string> split(std::string_view list) {
  std::vector<std::string> out;
  while (!list.empty()) {
    const auto comma = list.find(',');
    out.emplace_back(list.substr(0, comma));
    list = comma == std::string_view::npos ? std::string_view{} : list.substr(comma + 1);
  }
  return out;
}

bool known_modes(const std::vector<std::string>& modes) {
  return !modes.empty() && std::all_of(modes.begin(), modes.end(), [](const std::string& m) {
    return m == "single" || m == "grouped" || m == "writer";
  });
}

bool parse(int argc, char** argv, settings& s) {
  for (int i = 1; i < argc; ++i) {
    const std::string_view f = argv[i];
    if (f == "--no-snapshots") {
      s.snapshots = false;
      continue;
    }
    if (f == "--no-timers") {
      s.timers = false;
      continue;
    }
    if (i + 1 >= argc) return false;
    const char* v = argv[++i];
    if (f == "--dir")
      s.dir = v;
    else if (f == "--seconds")
      s.seconds = std::atof(v);
    else if (f == "--max-events")
      s.max_events = std::strtoull(v, nullptr, 10);
    else if (f == "--group")
      s.group = std::strtoull(v, nullptr, 10);
    else if (f == "--sessions")
      s.sessions = std::strtoull(v, nullptr, 10);
    else if (f == "--outstanding")
      s.outstanding = std::strtoull(v, nullptr, 10);
    else if (f == "--json-out")
      s.json_out = v;
    else if (f == "--state-bytes")
      s.state_bytes = std::strtoull(v, nullptr, 10);
    else if (f == "--modes")
      s.modes = split(v);
    else
      return false;
  }
  return !s.dir.empty() && s.seconds > 0 && s.group > 0 && s.sessions > 0 && s.outstanding > 0 && s.state_bytes >= 16 &&
         known_modes(s.modes);
}

}  // namespace

int main(int argc, char** argv) {
  settings s;
  if (!parse(argc, argv, s)) {
    std::fputs(
        "Usage: debrief-storage-bench --dir TMPDIR [--seconds 3] [--max-events N] [--group 32] [--sessions 256]\n"
        "                             [--outstanding 256] [--no-snapshots] [--no-timers]\n"
        "                             [--state-bytes 5000] [--modes single,grouped,writer] [--json-out FILE]\n",
        stderr);
    return 2;
  }
  try {
    std::printf("== storage (synchronous=FULL, WAL; %zu sessions; snapshots of %zu bytes %s)\n", s.sessions,
                s.state_bytes, s.snapshots ? "every 100 events" : "off");
    for (const auto& mode : s.modes) {
      if (mode == "single") report(run_batched(s, "single", 1), s);
      if (mode == "grouped") report(run_batched(s, "grouped", s.group), s);
      if (mode == "writer") report(run_writer(s), s);
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "debrief-storage-bench: %s\n", e.what());
    return 1;
  }
  return 0;
}
