#include "hub.hpp"

#include <atomic>
#include <ctime>

#include "client_address.hpp"
#include "clock.hpp"
#include "debrief/protocol/templates.hpp"
#include "log.hpp"
#include "secrets.hpp"

namespace debrief::server {

namespace {

constexpr std::size_t recent_events_loaded = 1000;
// A session whose timer runs is loaded this long before it runs out, so that
// its own timer, not a late load, ends it.
constexpr protocol::millis timer_load_lead = 2000;
// How often idle rooms are let go and due timers looked at, at most.
constexpr std::chrono::milliseconds upkeep_interval = std::chrono::seconds(1);

void log_expired(const std::string& code) {
  log_event(log_level::info, "session_expired", "a session never started has expired: deleting it",
            {{"session", session_ref(code)}});
}

// A day as YYYY-MM-DD (UTC), for log lines.
std::string utc_date(protocol::millis ms) {
  const std::time_t seconds = static_cast<std::time_t>(ms / 1000);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char out[16];
  std::strftime(out, sizeof out, "%Y-%m-%d", &utc);
  return out;
}

// Names a session by session_ref, never by its code (a secret).
void log_retention(const storage::ended_session& s, const std::string& outcome, log_level level = log_level::info) {
  log_event(level, "session_retention", "an ended session past retention " + outcome,
            {{"session", session_ref(s.id)}, {"ended", utc_date(s.ended_at)}, {"events", s.events}});
}

// Whether a client catching up may need the event replayed. Every client
// has seen its session from a join's snapshot or later, so never the
// session's first event (which holds the whole template: kilobytes a room).
bool replayable(const protocol::event& e) { return !std::holds_alternative<protocol::evt::session_created>(e); }

room_seed seed_from(storage::loaded_session s) {
  room_seed seed;
  seed.record = std::move(s.record);
  if (s.snapshot) {
    seed.state = nlohmann::json::parse(s.snapshot->state).get<protocol::session_state>();
    seed.seq = s.snapshot->seq;
    seed.snapshot_seq = s.snapshot->seq;
  }
  for (auto& e : s.events) {
    const auto event = nlohmann::json::parse(e.body).get<protocol::event>();
    seed.state = protocol::evolve(std::move(seed.state), event);
    seed.seq = e.seq;
    seed.last_time = e.time;
    if (!replayable(event)) continue;
    // Re-serialized rather than sent as stored: an older server may have
    // stored it without fields this one fills in.
    seed.recent.push_back(make_outgoing(e.seq, e.time, seed.state, event, nlohmann::json(event).dump()));
    if (seed.recent.size() > recent_events_loaded) seed.recent.pop_front();
  }
  seed.credentials = std::move(s.credentials);
  seed.commands = std::move(s.commands);
  seed.stored_timer_due = s.timer_due;
  seed.host_key = std::move(s.host_key);
  return seed;
}

}  // namespace

hub::hub(net::any_io_executor executor, storage::writer& store, storage::reader& reads, clock_fn clock,
         hub_settings settings)
    : executor_(std::move(executor)),
      store_(store),
      reads_(reads),
      clock_(std::move(clock)),
      settings_(settings),
      unjoined_buckets_(settings.unjoined_messages),
      sweep_strand_(net::make_strand(executor_)),
      sweep_timer_(sweep_strand_),
      upkeep_timer_(sweep_strand_) {}

void hub::watch_timers(const std::vector<storage::due_timer>& timers) {
  std::lock_guard lock(mutex_);
  for (const auto& t : timers) due_timers_.emplace(t.due, t.session);
}

void hub::open(const std::string& code, open_fn ready) {
  if (!secrets::is_session_code(code)) return ready({});  // no such session, and no lookup
  std::shared_ptr<room> in_memory;
  {
    std::lock_guard lock(mutex_);
    if (auto it = rooms_.find(code); it != rooms_.end()) {
      it->second.last_opened = std::chrono::steady_clock::now();
      in_memory = it->second.r;
    } else {
      auto& waiting = loading_[code];
      waiting.push_back(std::move(ready));
      if (waiting.size() > 1) return;  // its load is under way
    }
  }
  if (in_memory) return ready({std::move(in_memory)});
  reads_.post([this, code](storage::database& db) { load(code, db); });
}

void hub::load(const std::string& code, storage::database& db) {
  std::shared_ptr<room> made;
  bool unreadable = false;
  try {
    // Unknown codes cost one indexed lookup, nothing more.
    if (auto stored = db.load_session(code)) {
      const storage::ended_session summary{code, stored->ref, stored->ended_at.value_or(0), 0};
      // A session of an inquiry goes only with its inquiry (sweep_inquiry_retention).
      const bool retention_over = !stored->record.inquiry && past_retention(stored->ended_at);
      auto seed = seed_from(std::move(*stored));
      if (seed.record.event) seed.board = board_for(seed.record.event->event);
      if (expired(seed.state)) {
        // Nobody can be connected to it: deleting the rows is all there is to do.
        erase_stored(code);
      } else if (retention_over) {
        auto counted = summary;
        counted.events = seed.seq;
        erase_past_retention(counted);
      } else {
        made = std::make_shared<room>(executor_, store_, clock_, std::move(seed));
      }
    }
  } catch (const std::exception& e) {
    // One damaged session must not keep the others offline.
    log_event(log_level::error, "session_load_failed", "a session could not be loaded",
              {{"session", session_ref(code)}, {"error", e.what()}});
    unreadable = true;
  }
  std::vector<open_fn> waiting;
  {
    std::lock_guard lock(mutex_);
    waiting = std::move(loading_[code]);
    loading_.erase(code);
    if (made) rooms_[code] = {made, std::chrono::steady_clock::now()};
  }
  // Before any waiter can attach: start() is the first thing on its strand.
  if (made) made->start();
  for (auto& ready : waiting) ready({made, unreadable});
}

std::size_t hub::loaded() const {
  std::lock_guard lock(mutex_);
  return rooms_.size();
}

void hub::remove(const std::string& code) {
  std::lock_guard lock(mutex_);
  rooms_.erase(code);
}

std::shared_ptr<room> hub::in_memory(const std::string& code) const {
  std::lock_guard lock(mutex_);
  const auto it = rooms_.find(code);
  return it == rooms_.end() ? nullptr : it->second.r;
}

void hub::create(const protocol::session_template& tmpl, const std::string& title,
                 std::function<void(create_result)> done, std::optional<inquiry_link> inquiry) {
  using protocol::error_code;
  const auto now = clock_();
  room_seed seed;
  seed.record = {secrets::session_code(settings_.code_prefix), secrets::key(), now};
  protocol::inquiry_start start;
  if (inquiry) {
    seed.record.inquiry = inquiry->place;
    seed.record.planned_for = start_of_day(inquiry->start.date);
    start = std::move(inquiry->start);
  }
  auto made = protocol::create_session(seed.record.id, title, tmpl, now, std::move(start));
  if (auto* why = std::get_if<protocol::rejection>(&made)) return done(*why);
  const protocol::event created = std::get<protocol::evt::session_created>(std::move(made));
  seed.state = protocol::evolve({}, created);
  seed.seq = 1;
  seed.last_time = now;
  auto body = nlohmann::json(created).dump();

  storage::write_batch batch;
  batch.session = seed.record.id;
  batch.create = seed.record;
  batch.events = {{1, now, std::move(body)}};
  store_.submit(std::move(batch), [this, seed = std::move(seed), done = std::move(done)](auto error) mutable {
    if (error) {
      log_event(log_level::error, "session_create_failed", "creating a session failed", {{"error", *error}});
      return done(protocol::rejection{error_code::unavailable, "The session could not be stored; try again."});
    }
    created_session result{seed.record.id, seed.record.facilitator_key};
    log_fields fields{{"session", session_ref(result.code)}};
    if (seed.record.inquiry) {
      fields["inquiry"] = inquiry_ref(seed.record.inquiry->inquiry);
      fields["position"] = seed.record.inquiry->position;
    }
    log_event(log_level::info, "session_created", "a session was created", fields);
    auto r = std::make_shared<room>(executor_, store_, clock_, std::move(seed));
    {
      std::lock_guard lock(mutex_);
      rooms_[result.code] = {r, std::chrono::steady_clock::now()};
    }
    done(std::move(result));
  });
}

std::shared_ptr<token_bucket> hub::unjoined_bucket(const net::ip::address& client) {
  return unjoined_buckets_.bucket(rate_key(client));
}

// A session planned for a later day (a spring follow-up made in the fall)
// waits in the lobby until that day, then as long as any other.
bool hub::expired(const protocol::session_state& s) const {
  const auto waits_from = std::max(s.created_at, start_of_day(s.date).value_or(0));
  return s.status == protocol::session_status::lobby && clock_() - waits_from >= settings_.lobby_expiry;
}

void hub::erase_inquiry(const std::string& id, const std::vector<std::string>& sessions, const std::string& why,
                        storage::writer::done_fn done) {
  storage::write_batch batch;
  batch.erase_inquiry = id;
  erase_together(std::move(batch), sessions, why, std::move(done));
}

void hub::erase_together(storage::write_batch batch, const std::vector<std::string>& sessions, const std::string& why,
                         storage::writer::done_fn done) {
  std::vector<std::shared_ptr<room>> open_rooms;
  for (const auto& code : sessions) {
    if (auto r = in_memory(code)) open_rooms.push_back(std::move(r));
  }
  // Once every open room has closed (its queued writes are ahead in the
  // writer's queue), one batch deletes the inquiry (or event) and all its sessions.
  auto waiting = std::make_shared<std::atomic<std::size_t>>(open_rooms.size() + 1);
  auto erase_all = [this, batch = std::move(batch), sessions, why, waiting, done = std::move(done)]() mutable {
    if (waiting->fetch_sub(1) != 1) return;
    store_.submit(std::move(batch), [this, sessions, why, done](std::optional<std::string> error) {
      // Even when the batch failed: its rooms are closed, and one opened
      // later is loaded afresh from what the disk still holds.
      forget_erased(sessions, why);
      done(std::move(error));
    });
  };
  for (const auto& r : open_rooms) r->close_for_erase(why, erase_all);
  erase_all();
}

std::shared_ptr<summary_board> hub::board_for(const std::string& event) {
  std::lock_guard lock(mutex_);
  auto& entry = boards_[event];
  if (auto board = entry.lock()) return board;
  // Boards of events nobody holds any more go as new ones come.
  std::erase_if(boards_, [&](const auto& b) { return b.first != event && b.second.expired(); });
  auto board = std::make_shared<summary_board>(executor_, event, clock_);
  entry = board;
  return board;
}

void hub::close_hosts(const std::string& id) {
  std::shared_ptr<summary_board> board;
  {
    std::lock_guard lock(mutex_);
    if (auto it = boards_.find(id); it != boards_.end()) board = it->second.lock();
  }
  if (!board) return;
  board->close_hosts(
      make_text(
          protocol::error_message({protocol::error_code::not_found, "This event was deleted by its host."}).dump()),
      1000, "event deleted");
}

void hub::erase_event(const std::string& id, const std::vector<std::string>& sessions, const std::string& why,
                      storage::writer::done_fn done) {
  close_hosts(id);
  storage::write_batch batch;
  batch.erase_event = id;
  erase_together(std::move(batch), sessions, why, std::move(done));
}

void hub::release_event(const std::string& id, const std::vector<std::string>& sessions,
                        storage::writer::done_fn done) {
  storage::write_batch batch;
  batch.release_event = id;
  store_.submit(std::move(batch), [this, id, sessions, done = std::move(done)](std::optional<std::string> error) {
    if (!error) {
      // Rooms loaded from now on come without the event; those in memory let it go.
      for (const auto& code : sessions) {
        if (auto r = in_memory(code)) r->leave_event();
      }
      close_hosts(id);
    }
    done(std::move(error));
  });
}

void hub::create_event(const protocol::session_template& tmpl, const std::string& title,
                       const std::vector<std::string>& labels,
                       std::function<void(std::variant<created_event, protocol::rejection>)> done) {
  using protocol::error_code;
  const auto now = clock_();
  created_event made;
  made.record = {secrets::event_id(), secrets::key(), title, nlohmann::json(tmpl).dump(), now};
  auto board = board_for(made.record.id);
  storage::write_batch batch;
  batch.create_event = made.record;
  std::vector<room_seed> seeds;
  seeds.reserve(labels.size());
  for (std::size_t i = 0; i < labels.size(); ++i) {
    room_seed seed;
    const auto position = static_cast<int>(i) + 1;
    seed.record = {secrets::session_code(settings_.code_prefix), secrets::key(), now};
    auto session = protocol::create_session(seed.record.id, labels[i], tmpl, now, {});
    if (auto* why = std::get_if<protocol::rejection>(&session)) {
      return done(protocol::rejection{why->code, "Room " + std::to_string(position) + ": " + why->message});
    }
    const protocol::event created = std::get<protocol::evt::session_created>(std::move(session));
    seed.state = protocol::evolve({}, created);
    seed.record.event = storage::event_place{made.record.id, position, seed.state.title};
    seed.seq = 1;
    seed.last_time = now;
    seed.host_key = made.record.host_key;
    seed.board = board;
    auto body = nlohmann::json(created).dump();
    storage::write_batch room_batch;
    room_batch.session = seed.record.id;
    room_batch.create = seed.record;
    room_batch.events = {{1, now, std::move(body)}};
    batch.event_rooms.push_back(std::move(room_batch));
    made.rooms.push_back({seed.record.id, seed.record.facilitator_key, seed.state.title, position});
    seeds.push_back(std::move(seed));
  }
  store_.submit(std::move(batch), [this, made = std::move(made), seeds = std::move(seeds),
                                   done = std::move(done)](std::optional<std::string> error) mutable {
    if (error) {
      log_event(log_level::error, "event_create_failed", "creating an event failed", {{"error", *error}});
      return done(protocol::rejection{error_code::unavailable, "The event could not be stored; try again."});
    }
    log_event(log_level::info, "event_created", "an event was created with its rooms",
              {{"hosted_event", event_ref(made.record.id)}, {"rooms", made.rooms.size()}});
    {
      std::lock_guard lock(mutex_);
      for (auto& seed : seeds) {
        auto code = seed.record.id;
        rooms_[code] = {std::make_shared<room>(executor_, store_, clock_, std::move(seed)),
                        std::chrono::steady_clock::now()};
      }
    }
    done(std::move(made));
  });
}

// A room loaded while its inquiry was being deleted holds rows that are gone:
// it closes too, and every room of the inquiry leaves memory.
void hub::forget_erased(const std::vector<std::string>& sessions, const std::string& why) {
  for (const auto& code : sessions) {
    if (auto r = in_memory(code)) r->close_for_erase(why, [] {});
    remove(code);
  }
}

void hub::erase_stored(const std::string& code) {
  log_expired(code);
  storage::write_batch batch;
  batch.session = code;
  batch.erase = true;
  store_.submit(std::move(batch), [code](std::optional<std::string> error) {
    // Kept on disk, it is simply found again at the next start.
    if (error) {
      log_event(log_level::error, "session_expiry_failed", "deleting an expired session failed",
                {{"session", session_ref(code)}, {"error", *error}});
    }
  });
}

bool hub::past_retention(std::optional<protocol::millis> ended_at) const {
  return settings_.retention > 0 && ended_at && clock_() - *ended_at >= settings_.retention;
}

void hub::erase_past_retention(const storage::ended_session& gone) {
  storage::write_batch batch;
  batch.session = gone.id;
  batch.erase = true;
  store_.submit(std::move(batch), [gone](std::optional<std::string> error) {
    // Kept on disk, it is found again by the next sweep.
    if (error) {
      log_retention(gone, "could not be deleted: " + *error, log_level::error);
    } else {
      log_retention(gone, "was deleted completely");
    }
  });
}

// Ended sessions past retention: one not in memory is erased by its load
// (hub::load); one in memory is erased on its strand, its people told.
void hub::sweep_retention(storage::database& db) {
  if (settings_.retention <= 0) return;
  std::vector<storage::ended_session> due;
  try {
    due = db.sessions_ended_by(clock_() - settings_.retention);
  } catch (const std::exception& e) {
    log_event(log_level::error, "retention_sweep_failed", "looking for sessions past retention failed",
              {{"error", e.what()}});
    return;
  }
  if (!due.empty()) {
    log_event(log_level::info, "retention_due", "ended sessions past retention to delete", {{"sessions", due.size()}});
  }
  for (const auto& gone : due) {
    open(gone.id, [this, gone](open_result opened) {
      const auto& r = opened.r;
      if (!r) return;
      r->expire_if([](const protocol::session_state& s) { return s.status == protocol::session_status::ended; },
                   [this, gone] {
                     log_retention(gone, "was open: its connections are closed and it is deleted");
                     remove(gone.id);
                   },
                   "This session was deleted: ended sessions are kept for a set number of days.");
    });
  }
}

// Inquiries whose sessions all ended past retention go whole: a session of
// an inquiry is never deleted alone by retention.
void hub::sweep_inquiry_retention(storage::database& db) {
  if (settings_.retention <= 0) return;
  std::vector<storage::ended_inquiry> due;
  try {
    due = db.inquiries_ended_by(clock_() - settings_.retention);
  } catch (const std::exception& e) {
    log_event(log_level::error, "retention_sweep_failed", "looking for inquiries past retention failed",
              {{"error", e.what()}});
    return;
  }
  for (const auto& gone : due) {
    // A sweep that comes while the last one's deletion is on its way to the disk leaves it be.
    {
      std::lock_guard lock(mutex_);
      if (!inquiries_going_.insert(gone.id).second) continue;
    }
    erase_inquiry(gone.id, gone.sessions, "This session was deleted: ended sessions are kept for a set number of days.",
                  [this, gone](const std::optional<std::string>& error) {
                    {
                      std::lock_guard lock(mutex_);
                      inquiries_going_.erase(gone.id);
                    }
                    log_fields fields{{"inquiry", inquiry_ref(gone.id)},
                                      {"ended", utc_date(gone.ended_at)},
                                      {"sessions", gone.sessions.size()}};
                    if (error) {
                      fields["error"] = *error;
                      return log_event(log_level::error, "inquiry_retention",
                                       "an inquiry past retention could not be deleted", fields);
                    }
                    log_event(log_level::info, "inquiry_deleted",
                              "an inquiry past retention was deleted completely with its sessions", fields);
                  });
  }
}

void hub::sweep_expired() {
  const auto created_by = clock_() - settings_.lobby_expiry;
  reads_.post([this](storage::database& db) { sweep_retention(db); });
  reads_.post([this](storage::database& db) { sweep_inquiry_retention(db); });
  reads_.post([this, created_by](storage::database& db) {
    std::vector<std::string> codes;
    try {
      codes = db.lobby_sessions_created_by(created_by);
    } catch (const std::exception& e) {
      log_event(log_level::error, "expiry_sweep_failed", "looking for expired sessions failed", {{"error", e.what()}});
      return;
    }
    // Loading one past its expiry deletes it; one in memory decides on its
    // own strand (a start may be on its way to the disk).
    for (const auto& code : codes) {
      open(code, [this](open_result opened) {
        const auto& r = opened.r;
        if (!r) return;
        r->expire_if([this](const protocol::session_state& s) { return expired(s); },
                     [this, code = r->id()] {
                       log_expired(code);
                       remove(code);
                     });
      });
    }
  });
}

void hub::sweep_every(std::chrono::milliseconds interval) {
  sweep_expired();
  net::post(sweep_strand_, [this, interval] {
    sweep_after(interval);
    upkeep_after(std::min(upkeep_interval, std::max(settings_.unload_after / 2, std::chrono::milliseconds(1))));
  });
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

void hub::upkeep_after(std::chrono::milliseconds interval) {
  if (!sweeping_) return;
  upkeep_timer_.expires_after(interval);
  upkeep_timer_.async_wait([this, interval](beast::error_code ec) {
    if (ec || !sweeping_) return;
    load_due_timers();
    unload_idle();
    upkeep_after(interval);
  });
}

void hub::load_due_timers() {
  std::vector<std::string> due;
  {
    std::lock_guard lock(mutex_);
    const auto until = clock_() + timer_load_lead;
    while (!due_timers_.empty() && due_timers_.begin()->first <= until) {
      due.push_back(std::move(due_timers_.begin()->second));
      due_timers_.erase(due_timers_.begin());
    }
  }
  // Once loaded, the room's own timer ends it on time.
  for (const auto& code : due) open(code, [](const open_result&) {});
}

void hub::unload_idle() {
  std::vector<std::shared_ptr<room>> candidates;
  {
    std::lock_guard lock(mutex_);
    const auto opened_by = std::chrono::steady_clock::now() - settings_.unload_after;
    for (const auto& [_, entry] : rooms_) {
      if (entry.last_opened <= opened_by) candidates.push_back(entry.r);
    }
  }
  for (const auto& r : candidates) {
    r->unload_if_idle(settings_.unload_after, [this, code = r->id()](std::optional<protocol::millis> timer_due) {
      return release(code, timer_due);
    });
  }
}

bool hub::release(const std::string& code, std::optional<protocol::millis> timer_due) {
  std::lock_guard lock(mutex_);
  auto it = rooms_.find(code);
  if (it == rooms_.end()) return false;
  // Opened since the room decided: someone is on the way in.
  if (it->second.last_opened > std::chrono::steady_clock::now() - settings_.unload_after) return false;
  rooms_.erase(it);
  if (timer_due) due_timers_.emplace(*timer_due, code);
  return true;
}

void hub::close_all() {
  net::post(sweep_strand_, [this] {
    sweeping_ = false;
    sweep_timer_.cancel();
    upkeep_timer_.cancel();
  });
  std::lock_guard lock(mutex_);
  for (auto& [_, entry] : rooms_) entry.r->close_all();
}

void hub::storage_changed(bool available) {
  std::lock_guard lock(mutex_);
  for (auto& [_, entry] : rooms_) entry.r->storage_changed(available);
}

}  // namespace debrief::server
