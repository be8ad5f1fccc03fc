#pragma once
// One event's summary board: the latest summary of each of its rooms, and
// the host consoles watching them. A room publishes after a commit that
// changed its picture (a map insert under a short lock: a room never waits
// on a host); the board sends every host one shared `rooms` frame with the
// summaries changed since the last, at most once a second (a change after a
// quiet second goes at once). A host still writing its last frame is sent
// nothing more meanwhile: what changed is owed to it, and goes, as its
// latest summaries, once it has caught up. So a slow host sees fewer, fresher
// frames, its queue never grows, and no room ever waits for it.

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "beast.hpp"
#include "clock.hpp"
#include "connection.hpp"
#include "debrief/protocol/host.hpp"

namespace debrief::server {

// The fewest milliseconds between two `rooms` frames to one host.
inline constexpr std::chrono::milliseconds summary_flush_interval = std::chrono::seconds(1);

class summary_board : public std::enable_shared_from_this<summary_board> {
 public:
  summary_board(net::any_io_executor executor, std::string event, clock_fn clock);

  const std::string& event() const { return event_; }

  // A room's latest summary (from its strand); sent to the hosts at the next flush.
  void publish(const protocol::room_summary& summary);
  // A room that is gone (deleted): its summary is no longer kept.
  void forget(const std::string& session);

  // Sends `host` the host_welcome (every summary kept, in position order)
  // and from then on each flush; in one step, so that no change falls between.
  void subscribe(const std::shared_ptr<connection>& host, const std::string& title);
  void unsubscribe(const connection* host);
  // Tells every host `message` and closes it with `code` (the event was deleted).
  void close_hosts(const shared_text& message, unsigned short code, const std::string& reason);

  std::size_t hosts() const;

 private:
  void schedule_flush();  // with mutex_ held
  void flush();

  net::strand<net::any_io_executor> strand_;
  const std::string event_;
  clock_fn clock_;
  net::steady_timer timer_;
  mutable std::mutex mutex_;
  // Each room's latest summary as JSON text (made once, on the room's
  // strand), by session code, with its position for the order of a frame.
  struct kept_summary {
    int position = 0;
    std::string json;
  };
  struct host_entry {
    std::weak_ptr<connection> link;
    std::set<std::string> owed;  // changed while it was still writing
  };
  // A `rooms` frame of those kept of `sessions` (empty if none; `count` of
  // them), with mutex_ held.
  std::string rooms_frame(const std::set<std::string>& sessions, std::size_t& count) const;

  std::map<std::string, kept_summary> latest_;  // by session code
  std::set<std::string> changed_;               // since the last flush
  std::map<const connection*, host_entry> hosts_;
  bool flush_scheduled_ = false;
  std::chrono::steady_clock::time_point last_flush_{};
};

}  // namespace debrief::server
