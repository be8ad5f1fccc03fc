#pragma once
// The rooms of this server: finding one by code (loading it from disk when
// it is not in memory), creating one, and letting idle ones go.

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <variant>
#include <vector>

#include "beast.hpp"
#include "debrief/protocol/apply.hpp"
#include "debrief/protocol/rejection.hpp"
#include "debrief/protocol/state.hpp"
#include "debrief/storage/reader.hpp"
#include "debrief/storage/records.hpp"
#include "debrief/storage/writer.hpp"
#include "rate_limit.hpp"
#include "room.hpp"
#include "summary_board.hpp"

namespace debrief::server {

struct created_session {
  std::string code;
  std::string facilitator_key;
};

// One room of an event just made.
struct created_room {
  std::string code;
  std::string facilitator_key;
  std::string label;
  int position = 0;
};

struct created_event {
  storage::hosted_event_record record;
  std::vector<created_room> rooms;  // in position order
};

// Where a new session goes in an inquiry, and what it starts from.
struct inquiry_link {
  storage::inquiry_place place;
  protocol::inquiry_start start;
};

// What hub::open found: the room, or no room because there is no such
// session, or because storage could not be read (`unreadable`).
struct open_result {
  std::shared_ptr<room> r;
  bool unreadable = false;
};
using open_fn = std::function<void(open_result)>;

struct hub_settings {
  rate_limit unjoined_messages;       // per client address, until a connection joins
  protocol::millis lobby_expiry = 0;  // a session never started is deleted this long after creation
  protocol::millis retention = 0;     // an ended session is deleted this long after it ended; 0 keeps it
  // A room nobody is connected to, with nothing left to store and no timer
  // due within this time, leaves memory after this long idle.
  std::chrono::milliseconds unload_after = std::chrono::seconds(60);
  // Empty, or this instance's character that starts every code it creates
  // (--code-prefix): a proxy routes a room's traffic to its instance by it.
  std::string code_prefix;
};

class hub {
 public:
  using create_result = std::variant<created_session, protocol::rejection>;

  // `reads` may be constructed after the hub (and so destroyed before it:
  // its jobs call back into the hub); it is used only once running.
  hub(net::any_io_executor executor, storage::writer& store, storage::reader& reads, clock_fn clock,
      hub_settings settings);

  const clock_fn& clock() const { return clock_; }

  // The sessions whose timer runs, from storage at start: each is loaded a
  // little before its timer runs out, so that it runs out on time.
  void watch_timers(const std::vector<storage::due_timer>& timers);

  // The room of session `code`, loaded from storage if it is not in memory
  // (on the reader thread: the caller never waits on the disk). `ready` runs on any thread, at once when the
  // room is in memory; post to your own executor. Opens of one session
  // while it loads share that one load.
  void open(const std::string& code, open_fn ready);

  // Sessions in memory now (for tests and the operator's log).
  std::size_t loaded() const;
  // Creates a session from a template; `done` runs on the writer thread
  // once it is stored (post to your own executor).
  // With `inquiry`, it joins that inquiry at its place (refused by storage,
  // as unavailable, if another session took that place meanwhile).
  void create(const protocol::session_template& tmpl, const std::string& title, std::function<void(create_result)> done,
              std::optional<inquiry_link> inquiry = {});

  // Creates an event titled `title` (already checked) with one room per
  // label (positions 1..N), every room and the event in one write batch;
  // `done` runs on the writer thread (post to your own executor).
  void create_event(const protocol::session_template& tmpl, const std::string& title,
                    const std::vector<std::string>& labels,
                    std::function<void(std::variant<created_event, protocol::rejection>)> done);

  // The board of event `id`'s room summaries, made when first wanted; kept
  // while a room of the event is in memory or a host watches it.
  std::shared_ptr<summary_board> board_for(const std::string& event);

  // Deletes event `id` with every room of it (`sessions`), as erase_inquiry
  // deletes an inquiry; its hosts are told and closed. `done` runs on the
  // writer thread.
  void erase_event(const std::string& id, const std::vector<std::string>& sessions, const std::string& why,
                   storage::writer::done_fn done);
  // Deletes event `id` and keeps its rooms as sessions in no event: the host
  // key reaches none of them from now on, and its hosts are closed.
  void release_event(const std::string& id, const std::vector<std::string>& sessions, storage::writer::done_fn done);

  // The room of `code` if it is in memory now; never loads it.
  std::shared_ptr<room> in_memory(const std::string& code) const;

  // Deletes inquiry `id` with every session in it (`sessions`, as storage
  // listed them): the connections of those in memory are told `why` and
  // closed, then every row goes in one batch, completely (as DELETE of a
  // session). `done` runs on the writer thread; post to your own executor.
  void erase_inquiry(const std::string& id, const std::vector<std::string>& sessions, const std::string& why,
                     storage::writer::done_fn done);

  // Disk reads go here (the inquiry routes read whole inquiries).
  storage::reader& reads() { return reads_; }

  // Forgets a room (after its session was deleted).
  void remove(const std::string& code);

  // The bucket that the connections from `client` share until they join:
  // many sockets from one place get one allowance, not one each.
  std::shared_ptr<token_bucket> unjoined_bucket(const net::ip::address& client);

  // Deletes every session still in the lobby past its expiry, and every
  // ended session past its retention, as DELETE does: its connections are
  // told and closed, its rows erased. Storage says which (loaded or not);
  // the search runs on the reader thread.
  void sweep_expired();
  // Sweeps now, then every `interval`, until close_all; and lets idle rooms
  // go and loads those whose timer is due, every second or so.
  void sweep_every(std::chrono::milliseconds interval);

  // Closes every connection and stops sweeping (server shutdown).
  void close_all();

  // Tells every room that storage became unavailable or available again.
  void storage_changed(bool available);
  bool storage_available() const { return store_.available(); }

 private:
  struct loaded_room {
    std::shared_ptr<room> r;
    std::chrono::steady_clock::time_point last_opened;
  };

  bool expired(const protocol::session_state& s) const;
  bool past_retention(std::optional<protocol::millis> ended_at) const;
  void erase_stored(const std::string& code);
  void sweep_retention(storage::database& db);
  void sweep_inquiry_retention(storage::database& db);
  void forget_erased(const std::vector<std::string>& sessions, const std::string& why);
  // Closes every room of `sessions` in memory, then erases them with `batch`.
  void erase_together(storage::write_batch batch, const std::vector<std::string>& sessions, const std::string& why,
                      storage::writer::done_fn done);
  // Tells the hosts of event `id` it is gone and closes them.
  void close_hosts(const std::string& id);
  void erase_past_retention(const storage::ended_session& gone);
  void sweep_after(std::chrono::milliseconds interval);
  void load(const std::string& code, storage::database& db);
  void upkeep_after(std::chrono::milliseconds interval);
  void unload_idle();
  void load_due_timers();
  // Called on the room's strand once it found itself idle: forgets it unless
  // it was opened meanwhile. True if it is gone.
  bool release(const std::string& code, std::optional<protocol::millis> timer_due);

  net::any_io_executor executor_;
  storage::writer& store_;
  storage::reader& reads_;
  clock_fn clock_;
  const hub_settings settings_;
  bucket_registry unjoined_buckets_;
  mutable std::mutex mutex_;
  std::unordered_map<std::string, loaded_room> rooms_;
  // Sessions being loaded, and who waits for each.
  std::unordered_map<std::string, std::vector<open_fn>> loading_;
  // Sessions not in memory whose timer runs, by due time. An entry may be
  // stale (the timer paused since): loading such a session is harmless.
  std::multimap<protocol::millis, std::string> due_timers_;
  // Each event's summary board, while someone holds it (its rooms in memory, its hosts).
  std::unordered_map<std::string, std::weak_ptr<summary_board>> boards_;
  // Inquiries past retention whose deletion is under way.
  std::unordered_set<std::string> inquiries_going_;
  // The sweep's timer, with a strand of its own: close_all may come from
  // another thread.
  net::strand<net::any_io_executor> sweep_strand_;
  net::steady_timer sweep_timer_;
  net::steady_timer upkeep_timer_;
  bool sweeping_ = true;
};

}  // namespace debrief::server
