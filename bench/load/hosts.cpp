#include "hosts.hpp"

#include <algorithm>
#include <utility>

namespace debrief::bench {

host_consoles::host_consoles(const fleet& rooms, tcp::endpoint server, std::string host, std::string event,
                             std::string key)
    : server_(std::move(server)),
      host_(std::move(host)),
      hello_(nlohmann::json{{"type", "host"}, {"version", 2}, {"event", std::move(event)}, {"key", std::move(key)}}
                 .dump()),
      room_count_(rooms.room_count()),
      rooms_(rooms) {
  // The consoles' own copy of the rooms' codes: their thread never reads the fleet.
  for (std::size_t r = 0; r < room_count_; ++r)
    room_by_code_.emplace(rooms.room_code(r), static_cast<std::uint32_t>(r));
}

host_consoles::~host_consoles() { stop(); }

void host_consoles::reopen(std::size_t n) {
  io_.run([this, n] {
    close_connections();
    {
      const std::lock_guard lock(mutex_);
      latest_.assign(n, std::vector<std::int64_t>(room_count_, -1));
      opened_ = n;
      welcomed_ = 0;
    }
    for (std::size_t i = 0; i < n; ++i) {
      auto c = std::make_shared<ws_client>(io_.context(), *this, 0, static_cast<std::uint32_t>(i));
      connections_.push_back(c);
      c->open(server_, std::nullopt, host_);
    }
  });
}

bool host_consoles::welcomed() const {
  const std::lock_guard lock(mutex_);
  return welcomed_ == opened_;
}

void host_consoles::close_all() {
  io_.run([this] { close_connections(); });
  const std::lock_guard lock(mutex_);
  latest_.clear();
  opened_ = 0;
  welcomed_ = 0;
}

void host_consoles::stop() {
  close_all();
  io_.stop();
}

void host_consoles::close_connections() {
  for (auto& c : connections_) c->abandon();
  connections_.clear();
}

void host_consoles::on_open(ws_client& c) { c.send(hello_); }

void host_consoles::on_message(ws_client& c, std::string_view text, std::int64_t at_us) {
  const auto message = nlohmann::json::parse(text, nullptr, false);
  if (!message.is_object() || !message.contains("type") || !message.at("type").is_string()) {
    return note_fault(faults_.stray_messages, "host: unparsable message: " + std::string(text.substr(0, 200)));
  }
  const auto& type = message.at("type").get_ref<const std::string&>();
  if (type == "error") return note_fault(faults_.errors, "host: " + std::string(text.substr(0, 300)));
  const bool update = type == "rooms";
  // pong, and message types a later server may add: nothing to measure.
  if (!update && type != "host_welcome") return;
  const auto list = message.find("rooms");
  const bool listed = list != message.end() && list->is_array();
  if (update) {
    const std::lock_guard lock(mutex_);
    ++messages_;
    bytes_ += text.size();
    summaries_ += listed ? list->size() : 0;
  }
  if (!listed) {
    return note_fault(faults_.stray_messages,
                      std::string(update ? "host: rooms without a list: " : "host: a welcome without rooms: ") +
                          std::string(text.substr(0, 200)));
  }
  std::vector<summary> read;
  read.reserve(list->size());
  for (const auto& s : *list) {
    if (const auto one = read_summary(s)) read.push_back(*one);
  }
  record(c, update, read, at_us);
}

std::optional<host_consoles::summary> host_consoles::read_summary(const nlohmann::json& s) {
  const auto session = s.find("session");
  const auto seq = s.find("seq");
  if (session == s.end() || !session->is_string() || seq == s.end() || !seq->is_number_integer()) {
    note_fault(faults_.stray_messages, "host: a summary without session or seq: " + s.dump().substr(0, 200));
    return std::nullopt;
  }
  const auto room = room_by_code_.find(session->get_ref<const std::string&>());
  if (room == room_by_code_.end()) {
    note_fault(faults_.stray_messages, "host: a summary of no room of the event: " + session->dump());
    return std::nullopt;
  }
  return summary{room->second, seq->get<std::int64_t>()};
}

// The summaries of a welcome (update false) or a `rooms` message: each is
// now the console's latest of its room, and an update's wait to be measured.
void host_consoles::record(ws_client& c, bool update, const std::vector<summary>& read, std::int64_t at_us) {
  const std::lock_guard lock(mutex_);
  auto& latest = latest_[c.member()];
  for (const auto& s : read) {
    latest[s.room] = std::max(latest[s.room], s.seq);
    if (update) arrivals_.push_back({s.room, s.seq, at_us});
  }
  if (!update) ++welcomed_;
}

std::size_t host_consoles::stale_rooms() const {
  const std::lock_guard lock(mutex_);
  std::size_t stale = 0;
  for (std::size_t r = 0; r < room_count_; ++r) {
    const auto newest = rooms_.latest_event(r);
    if (!newest) continue;
    for (const auto& latest : latest_) {
      if (latest[r] < *newest) {
        ++stale;
        break;
      }
    }
  }
  return stale;
}

void host_consoles::reset_measurement() {
  latency_us_.reset();
  matched_ = 0;
  early_ = 0;
  const std::lock_guard lock(mutex_);
  messages_ = 0;
  bytes_ = 0;
  summaries_ = 0;
  arrivals_.clear();
}

void host_consoles::settle() {
  std::vector<arrival> arrivals;
  {
    const std::lock_guard lock(mutex_);
    arrivals.swap(arrivals_);
  }
  for (const auto& a : arrivals) {
    const auto first = rooms_.first_arrival(a.room, a.seq);
    if (!first) continue;  // a change no member saw in the window (or too long ago to keep)
    ++matched_;
    if (a.at_us < *first) ++early_;
    latency_us_.record(static_cast<std::uint64_t>(std::max<std::int64_t>(0, a.at_us - *first)));
  }
}

host_measurement host_consoles::current() const {
  host_measurement m;
  m.latency_us = latency_us_;
  m.matched = matched_;
  m.early = early_;
  const std::lock_guard lock(mutex_);
  m.messages = messages_;
  m.bytes = bytes_;
  m.summaries = summaries_;
  return m;
}

host_faults host_consoles::fault_counts() const {
  const std::lock_guard lock(mutex_);
  return faults_;
}

std::string host_consoles::first_fault() const {
  const std::lock_guard lock(mutex_);
  return first_fault_;
}

void host_consoles::on_failed(ws_client& c, std::string_view stage, const beast::error_code& ec) {
  note_fault(faults_.disconnects,
             "host " + std::to_string(c.member()) + ": " + std::string(stage) + ": " + ec.message());
}

void host_consoles::note_fault(std::uint64_t& counter, std::string what) {
  const std::lock_guard lock(mutex_);
  ++counter;
  if (first_fault_.empty()) first_fault_ = std::move(what);
}

}  // namespace debrief::bench
