#include "hub.hpp"

#include "client_address.hpp"
#include "clock.hpp"
#include "debrief/protocol/templates.hpp"
#include "log.hpp"
#include "secrets.hpp"

namespace debrief::server {

namespace {

constexpr std::size_t recent_events_loaded = 1000;

void log_expired(const std::string& code) {
  log_line("session " + code + " was never started and has expired: deleting it");
}

room_seed seed_from(storage::loaded_session s) {
  room_seed seed;
  seed.record = std::move(s.record);
  if (s.snapshot) {
    seed.state = nlohmann::json::parse(s.snapshot->state).get<protocol::session_state>();
    seed.seq = s.snapshot->seq;
  }
  for (auto& e : s.events) {
    const auto event = nlohmann::json::parse(e.body).get<protocol::event>();
    seed.state = protocol::evolve(std::move(seed.state), event);
    seed.seq = e.seq;
    // Re-serialized rather than sent as stored: an older server may have
    // stored it without fields this one fills in.
    seed.recent.push_back(make_outgoing(e.seq, e.time, seed.state, event, nlohmann::json(event).dump()));
    if (seed.recent.size() > recent_events_loaded) seed.recent.pop_front();
  }
  seed.credentials = std::move(s.credentials);
  seed.commands = std::move(s.commands);
  return seed;
}

}  // namespace

hub::hub(net::any_io_executor executor, storage::writer& store, clock_fn clock, hub_settings settings)
    : executor_(std::move(executor)),
      store_(store),
      clock_(std::move(clock)),
      settings_(settings),
      unjoined_buckets_(settings.unjoined_messages),
      sweep_strand_(net::make_strand(executor_)),
      sweep_timer_(sweep_strand_) {}

void hub::load(std::vector<storage::loaded_session> sessions) {
  for (auto& s : sessions) {
    const auto id = s.record.id;
    try {
      auto seed = seed_from(std::move(s));
      // Nobody can be connected yet: deleting the rows is all there is to do.
      if (expired(seed.state)) {
        erase_stored(id);
        continue;
      }
      auto r = std::make_shared<room>(executor_, store_, clock_, std::move(seed));
      r->start();
      std::lock_guard lock(mutex_);
      rooms_.emplace(id, std::move(r));
    } catch (const std::exception& e) {
      // One damaged session must not keep the others offline.
      log_line("session " + id + " could not be loaded: " + e.what());
    }
  }
}

std::shared_ptr<room> hub::find(const std::string& code) const {
  std::lock_guard lock(mutex_);
  auto it = rooms_.find(code);
  return it == rooms_.end() ? nullptr : it->second;
}

void hub::remove(const std::string& code) {
  std::lock_guard lock(mutex_);
  rooms_.erase(code);
}

void hub::create(const protocol::session_template& tmpl, const std::string& title,
                 std::function<void(create_result)> done) {
  using protocol::error_code;
  const auto now = clock_();
  room_seed seed;
  seed.record = {secrets::session_code(), secrets::key(), now};
  auto made = protocol::create_session(seed.record.id, title, tmpl, now);
  if (auto* why = std::get_if<protocol::rejection>(&made)) return done(*why);
  const protocol::event created = std::get<protocol::evt::session_created>(std::move(made));
  seed.state = protocol::evolve({}, created);
  seed.seq = 1;
  auto body = nlohmann::json(created).dump();
  seed.recent.push_back(make_outgoing(1, now, seed.state, created, body));

  storage::write_batch batch;
  batch.session = seed.record.id;
  batch.create = seed.record;
  batch.events = {{1, now, std::move(body)}};
  store_.submit(std::move(batch), [this, seed = std::move(seed), done = std::move(done)](auto error) mutable {
    if (error) {
      log_line("creating a session failed: " + *error);
      return done(protocol::rejection{error_code::unavailable, "The session could not be stored; try again."});
    }
    created_session result{seed.record.id, seed.record.facilitator_key};
    auto r = std::make_shared<room>(executor_, store_, clock_, std::move(seed));
    {
      std::lock_guard lock(mutex_);
      rooms_.emplace(result.code, r);
    }
    done(std::move(result));
  });
}

std::shared_ptr<token_bucket> hub::unjoined_bucket(const net::ip::address& client) {
  return unjoined_buckets_.bucket(rate_key(client));
}

bool hub::expired(const protocol::session_state& s) const {
  return s.status == protocol::session_status::lobby && clock_() - s.created_at >= settings_.lobby_expiry;
}

void hub::erase_stored(const std::string& code) {
  log_expired(code);
  storage::write_batch batch;
  batch.session = code;
  batch.erase = true;
  store_.submit(std::move(batch), [code](std::optional<std::string> error) {
    // Kept on disk, it is simply found again at the next start.
    if (error) log_line("deleting expired session " + code + " failed: " + *error);
  });
}

void hub::sweep_expired() {
  std::vector<std::shared_ptr<room>> all;
  {
    std::lock_guard lock(mutex_);
    all.reserve(rooms_.size());
    for (const auto& [_, r] : rooms_) all.push_back(r);
  }
  for (const auto& r : all) {
    r->expire_if([this](const protocol::session_state& s) { return expired(s); },
                 [this, code = r->id()] {
                   log_expired(code);
                   remove(code);
                 });
  }
}

void hub::sweep_every(std::chrono::milliseconds interval) {
  net::post(sweep_strand_, [this, interval] { sweep_after(interval); });
}

void hub::sweep_after(std::chrono::milliseconds interval) {
  if (!sweeping_) return;
  sweep_timer_.expires_after(interval);
  sweep_timer_.async_wait([this, interval](beast::error_code ec) {
    if (ec || !sweeping_) return;
    sweep_expired();
    sweep_after(interval);
  });
}

void hub::close_all() {
  net::post(sweep_strand_, [this] {
    sweeping_ = false;
    sweep_timer_.cancel();
  });
  std::lock_guard lock(mutex_);
  for (auto& [_, r] : rooms_) r->close_all();
}

void hub::storage_changed(bool available) {
  std::lock_guard lock(mutex_);
  for (auto& [_, r] : rooms_) r->storage_changed(available);
}

}  // namespace debrief::server
