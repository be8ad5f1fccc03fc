#pragma once
// Host consoles: WebSockets subscribed to an event's room summaries (the
// first message is `host` with the event's id and host key; the server
// answers `host_welcome` with every room's summary, then `rooms` messages
// of the summaries that changed, at most one a second per connection).
//
// A summary names the seq of the latest event it reflects, so its latency
// is its arrival here less the time the room's first member received that
// event (fleet::first_arrival). Only `rooms` messages are measured (the
// welcome is a picture of the past), and only summaries whose seq a member
// of the room saw; a summary that beat every member to its event counts as 0.
//
// The consoles run on a thread and io_context of their own: a `rooms`
// message is hundreds of kilobytes, parsed whole, and on the main thread
// that parse would hold up reading (and stamping) the rooms' events, adding
// the generator's own work to the rooms' latency. That thread only records
// (room, seq, arrival) per summary; the fleet belongs to the main thread,
// which matches them against its first arrivals in settle(), after the
// window's drain.

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include <nlohmann/json.hpp>

#include "client.hpp"
#include "fleet.hpp"
#include "histogram.hpp"
#include "io_thread.hpp"

namespace debrief::bench {

struct host_measurement {
  histogram latency_us;         // summary arrival - the room's first member's arrival of its seq
  std::uint64_t messages = 0;   // `rooms` messages, over every host
  std::uint64_t bytes = 0;      // their bytes
  std::uint64_t summaries = 0;  // summaries in them
  std::uint64_t matched = 0;    // of those, whose seq a member of the room saw (measured)
  std::uint64_t early = 0;      // of those, arrived before any member had the event (measured as 0)
};

struct host_faults {
  std::uint64_t disconnects = 0;     // a host connection failed while open
  std::uint64_t errors = 0;          // an `error` message
  std::uint64_t stray_messages = 0;  // unparsable, or a summary of no room of the event
  std::uint64_t total() const { return disconnects + errors + stray_messages; }
};

class host_consoles : public client_events {
 public:
  // Starts the consoles' thread; no console is open yet.
  host_consoles(const fleet& rooms, tcp::endpoint server, std::string host, std::string event, std::string key);
  ~host_consoles() override;
  host_consoles(const host_consoles&) = delete;
  host_consoles& operator=(const host_consoles&) = delete;

  // The rest of the public interface is the main thread's (the fleet's).

  // Closes every connection, then opens n new ones; poll welcomed().
  void reopen(std::size_t n);
  bool welcomed() const;
  void close_all();
  // Closes every connection and stops the consoles' thread (the destructor does too).
  void stop();

  void reset_measurement();
  // Measures the window's summaries against the fleet's first arrivals, now
  // that the members have had time to receive their events (after the drain).
  void settle();
  // Rooms whose latest summary at some host is older than the latest event
  // the room's members received (0 once every host has caught up).
  std::size_t stale_rooms() const;
  host_measurement current() const;
  host_faults fault_counts() const;
  std::string first_fault() const;
  // CPU time of the consoles' thread so far, in microseconds.
  std::uint64_t thread_cpu_us() { return io_.cpu_us(); }

  // The consoles' thread's.
  void on_open(ws_client& c) override;
  void on_message(ws_client& c, std::string_view text, std::int64_t at_us) override;
  void on_failed(ws_client& c, std::string_view stage, const beast::error_code& ec) override;

 private:
  struct summary {
    std::uint32_t room;
    std::int64_t seq;
  };
  struct arrival {
    std::uint32_t room;
    std::int64_t seq;
    std::int64_t at_us;
  };
  std::optional<summary> read_summary(const nlohmann::json& s);
  void record(ws_client& c, bool update, const std::vector<summary>& read, std::int64_t at_us);
  void close_connections();
  void note_fault(std::uint64_t& counter, std::string what);

  // First, so that it is destroyed last: the connections' pending handlers go with its io_context.
  io_thread io_;

  // Set before the thread's first handler, then only read.
  tcp::endpoint server_;
  std::string host_;
  std::string hello_;
  std::unordered_map<std::string, std::uint32_t> room_by_code_;
  std::size_t room_count_;

  // The main thread's.
  const fleet& rooms_;
  histogram latency_us_;
  std::uint64_t matched_ = 0;
  std::uint64_t early_ = 0;

  // Both threads', under mutex_.
  mutable std::mutex mutex_;
  std::uint64_t messages_ = 0;
  std::uint64_t bytes_ = 0;
  std::uint64_t summaries_ = 0;
  std::vector<arrival> arrivals_;                  // the window's `rooms` summaries, not yet matched
  std::vector<std::vector<std::int64_t>> latest_;  // per connection, per room: the newest summary's seq
  std::size_t opened_ = 0;
  std::size_t welcomed_ = 0;
  host_faults faults_;
  std::string first_fault_;

  // The consoles' thread's.
  std::vector<std::shared_ptr<ws_client>> connections_;
};

}  // namespace debrief::bench
