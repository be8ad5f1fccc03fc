#include "fleet.hpp"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <random>

#include "json_scan.hpp"
#include "session_api.hpp"

namespace debrief::bench {

namespace {

std::optional<std::uint64_t> command_number(std::string_view id) {
  if (id.size() < 2 || id.front() != 'c') return std::nullopt;
  std::uint64_t n = 0;
  auto [p, ec] = std::from_chars(id.data() + 1, id.data() + id.size(), n);
  if (ec != std::errc() || p != id.data() + id.size()) return std::nullopt;
  return n;
}

// A join's client_secret: 32 hex digits, new for each join (none is retried).
std::string client_secret() {
  static thread_local std::mt19937_64 rng{std::random_device{}()};
  static constexpr char hex[] = "0123456789abcdef";
  std::string out(32, '0');
  for (auto& ch : out) ch = hex[rng() % 16];
  return out;
}

const char* role_of(std::size_t member) {
  if (member == 0) return "facilitator";
  if (member == 1) return "presenter";
  return "colleague";
}

}  // namespace

fleet::fleet(net::io_context& ioc, fleet_config cfg) : ioc_(ioc), cfg_(std::move(cfg)) {
  for (std::size_t i = 1; cfg_.source_addrs > 1 && i <= cfg_.source_addrs; ++i) {
    sources_.push_back(net::ip::make_address_v4(static_cast<net::ip::address_v4::uint_type>((127u << 24) | i)));
  }
}

void fleet::begin_setup() {
  rooms_.reserve(cfg_.rooms);
  session_api_config api{cfg_.server, cfg_.host, cfg_.template_id, cfg_.rooms, cfg_.http_connections};
  create_sessions(
      ioc_, api,
      [this](created_session s) {
        room r;
        r.code = std::move(s.code);
        r.key = std::move(s.facilitator_key);
        rooms_.push_back(std::move(r));
      },
      [this](std::string error) {
        if (!error.empty()) return setup_failed(std::move(error));
        rooms_created();
      });
}

void fleet::begin_setup(std::vector<created_session> sessions) {
  rooms_.reserve(sessions.size());
  for (auto& s : sessions) {
    room r;
    r.code = std::move(s.code);
    r.key = std::move(s.facilitator_key);
    rooms_.push_back(std::move(r));
  }
  rooms_created();
}

void fleet::rooms_created() {
  sessions_created_ = true;
  while (next_setup_ < rooms_.size() && next_setup_ < cfg_.setup_window) setup_room(next_setup_++);
}

void fleet::setup_room(std::size_t r) {
  auto& rm = rooms_[r];
  for (std::size_t m = 0; m < cfg_.clients; ++m) {
    auto c = std::make_shared<ws_client>(ioc_, *this, static_cast<std::uint32_t>(r), static_cast<std::uint32_t>(m));
    rm.members.push_back(c);
    std::optional<net::ip::address> source;
    if (!sources_.empty()) source = sources_[clients_opened_ % sources_.size()];
    ++clients_opened_;
    c->open(cfg_.server, source, cfg_.host);
  }
}

void fleet::on_open(ws_client& c) {
  auto& rm = rooms_[c.room()];
  c.send(R"({"type":"hello","version":2,"session":")" + rm.code + R"("})");
}

void fleet::on_message(ws_client& c, std::string_view text, std::int64_t at_us) {
  const auto f = scan_message(text);
  if (!f) return note_fault(faults_.stray_messages, "unparsable message: " + std::string(text.substr(0, 200)));
  auto& rm = rooms_[c.room()];
  if (f->type == "event") {
    if (!f->seq) return note_fault(faults_.stray_messages, "event without seq: " + std::string(text.substr(0, 200)));
    const auto seq = *f->seq;
    if (c.last_seq >= 0 && seq != c.last_seq + 1) {
      note_fault(faults_.gaps, "room " + rm.code + " member " + std::to_string(c.member()) + ": event " +
                                   std::to_string(seq) + " after " + std::to_string(c.last_seq));
    }
    c.last_seq = seq;
    if (cfg_.track_first_arrivals) note_first_arrival(rm, seq, at_us);
    if (rm.base_seq >= 0 && seq > rm.base_seq) on_event(rm, c, seq, at_us);
    return;
  }
  if (f->type == "ack" || f->type == "error") {
    if (command_number(f->id)) {
      if (f->type == "error") return on_command_error(rm, f->id, text);
      if (!f->seq) return note_fault(faults_.stray_messages, "ack without seq: " + std::string(text.substr(0, 200)));
      return on_ack(rm, f->id, *f->seq, at_us);
    }
    if (f->id.empty() && f->type == "error") {
      return note_fault(faults_.protocol_errors, "error without id: " + std::string(text.substr(0, 200)));
    }
    return on_setup_answer(rm, c, f->type, f->id, f->seq, text);
  }
  if (f->type == "welcome") {
    // A join is known by its id alone: each member's is its own.
    const auto member = std::to_string(c.member());
    std::string join = R"({"type":"join","id":"j)" + member + R"(","name":"m)" + member + R"(","role":")" +
                       role_of(c.member()) + R"(","client_secret":")" + client_secret() + '"';
    if (c.member() == 0) join += R"(,"facilitator_key":")" + rm.key + '"';
    c.send(join + '}');
    return;
  }
  if (f->type == "snapshot") {  // after the join, before its ack
    if (f->seq) c.last_seq = *f->seq;
    return;
  }
  // lobby (before the join), pong, and message types a later server may
  // add: nothing to measure.
}

void fleet::on_setup_answer(room& rm, ws_client& c, std::string_view type, std::string_view id,
                            std::optional<std::int64_t> seq, std::string_view text) {
  if (type == "error" || !seq) {
    return setup_failed("room " + rm.code + " member " + std::to_string(c.member()) + ": " + std::string(text));
  }
  if (id.starts_with('j')) {
    if (++rm.joined == rm.members.size()) rm.members.front()->send(R"({"type":"start_session","id":"s"})");
  } else if (id == "s") {
    rm.base_seq = *seq;
    ++ready_rooms_;
    if (next_setup_ < rooms_.size()) setup_room(next_setup_++);
  } else {
    note_fault(faults_.stray_messages, "answer to no command: " + std::string(text.substr(0, 200)));
  }
}

void fleet::send_command(std::size_t r, std::int64_t intended_us, const command_mix& mix) {
  auto& rm = rooms_[r];
  const auto n = rm.next_command++;
  std::string id = "c";
  id += std::to_string(n);
  std::string out;
  const auto* kind = mix.next(rm.model, rm.mix_position, out, id);
  if (kind == nullptr) return note_fault(faults_.stray_messages, "no command of the mix is valid now");
  const auto sender = kind->who == sender_role::facilitator ? 0 : n % rm.members.size();
  rm.members[sender]->send(std::move(out));
  rm.in_flight.emplace(n, intended_us);
  ++m_.sent;
  ++unacked_;
}

void fleet::on_ack(room& rm, std::string_view id, std::int64_t seq, std::int64_t at) {
  const auto it = rm.in_flight.find(*command_number(id));
  if (it == rm.in_flight.end()) {
    return note_fault(faults_.stray_messages, "ack for a command not in flight: " + std::string(id));
  }
  const auto sent_us = it->second;
  rm.in_flight.erase(it);
  --unacked_;
  ++m_.acked;
  m_.ack_us.record(static_cast<std::uint64_t>(std::max<std::int64_t>(0, at - sent_us)));
  auto& e = rm.seqs[seq];
  if (e.sent_us >= 0) {
    return note_fault(faults_.duplicate_seqs,
                      "room " + rm.code + ": two commands acked with seq " + std::to_string(seq));
  }
  e.sent_us = sent_us;
  undelivered_ += rm.members.size();
  for (const auto t : e.early) deliver(rm, seq, e, t);
  e.early.clear();
  e.early.shrink_to_fit();
  if (e.delivered >= rm.members.size()) rm.seqs.erase(seq);
}

void fleet::on_command_error(room& rm, std::string_view id, std::string_view text) {
  const auto it = rm.in_flight.find(*command_number(id));
  if (it == rm.in_flight.end()) {
    return note_fault(faults_.stray_messages, "error for a command not in flight: " + std::string(text.substr(0, 200)));
  }
  rm.in_flight.erase(it);
  --unacked_;
  ++m_.errors;
  if (first_fault_.empty()) first_fault_ = "room " + rm.code + ": " + std::string(text.substr(0, 300));
}

void fleet::on_event(room& rm, ws_client&, std::int64_t seq, std::int64_t at) {
  auto& e = rm.seqs[seq];
  if (e.sent_us < 0) {
    e.early.push_back(at);
    return;
  }
  deliver(rm, seq, e, at);
  if (e.delivered >= rm.members.size()) rm.seqs.erase(seq);
}

void fleet::deliver(room& rm, std::int64_t seq, seq_entry& e, std::int64_t at) {
  ++e.delivered;
  if (e.delivered > rm.members.size()) {
    return note_fault(faults_.over_delivered, "room " + rm.code + ": event " + std::to_string(seq) +
                                                  " delivered more often than the room has members");
  }
  m_.deliver_us.record(static_cast<std::uint64_t>(std::max<std::int64_t>(0, at - e.sent_us)));
  ++m_.delivered;
  --undelivered_;
  m_.last_arrival_us = std::max(m_.last_arrival_us, at);
}

void fleet::note_first_arrival(room& rm, std::int64_t seq, std::int64_t at) {
  if (!rm.first_arrivals.empty() && seq <= rm.first_arrivals.back().seq) return;  // another member was first
  rm.first_arrivals.push_back({seq, at});
  while (rm.first_arrivals.front().at_us < at - cfg_.first_arrivals_kept_us) rm.first_arrivals.pop_front();
}

std::optional<std::int64_t> fleet::first_arrival(std::size_t r, std::int64_t seq) const {
  const auto& arrivals = rooms_[r].first_arrivals;
  const auto it = std::lower_bound(arrivals.begin(), arrivals.end(), seq,
                                   [](const room::arrival& a, std::int64_t s) { return a.seq < s; });
  if (it == arrivals.end() || it->seq != seq) return std::nullopt;
  return it->at_us;
}

std::optional<std::int64_t> fleet::latest_event(std::size_t r) const {
  const auto& arrivals = rooms_[r].first_arrivals;
  if (arrivals.empty()) return std::nullopt;
  return arrivals.back().seq;
}

losses fleet::count_losses() const {
  losses out;
  for (const auto& rm : rooms_) {
    out.unacked += rm.in_flight.size();
    for (const auto& [seq, e] : rm.seqs) {
      if (e.sent_us < 0 || e.delivered >= rm.members.size()) continue;
      ++out.undelivered_events;
      out.missing_deliveries += rm.members.size() - e.delivered;
    }
  }
  return out;
}

std::uint64_t fleet::unattributed_events() const {
  std::uint64_t n = 0;
  for (const auto& rm : rooms_) {
    for (const auto& [seq, e] : rm.seqs) n += e.sent_us < 0 ? 1 : 0;
  }
  return n;
}

void fleet::reset_measurement() {
  for (auto& rm : rooms_) {
    rm.in_flight.clear();
    std::erase_if(rm.seqs, [](const auto& kv) { return kv.second.sent_us >= 0; });
  }
  unacked_ = 0;
  undelivered_ = 0;
  m_.ack_us.reset();
  m_.deliver_us.reset();
  m_.sent = m_.acked = m_.errors = m_.delivered = 0;
  m_.last_arrival_us = 0;
}

void fleet::close_all() {
  for (auto& rm : rooms_) {
    for (auto& c : rm.members) c->abandon();
  }
}

void fleet::on_failed(ws_client& c, std::string_view stage, const beast::error_code& ec) {
  auto& rm = rooms_[c.room()];
  const auto what =
      "room " + rm.code + " member " + std::to_string(c.member()) + ": " + std::string(stage) + ": " + ec.message();
  if (rm.base_seq < 0) return setup_failed(what);
  note_fault(faults_.disconnects, what);
}

void fleet::note_fault(std::uint64_t& counter, std::string what) {
  ++counter;
  if (first_fault_.empty()) first_fault_ = std::move(what);
}

void fleet::setup_failed(std::string why) {
  if (setup_error_.empty()) setup_error_ = std::move(why);
}

}  // namespace debrief::bench
