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
// of the room saw; a summary that beats every member to its event waits for
// settle() and counts as 0.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "client.hpp"
#include "fleet.hpp"
#include "histogram.hpp"

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
  host_consoles(net::io_context& ioc, const fleet& rooms, tcp::endpoint server, std::string host, std::string event,
                std::string key);

  // Closes every connection, then opens n new ones; poll welcomed().
  void reopen(std::size_t n);
  std::size_t open_count() const { return connections_.size(); }
  bool welcomed() const { return welcomed_ == connections_.size(); }
  void close_all();

  void reset_measurement();
  // Measures the summaries that arrived before any member had their event,
  // now that the members have had time to (after a window's drain).
  void settle();
  // Rooms whose latest summary at some host is older than the latest event
  // the room's members received (0 once every host has caught up).
  std::size_t stale_rooms() const;
  const host_measurement& current() const { return m_; }
  const host_faults& fault_counts() const { return faults_; }
  const std::string& first_fault() const { return first_fault_; }

  void on_open(ws_client& c) override;
  void on_message(ws_client& c, std::string_view text, std::int64_t at_us) override;
  void on_failed(ws_client& c, std::string_view stage, const beast::error_code& ec) override;

 private:
  void measure_rooms(ws_client& c, const nlohmann::json& message, std::size_t bytes, std::int64_t at_us);
  // The room a summary is of, with its seq (kept as the host's latest), or nullopt (a fault).
  std::optional<std::pair<std::size_t, std::int64_t>> read_summary(ws_client& c, const nlohmann::json& summary);
  void note_fault(std::uint64_t& counter, std::string what);

  net::io_context& ioc_;
  const fleet& rooms_;
  tcp::endpoint server_;
  std::string host_;
  std::string hello_;
  std::vector<std::shared_ptr<ws_client>> connections_;
  std::vector<std::vector<std::int64_t>> latest_;  // per connection, per room: the newest summary's seq
  std::size_t welcomed_ = 0;
  struct waiting {
    std::size_t room;
    std::int64_t seq;
    std::int64_t at_us;
  };
  host_measurement m_;
  std::vector<waiting> unmatched_;
  host_faults faults_;
  std::string first_fault_;
};

}  // namespace debrief::bench
