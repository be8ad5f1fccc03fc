#include "hosts.hpp"

#include <nlohmann/json.hpp>

namespace debrief::bench {

host_consoles::host_consoles(net::io_context& ioc, const fleet& rooms, tcp::endpoint server, std::string host,
                             std::string event, std::string key)
    : ioc_(ioc),
      rooms_(rooms),
      server_(std::move(server)),
      host_(std::move(host)),
      hello_(nlohmann::json{{"type", "host"}, {"version", 2}, {"event", std::move(event)}, {"key", std::move(key)}}
                 .dump()) {}

void host_consoles::reopen(std::size_t n) {
  close_all();
  for (std::size_t i = 0; i < n; ++i) {
    auto c = std::make_shared<ws_client>(ioc_, *this, 0, static_cast<std::uint32_t>(i));
    connections_.push_back(c);
    latest_.emplace_back(rooms_.room_count(), -1);
    c->open(server_, std::nullopt, host_);
  }
}

void host_consoles::close_all() {
  for (auto& c : connections_) c->abandon();
  connections_.clear();
  latest_.clear();
  welcomed_ = 0;
}

void host_consoles::on_open(ws_client& c) { c.send(hello_); }

void host_consoles::on_message(ws_client& c, std::string_view text, std::int64_t at_us) {
  const auto message = nlohmann::json::parse(text, nullptr, false);
  if (!message.is_object() || !message.contains("type") || !message.at("type").is_string()) {
    return note_fault(faults_.stray_messages, "host: unparsable message: " + std::string(text.substr(0, 200)));
  }
  const auto& type = message.at("type").get_ref<const std::string&>();
  if (type == "rooms") return measure_rooms(c, message, text.size(), at_us);
  if (type == "host_welcome") {
    if (!message.contains("rooms") || !message.at("rooms").is_array()) {
      return note_fault(faults_.stray_messages, "host: a welcome without rooms: " + std::string(text.substr(0, 200)));
    }
    for (const auto& summary : message.at("rooms")) read_summary(c, summary);
    ++welcomed_;
    return;
  }
  if (type == "error") return note_fault(faults_.errors, "host: " + std::string(text.substr(0, 300)));
  // pong, and message types a later server may add: nothing to measure.
}

std::optional<std::pair<std::size_t, std::int64_t>> host_consoles::read_summary(ws_client& c,
                                                                                const nlohmann::json& summary) {
  const auto session = summary.find("session");
  const auto seq = summary.find("seq");
  if (session == summary.end() || !session->is_string() || seq == summary.end() || !seq->is_number_integer()) {
    note_fault(faults_.stray_messages, "host: a summary without session or seq: " + summary.dump().substr(0, 200));
    return std::nullopt;
  }
  const auto room = rooms_.room_index(session->get_ref<const std::string&>());
  if (!room) {
    note_fault(faults_.stray_messages, "host: a summary of no room of the event: " + session->dump());
    return std::nullopt;
  }
  auto& latest = latest_[c.member()][*room];
  latest = std::max(latest, seq->get<std::int64_t>());
  return std::pair{*room, seq->get<std::int64_t>()};
}

void host_consoles::measure_rooms(ws_client& c, const nlohmann::json& message, std::size_t bytes, std::int64_t at_us) {
  ++m_.messages;
  m_.bytes += bytes;
  if (!message.contains("rooms") || !message.at("rooms").is_array()) {
    return note_fault(faults_.stray_messages, "host: rooms without a list: " + message.dump().substr(0, 200));
  }
  for (const auto& summary : message.at("rooms")) {
    ++m_.summaries;
    const auto read = read_summary(c, summary);
    if (!read) continue;
    const auto [room, seq] = *read;
    const auto first = rooms_.first_arrival(room, seq);
    if (!first) {
      unmatched_.push_back({room, seq, at_us});
      continue;
    }
    ++m_.matched;
    m_.latency_us.record(static_cast<std::uint64_t>(std::max<std::int64_t>(0, at_us - *first)));
  }
}

std::size_t host_consoles::stale_rooms() const {
  std::size_t stale = 0;
  for (std::size_t r = 0; r < rooms_.room_count(); ++r) {
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
  m_ = {};
  unmatched_.clear();
}

void host_consoles::settle() {
  for (const auto& w : unmatched_) {
    const auto first = rooms_.first_arrival(w.room, w.seq);
    if (!first) continue;  // a change no member saw in the window (or too long ago to keep)
    ++m_.matched;
    ++m_.early;
    m_.latency_us.record(static_cast<std::uint64_t>(std::max<std::int64_t>(0, w.at_us - *first)));
  }
  unmatched_.clear();
}

void host_consoles::on_failed(ws_client& c, std::string_view stage, const beast::error_code& ec) {
  note_fault(faults_.disconnects,
             "host " + std::to_string(c.member()) + ": " + std::string(stage) + ": " + ec.message());
}

void host_consoles::note_fault(std::uint64_t& counter, std::string what) {
  ++counter;
  if (first_fault_.empty()) first_fault_ = std::move(what);
}

}  // namespace debrief::bench
