#include "session_peer.hpp"

#include <algorithm>

#include "harness.hpp"  // random_hex

namespace debrief::testing {

session_peer::session_peer(server::net::io_context& ioc, std::string session, std::string name, std::string role,
                           std::string facilitator_key)
    : session(std::move(session)),
      name(std::move(name)),
      role(std::move(role)),
      facilitator_key(std::move(facilitator_key)),
      ioc_(ioc),
      join_id_("join-" + this->name),
      // Chosen once and sent with every retry of the join, as a browser keeps
      // it with its outbox.
      client_secret_(random_hex()) {}

void session_peer::connect(std::uint16_t port) { open(port, true); }

void session_peer::connect_for_snapshot(std::uint16_t port) { open(port, false); }

void session_peer::drop() {
  if (link_) link_->drop();
  link_.reset();
}

void session_peer::open(std::uint16_t port, bool with_last_seq) {
  drop();
  welcomed_ = false;
  in_lobby_ = false;
  // Messages of an older connection, still in flight, are ignored.
  const auto generation = ++generation_;
  link_ = async_client::open(ioc_, port,
                             [this, generation](const json& m, std::size_t bytes) {
                               if (generation != generation_) return;
                               bytes_received += bytes;
                               on_message(m);
                             },
                             {});
  json hello = {{"type", "hello"}, {"version", 2}, {"session", session}};
  if (!token.empty()) hello["token"] = token;
  if (with_last_seq && last_seq) hello["last_seq"] = *last_seq;
  link_->send(hello);
  if (!joined()) {
    json join = {{"type", "join"}, {"id", join_id_}, {"name", name}, {"role", role}, {"client_secret", client_secret_}};
    if (!facilitator_key.empty()) join["facilitator_key"] = facilitator_key;
    link_->send(join);
    return;
  }
  for (const auto& id : order) {
    auto& c = commands.at(id);
    if (c.state == status::acked) continue;
    c.state = status::sent;
    ++c.times_sent;
    link_->send(c.message);
  }
}

void session_peer::command(json message, const std::string& id) {
  message["id"] = id;
  auto& c = commands[id];
  if (c.message.is_null()) order.push_back(id);
  c.message = std::move(message);
  if (!connected() || !joined()) return;  // sent on (re)connection
  c.state = status::sent;
  ++c.times_sent;
  link_->send(c.message);
}

bool session_peer::send_next_unsent() {
  if (!connected() || !joined()) return false;
  for (const auto& id : order) {
    auto& c = commands.at(id);
    if (c.state != status::unsent) continue;
    c.state = status::sent;
    ++c.times_sent;
    link_->send(c.message);
    return true;
  }
  return false;
}

std::size_t session_peer::in_flight() const {
  return static_cast<std::size_t>(
      std::count_if(commands.begin(), commands.end(), [](const auto& c) { return c.second.state == status::sent; }));
}

std::size_t session_peer::answered() const {
  return static_cast<std::size_t>(
      std::count_if(commands.begin(), commands.end(), [](const auto& c) { return c.second.state == status::acked; }));
}

void session_peer::on_message(const json& m) {
  const auto type = m.at("type").get<std::string>();
  if (type == "welcome") {
    welcomed_ = true;
    in_lobby_ = m.at("you").is_null();
    if (!you.empty() && m.at("you") != you) problem("resumed as " + m.at("you").dump() + ", not " + you);
  } else if (type == "lobby") {
    if (!in_lobby_) problem("a lobby message reached a connection that had joined");
  } else if (type == "snapshot") {
    in_lobby_ = false;
    const auto seq = m.at("seq").get<std::int64_t>();
    if (last_seq && seq < *last_seq) {
      problem("a snapshot at seq " + std::to_string(seq) + " is behind seq " + std::to_string(*last_seq) +
              ", which this client had already applied");
    }
    last_seq = seq;
    snapshot = m.at("state");
    ++snapshots;
  } else if (type == "event") {
    on_event(m);
  } else if (type == "ack") {
    on_ack(m);
  } else if (type == "error") {
    on_error(m);
  } else if (type != "pong") {
    problem("unexpected message " + m.dump().substr(0, 200));
  }
}

void session_peer::on_event(const json& m) {
  const auto seq = m.at("seq").get<std::int64_t>();
  if (in_lobby_) problem("event " + std::to_string(seq) + " reached a connection that had not joined");
  if (!last_seq) {
    problem("event " + std::to_string(seq) + " before any snapshot");
  } else if (seq != *last_seq + 1) {
    problem((seq <= *last_seq ? "duplicate event " : "gap before event ") + std::to_string(seq) + " after " +
            std::to_string(*last_seq));
  }
  last_seq = std::max(last_seq.value_or(0), seq);
  // Only what the checks need: full events can be large.
  const auto& e = m.at("event");
  json brief = {{"seq", seq}, {"type", e.at("type")}};
  for (const auto* key : {"participant", "online"}) {
    if (e.contains(key)) brief[key] = e.at(key);
  }
  events.push_back(std::move(brief));
}

void session_peer::on_ack(const json& m) {
  const auto id = m.at("id").get<std::string>();
  const auto seq = m.at("seq").get<std::int64_t>();
  if (!last_seq || seq > *last_seq) {
    problem("the ack of " + id + " (seq " + std::to_string(seq) + ") came before its events");
  }
  if (id == join_id_) {
    if (!you.empty() && m.at("you") != you) problem("a repeated join made a new participant");
    you = m.at("you").get<std::string>();
    token = m.at("token").get<std::string>();
    for (const auto& cid : order) {
      auto& c = commands.at(cid);
      if (c.state != status::unsent) continue;
      c.state = status::sent;
      ++c.times_sent;
      link_->send(c.message);
    }
    return;
  }
  auto it = commands.find(id);
  if (it == commands.end()) return problem("an ack for unknown command " + id);
  auto& c = it->second;
  if (c.state == status::acked && c.ack_seq != seq) {
    problem("command " + id + " was acked at seq " + std::to_string(c.ack_seq) + " and again at " +
            std::to_string(seq));
  }
  c.state = status::acked;
  c.ack_seq = seq;
}

void session_peer::on_error(const json& m) {
  const auto id = m.value("id", std::string{});
  auto it = commands.find(id);
  if (it != commands.end() && m.at("code") == "rate_limited") {
    // Nothing was applied: send it again later with the same id.
    it->second.state = status::unsent;
    ++rate_limited;
    return;
  }
  problem("refused: " + m.dump().substr(0, 300));
}

void session_peer::problem(std::string what) { problems.push_back(name + ": " + std::move(what)); }

}  // namespace debrief::testing
