#include "summary_board.hpp"

#include <algorithm>

#include "debrief/protocol/wire.hpp"
#include "metrics.hpp"

namespace debrief::server {

namespace {

nlohmann::json summaries_json(std::vector<const protocol::room_summary*> rooms) {
  std::sort(rooms.begin(), rooms.end(), [](const auto* a, const auto* b) { return a->position < b->position; });
  nlohmann::json out = nlohmann::json::array();
  for (const auto* r : rooms) out.push_back(*r);
  return out;
}

}  // namespace

summary_board::summary_board(net::any_io_executor executor, std::string event, clock_fn clock)
    : strand_(net::make_strand(executor)), event_(std::move(event)), clock_(std::move(clock)), timer_(strand_) {}

void summary_board::publish(const protocol::room_summary& summary) {
  std::lock_guard lock(mutex_);
  latest_.insert_or_assign(summary.session, summary);
  changed_.insert(summary.session);
  if (!hosts_.empty()) schedule_flush();
}

void summary_board::forget(const std::string& session) {
  std::lock_guard lock(mutex_);
  latest_.erase(session);
  changed_.erase(session);
}

void summary_board::subscribe(const std::shared_ptr<connection>& host, const std::string& title) {
  std::lock_guard lock(mutex_);
  std::vector<const protocol::room_summary*> all;
  all.reserve(latest_.size());
  for (const auto& [_, s] : latest_) all.push_back(&s);
  metrics::get().summaries_sent(latest_.size());
  // Sent under the lock: a flush (which takes it too) cannot put its frame
  // ahead of the welcome in this host's queue.
  host->send(make_text(nlohmann::json{{"type", "host_welcome"},
                                      {"version", protocol::protocol_version},
                                      {"event", event_},
                                      {"title", title},
                                      {"server_time", clock_()},
                                      {"rooms", summaries_json(std::move(all))}}
                           .dump()));
  // With no host before, what changed is all in the welcome.
  if (hosts_.empty()) changed_.clear();
  hosts_[host.get()] = host;
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
  std::map<const connection*, std::weak_ptr<connection>> gone;
  {
    std::lock_guard lock(mutex_);
    gone.swap(hosts_);
  }
  for (auto& [_, weak] : gone) {
    if (auto host = weak.lock()) {
      host->send(message);
      host->close_after_send(code, reason);
    }
  }
}

void summary_board::schedule_flush() {
  if (flush_scheduled_ || changed_.empty()) return;
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
  if (changed_.empty() || hosts_.empty()) {
    changed_.clear();
    return;
  }
  std::vector<const protocol::room_summary*> rooms;
  for (const auto& session : changed_) {
    if (auto it = latest_.find(session); it != latest_.end()) rooms.push_back(&it->second);
  }
  changed_.clear();
  if (rooms.empty()) return;
  const auto count = rooms.size();
  // One frame for every host: the same buffer goes into each queue.
  const auto frame = make_text(
      nlohmann::json{{"type", "rooms"}, {"server_time", clock_()}, {"rooms", summaries_json(std::move(rooms))}}.dump());
  for (auto it = hosts_.begin(); it != hosts_.end();) {
    if (auto host = it->second.lock()) {
      metrics::get().summaries_sent(count);
      host->send(frame);
      ++it;
    } else {
      it = hosts_.erase(it);
    }
  }
}

}  // namespace debrief::server
