#pragma once
// What storage keeps, as plain values. Storage does not interpret event or
// state JSON: the protocol core owns their meaning.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace debrief::storage {

// A session's place in an inquiry: which one, and its position there (1, 2,
// 3...: given when it joins, never changed; a deleted session leaves a gap).
struct inquiry_place {
  std::string inquiry;
  std::int64_t position = 0;
  bool operator==(const inquiry_place&) const = default;
};

// A room's place in an event (protocol/host.hpp): which event, and its
// position (1..N, as on the join sheet). `label` is the room's title as it
// was made (a session's title never changes), kept so that an event's rooms
// are listed without replaying any of them.
struct event_place {
  std::string event;
  std::int64_t position = 0;
  std::string label = {};
  bool operator==(const event_place&) const = default;
};

struct session_record {
  std::string id;
  std::string facilitator_key;
  std::int64_t created_at = 0;  // ms since the Unix epoch
  // Set when the session is created in an inquiry (its position must be the
  // inquiry's next one, else the batch is refused), or joins one later.
  std::optional<inquiry_place> inquiry = {};
  // The start (UTC) of the day the session is planned for, if it has a
  // date: lobby expiry counts from then when it is later than created_at.
  std::optional<std::int64_t> planned_for = {};
  // Set when the session is a room of an event (made with it, never joins
  // one later); cleared when the event is deleted and its rooms are kept.
  std::optional<event_place> event = {};
  bool operator==(const session_record&) const = default;
};

// An event as stored: its host key is a secret (compare with
// protocol::secrets_equal, never log it). `tmpl` is the template its rooms
// were made from, as JSON (the console's phase list for "move to phase").
struct hosted_event_record {
  std::string id;
  std::string host_key;
  std::string title;
  std::string tmpl;
  std::int64_t created_at = 0;  // ms since the Unix epoch
  bool operator==(const hosted_event_record&) const = default;
};

// One room of an event, as listed without loading it.
struct event_room_row {
  std::int64_t position = 0;
  std::string session;
  std::string label;
  std::string facilitator_key;  // a secret: only the event's host is shown it
  bool operator==(const event_room_row&) const = default;
};

struct stored_event {
  hosted_event_record record;
  std::vector<event_room_row> rooms;  // in position order
  // Names the event in logs and to the operator without its id.
  std::int64_t ref = 0;
};

// An inquiry as stored. Its key is a secret: compare it with
// protocol::secrets_equal, never log it.
struct inquiry_record {
  std::string id;
  std::string key;
  std::string title;
  std::string learners;         // a JSON array of pseudonyms, as the server wrote it
  std::int64_t created_at = 0;  // ms since the Unix epoch
  bool operator==(const inquiry_record&) const = default;
};

// One session of an inquiry, as listed without loading it.
struct inquiry_member {
  std::int64_t position = 0;
  std::string session;
  bool operator==(const inquiry_member&) const = default;
};

struct stored_inquiry {
  inquiry_record record;
  std::int64_t last_position = 0;        // the highest position ever given
  std::vector<inquiry_member> sessions;  // in position order
  // Names the inquiry in logs and to the operator without its id.
  std::int64_t ref = 0;
};

// An inquiry whose every session has ended, as the retention sweep sees it.
struct ended_inquiry {
  std::string id;
  std::int64_t ended_at = 0;  // its last session's end (its creation, with no session left)
  std::vector<std::string> sessions;
  bool operator==(const ended_inquiry&) const = default;
};

struct event_record {
  std::int64_t seq = 0;
  std::int64_t time = 0;
  std::string body;  // the event as JSON text
  // What body becomes if the session's transcript is withdrawn, as the
  // protocol core says (protocol::scrubbed_body); none for an event that
  // holds no transcript words, or once it has been scrubbed.
  std::optional<std::string> scrubbed_body = {};
  bool operator==(const event_record&) const = default;
};

// A participant's resume token: the secret that lets a reconnecting browser
// be the same participant again; and the secret its browser chose for the
// join, which a retry of that join must repeat. Never part of the event log.
struct credential {
  std::string participant;
  std::string token;
  std::string client_secret = {};  // empty for credentials stored before schema 4
  bool operator==(const credential&) const = default;
};

struct snapshot_record {
  std::int64_t seq = 0;
  std::string state;  // the session state as JSON text, as of event seq
  bool operator==(const snapshot_record&) const = default;
};

// A client command that was applied: its id and sender (the key), and the
// seq its acknowledgement carried, so a retry after a lost ack (even across
// a restart) gets the same answer instead of a second effect.
struct command_record {
  std::int64_t seq = 0;
  std::string key;
  std::string ack;  // the acknowledgement as JSON text, without secrets
  bool operator==(const command_record&) const = default;
};

// Everything one command changed in one session, stored all or nothing.
struct write_batch {
  std::string session;
  std::optional<session_record> create;
  std::vector<event_record> events;  // contiguous seqs, following the stored ones
  std::vector<credential> credentials;
  std::optional<snapshot_record> snapshot;
  // The session ended (its session_ended event is in `events`, the last
  // event's time is when): retention counts from then.
  bool ended = false;
  // Replaces the body of each of the session's stored events that has a
  // scrubbed_body with it: a withdrawn transcript leaves no words behind.
  bool scrub_transcript = false;
  std::optional<command_record> command;
  // Deletes the session and every row that belongs to it.
  bool erase = false;
  // The session left the lobby (session_started): lobby expiry no longer
  // looks at it.
  bool started = false;
  // When set, the session's stored timer deadline becomes timer_due (none:
  // no timer running). What running_timers() lists at start-up.
  bool timer_changed = false;
  std::optional<std::int64_t> timer_due;
  // Creates this inquiry with the (stored) session as its position 1; refused
  // if the session is already in an inquiry or no longer stored.
  std::optional<inquiry_record> create_inquiry;
  // Deletes this inquiry with every session in it (`session` is unused).
  std::optional<std::string> erase_inquiry;
  // Creates this event with every room of it (`event_rooms`: each a batch
  // creating one session whose record names the event), all or none
  // (`session` is unused).
  std::optional<hosted_event_record> create_event;
  std::vector<write_batch> event_rooms;
  // Deletes this event with every room of it, completely (`session` is unused).
  std::optional<std::string> erase_event;
  // Deletes this event's row and keeps its rooms as sessions in no event.
  std::optional<std::string> release_event;
};

// A session whose timer runs, and when it runs out (ms since the epoch; 0
// for sessions stored before schema 5, not yet looked at).
struct due_timer {
  std::string session;
  std::int64_t due = 0;
  bool operator==(const due_timer&) const = default;
};

// An ended session, as the retention sweep sees it without loading it.
struct ended_session {
  std::string id;
  std::int64_t ref = 0;       // see loaded_session::ref
  std::int64_t ended_at = 0;  // ms since the epoch
  std::int64_t events = 0;    // its last seq: how many events it holds
  bool operator==(const ended_session&) const = default;
};

struct loaded_session {
  session_record record;
  std::optional<snapshot_record> snapshot;
  std::vector<event_record> events;  // those after the snapshot, in order
  std::vector<credential> credentials;
  std::vector<command_record> commands;   // the most recent ones, oldest first
  std::optional<std::int64_t> timer_due;  // as stored (see write_batch::timer_due)
  std::optional<std::int64_t> ended_at;   // ms since the epoch; none while not ended
  // The host key of the event the session is a room of (record.event), or empty.
  std::string host_key = {};
  // The session's row number: names it in logs and to the operator without
  // its code (which is a secret). Unique among stored sessions.
  std::int64_t ref = 0;
};

}  // namespace debrief::storage
