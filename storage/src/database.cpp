#include "debrief/storage/database.hpp"

#include <optional>
#include <string_view>
#include <unordered_map>

#include "checkpointer.hpp"
#include "migrations.hpp"
#include "sqlite.hpp"

namespace debrief::storage {

namespace {

void migrate(sqlite::connection& db) {
  sqlite::statement version(db, "PRAGMA user_version");
  version.step();
  const auto current = version.int64(0);
  version.reset();
  if (current > static_cast<std::int64_t>(migrations.size())) {
    throw storage_error(db.path() + ": the database was written by a newer Debrief (schema " + std::to_string(current) +
                        "); run that version, or restore a backup made before it");
  }
  for (auto step = current; step < static_cast<std::int64_t>(migrations.size()); ++step) {
    sqlite::transaction tx(db);
    db.exec(migrations[static_cast<std::size_t>(step)]);
    // PRAGMA takes no bound parameters; the value is our own integer.
    db.exec(("PRAGMA user_version = " + std::to_string(step + 1)).c_str());
    tx.commit();
  }
}

}  // namespace

bool configure(sqlite::connection& db) {
  db.exec("PRAGMA journal_mode = WAL");
  // FULL: a transaction is on disk (WAL fsynced) before COMMIT returns, so
  // an acknowledged command survives a power cut, not only a crash.
  db.exec("PRAGMA synchronous = FULL");
  db.exec("PRAGMA foreign_keys = ON");
  // Deleted sessions leave no readable remains in the file.
  db.exec("PRAGMA secure_delete = ON");
  // Every live session keeps its last pages hot; the default 2 MiB cache
  // cannot hold a thousand sessions' worth and rereads them on each commit.
  db.exec("PRAGMA cache_size = -8192");  // KiB: 8 MiB at most
  migrate(db);
  return true;
}

struct database::impl {
  impl(const std::string& path, std::int64_t checkpoint_frames, const std::string& vfs)
      : db(path, vfs), background(path, vfs), checkpoint_frames(checkpoint_frames) {
    // Replaces SQLite's automatic checkpoint, which would run inline.
    sqlite3_wal_hook(db.get(), &impl::on_wal_commit, this);
  }

  sqlite::connection db;
  // Before any statement is prepared: they need the migrated schema.
  bool configured = configure(db);
  checkpointer background;
  const std::int64_t checkpoint_frames;
  std::int64_t wal_frames = 0;  // in the log after the last commit
  sqlite::statement insert_session{db,
                                   "INSERT INTO sessions (id, facilitator_key, created_at, inquiry, inquiry_position, "
                                   "planned_for, hosted_event, event_position, event_label) "
                                   "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"};
  sqlite::statement insert_event_row{
      db, "INSERT INTO hosted_events (id, host_key, title, template, created_at) VALUES (?1, ?2, ?3, ?4, ?5)"};
  sqlite::statement one_event{
      db, "SELECT id, host_key, title, template, created_at, rowid FROM hosted_events WHERE id = ?1"};
  sqlite::statement rooms_of_event{db,
                                   "SELECT event_position, id, event_label, facilitator_key FROM sessions "
                                   "WHERE hosted_event = ?1 ORDER BY event_position"};
  sqlite::statement erase_event_rooms{db, "DELETE FROM sessions WHERE hosted_event = ?1"};
  sqlite::statement release_event_rooms{
      db, "UPDATE sessions SET hosted_event = NULL, event_position = NULL, event_label = NULL WHERE hosted_event = ?1"};
  sqlite::statement erase_event_row{db, "DELETE FROM hosted_events WHERE id = ?1"};
  // An event goes with its last room, however that room went (deleted by
  // its facilitator, expired, past retention).
  sqlite::statement erase_empty_events{db,
                                       "DELETE FROM hosted_events WHERE NOT EXISTS "
                                       "(SELECT 1 FROM sessions AS s WHERE s.hosted_event = hosted_events.id)"};
  sqlite::statement insert_inquiry{
      db, "INSERT INTO inquiries (id, key, title, learners, created_at, last_position) VALUES (?1, ?2, ?3, ?4, ?5, 1)"};
  // A session joins at the inquiry's next position only: two added at once
  // cannot share one.
  sqlite::statement take_position{db,
                                  "UPDATE inquiries SET last_position = ?2 WHERE id = ?1 AND last_position = ?2 - 1"};
  sqlite::statement join_first{
      db, "UPDATE sessions SET inquiry = ?2, inquiry_position = 1 WHERE id = ?1 AND inquiry IS NULL"};
  sqlite::statement sessions_of_inquiry{
      db, "SELECT inquiry_position, id FROM sessions WHERE inquiry = ?1 ORDER BY inquiry_position"};
  sqlite::statement erase_inquiry_sessions{db, "DELETE FROM sessions WHERE inquiry = ?1"};
  sqlite::statement erase_inquiry_row{db, "DELETE FROM inquiries WHERE id = ?1"};
  sqlite::statement one_inquiry{
      db, "SELECT id, key, title, learners, created_at, last_position, rowid FROM inquiries WHERE id = ?1"};
  // Inquiries none of whose sessions is still open, by their last end.
  sqlite::statement inquiries_ended{
      db,
      "SELECT i.id, COALESCE(MAX(s.ended_at), i.created_at) AS last_end FROM inquiries AS i "
      "LEFT JOIN sessions AS s ON s.inquiry = i.id GROUP BY i.id "
      "HAVING COALESCE(SUM(s.id IS NOT NULL AND s.ended_at IS NULL), 0) = 0 AND last_end <= ?1 "
      "ORDER BY last_end, i.id"};
  sqlite::statement last_seq{db, "SELECT COALESCE(MAX(seq), 0) FROM events WHERE session = ?1"};
  sqlite::statement insert_event{db,
                                 "INSERT INTO events (session, seq, time, body, command_key, ack, scrubbed_body) "
                                 "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"};
  sqlite::statement insert_credential{
      db, "INSERT INTO credentials (token, session, participant, client_secret) VALUES (?1, ?2, ?3, ?4)"};
  sqlite::statement upsert_snapshot{db,
                                    "INSERT INTO snapshots (session, seq, state) VALUES (?1, ?2, ?3) "
                                    "ON CONFLICT (session) DO UPDATE SET seq = excluded.seq, state = excluded.state"};
  sqlite::statement recent_commands{db,
                                    "SELECT seq, command_key, ack FROM (SELECT seq, command_key, ack FROM events "
                                    "WHERE session = ?1 AND command_key IS NOT NULL ORDER BY seq DESC LIMIT 1000) "
                                    "ORDER BY seq"};
  sqlite::statement erase_session{db, "DELETE FROM sessions WHERE id = ?1"};  // the rest cascades
  sqlite::statement mark_ended{db, "UPDATE sessions SET ended_at = ?2 WHERE id = ?1 AND ended_at IS NULL"};
  sqlite::statement mark_started{db, "UPDATE sessions SET started = 1 WHERE id = ?1"};
  // A row only while the session's timer runs (the rest cascades with the session).
  sqlite::statement set_timer{db,
                              "INSERT INTO timers (session, due) VALUES (?1, ?2) "
                              "ON CONFLICT (session) DO UPDATE SET due = excluded.due"};
  sqlite::statement clear_timer{db, "DELETE FROM timers WHERE session = ?1"};
  sqlite::statement scrub{db,
                          "UPDATE events SET body = scrubbed_body, scrubbed_body = NULL "
                          "WHERE session = ?1 AND scrubbed_body IS NOT NULL"};
  // A room's host key comes with it: whoever joins as host is checked against it.
  sqlite::statement open_sessions{
      db,
      "SELECT s.id, s.facilitator_key, s.created_at, t.due, s.ended_at, s.rowid, s.inquiry, s.inquiry_position, "
      "s.planned_for, s.hosted_event, s.event_position, s.event_label, h.host_key FROM sessions AS s "
      "LEFT JOIN timers AS t ON t.session = s.id LEFT JOIN hosted_events AS h ON h.id = s.hosted_event "
      "ORDER BY s.created_at, s.id"};
  sqlite::statement one_session{
      db,
      "SELECT s.id, s.facilitator_key, s.created_at, t.due, s.ended_at, s.rowid, s.inquiry, s.inquiry_position, "
      "s.planned_for, s.hosted_event, s.event_position, s.event_label, h.host_key FROM sessions AS s "
      "LEFT JOIN timers AS t ON t.session = s.id LEFT JOIN hosted_events AS h ON h.id = s.hosted_event "
      "WHERE s.id = ?1"};
  // An inquiry's sessions are kept as a unit: none of them goes alone.
  sqlite::statement ended_by{
      db,
      "SELECT id, rowid, ended_at, (SELECT COALESCE(MAX(seq), 0) FROM events WHERE session = id) "
      "FROM sessions WHERE ended_at IS NOT NULL AND ended_at <= ?1 AND inquiry IS NULL ORDER BY ended_at, id"};
  // Read once at start: a sort of one short row per running timer.
  sqlite::statement timers{db, "SELECT session, due FROM timers ORDER BY due, session"};
  sqlite::statement in_lobby{db,
                             "SELECT id FROM sessions WHERE started = 0 AND created_at <= ?1 "
                             "AND (planned_for IS NULL OR planned_for <= ?1) ORDER BY created_at"};
  sqlite::statement snapshot_of{db, "SELECT seq, state FROM snapshots WHERE session = ?1"};
  sqlite::statement events_after{
      db, "SELECT seq, time, body, scrubbed_body FROM events WHERE session = ?1 AND seq > ?2 ORDER BY seq"};
  sqlite::statement credentials_of{db, "SELECT participant, token, client_secret FROM credentials WHERE session = ?1"};

  // The last stored seq of each session this connection has seen, so a
  // commit needs no lookup to check that its events follow on. This
  // connection is the file's only writer; `pending` holds the current
  // transaction's changes until it commits.
  std::unordered_map<std::string, std::int64_t> last_seq_of;
  std::unordered_map<std::string, std::int64_t> pending_last_seq;
  // Each session's last timer deadline in the current transaction, written
  // once when it commits: in a busy room several commands of one session
  // share a commit, and each would otherwise rewrite the session's timer
  // row. Keys point into the batches, which outlive the transaction.
  std::unordered_map<std::string_view, std::optional<std::int64_t>> pending_timer_due;

  std::int64_t stored_last_seq(const std::string& session) {
    if (auto p = pending_last_seq.find(session); p != pending_last_seq.end()) return p->second;
    if (auto c = last_seq_of.find(session); c != last_seq_of.end()) return c->second;
    last_seq.bind(1, session);
    last_seq.step();
    const auto stored = last_seq.int64(0);
    last_seq.reset();
    return stored;
  }

  // A session erased in this transaction: nothing of it is left to write.
  void forget_session(const std::string& session) {
    pending_last_seq[session] = 0;
    pending_timer_due.erase(session);
  }

  void forget_sessions_of(const std::string& inquiry) {
    sessions_of_inquiry.bind(1, inquiry);
    while (sessions_of_inquiry.step()) forget_session(sessions_of_inquiry.text(1));
    sessions_of_inquiry.reset();
  }

  void forget_rooms_of(const std::string& event) {
    rooms_of_event.bind(1, event);
    while (rooms_of_event.step()) forget_session(rooms_of_event.text(1));
    rooms_of_event.reset();
  }

  void write_timer_deadlines() {
    for (const auto& [session, due] : pending_timer_due) {
      if (!due) {
        clear_timer.bind_borrowed(1, session).run();
        continue;
      }
      try {
        set_timer.bind_borrowed(1, session).bind(2, *due).run();
      } catch (const storage_error&) {
        // As for an event: the session was deleted beside this connection.
        if (sqlite3_extended_errcode(db.get()) == SQLITE_CONSTRAINT_FOREIGNKEY) {
          throw batch_refused("session " + std::string(session) + " is no longer stored (deleted by another process)");
        }
        throw;
      }
    }
  }

  void write(const write_batch& b) {
    if (b.erase_inquiry) {
      forget_sessions_of(*b.erase_inquiry);
      erase_inquiry_sessions.bind(1, *b.erase_inquiry).run();  // the rest of each session cascades
      erase_inquiry_row.bind(1, *b.erase_inquiry).run();
      erase_empty_events.run();
      return;
    }
    if (b.erase_event) {
      forget_rooms_of(*b.erase_event);
      erase_event_rooms.bind(1, *b.erase_event).run();  // the rest of each room cascades
      erase_event_row.bind(1, *b.erase_event).run();
      return;
    }
    if (b.release_event) {
      release_event_rooms.bind(1, *b.release_event).run();
      erase_event_row.bind(1, *b.release_event).run();
      return;
    }
    if (b.create_event) {
      const auto& e = *b.create_event;
      insert_event_row.bind(1, e.id).bind(2, e.host_key).bind(3, e.title).bind(4, e.tmpl).bind(5, e.created_at).run();
      for (const auto& room : b.event_rooms) {
        if (!room.create || !room.create->event || room.create->event->event != e.id) {
          throw batch_refused("a room of event " + e.id + " must be created in it");
        }
        write(room);
      }
      return;
    }
    if (b.erase) {
      erase_session.bind(1, b.session).run();
      forget_session(b.session);
      erase_empty_events.run();
      return;
    }
    if (b.create) {
      const auto& place = b.create->inquiry;
      if (place) {
        take_position.bind(1, place->inquiry).bind(2, place->position).run();
        if (sqlite3_changes(db.get()) == 0) {
          throw batch_refused("position " + std::to_string(place->position) + " is not the next one of inquiry " +
                              place->inquiry + " (or it is no longer stored)");
        }
        insert_session.bind(4, place->inquiry).bind(5, place->position);
      }
      if (const auto& room = b.create->event) {
        insert_session.bind(7, room->event).bind(8, room->position).bind(9, room->label);
      }
      insert_session.bind(1, b.create->id).bind(2, b.create->facilitator_key).bind(3, b.create->created_at);
      insert_session.bind(6, b.create->planned_for).run();
    }
    if (b.create_inquiry) {
      const auto& i = *b.create_inquiry;
      insert_inquiry.bind(1, i.id).bind(2, i.key).bind(3, i.title).bind(4, i.learners).bind(5, i.created_at).run();
      join_first.bind(1, b.session).bind(2, i.id).run();
      if (sqlite3_changes(db.get()) == 0) {
        throw batch_refused("session " + b.session + " is already in an inquiry (or is no longer stored)");
      }
    }
    if (b.command && (b.events.empty() || b.events.back().seq != b.command->seq)) {
      throw batch_refused("the record of a command goes with the last event it produced (seq " +
                          std::to_string(b.command->seq) + ") in session " + b.session);
    }
    if (!b.events.empty()) {
      const auto stored = stored_last_seq(b.session);
      // The log is gap-free: refuse a batch that would leave a hole or overlap.
      for (std::size_t i = 0; i < b.events.size(); ++i) {
        if (b.events[i].seq != stored + 1 + static_cast<std::int64_t>(i)) {
          throw batch_refused("event seq " + std::to_string(b.events[i].seq) + " does not follow " +
                              std::to_string(stored + static_cast<std::int64_t>(i)) + " in session " + b.session);
        }
      }
    }
    // Borrowed text: the batch outlives each statement's run.
    for (const auto& e : b.events) {
      insert_event.bind_borrowed(1, b.session).bind(2, e.seq).bind(3, e.time).bind_borrowed(4, e.body);
      if (e.scrubbed_body) insert_event.bind_borrowed(7, *e.scrubbed_body);  // NULL otherwise
      if (b.command && e.seq == b.command->seq) {
        insert_event.bind_borrowed(5, b.command->key).bind_borrowed(6, b.command->ack);
      }
      try {
        insert_event.run();
      } catch (const storage_error&) {
        // Deleted beside this connection (`debrief-server admin delete`):
        // this batch is refused, the disk is fine.
        if (sqlite3_extended_errcode(db.get()) == SQLITE_CONSTRAINT_FOREIGNKEY) {
          throw batch_refused("session " + b.session + " is no longer stored (deleted by another process)");
        }
        throw;
      }
    }
    if (!b.events.empty()) pending_last_seq[b.session] = b.events.back().seq;
    for (const auto& c : b.credentials) {
      insert_credential.bind(1, c.token).bind(2, b.session).bind(3, c.participant).bind(4, c.client_secret).run();
    }
    if (b.scrub_transcript) scrub.bind(1, b.session).run();
    if (b.snapshot) {
      upsert_snapshot.bind_borrowed(1, b.session).bind(2, b.snapshot->seq).bind_borrowed(3, b.snapshot->state).run();
    }
    // The session_ended event is in this batch: its time is the end's.
    if (b.ended) {
      mark_ended.bind(1, b.session).bind(2, b.events.empty() ? std::int64_t{0} : b.events.back().time).run();
    }
    if (b.started) mark_started.bind(1, b.session).run();
    if (b.timer_changed) pending_timer_due[b.session] = b.timer_due;
  }

  static int on_wal_commit(void* self, sqlite3*, const char*, int frames) {
    static_cast<impl*>(self)->wal_frames = frames;
    return SQLITE_OK;
  }

  // Called after each commit. Rarer checkpoints copy a page rewritten by
  // many commits once, so the log grows to `checkpoint_frames` (about 160 MB
  // by default) before one starts in the background. What was committed
  // while it ran is copied here, a few hundred frames at most, so that the
  // next commit starts the log afresh instead of letting it grow.
  void keep_log_short() {
    if (background.take_finished()) {
      sqlite3_wal_checkpoint_v2(db.get(), nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
    } else if (wal_frames >= checkpoint_frames) {
      background.start();
    }
  }

  // The rest of a session whose sessions row was just read.
  void read_contents(loaded_session& s) {
    snapshot_of.bind(1, s.record.id);
    if (snapshot_of.step()) s.snapshot = snapshot_record{snapshot_of.int64(0), snapshot_of.text(1)};
    snapshot_of.reset();
    s.events = read_events_after(s.record.id, s.snapshot ? s.snapshot->seq : 0);
    credentials_of.bind(1, s.record.id);
    while (credentials_of.step()) {
      s.credentials.push_back({credentials_of.text(0), credentials_of.text(1), credentials_of.text(2)});
    }
    credentials_of.reset();
    recent_commands.bind(1, s.record.id);
    while (recent_commands.step()) {
      s.commands.push_back({recent_commands.int64(0), recent_commands.text(1), recent_commands.text(2)});
    }
    recent_commands.reset();
  }

  static loaded_session session_row(const sqlite::statement& row) {
    loaded_session s;
    s.record = {row.text(0), row.text(1), row.int64(2)};
    s.timer_due = row.maybe_int64(3);
    s.ended_at = row.maybe_int64(4);
    s.ref = row.int64(5);
    if (auto inquiry = row.maybe_text(6)) s.record.inquiry = inquiry_place{*inquiry, row.int64(7)};
    s.record.planned_for = row.maybe_int64(8);
    if (auto event = row.maybe_text(9)) {
      s.record.event = event_place{*event, row.int64(10), row.maybe_text(11).value_or("")};
      s.host_key = row.maybe_text(12).value_or("");
    }
    return s;
  }

  std::vector<event_record> read_events_after(const std::string& session, std::int64_t seq) {
    std::vector<event_record> out;
    events_after.bind(1, session).bind(2, seq);
    while (events_after.step()) {
      out.push_back({events_after.int64(0), events_after.int64(1), events_after.text(2), events_after.maybe_text(3)});
    }
    events_after.reset();
    return out;
  }
};

database::database(const std::string& path, std::int64_t checkpoint_frames, const std::string& vfs)
    : impl_(std::make_unique<impl>(path, checkpoint_frames, vfs)) {}
database::~database() = default;

void database::commit(const std::vector<write_batch>& batches) {
  auto& d = *impl_;
  d.pending_last_seq.clear();
  d.pending_timer_due.clear();
  sqlite::transaction tx(d.db);
  bool scrubbed = false;
  try {
    for (const auto& b : batches) {
      d.write(b);
      scrubbed = scrubbed || b.scrub_transcript || b.erase || b.erase_inquiry || b.erase_event;
    }
    d.write_timer_deadlines();
    d.pending_timer_due.clear();
    tx.commit();
  } catch (...) {
    d.pending_last_seq.clear();  // rolled back: what the disk holds is unchanged
    d.pending_timer_due.clear();
    throw;
  }
  for (auto& [session, seq] : d.pending_last_seq) {
    if (seq == 0) {
      d.last_seq_of.erase(session);
    } else {
      d.last_seq_of[session] = seq;
    }
  }
  d.pending_last_seq.clear();
  // Deleted words may still sit in the write-ahead log: fold it into the
  // main file (where secure_delete zeroed them) and empty it.
  if (scrubbed) {
    d.background.settle();
    d.db.exec("PRAGMA wal_checkpoint(TRUNCATE)");
    return;
  }
  d.keep_log_short();
}

std::vector<loaded_session> database::load_sessions() {
  auto& d = *impl_;
  sqlite::read_transaction view(d.db);
  std::vector<loaded_session> out;
  while (d.open_sessions.step()) out.push_back(impl::session_row(d.open_sessions));
  d.open_sessions.reset();
  for (auto& s : out) d.read_contents(s);
  return out;
}

std::optional<loaded_session> database::load_session(const std::string& id) {
  auto& d = *impl_;
  // The row and its contents from one commit: an erase committed between two
  // of the reads would otherwise leave a session row with nothing in it.
  sqlite::read_transaction view(d.db);
  d.one_session.bind(1, id);
  if (!d.one_session.step()) {
    d.one_session.reset();
    return std::nullopt;
  }
  auto s = impl::session_row(d.one_session);
  d.one_session.reset();
  d.read_contents(s);
  return s;
}

std::vector<due_timer> database::running_timers() {
  auto& d = *impl_;
  std::vector<due_timer> out;
  while (d.timers.step()) out.push_back({d.timers.text(0), d.timers.int64(1)});
  d.timers.reset();
  return out;
}

std::vector<std::string> database::lobby_sessions_created_by(std::int64_t time) {
  auto& d = *impl_;
  std::vector<std::string> out;
  d.in_lobby.bind(1, time);
  while (d.in_lobby.step()) out.push_back(d.in_lobby.text(0));
  d.in_lobby.reset();
  return out;
}

std::vector<ended_session> database::sessions_ended_by(std::int64_t time) {
  auto& d = *impl_;
  std::vector<ended_session> out;
  d.ended_by.bind(1, time);
  while (d.ended_by.step()) {
    out.push_back({d.ended_by.text(0), d.ended_by.int64(1), d.ended_by.int64(2), d.ended_by.int64(3)});
  }
  d.ended_by.reset();
  return out;
}

std::optional<stored_inquiry> database::load_inquiry(const std::string& id) {
  auto& d = *impl_;
  d.one_inquiry.bind(1, id);
  if (!d.one_inquiry.step()) {
    d.one_inquiry.reset();
    return std::nullopt;
  }
  stored_inquiry out;
  const auto& row = d.one_inquiry;
  out.record = {row.text(0), row.text(1), row.text(2), row.text(3), row.int64(4)};
  out.last_position = row.int64(5);
  out.ref = row.int64(6);
  d.one_inquiry.reset();
  d.sessions_of_inquiry.bind(1, id);
  while (d.sessions_of_inquiry.step()) {
    out.sessions.push_back({d.sessions_of_inquiry.int64(0), d.sessions_of_inquiry.text(1)});
  }
  d.sessions_of_inquiry.reset();
  return out;
}

std::optional<stored_event> database::load_event(const std::string& id) {
  auto& d = *impl_;
  // The row and its rooms from one commit, as a session is loaded.
  sqlite::read_transaction view(d.db);
  d.one_event.bind(1, id);
  if (!d.one_event.step()) {
    d.one_event.reset();
    return std::nullopt;
  }
  stored_event out;
  const auto& row = d.one_event;
  out.record = {row.text(0), row.text(1), row.text(2), row.text(3), row.int64(4)};
  out.ref = row.int64(5);
  d.one_event.reset();
  d.rooms_of_event.bind(1, id);
  while (d.rooms_of_event.step()) {
    const auto& r = d.rooms_of_event;
    out.rooms.push_back({r.int64(0), r.text(1), r.maybe_text(2).value_or(""), r.text(3)});
  }
  d.rooms_of_event.reset();
  return out;
}

std::vector<ended_inquiry> database::inquiries_ended_by(std::int64_t time) {
  auto& d = *impl_;
  std::vector<ended_inquiry> out;
  d.inquiries_ended.bind(1, time);
  while (d.inquiries_ended.step()) out.push_back({d.inquiries_ended.text(0), d.inquiries_ended.int64(1), {}});
  d.inquiries_ended.reset();
  for (auto& i : out) {
    d.sessions_of_inquiry.bind(1, i.id);
    while (d.sessions_of_inquiry.step()) i.sessions.push_back(d.sessions_of_inquiry.text(1));
    d.sessions_of_inquiry.reset();
  }
  return out;
}

std::vector<event_record> database::events_after(const std::string& session, std::int64_t seq) {
  return impl_->read_events_after(session, seq);
}

void database::probe() {
  auto& d = *impl_;
  const auto version = std::to_string(schema_version());
  sqlite::transaction tx(d.db);
  // Setting the version rewrites the file's first page: a write and a sync,
  // with nothing changed. PRAGMA takes no bound parameters; it is our integer.
  d.db.exec(("PRAGMA user_version = " + version).c_str());
  tx.commit();
}

void database::on_checkpoint(std::function<void(std::chrono::steady_clock::duration)> done) {
  impl_->background.on_finished(std::move(done));
}

int database::schema_version() {
  sqlite::statement version(impl_->db, "PRAGMA user_version");
  version.step();
  return static_cast<int>(version.int64(0));
}

void database::set_busy_timeout(std::chrono::milliseconds wait) {
  sqlite3_busy_timeout(impl_->db.get(), static_cast<int>(wait.count()));
}

}  // namespace debrief::storage
