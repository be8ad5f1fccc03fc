#pragma once
// One live session. Every change goes one way: a command arrives on the
// room's strand, the pure core applies it, storage commits the events, then
// the room acknowledges the sender and broadcasts the events, in seq order.

#include <chrono>
#include <cstdint>
#include <deque>
#include <functional>
#include <list>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <variant>

#include "beast.hpp"
#include "clock.hpp"
#include "connection.hpp"
#include "debrief/protocol/access.hpp"
#include "debrief/protocol/apply.hpp"
#include "debrief/protocol/effects.hpp"
#include "debrief/protocol/host.hpp"
#include "debrief/protocol/outgoing.hpp"
#include "debrief/protocol/time_zone.hpp"
#include "debrief/protocol/wire.hpp"
#include "debrief/storage/records.hpp"
#include "debrief/storage/writer.hpp"
#include "rate_limit.hpp"
#include "summary_board.hpp"

namespace debrief::server {

using protocol::make_outgoing;
using protocol::outgoing_event;

struct room_seed {
  storage::session_record record;
  protocol::session_state state;  // as of seq
  std::int64_t seq = 0;
  protocol::millis last_time = 0;     // when the event at seq happened, if known
  std::deque<outgoing_event> recent;  // the last stored events, ending at seq
  std::int64_t snapshot_seq = 0;      // the stored snapshot's, 0 for none
  std::vector<storage::credential> credentials;
  std::vector<storage::command_record> commands;
  std::optional<std::int64_t> stored_timer_due;  // as storage has it
  // For a room of an event: its event's host key, and its event's board.
  std::string host_key = {};
  std::shared_ptr<summary_board> board = {};
};

struct export_result {
  unsigned status = 200;
  std::string content_type;
  std::string body;
};

class room : public std::enable_shared_from_this<room> {
 public:
  room(net::any_io_executor executor, storage::writer& store, clock_fn clock, room_seed seed);

  const std::string& id() const { return id_; }

  // Each may be called from any thread; the work runs on the room's strand.
  void attach(std::shared_ptr<connection> c, protocol::hello hello);
  void detach(const connection* c);
  void submit(const connection* c, protocol::client_command command);
  // Answers a command that could not be read: its sender's role decides
  // first, so the answer tells an unauthorised sender nothing more.
  void refuse(const connection* c, protocol::parse_error bad);
  // Closes every connection with "going away" (server shutdown).
  void close_all();
  // Renders the session's export if `key` is the facilitator key or the
  // presenter's token; `done` runs on the room's strand.
  void export_as(std::string format, protocol::time_zone zone, std::string key,
                 std::function<void(export_result)> done);
  // Deletes the session and all it holds, if `key` is the facilitator key or
  // the current facilitator's token; closes every connection. `done` gets
  // nullopt once it is gone from disk.
  void erase(std::string key, std::function<void(std::optional<protocol::rejection>)> done);
  // Deletes the session as erase does, without a key, if `stale` holds for
  // its state (a session never started, past its expiry). `expired` runs on
  // the room's strand as soon as that is decided; `why` is what its
  // connections are told.
  void expire_if(std::function<bool(const protocol::session_state&)> stale, std::function<void()> expired,
                 std::string why = "This session has expired: it was never started.");

  // Makes this session the first of a new inquiry, if `key` is one export
  // accepts (the facilitator key, the presenter's token) and the session is
  // in none yet; an empty title takes the session's. `done` runs on the
  // room's strand with the inquiry as stored, or why not (room_inquiry.cpp).
  void start_inquiry(std::string key, storage::inquiry_record inquiry,
                     std::function<void(std::variant<storage::inquiry_record, protocol::rejection>)> done);
  // Its inquiry is being deleted: tells every connection `why` and closes
  // it, and applies nothing more; what it had queued still reaches the disk
  // before anything submitted after `closed` runs (on the room's strand).
  void close_for_erase(std::string why, std::function<void()> closed);

  // Restarts the expiry timer of a running phase timer (after load), and
  // publishes the room's summary to its event's board.
  void start();

  // A room of an event (room_host.cpp). Applies a host action as its
  // facilitator's command would be (protocol::apply_host); `done` runs on the
  // room's strand with nullopt once it is stored and broadcast, or why not.
  void apply_host(protocol::host_action action, std::function<void(std::optional<protocol::rejection>)> done);
  // Its event was deleted and it was kept: no host key reaches it any more.
  void leave_event();

  // If nobody is connected, nothing waits for the disk, nothing happened for
  // `idle` and no timer runs out within it, asks `release` (on the room's
  // strand, with its running timer's due time) to drop it from memory.
  void unload_if_idle(std::chrono::milliseconds idle,
                      std::function<bool(std::optional<protocol::millis> timer_due)> release);

  // Storage became unavailable or available again: tells every connection,
  // and once storage is back, brings presence and the timer up to date.
  void storage_changed(bool available);

 private:
  struct member {
    std::weak_ptr<connection> link;
    std::string participant;  // empty until joined
    // Shown the lobby (lobby_message), never the session: until its join is
    // stored, when a snapshot catches it up, and again once its participant
    // has left.
    bool in_lobby = true;
  };
  struct pending_reply {
    const connection* to = nullptr;
    std::weak_ptr<connection> link;
    std::string command_id;
    std::string token = {};  // for a join: the new participant's resume token
    std::string participant = {};
    std::string dedup_key = {};      // set for a client command: see applied_commands_
    std::string client_secret = {};  // for a join: see applied_command
  };
  // A client command already applied, so that a retry (same sender, same
  // id) after a lost ack is answered again rather than applied twice.
  struct applied_command {
    shared_text ack;     // the acknowledgement as sent, once committed
    std::string joined;  // for a join: the participant it created
    // For a join, whose sender has no participant yet: the secret its client
    // chose. Only a retry that repeats it gets the participant and token.
    std::string client_secret;
    std::vector<pending_reply> waiting;  // retries that came before the commit
  };

  void do_attach(const std::shared_ptr<connection>& c, const protocol::hello& hello);
  void do_detach(const connection* c);
  void do_submit(const connection* c, protocol::client_command command);
  void do_refuse(const connection* c, const protocol::parse_error& bad);
  void execute(const std::string& participant, const protocol::command& command, pending_reply reply);
  // Stores `events` (decided against applied_ at `now`), then broadcasts
  // them and answers `reply`; `after` runs on the strand once storage answered.
  void commit(std::vector<protocol::event> events, protocol::millis now, pending_reply reply, std::string_view type,
              std::function<void(bool stored)> after = {});
  // Sends its event's board the room's summary as committed, if it shows
  // something new (room_host.cpp).
  void publish_summary();
  void on_committed(std::vector<outgoing_event> messages, std::vector<protocol::event> events,
                    const protocol::side_effects& effects, pending_reply reply, std::uint64_t generation,
                    const std::optional<std::string>& error);
  // A commit failed: forgets every change not yet stored, so the room is
  // again exactly what the disk holds.
  void roll_back_to_committed();
  void send_storage_state(connection& c, bool available) const;
  void send_catch_up(connection& c, const std::string& participant, std::optional<std::int64_t> last_seq);
  void scrub_recent_transcript();
  void reply_to(const pending_reply& reply, const nlohmann::json& message);
  void reply_to(const pending_reply& reply, shared_text message);
  void schedule_expiry();
  std::optional<protocol::millis> running_timer_due() const;
  // Adds the timer's due time to `batch` when it differs from the stored one.
  void store_timer_due(storage::write_batch& batch);
  void submit_batch(storage::write_batch batch, storage::writer::done_fn done);
  void remember_command(const std::string& key, applied_command entry);
  void answer_retry(const pending_reply& reply, const applied_command& applied);
  member* sender_of(const pending_reply& reply);
  shared_text snapshot_for(const std::string& participant) const;
  shared_text lobby() const;
  std::size_t connections_of(const std::string& participant) const;
  // The participant a resume token resumes, if it is one of this session's.
  std::optional<std::string> token_holder(const std::string& token) const;
  // Closes every connection with `why`, then deletes the session from disk.
  void erase_now(const std::string& why, const std::string& close_reason, storage::writer::done_fn done);
  // Closes every connection with `why`, and applies nothing from now on.
  void close_as_erased(const std::string& why, const std::string& close_reason);
  // Points the member's connection at its participant's message bucket.
  void use_participant_bucket(const member& m);

  net::strand<net::any_io_executor> strand_;
  storage::writer& store_;
  clock_fn clock_;
  std::string id_;
  protocol::session_keys keys_;
  // The inquiry it belongs to, if any (set once: a session never leaves one).
  std::optional<storage::inquiry_place> inquiry_;
  // The event it is a room of, if any, its board, and the summary last
  // published there (whose seq stays while the picture does).
  std::optional<storage::event_place> event_;
  std::shared_ptr<summary_board> board_;
  std::optional<protocol::room_summary> published_;

  // applied_: every accepted event, stored or not yet; decides new commands.
  // committed_: only stored events; what clients may see.
  // Both are needed because a room does not wait for one commit before
  // applying the next command: each command's batch goes to the writer at
  // once, and the writer's queue has no bound per room, so any number of
  // batches of one room may be on their way to the disk (in_flight_ holds
  // one entry each). The fault test CommandsAppliedOnTopOfAFailedOne... has
  // four in flight: one in its sync, three queued behind it. New commands
  // must see the first three's effects (applied_), while clients, snapshots
  // and exports must see none of them until each is durable (committed_),
  // and a failed commit rolls applied_ back to committed_.
  protocol::session_state applied_;
  std::int64_t applied_seq_ = 0;
  protocol::millis applied_time_ = 0;  // the time stamped on the event at applied_seq_
  protocol::session_state committed_;
  std::int64_t committed_seq_ = 0;
  std::int64_t snapshot_seq_ = 0;
  // For when the next snapshot is due: the size of the last one and of the
  // event bodies since.
  std::size_t snapshot_bytes_ = 0;
  std::size_t event_bytes_since_snapshot_ = 0;

  // What a commit on its way to the disk changed besides the state, undone
  // if it fails. Oldest first; commits complete in this order.
  struct in_flight {
    std::string dedup_key;  // empty for a room's own command
    std::string token;      // for a join: the credential it made
    std::string joined;     // for a join: the participant it made
    const connection* joiner = nullptr;
    std::weak_ptr<connection> joiner_link;
    std::int64_t snapshot_seq = 0;  // 0: the commit writes no snapshot
  };
  // A list, not a deque: idle, it holds no memory (libstdc++'s deque keeps
  // a 512-byte block even when empty, and most rooms are idle).
  std::list<in_flight> in_flight_;
  // Advanced by each rollback: a failed commit from an older generation was
  // already undone, and is only answered.
  std::uint64_t generation_ = 0;
  std::int64_t stored_snapshot_seq_ = 0;

  // Recently committed event messages, for clients catching up.
  std::deque<outgoing_event> recent_;
  std::unordered_map<std::string, std::string> token_to_participant_;
  std::map<const connection*, member> members_;
  std::unordered_map<std::string, applied_command> applied_commands_;
  std::deque<std::string> applied_order_;  // oldest first, to bound the map
  net::steady_timer expiry_;
  // One message allowance per participant, shared by all their connections.
  std::unordered_map<std::string, std::shared_ptr<token_bucket>> rate_buckets_;
  bool erased_ = false;
  // For unloading: what the disk holds of the timer, writes not yet
  // stored, the last time something happened, and whether it was let go.
  std::optional<protocol::millis> stored_timer_due_;
  std::size_t unstored_writes_ = 0;
  std::chrono::steady_clock::time_point last_active_ = std::chrono::steady_clock::now();
  // When storage reported the latest commit done (for the fan-out metric).
  std::chrono::steady_clock::time_point last_stored_{};
  bool unloaded_ = false;
};

}  // namespace debrief::server
