#include "summary_board.hpp"

#include <algorithm>
#include <utility>

#include "debrief/protocol/wire.hpp"
#include "metrics.hpp"

namespace debrief::server {

namespace {

// `rooms` ordered by position, as a JSON array of their kept texts.
template <class Kept>
std::string summaries_json(std::vector<const Kept*> rooms) {
  std::sort(rooms.begin(), rooms.end(), [](const auto* a, const auto* b) { return a->position < b->position; });
  std::string out = "[";
  for (const auto* r : rooms) {
    if (out.size() > 1) out += ',';
    out += r->json;
  }
  return out + "]";
}

}  // namespace

summary_board::summary_board(net::any_io_executor executor, std::string event, clock_fn clock)
    : strand_(net::make_strand(executor)), event_(std::move(event)), clock_(std::move(clock)), timer_(strand_) {}

void summary_board::publish(const protocol::room_summary& summary) {
  kept_summary kept{summary.position, nlohmann::json(summary).dump()};
  std::lock_guard lock(mutex_);
  latest_.insert_or_assign(summary.session, std::move(kept));
  changed_.insert(summary.session);
  if (!hosts_.empty()) schedule_flush();
}

std::string summary_board::rooms_frame(const std::set<std::string>& sessions, std::size_t& count) const {
  std::vector<const kept_summary*> rooms;
  rooms.reserve(sessions.size());
  for (const auto& session : sessions) {
    if (auto it = latest_.find(session); it != latest_.end()) rooms.push_back(&it->second);
  }
  count = rooms.size();
  if (rooms.empty()) return {};
  return R"({"type":"rooms","server_time":)" + std::to_string(clock_()) + R"(,"rooms":)" +
         summaries_json(std::move(rooms)) + "}";
}

void summary_board::forget(const std::string& session) {
  std::lock_guard lock(mutex_);
  latest_.erase(session);
  changed_.erase(session);
}

void summary_board::subscribe(const std::shared_ptr<connection>& host, const std::string& title) {
  std::lock_guard lock(mutex_);
  std::vector<const kept_summary*> all;
  all.reserve(latest_.size());
  for (const auto& [_, s] : latest_) all.push_back(&s);
  metrics::get().summaries_sent(latest_.size());
  // Written by hand around the kept texts, which go in as they are.
  auto welcome = R"({"type":"host_welcome","version":)" + std::to_string(protocol::protocol_version) + R"(,"event":)" +
                 nlohmann::json(event_).dump() + R"(,"title":)" + nlohmann::json(title).dump() + R"(,"server_time":)" +
                 std::to_string(clock_()) + R"(,"rooms":)" + summaries_json(std::move(all)) + "}";
  // Sent under the lock: a flush (which takes it too) cannot put its frame
  // ahead of the welcome in this host's queue.
  host->send(make_text(std::move(welcome)));
  // With no host before, what changed is all in the welcome.
  if (hosts_.empty()) changed_.clear();
  hosts_[host.get()] = host_entry{host, {}};
}

void summary_board::unsubscribe(const connection* host) {
  std::lock_guard lock(mutex_);
  hosts_.erase(host);
}

std::size_t summary_board::hosts() const {
  std::lock_guard lock(mutex_);
  return hosts_.size();
}

void summary_board::close_hosts(const shared_text& message, unsigned short code, const std::string& reason) {
  std::map<const connection*, host_entry> gone;
  {
    std::lock_guard lock(mutex_);
    gone.swap(hosts_);
  }
  for (auto& [_, entry] : gone) {
    if (auto host = entry.link.lock()) {
      host->send(message);
      host->close_after_send(code, reason);
    }
  }
}

void summary_board::schedule_flush() {
  if (flush_scheduled_) return;
  const bool owing =
      std::any_of(hosts_.begin(), hosts_.end(), [](const auto& entry) { return !entry.second.owed.empty(); });
  if (changed_.empty() && !owing) return;
  flush_scheduled_ = true;
  // A change after a quiet second goes at once; within one, it waits for
  // the second to be over, with whatever else changes meanwhile.
  const auto due = last_flush_ + summary_flush_interval;
  timer_.expires_at(std::max(due, std::chrono::steady_clock::now()));
  timer_.async_wait([self = shared_from_this()](beast::error_code ec) {
    if (!ec) self->flush();
  });
}

void summary_board::flush() {
  std::lock_guard lock(mutex_);
  flush_scheduled_ = false;
  last_flush_ = std::chrono::steady_clock::now();
  auto changed = std::exchange(changed_, {});
  // One frame for every host that is owed nothing else: the same buffer
  // goes into each queue.
  shared_text common;
  std::size_t common_count = 0;
  for (auto it = hosts_.begin(); it != hosts_.end();) {
    auto host = it->second.link.lock();
    if (!host) {
      it = hosts_.erase(it);
      continue;
    }
    auto& owed = it->second.owed;
    ++it;
    if (host->backlog_bytes() > 0) {
      // Still writing: it gets the latest of all this once it has caught up.
      owed.insert(changed.begin(), changed.end());
      continue;
    }
    if (owed.empty()) {
      if (!common && !changed.empty()) {
        if (auto frame = rooms_frame(changed, common_count); !frame.empty()) common = make_text(std::move(frame));
      }
      if (common) {
        metrics::get().summaries_sent(common_count);
        host->send(common);
      }
      continue;
    }
    owed.insert(changed.begin(), changed.end());
    std::size_t count = 0;
    if (auto frame = rooms_frame(owed, count); !frame.empty()) {
      metrics::get().summaries_sent(count);
      host->send(make_text(std::move(frame)));
    }
    owed.clear();
  }
  // Whatever a host is still owed goes at a later flush.
  schedule_flush();
}

}  // namespace debrief::server
