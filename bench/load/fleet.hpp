#pragma once
// The rooms and their connections: sets them up through the real protocol
// (create, hello, join, start_session), sends the facilitators' commands and
// matches every answer and every event back to the command that caused it.
//
// Matching: a command's intended send time is kept by its id; its ack gives
// the seq of its event; the event with that seq, at each member, gives that
// member's arrival time. An event may reach a member before the ack reaches
// the facilitator, so such arrivals wait in the seq's entry until the ack
// names the command.

#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "client.hpp"
#include "commands.hpp"
#include "histogram.hpp"
#include "session_api.hpp"

namespace debrief::bench {

struct fleet_config {
  tcp::endpoint server;
  std::string host;
  std::string template_id = "learning-partnership";
  std::size_t rooms = 10;
  std::size_t clients = 5;        // per room: facilitator, presenter, colleagues
  std::size_t source_addrs = 1;   // spread clients over 127.0.0.1 .. 127.0.0.N
  std::size_t setup_window = 64;  // rooms joining at once
  std::size_t http_connections = 8;
  // Keep, per room, when its first member received each event (for a
  // host's summaries, which name the seq of the event they reflect), for
  // first_arrivals_kept_us: the summaries are matched after a window's drain,
  // so this must cover the whole window and its drain.
  bool track_first_arrivals = false;
  std::int64_t first_arrivals_kept_us = 30'000'000;
};

struct measurement {
  histogram ack_us;      // command send -> ack, at the sender
  histogram deliver_us;  // command send -> event, at every member
  std::uint64_t sent = 0;
  std::uint64_t acked = 0;
  std::uint64_t errors = 0;     // commands answered with an error
  std::uint64_t delivered = 0;  // measured events x members reached
  std::int64_t last_arrival_us = 0;
};

// Anything here other than zero is a defect (or a mismatched command mix).
struct faults {
  std::uint64_t disconnects = 0;      // a connection failed after setup
  std::uint64_t gaps = 0;             // an event seq that did not follow the previous one
  std::uint64_t duplicate_seqs = 0;   // two acks naming the same seq
  std::uint64_t over_delivered = 0;   // an event reaching a room more times than it has members
  std::uint64_t stray_messages = 0;   // unparsable, or an answer to no command
  std::uint64_t protocol_errors = 0;  // error messages without a command id
};

struct losses {
  std::uint64_t unacked = 0;             // sent, never answered
  std::uint64_t undelivered_events = 0;  // acked, but some member never got the event
  std::uint64_t missing_deliveries = 0;  // (event, member) pairs missing
  std::uint64_t total() const { return unacked + undelivered_events; }
};

class fleet : public client_events {
 public:
  fleet(net::io_context& ioc, fleet_config cfg);

  // Setup, asynchronous: poll setup_done()/setup_error(). Creates the
  // sessions one by one, or joins sessions made elsewhere (an event's rooms).
  void begin_setup();
  void begin_setup(std::vector<created_session> sessions);
  bool sessions_created() const { return sessions_created_; }
  bool setup_done() const { return ready_rooms_ == rooms_.size() && !rooms_.empty(); }
  const std::string& setup_error() const { return setup_error_; }
  std::size_t ready_rooms() const { return ready_rooms_; }

  // The facilitator of room r sends the next command of the mix; latency
  // counts from intended_us (the schedule), not from the actual write.
  void send_command(std::size_t r, std::int64_t intended_us, const command_mix& mix);

  std::uint64_t outstanding() const { return unacked_ + undelivered_; }
  losses count_losses() const;
  // Forgets everything in flight (after a drain) and starts a new measurement.
  void reset_measurement();
  measurement& current() { return m_; }
  const faults& fault_counts() const { return faults_; }
  std::uint64_t unattributed_events() const;
  std::string first_fault() const { return first_fault_; }

  std::size_t room_count() const { return rooms_.size(); }
  const std::string& room_code(std::size_t r) const { return rooms_[r].code; }
  // When the first member of room r received the event with this seq
  // (track_first_arrivals; kept for first_arrivals_kept_us), or nullopt.
  std::optional<std::int64_t> first_arrival(std::size_t r, std::int64_t seq) const;
  // The newest event any member of room r received (track_first_arrivals).
  std::optional<std::int64_t> latest_event(std::size_t r) const;
  std::size_t connections() const { return rooms_.size() * cfg_.clients; }
  void close_all();

  void on_open(ws_client& c) override;
  void on_message(ws_client& c, std::string_view text, std::int64_t at_us) override;
  void on_failed(ws_client& c, std::string_view stage, const beast::error_code& ec) override;

 private:
  struct seq_entry {
    std::int64_t sent_us = -1;  // -1 until the ack names the command
    std::uint32_t delivered = 0;
    std::vector<std::int64_t> early;  // arrivals before the ack
  };
  struct room {
    std::string code;
    std::string key;
    std::vector<std::shared_ptr<ws_client>> members;
    std::size_t joined = 0;
    std::int64_t base_seq = -1;  // the start_session event; measured events follow it
    room_model model;
    std::size_t mix_position = 0;
    std::uint64_t next_command = 0;
    std::unordered_map<std::uint64_t, std::int64_t> in_flight;  // command number -> intended send time
    std::unordered_map<std::int64_t, seq_entry> seqs;
    struct arrival {
      std::int64_t seq;
      std::int64_t at_us;
    };
    std::deque<arrival> first_arrivals;  // ascending seq
  };

  void rooms_created();
  void setup_room(std::size_t r);
  void note_first_arrival(room& rm, std::int64_t seq, std::int64_t at);
  void on_setup_answer(room& rm, ws_client& c, std::string_view type, std::string_view id,
                       std::optional<std::int64_t> seq, std::string_view text);
  void on_ack(room& rm, std::string_view id, std::int64_t seq, std::int64_t at);
  void on_command_error(room& rm, std::string_view id, std::string_view text);
  void on_event(room& rm, ws_client& c, std::int64_t seq, std::int64_t at);
  void deliver(room& rm, std::int64_t seq, seq_entry& e, std::int64_t at);
  void note_fault(std::uint64_t& counter, std::string what);
  void setup_failed(std::string why);

  net::io_context& ioc_;
  fleet_config cfg_;
  std::vector<room> rooms_;
  std::vector<net::ip::address> sources_;
  bool sessions_created_ = false;
  std::size_t next_setup_ = 0;
  std::size_t ready_rooms_ = 0;
  std::size_t clients_opened_ = 0;
  std::string setup_error_;

  measurement m_;
  faults faults_;
  std::string first_fault_;
  std::uint64_t unacked_ = 0;
  std::uint64_t undelivered_ = 0;
  std::string scratch_;
};

}  // namespace debrief::bench
