#pragma once
// The rooms of this server: finding one by code, creating one, loading them
// all at start.

#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <variant>
#include <vector>

#include "beast.hpp"
#include "debrief/protocol/rejection.hpp"
#include "debrief/protocol/state.hpp"
#include "debrief/storage/records.hpp"
#include "debrief/storage/writer.hpp"
#include "rate_limit.hpp"
#include "room.hpp"

namespace debrief::server {

struct created_session {
  std::string code;
  std::string facilitator_key;
};

struct hub_settings {
  rate_limit unjoined_messages;       // per client address, until a connection joins
  protocol::millis lobby_expiry = 0;  // a session never started is deleted this long after creation
};

class hub {
 public:
  using create_result = std::variant<created_session, protocol::rejection>;

  hub(net::any_io_executor executor, storage::writer& store, clock_fn clock, hub_settings settings);

  const clock_fn& clock() const { return clock_; }

  // Rebuilds rooms from storage (snapshot + the events after it). Sessions
  // past their lobby expiry are deleted instead.
  void load(std::vector<storage::loaded_session> sessions);

  std::shared_ptr<room> find(const std::string& code) const;

  // Creates a session from a template; `done` runs on the writer thread
  // once it is stored (post to your own executor).
  void create(const protocol::session_template& tmpl, const std::string& title,
              std::function<void(create_result)> done);

  // Forgets a room (after its session was deleted).
  void remove(const std::string& code);

  // The bucket that the connections from `client` share until they join:
  // many sockets from one place get one allowance, not one each.
  std::shared_ptr<token_bucket> unjoined_bucket(const net::ip::address& client);

  // Deletes every session still in the lobby past its expiry, as DELETE
  // does: its connections are told and closed, its rows erased.
  void sweep_expired();
  // Sweeps every `interval` until close_all.
  void sweep_every(std::chrono::milliseconds interval);

  // Closes every connection and stops sweeping (server shutdown).
  void close_all();

  // Tells every room that storage became unavailable or available again.
  void storage_changed(bool available);
  bool storage_available() const { return store_.available(); }

 private:
  bool expired(const protocol::session_state& s) const;
  void erase_stored(const std::string& code);
  void sweep_after(std::chrono::milliseconds interval);

  net::any_io_executor executor_;
  storage::writer& store_;
  clock_fn clock_;
  const hub_settings settings_;
  bucket_registry unjoined_buckets_;
  mutable std::mutex mutex_;
  std::unordered_map<std::string, std::shared_ptr<room>> rooms_;
  // The sweep's timer, with a strand of its own: close_all may come from
  // another thread.
  net::strand<net::any_io_executor> sweep_strand_;
  net::steady_timer sweep_timer_;
  bool sweeping_ = true;
};

}  // namespace debrief::server
