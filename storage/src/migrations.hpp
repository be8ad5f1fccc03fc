#pragma once
// Schema steps, applied in order; step i moves PRAGMA user_version from i to
// i + 1. Never edit a released step: add a new one.

#include <array>

namespace debrief::storage {

inline constexpr std::array migrations = {
    // 1: sessions, their append-only event logs, snapshots and resume tokens.
    R"sql(
      CREATE TABLE sessions (
        id              TEXT PRIMARY KEY,
        facilitator_key TEXT NOT NULL,
        created_at      INTEGER NOT NULL,
        ended           INTEGER NOT NULL DEFAULT 0
      ) STRICT;
      CREATE TABLE events (
        session TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
        seq     INTEGER NOT NULL,
        time    INTEGER NOT NULL,
        body    TEXT NOT NULL,
        PRIMARY KEY (session, seq)
      ) STRICT, WITHOUT ROWID;
      CREATE TABLE snapshots (
        session TEXT PRIMARY KEY REFERENCES sessions(id) ON DELETE CASCADE,
        seq     INTEGER NOT NULL,
        state   TEXT NOT NULL
      ) STRICT;
      CREATE TABLE credentials (
        token       TEXT PRIMARY KEY,
        session     TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
        participant TEXT NOT NULL
      ) STRICT;
      CREATE INDEX credentials_by_session ON credentials(session);
    )sql",
    // 2: applied commands, for idempotent retries.
    R"sql(
      CREATE TABLE commands (
        session    TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
        seq        INTEGER NOT NULL,
        key        TEXT NOT NULL,
        ack        TEXT NOT NULL,
        PRIMARY KEY (session, seq)
      ) STRICT, WITHOUT ROWID;
    )sql",
    // 3: a command's record moves onto the last event it produced. The
    // events of one session share pages, so a commit now dirties one page
    // per session instead of two (events and commands).
    R"sql(
      ALTER TABLE events ADD COLUMN command_key TEXT;
      ALTER TABLE events ADD COLUMN ack TEXT;
      UPDATE events SET command_key = c.key, ack = c.ack
        FROM commands AS c WHERE c.session = events.session AND c.seq = events.seq;
      DROP TABLE commands;
    )sql",
    // 4: the secret the client chose for the join that made the credential,
    // so that only that client's retry gets the token back. Rows from before
    // have none, and an empty secret never matches.
    R"sql(
      ALTER TABLE credentials ADD COLUMN client_secret TEXT NOT NULL DEFAULT '';
    )sql",
    // 5: sessions are loaded when wanted, not all at start. What the server
    // must still find without loading them: sessions left in the lobby (to
    // expire them) and running timers (to expire them on time). Sessions
    // from before get started from their log; those that may have a timer
    // running get timer_due 0, "look at it at the next start", which the
    // server corrects once it has loaded them.
    R"sql(
      ALTER TABLE sessions ADD COLUMN started INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE sessions ADD COLUMN timer_due INTEGER;
      UPDATE sessions SET started = 1 WHERE ended = 1 OR EXISTS (
        SELECT 1 FROM events AS e
        WHERE e.session = sessions.id AND json_extract(e.body, '$.type') = 'session_started');
      UPDATE sessions SET timer_due = 0 WHERE started = 1 AND ended = 0;
      CREATE INDEX sessions_in_lobby ON sessions(created_at) WHERE started = 0;
      CREATE INDEX sessions_with_timer ON sessions(timer_due) WHERE timer_due IS NOT NULL;
    )sql",
    // 6: each event carries what its body becomes if the transcript is
    // withdrawn, as the protocol core says when it is stored, so that the
    // scrub is a plain copy and storage never reads event JSON. Events from
    // before get what the scrub made of them until now: this step is the
    // one place that still knows which types held transcript words.
    R"sql(
      ALTER TABLE events ADD COLUMN scrubbed_body TEXT;
      UPDATE events SET scrubbed_body = json_object('type', 'scrubbed', 'was', json_extract(body, '$.type'))
        WHERE json_extract(body, '$.type') IN ('transcript_imported', 'annotation_saved');
    )sql",
    // 7: when a session ended, not only whether, so that retention can
    // delete ended sessions a set time after they end. Sessions from before
    // take the time of their session_ended event (the last one, should there
    // be two), else of their last event, else of their creation; the flag
    // goes. The partial index serves the retention sweep.
    R"sql(
      ALTER TABLE sessions ADD COLUMN ended_at INTEGER;
      UPDATE sessions SET ended_at = COALESCE(
          (SELECT MAX(e.time) FROM events AS e
            WHERE e.session = sessions.id AND json_extract(e.body, '$.type') = 'session_ended'),
          (SELECT MAX(e.time) FROM events AS e WHERE e.session = sessions.id),
          created_at)
        WHERE ended = 1;
      ALTER TABLE sessions DROP COLUMN ended;
      CREATE INDEX sessions_ended ON sessions(ended_at) WHERE ended_at IS NOT NULL;
    )sql",
    // 8: inquiries: a presenter's sessions with the same focal learners,
    // reached with a key of their own. A session joins one at a position
    // (from 1, never reused: last_position counts them); a session planned
    // for a later day waits in the lobby until then (planned_for). Sessions
    // from before are in no inquiry.
    R"sql(
      CREATE TABLE inquiries (
        id            TEXT PRIMARY KEY,
        key           TEXT NOT NULL,
        title         TEXT NOT NULL,
        learners      TEXT NOT NULL,
        created_at    INTEGER NOT NULL,
        last_position INTEGER NOT NULL
      ) STRICT;
      ALTER TABLE sessions ADD COLUMN inquiry TEXT REFERENCES inquiries(id);
      ALTER TABLE sessions ADD COLUMN inquiry_position INTEGER;
      ALTER TABLE sessions ADD COLUMN planned_for INTEGER;
      CREATE UNIQUE INDEX sessions_by_inquiry ON sessions(inquiry, inquiry_position) WHERE inquiry IS NOT NULL;
    )sql",
    // 9: hosted events: one host's many rooms, made together from one
    // template and reached with a host key of their own. A room keeps its
    // event and position (1..N, the join sheet's order) and its label (the
    // title it was made with, which never changes) so that an event's room
    // list is read without replaying any room. Sessions from before are in
    // no event.
    R"sql(
      CREATE TABLE hosted_events (
        id         TEXT PRIMARY KEY,
        host_key   TEXT NOT NULL,
        title      TEXT NOT NULL,
        template   TEXT NOT NULL,
        created_at INTEGER NOT NULL
      ) STRICT;
      ALTER TABLE sessions ADD COLUMN hosted_event TEXT REFERENCES hosted_events(id);
      ALTER TABLE sessions ADD COLUMN event_position INTEGER;
      ALTER TABLE sessions ADD COLUMN event_label TEXT;
      CREATE INDEX sessions_by_event ON sessions(hosted_event, event_position) WHERE hosted_event IS NOT NULL;
    )sql",
    // 10: a session's timer deadline moves to a narrow table of its own,
    // with a row only while the timer runs. Nearly every command changes
    // the deadline; in the sessions row (and its index) that rewrote a wide
    // row's page and an index page per session per commit, here one short
    // row. The server reads the table once at start, whole and sorted: it
    // holds one row per running timer, so it needs no index on `due`.
    // Deadlines from before, including schema 5's "look at it" 0, move as
    // they are.
    R"sql(
      CREATE TABLE timers (
        session TEXT PRIMARY KEY REFERENCES sessions(id) ON DELETE CASCADE,
        due     INTEGER NOT NULL
      ) STRICT, WITHOUT ROWID;
      INSERT INTO timers (session, due) SELECT id, timer_due FROM sessions WHERE timer_due IS NOT NULL;
      DROP INDEX sessions_with_timer;
      ALTER TABLE sessions DROP COLUMN timer_due;
    )sql",
};

}  // namespace debrief::storage
