#include "room.hpp"

#include <algorithm>
#include <chrono>

#include "clock.hpp"
#include "debrief/protocol/access.hpp"
#include "debrief/protocol/calendar.hpp"
#include "debrief/protocol/effects.hpp"
#include "debrief/protocol/export.hpp"
#include "debrief/protocol/permissions.hpp"
#include "debrief/protocol/visibility.hpp"
#include "log.hpp"
#include "metrics.hpp"
#include "secrets.hpp"
#include "snapshot_due.hpp"
#include "websocket_connection.hpp"  // the bounds of a connection's queue

namespace debrief::server {

namespace {

constexpr std::size_t recent_events_kept = 1000;   // catch-up without a snapshot
constexpr std::size_t commands_remembered = 1000;  // as many as storage reloads

// Retries are recognised by sender and command id; a join (no sender yet)
// by its id alone, and then answered only for the secret it was sent with.
std::string dedup_key(const std::string& participant, const protocol::client_command& c) {
  if (std::holds_alternative<protocol::cmd::join>(c.command)) return "join\x1f" + c.id;
  return participant + "\x1f" + c.id;
}

// Joins stored before client secrets were keyed by id, name and role: by the
// id alone now, like every later one.
std::string stored_key(const std::string& key) {
  if (!key.starts_with("join\x1f")) return key;
  return key.substr(0, key.find('\x1f', 5));
}

// An event happened now, except a timer's running out, which happened at its
// deadline even when noticed later (the server was down, or busy): stamped
// then, though never before the event ahead of it, so times follow seq.
protocol::millis stamp_for(const protocol::event& e, const protocol::session_state& before, protocol::millis previous,
                           protocol::millis now) {
  if (!std::holds_alternative<protocol::evt::timer_expired>(e)) return now;
  return std::max(previous, std::min(before.timer.ends_at, now));
}

// The answer to a command that storage could not take.
nlohmann::json unavailable_error(const std::string& command_id) {
  return protocol::error_message({protocol::error_code::unavailable,
                                  "Changes can't be saved right now; nothing was changed. Try again in a moment."},
                                 command_id);
}

}  // namespace

room::room(net::any_io_executor executor, storage::writer& store, clock_fn clock, room_seed seed)
    : strand_(net::make_strand(executor)),
      store_(store),
      clock_(std::move(clock)),
      id_(seed.record.id),
      keys_{seed.record.facilitator_key, std::move(seed.host_key)},
      inquiry_(seed.record.inquiry),
      event_(seed.record.event),
      board_(std::move(seed.board)),
      applied_(seed.state),
      applied_seq_(seed.seq),
      applied_time_(seed.last_time),
      committed_(std::move(seed.state)),
      committed_seq_(seed.seq),
      snapshot_seq_(seed.snapshot_seq),
      stored_snapshot_seq_(snapshot_seq_),
      expiry_(strand_),
      stored_timer_due_(seed.stored_timer_due) {
  recent_ = std::move(seed.recent);
  std::unordered_map<std::string, const storage::credential*> credential_of;
  for (const auto& c : seed.credentials) credential_of.emplace(c.participant, &c);
  for (const auto& c : seed.commands) {
    auto ack = nlohmann::json::parse(c.ack);
    applied_command applied;
    if (ack.contains("you")) {
      applied.joined = ack.at("you").get<std::string>();
      // The token and the join's secret are kept with the credentials, not
      // in the command log.
      if (auto found = credential_of.find(applied.joined); found != credential_of.end()) {
        ack["token"] = found->second->token;
        applied.client_secret = found->second->client_secret;
      }
    }
    applied.ack = make_text(ack.dump());
    remember_command(stored_key(c.key), std::move(applied));
  }
  for (auto& c : seed.credentials) token_to_participant_.emplace(std::move(c.token), std::move(c.participant));
  // Before anyone can open it: a host's console waits for every room's summary.
  publish_summary();
}

void room::start() {
  net::post(strand_, [self = shared_from_this()] {
    // A timer that ran out while the room was not in memory ran out before
    // anything noticed now, so it is recorded first (see stamp_for).
    const auto& timer = self->applied_.timer;
    if (timer.status == protocol::timer_status::running && timer.ends_at <= self->clock_()) {
      self->execute({}, protocol::cmd::expire_timer{}, {});
    }
    // Nobody is connected to a room that was just loaded: say so.
    for (const auto& p : self->applied_.participants) {
      if (p.online) self->execute(p.id, protocol::cmd::disconnect{}, {});
    }
    self->schedule_expiry();
    self->publish_summary();
    // Sessions stored before schema 5 say "look at my timer" (due 0).
    storage::write_batch batch;
    self->store_timer_due(batch);
    if (!batch.timer_changed) return;
    batch.session = self->id_;
    self->submit_batch(std::move(batch), [id = self->id_](const std::optional<std::string>& error) {
      if (error) {
        log_event(log_level::error, "timer_store_failed", "storing a session's timer failed",
                  {{"session", session_ref(id)}, {"error", *error}});
      }
    });
  });
}

void room::unload_if_idle(std::chrono::milliseconds idle,
                          std::function<bool(std::optional<protocol::millis> timer_due)> release) {
  net::post(strand_, [self = shared_from_this(), idle, release = std::move(release)] {
    if (self->unloaded_ || !self->members_.empty() || self->unstored_writes_ > 0) return;
    if (std::chrono::steady_clock::now() - self->last_active_ < idle) return;
    const auto due = self->running_timer_due();
    if (due && *due - self->clock_() < idle.count()) return;
    if (!release(due)) return;
    self->unloaded_ = true;
    self->expiry_.cancel();
  });
}

void room::attach(std::shared_ptr<connection> c, protocol::hello hello) {
  net::post(strand_,
            [self = shared_from_this(), c = std::move(c), hello = std::move(hello)] { self->do_attach(c, hello); });
}

void room::detach(const connection* c) {
  net::post(strand_, [self = shared_from_this(), c] { self->do_detach(c); });
}

void room::submit(const connection* c, protocol::client_command command) {
  net::post(strand_, [self = shared_from_this(), c, command = std::move(command)]() mutable {
    self->do_submit(c, std::move(command));
  });
}

void room::refuse(const connection* c, protocol::parse_error bad) {
  net::post(strand_, [self = shared_from_this(), c, bad = std::move(bad)] { self->do_refuse(c, bad); });
}

void room::close_all() {
  net::post(strand_, [self = shared_from_this()] {
    for (auto& [_, m] : self->members_) {
      if (auto link = m.link.lock()) link->close_after_send(1001, "server shutting down");
    }
  });
}

void room::do_attach(const std::shared_ptr<connection>& c, const protocol::hello& hello) {
  using protocol::error_code;
  if (unloaded_) {
    // Let go the moment this connection was handed the room (its open came
    // a whole idle period before this attach): the next hello loads it again.
    c->send(
        make_text(protocol::error_message({error_code::unavailable, "The session is reloading; try again."}).dump()));
    c->close_after_send(1013, "try again");
    return;
  }
  if (erased_) {
    c->send(make_text(protocol::error_message({protocol::error_code::not_found, "This session was deleted."}).dump()));
    c->close_after_send(1000, "session deleted");
    return;
  }
  std::string participant;
  if (hello.token) {
    auto it = token_to_participant_.find(*hello.token);
    if (it != token_to_participant_.end() && committed_.find_participant(it->second) != nullptr) {
      participant = it->second;
    }
  }
  members_[c.get()] = member{c, participant, participant.empty()};
  if (!participant.empty()) use_participant_bucket(members_[c.get()]);
  c->send(make_text(protocol::welcome_message(id_, clock_(), participant).dump()));
  if (!store_.available()) send_storage_state(*c, false);
  if (participant.empty()) {
    c->send(lobby());
  } else {
    send_catch_up(*c, participant, hello.last_seq);
  }
  if (!participant.empty() && connections_of(participant) == 1) {
    execute(participant, protocol::cmd::connect{}, {});
  }
}

void room::do_detach(const connection* c) {
  auto it = members_.find(c);
  if (it == members_.end()) return;
  const auto participant = it->second.participant;
  members_.erase(it);
  last_active_ = std::chrono::steady_clock::now();
  if (!participant.empty() && connections_of(participant) == 0) {
    execute(participant, protocol::cmd::disconnect{}, {});
  }
}

void room::do_submit(const connection* c, protocol::client_command command) {
  auto it = members_.find(c);
  if (it == members_.end()) return;
  pending_reply reply{
      c, it->second.link, command.id, {}, {}, dedup_key(it->second.participant, command), command.client_secret};
  if (auto seen = applied_commands_.find(reply.dedup_key); seen != applied_commands_.end()) {
    if (!protocol::same_join_client(command, seen->second.client_secret)) {
      reply_to(reply, protocol::error_message({protocol::error_code::conflict,
                                               "This command id was already used; send the join again with a new id."},
                                              command.id));
      return;
    }
    if (seen->second.ack) {
      answer_retry(reply, seen->second);
    } else {
      seen->second.waiting.push_back(std::move(reply));
    }
    return;
  }
  if (auto* join = std::get_if<protocol::cmd::join>(&command.command)) {
    join->facilitator_key_valid = keys_.facilitator_join_valid(join->role, command.facilitator_key);
    // The event's key, which only a room of an event has (never a room's own key).
    join->host_key_valid = keys_.host_join_valid(command.host_key);
  }
  execute(it->second.participant, command.command, std::move(reply));
}

void room::do_refuse(const connection* c, const protocol::parse_error& bad) {
  auto it = members_.find(c);
  if (it == members_.end()) return;
  // Judged against the state the room's next command would be, as apply does.
  const auto why = protocol::refusal_for(applied_, bad.command, it->second.participant, bad.why);
  metrics::get().command(bad.command, protocol::to_string(why.code));
  reply_to({c, it->second.link, bad.id}, protocol::error_message(why, bad.id));
}

void room::execute(const std::string& participant, const protocol::command& command, pending_reply reply) {
  if (erased_) {
    reply_to(reply,
             protocol::error_message({protocol::error_code::not_found, "This session was deleted."}, reply.command_id));
    return;
  }
  const auto now = clock_();
  auto result = protocol::apply(applied_, command, {participant}, now);
  const auto type = std::visit([](const auto& c) { return std::decay_t<decltype(c)>::wire_name; }, command);
  if (auto* why = std::get_if<protocol::rejection>(&result)) {
    metrics::get().command(type, protocol::to_string(why->code));
    reply_to(reply, protocol::error_message(*why, reply.command_id));
    if (std::holds_alternative<protocol::cmd::expire_timer>(command)) schedule_expiry();
    return;
  }
  auto events = std::get<std::vector<protocol::event>>(std::move(result));
  if (events.empty()) {
    metrics::get().command(type, "ok");
    reply_to(reply, protocol::ack_message(reply.command_id, applied_seq_));
    return;
  }
  // Refused at once rather than queued behind a disk that fails: the room's
  // own changes (presence, a timer running out) are made once it is back.
  if (!store_.available()) {
    metrics::get().command(type, protocol::to_string(protocol::error_code::unavailable));
    reply_to(reply, unavailable_error(reply.command_id));
    return;
  }
  commit(std::move(events), now, std::move(reply), type);
}

void room::commit(std::vector<protocol::event> events, protocol::millis now, pending_reply reply, std::string_view type,
                  std::function<void(bool stored)> after) {
  in_flight undo;

  const auto effects = protocol::effects_of(events);
  storage::write_batch batch;
  batch.session = id_;
  batch.ended = effects.ended;
  batch.started = effects.started;
  // Withdrawal takes the transcript's words out of the stored log too.
  batch.scrub_transcript = effects.transcript_withdrawn;
  for (const auto& joined : effects.joined) {
    reply.participant = joined;
    reply.token = secrets::key();
    batch.credentials.push_back({reply.participant, reply.token, reply.client_secret});
    if (auto m = members_.find(reply.to); m != members_.end()) {
      m->second.participant = reply.participant;
      use_participant_bucket(m->second);
      undo.joiner = reply.to;
      undo.joiner_link = m->second.link;
    }
    undo.token = reply.token;
    undo.joined = reply.participant;
  }
  std::vector<outgoing_event> messages;
  for (const auto& e : events) {
    const auto time = stamp_for(e, applied_, applied_time_, now);
    applied_ = protocol::evolve(std::move(applied_), e);
    ++applied_seq_;
    applied_time_ = time;
    // Serialized once: the stored text is also what most clients receive.
    auto body = nlohmann::json(e).dump();
    event_bytes_since_snapshot_ += body.size();
    messages.push_back(make_outgoing(applied_seq_, time, applied_, e, body));
    batch.events.push_back({applied_seq_, time, std::move(body), protocol::scrubbed_body(e)});
  }
  // A fresh snapshot now and then, and always after a withdrawal, whose
  // words the older snapshot still holds.
  if (snapshot_due(applied_seq_ - snapshot_seq_, event_bytes_since_snapshot_, snapshot_bytes_) ||
      batch.scrub_transcript) {
    batch.snapshot = storage::snapshot_record{applied_seq_, nlohmann::json(applied_).dump()};
    snapshot_bytes_ = batch.snapshot->state.size();
    event_bytes_since_snapshot_ = 0;
    snapshot_seq_ = applied_seq_;
    undo.snapshot_seq = applied_seq_;
  }
  if (!reply.token.empty()) token_to_participant_.emplace(reply.token, reply.participant);
  if (!reply.dedup_key.empty()) {
    auto ack = protocol::ack_message(reply.command_id, applied_seq_);
    if (!reply.participant.empty()) ack["you"] = reply.participant;
    batch.command = storage::command_record{applied_seq_, reply.dedup_key, ack.dump()};
    applied_command pending;
    pending.client_secret = reply.client_secret;
    remember_command(reply.dedup_key, std::move(pending));
    undo.dedup_key = reply.dedup_key;
  }
  in_flight_.push_back(std::move(undo));
  if (effects.timer_may_change) store_timer_due(batch);
  submit_batch(std::move(batch), [self = shared_from_this(), messages = std::move(messages), events = std::move(events),
                                  effects, reply = std::move(reply), generation = generation_, type,
                                  after = std::move(after)](std::optional<std::string> error) mutable {
    metrics::get().command(type, error ? protocol::to_string(protocol::error_code::unavailable) : "ok");
    self->on_committed(std::move(messages), std::move(events), effects, std::move(reply), generation, error);
    if (after) after(!error);
  });
  if (effects.timer_may_change) schedule_expiry();
}

void room::on_committed(std::vector<outgoing_event> messages, std::vector<protocol::event> events,
                        const protocol::side_effects& effects, pending_reply reply, std::uint64_t generation,
                        const std::optional<std::string>& error) {
  if (error) {
    // Every later commit of this generation built on this one and fails
    // too (the log refuses a gap): the first failure undoes them all.
    if (generation == generation_) {
      log_event(log_level::error, "changes_not_stored", "a session's changes were not stored and were undone",
                {{"session", session_ref(id_)},
                 {"events", applied_seq_ - committed_seq_},
                 {"back_to_seq", committed_seq_},
                 {"error", *error}});
      roll_back_to_committed();
    }
    reply_to(reply, unavailable_error(reply.command_id));
    return;
  }
  if (!in_flight_.empty()) {
    if (in_flight_.front().snapshot_seq != 0) stored_snapshot_seq_ = in_flight_.front().snapshot_seq;
    in_flight_.pop_front();
  }
  // Everything this commit sends, gathered per connection and handed over
  // once: to those who have joined, the events in seq order, then the
  // sender's ack; to those who have not, the lobby, when it changed.
  struct delivery {
    std::shared_ptr<connection> link;
    member* to;
    std::vector<shared_text> messages;
  };
  std::vector<delivery> deliveries;
  deliveries.reserve(members_.size());
  for (auto& [_, m] : members_) {
    if (auto link = m.link.lock()) deliveries.push_back({std::move(link), &m, {}});
  }
  // A withdrawal is a command's only event: what it scrubs came before.
  if (effects.transcript_withdrawn) scrub_recent_transcript();
  if (effects.ended)
    log_event(log_level::info, "session_ended", "a session was ended", {{"session", session_ref(id_)}});
  for (std::size_t i = 0; i < events.size(); ++i) {
    committed_ = protocol::evolve(std::move(committed_), events[i]);
    ++committed_seq_;
    for (auto& d : deliveries) {
      if (!d.to->in_lobby) d.messages.push_back(messages[i].for_viewer(d.to->participant));
    }
    recent_.push_back(std::move(messages[i]));
    if (recent_.size() > recent_events_kept) recent_.pop_front();
  }
  shared_text ack;
  if (reply.to != nullptr) {
    auto message = protocol::ack_message(reply.command_id, committed_seq_);
    if (!reply.token.empty()) {
      message["you"] = reply.participant;
      message["token"] = reply.token;
    }
    ack = make_text(message.dump());
    const auto* sender = sender_of(reply);
    for (auto& d : deliveries) {
      if (d.to != sender) continue;
      // A stored join shows its connection the session, as of the join.
      if (!reply.token.empty() && d.to->in_lobby) {
        d.to->in_lobby = false;
        d.messages.push_back(snapshot_for(reply.participant));
      }
      d.messages.push_back(ack);
    }
  }
  // Whoever left is shown only the lobby from now on, on every connection.
  // Each keeps its participant's message bucket: leaving earns no new allowance.
  for (auto& [_, m] : members_) {
    if (std::find(effects.left.begin(), effects.left.end(), m.participant) == effects.left.end()) continue;
    m.participant.clear();
    m.in_lobby = true;
  }
  shared_text current_lobby;
  for (auto& d : deliveries) {
    if (effects.lobby_changed && d.to->in_lobby) {
      if (!current_lobby) current_lobby = lobby();
      d.messages.push_back(current_lobby);
    }
    if (!d.messages.empty()) d.link->send(std::move(d.messages), last_stored_);
  }
  publish_summary();
  if (!ack) return;
  if (auto seen = applied_commands_.find(reply.dedup_key); seen != applied_commands_.end()) {
    seen->second.ack = ack;
    seen->second.joined = reply.token.empty() ? "" : reply.participant;
    for (const auto& retry : std::exchange(seen->second.waiting, {})) answer_retry(retry, seen->second);
  }
}

void room::remember_command(const std::string& key, applied_command entry) {
  if (applied_commands_.insert_or_assign(key, std::move(entry)).second) applied_order_.push_back(key);
  while (applied_order_.size() > commands_remembered) {
    applied_commands_.erase(applied_order_.front());
    applied_order_.pop_front();
  }
}

void room::answer_retry(const pending_reply& reply, const applied_command& applied) {
  // A retried join binds this connection to the participant it created and,
  // as the join itself did, shows it the session before the ack.
  auto* m = applied.joined.empty() ? nullptr : sender_of(reply);
  if (m != nullptr && m->participant.empty() && committed_.find_participant(applied.joined) != nullptr) {
    m->participant = applied.joined;
    m->in_lobby = false;
    use_participant_bucket(*m);
    reply_to(reply, snapshot_for(applied.joined));
    if (connections_of(applied.joined) == 1) execute(applied.joined, protocol::cmd::connect{}, {});
  }
  reply_to(reply, applied.ack);
}

room::member* room::sender_of(const pending_reply& reply) {
  // The weak link, not the address, identifies the sender: an address can be
  // reused by a newer connection before a commit completes.
  const auto link = reply.link.lock();
  auto it = members_.find(reply.to);
  if (!link || it == members_.end() || it->second.link.lock() != link) return nullptr;
  return &it->second;
}

shared_text room::snapshot_for(const std::string& participant) const {
  return make_text(
      protocol::snapshot_message(committed_seq_, clock_(), protocol::view_state(committed_, participant)).dump());
}

shared_text room::lobby() const { return make_text(protocol::lobby_message(committed_seq_, committed_).dump()); }

void room::roll_back_to_committed() {
  applied_ = committed_;
  applied_seq_ = committed_seq_;
  snapshot_seq_ = stored_snapshot_seq_;
  for (auto& undo : in_flight_) {
    if (!undo.dedup_key.empty()) {
      if (auto seen = applied_commands_.find(undo.dedup_key); seen != applied_commands_.end()) {
        for (const auto& retry : seen->second.waiting) reply_to(retry, unavailable_error(retry.command_id));
        applied_commands_.erase(seen);
        if (auto at = std::find(applied_order_.rbegin(), applied_order_.rend(), undo.dedup_key);
            at != applied_order_.rend()) {
          applied_order_.erase(std::next(at).base());
        }
      }
    }
    if (!undo.token.empty()) token_to_participant_.erase(undo.token);
    // The joining connection is back in the lobby, as it was before.
    if (undo.joiner != nullptr) {
      auto m = members_.find(undo.joiner);
      if (m != members_.end() && m->second.link.lock() == undo.joiner_link.lock() &&
          m->second.participant == undo.joined) {
        m->second.participant.clear();
      }
    }
  }
  in_flight_.clear();
  ++generation_;
  schedule_expiry();
}

void room::send_storage_state(connection& c, bool available) const {
  c.send(make_text(protocol::storage_message(available).dump()));
}

void room::storage_changed(bool available) {
  net::post(strand_, [self = shared_from_this(), available] {
    if (self->erased_) return;
    for (auto& [_, m] : self->members_) {
      if (auto link = m.link.lock()) self->send_storage_state(*link, available);
    }
    if (!available) return;
    // Connects and disconnects that could not be stored: presence as it is now.
    std::vector<std::pair<std::string, bool>> changed;
    for (const auto& p : self->applied_.participants) {
      const bool connected = self->connections_of(p.id) > 0;
      if (p.online != connected) changed.emplace_back(p.id, connected);
    }
    for (const auto& [participant, connected] : changed) {
      if (connected) {
        self->execute(participant, protocol::cmd::connect{}, {});
      } else {
        self->execute(participant, protocol::cmd::disconnect{}, {});
      }
    }
    self->schedule_expiry();
  });
}

void room::send_catch_up(connection& c, const std::string& participant, std::optional<std::int64_t> last_seq) {
  const bool can_replay = last_seq && *last_seq <= committed_seq_ &&
                          (*last_seq == committed_seq_ || (!recent_.empty() && recent_.front().seq <= *last_seq + 1));
  if (can_replay) {
    // Replayed all at once, the missed events must fit in the connection's
    // queue with room to spare, or the client would be cut off again each
    // time it tried; beyond that one snapshot is smaller.
    std::vector<shared_text> missed;
    std::size_t bytes = 0;
    for (const auto& e : recent_) {
      if (e.seq <= *last_seq) continue;
      missed.push_back(e.for_viewer(participant));
      bytes += missed.back()->size();
    }
    if (bytes <= max_queued_bytes / 2 && missed.size() <= max_queued_messages / 2) {
      for (auto& m : missed) c.send(std::move(m));
      return;
    }
  }
  c.send(snapshot_for(participant));
}

void room::scrub_recent_transcript() {
  for (auto& e : recent_) protocol::scrub_transcript(e);
}

void room::erase(std::string key, std::function<void(std::optional<protocol::rejection>)> done) {
  net::post(strand_, [self = shared_from_this(), key = std::move(key), done = std::move(done)] {
    if (!self->keys_.may_delete(self->committed_, self->token_holder(key), key))
      return done(protocol::rejection{protocol::error_code::forbidden, "Only the facilitator can delete a session."});
    // Closing everyone first would leave a session that cannot be used yet
    // is still on disk.
    if (!self->store_.available()) {
      return done(
          protocol::rejection{protocol::error_code::unavailable, "The session could not be deleted; try again."});
    }
    self->erase_now(
        "This session was deleted.", "session deleted", [done, id = self->id_](std::optional<std::string> error) {
          if (error) {
            log_event(log_level::error, "session_delete_failed", "deleting a session failed",
                      {{"session", session_ref(id)}, {"error", *error}});
            return done(
                protocol::rejection{protocol::error_code::unavailable, "The session could not be deleted; try again."});
          }
          log_event(log_level::info, "session_deleted", "a session was deleted with all it held",
                    {{"session", session_ref(id)}});
          done(std::nullopt);
        });
  });
}

void room::expire_if(std::function<bool(const protocol::session_state&)> stale, std::function<void()> expired,
                     std::string why) {
  net::post(strand_,
            [self = shared_from_this(), stale = std::move(stale), expired = std::move(expired), why = std::move(why)] {
              // applied_, not committed_: a start on its way to the disk counts.
              // While storage is unavailable the next sweep tries again.
              if (self->erased_ || !self->store_.available() || !stale(self->applied_)) return;
              expired();
              self->erase_now(why, "session expired", [id = self->id_](std::optional<std::string> error) {
                if (error) {
                  log_event(log_level::error, "session_expiry_failed", "deleting an expired session failed",
                            {{"session", session_ref(id)}, {"error", *error}});
                }
              });
            });
}

void room::erase_now(const std::string& why, const std::string& close_reason, storage::writer::done_fn done) {
  // From now on nothing else is applied; what is queued still reaches the
  // disk first (the writer keeps order), then the whole session goes.
  close_as_erased(why, close_reason);
  storage::write_batch batch;
  batch.session = id_;
  batch.erase = true;
  store_.submit(std::move(batch), std::move(done));
}

void room::close_as_erased(const std::string& why, const std::string& close_reason) {
  erased_ = true;
  if (board_) board_->forget(id_);
  expiry_.cancel();
  const auto message = make_text(protocol::error_message({protocol::error_code::not_found, why}).dump());
  for (auto& [_, m] : members_) {
    if (auto link = m.link.lock()) {
      link->send(message);
      link->close_after_send(1000, close_reason);
    }
  }
}

void room::export_as(std::string format, protocol::time_zone zone, std::string key,
                     std::function<void(export_result)> done) {
  net::post(strand_, [self = shared_from_this(), format = std::move(format), zone = std::move(zone),
                      key = std::move(key), done = std::move(done)] {
    if (!self->keys_.may_export(self->committed_, self->token_holder(key), key)) {
      return done(
          {403, "application/json",
           nlohmann::json{
               {"error", {{"code", "forbidden"}, {"message", "Exports are for the facilitator and the presenter."}}}}
               .dump()});
    }
    const auto now = self->clock_();
    if (format == "ics") {
      return done({200, "text/calendar; charset=utf-8", protocol::session_calendar(self->committed_, now)});
    }
    const auto record = protocol::build_record(self->committed_, now, zone);
    if (format == "json") return done({200, "application/json", protocol::export_json(record).dump(2)});
    if (format == "html") return done({200, "text/html; charset=utf-8", protocol::export_html(record)});
    done({200, "text/markdown; charset=utf-8", protocol::export_markdown(record)});
  });
}

void room::reply_to(const pending_reply& reply, const nlohmann::json& message) {
  reply_to(reply, make_text(message.dump()));
}

void room::reply_to(const pending_reply& reply, shared_text message) {
  // The weak link, not the address, identifies the sender: an address can be
  // reused by a newer connection before a commit completes.
  auto link = reply.link.lock();
  if (link && members_.contains(link.get())) link->send(std::move(message));
}

void room::schedule_expiry() {
  expiry_.cancel();
  if (erased_ || applied_.timer.status != protocol::timer_status::running) return;
  const auto delay = std::max<std::int64_t>(0, applied_.timer.ends_at - clock_());
  expiry_.expires_after(std::chrono::milliseconds(delay));
  expiry_.async_wait([weak = weak_from_this()](boost::system::error_code ec) {
    if (ec) return;
    if (auto self = weak.lock()) self->execute({}, protocol::cmd::expire_timer{}, {});
  });
}

std::optional<protocol::millis> room::running_timer_due() const {
  if (applied_.timer.status != protocol::timer_status::running) return std::nullopt;
  return applied_.timer.ends_at;
}

void room::store_timer_due(storage::write_batch& batch) {
  const auto due = running_timer_due();
  if (due == stored_timer_due_) return;
  batch.timer_changed = true;
  batch.timer_due = due;
  // Assumed stored: if this batch fails, the room fails with it.
  stored_timer_due_ = due;
}

// Every write goes through here, so that the room knows when nothing of
// its own is on the way to the disk; `done` runs on the strand.
void room::submit_batch(storage::write_batch batch, storage::writer::done_fn done) {
  ++unstored_writes_;
  store_.submit(
      std::move(batch), [self = shared_from_this(), done = std::move(done)](std::optional<std::string> error) mutable {
        net::post(self->strand_,
                  [self, done = std::move(done), error = std::move(error), stored = std::chrono::steady_clock::now()] {
                    --self->unstored_writes_;
                    self->last_stored_ = stored;
                    self->last_active_ = std::chrono::steady_clock::now();
                    done(error);
                  });
      });
}

void room::use_participant_bucket(const member& m) {
  auto link = m.link.lock();
  if (!link) return;
  auto& bucket = rate_buckets_[m.participant];
  if (!bucket) bucket = std::make_shared<token_bucket>(participant_messages);
  link->use_rate_bucket(bucket);
}

std::optional<std::string> room::token_holder(const std::string& token) const {
  const auto found = token_to_participant_.find(token);
  if (found == token_to_participant_.end()) return std::nullopt;
  return found->second;
}

std::size_t room::connections_of(const std::string& participant) const {
  return static_cast<std::size_t>(std::count_if(members_.begin(), members_.end(),
                                                [&](const auto& m) { return m.second.participant == participant; }));
}

}  // namespace debrief::server
