#include "debrief/protocol/apply.hpp"

#include "apply_support.hpp"
#include "debrief/protocol/permissions.hpp"

namespace debrief::protocol {

using namespace detail;

namespace detail {

std::optional<rejection> check_text(const std::string& text, std::size_t max_chars, const char* what) {
  const auto clean = text::trimmed(text);
  if (clean.empty()) return reject(error_code::invalid, std::string(what) + " cannot be empty.");
  if (text::char_count(clean) > max_chars) {
    return reject(error_code::too_large,
                  std::string(what) + " can be at most " + std::to_string(max_chars) + " characters.");
  }
  const bool bad_control = std::any_of(clean.begin(), clean.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return (u < 0x20 && c != '\n' && c != '\t') || u == 0x7F;
  });
  if (bad_control) return reject(error_code::invalid, std::string(what) + " holds control characters.");
  return std::nullopt;
}

rejection stale(const char* what, int version, nlohmann::json current) {
  return {error_code::conflict,
          std::string("Someone changed this ") + what + " first (now version " + std::to_string(version) +
              "); look at the current text and try again.",
          std::move(current)};
}

std::optional<rejection> check_evidence(const session_state& s, const evidence_list& evidence) {
  if (evidence.size() > limits::max_evidence)
    return reject(error_code::too_large, "At most " + std::to_string(limits::max_evidence) + " pieces of evidence.");
  for (const auto& ref : evidence) {
    const auto colon = ref.find(':');
    const auto kind = ref.substr(0, colon);
    const auto id = colon == std::string::npos ? std::string() : ref.substr(colon + 1);
    const bool found = (kind == "item" && find_by_id(s.board, id)) ||
                       (kind == "annotation" && find_by_id(s.annotations, id)) ||
                       (kind == "line" && s.transcript && find_by_id(s.transcript->lines, id));
    if (!found) return reject(error_code::not_found, "The evidence \"" + ref + "\" does not exist.");
  }
  return std::nullopt;
}

bool hidden_phase(const session_state& s, const std::string& phase_id) {
  if (s.is_revealed(phase_id)) return false;
  // A phase removed from the agenda may have been private: what was written
  // there stays with its authors rather than leaking on removal.
  const auto* phase = s.find_phase(phase_id);
  return phase == nullptr || phase->is_private;
}

}  // namespace detail

namespace {

std::optional<rejection> require_live(const session_state& s) {
  if (s.status == session_status::lobby) return reject(error_code::conflict, "The session has not started yet.");
  if (s.status == session_status::ended) return reject(error_code::conflict, "The session has ended.");
  return std::nullopt;
}

// Leaving a phase keeps its timer (stopped); coming back picks it up again,
// and a phase whose time ran out counts its overtime again while it is current.
std::vector<event> move_to(const session_state& s, const timer_state& leaving, int phase, millis now) {
  std::vector<event> events;
  const auto* current = s.current_phase();
  // An idle timer is saved only over an older saved one, which would
  // otherwise come back after a reset.
  if (current != nullptr &&
      (leaving.status != timer_status::idle || leaving.used_ms > 0 || s.phase_timers.contains(current->id))) {
    events.push_back(evt::phase_timer_saved{current->id, leaving});
  }
  const auto& next_id = s.tmpl.phases[static_cast<std::size_t>(phase)].id;
  const auto saved = s.phase_timers.find(next_id);
  auto arriving = saved != s.phase_timers.end() ? saved->second : idle_timer_for(s.tmpl, phase);
  if (arriving.status == timer_status::expired) arriving.since = now;
  events.push_back(evt::phase_changed{phase, arriving});
  return events;
}

outcome go_to(const session_state& s, int phase, millis now) {
  if (auto r = require_live(s)) return *r;
  if (phase < 0 || static_cast<std::size_t>(phase) >= s.tmpl.phases.size()) {
    return reject(error_code::not_found, "There is no phase " + std::to_string(phase) + " in this session.");
  }
  if (phase == s.phase) return reject(error_code::conflict, "The session is already in that phase.");
  return move_to(s, s.timer.frozen_at(now), phase, now);
}

timer_state running_from(millis now, millis remaining, millis duration, millis used) {
  return {timer_status::running, duration, remaining, now + remaining, used, now};
}

}  // namespace

outcome handle(const session_state& s, const cmd::join& c, const sender& from, millis) {
  if (s.find_participant(from.participant) != nullptr) {
    return reject(error_code::already_joined, "You have already joined this session.");
  }
  if (s.status == session_status::ended) return reject(error_code::conflict, "The session has ended.");
  const auto name = text::trimmed(c.name);
  if (name.empty()) return reject(error_code::invalid, "Type a name to join.");
  if (text::char_count(name) > limits::max_name_chars) {
    return reject(error_code::too_large,
                  "A name can be at most " + std::to_string(limits::max_name_chars) + " characters.");
  }
  if (text::has_control_chars(name)) return reject(error_code::invalid, "A name must be a single line of text.");
  if (c.role == role::invalid) {
    return reject(error_code::invalid, "Choose a role: facilitator, presenter, colleague or observer.");
  }
  if (c.role == role::facilitator && !c.facilitator_key_valid) {
    return reject(error_code::forbidden, "Joining as facilitator needs this session's facilitator key.");
  }
  if (c.role == role::host && !c.host_key_valid) {
    return reject(error_code::forbidden, "Only the event's host can look in as host.");
  }
  if (c.role == role::presenter && std::any_of(s.participants.begin(), s.participants.end(),
                                               [](const auto& p) { return p.role == role::presenter; })) {
    return reject(error_code::conflict, "This session already has a presenter.");
  }
  if (s.participants.size() >= limits::max_participants) {
    return reject(error_code::too_large,
                  "This session is full (" + std::to_string(limits::max_participants) + " participants).");
  }
  participant p{"p" + std::to_string(s.participants_ever_joined + 1), name, c.role, true};
  return one(evt::participant_joined{std::move(p)});
}

outcome handle(const session_state&, const cmd::leave&, const sender& from, millis) {
  return one(evt::participant_left{from.participant});
}

namespace {
outcome presence(const session_state& s, const sender& from, bool online) {
  const auto* p = s.find_participant(from.participant);
  if (p == nullptr) return reject(error_code::not_found, "No such participant.");
  if (p->online == online) return std::vector<event>{};  // nothing changed, nothing to record
  return one(evt::presence_changed{p->id, online});
}
}  // namespace

outcome handle(const session_state& s, const cmd::connect&, const sender& from, millis) {
  return presence(s, from, true);
}
outcome handle(const session_state& s, const cmd::disconnect&, const sender& from, millis) {
  return presence(s, from, false);
}

outcome handle(const session_state& s, const cmd::start_session&, const sender&, millis) {
  if (s.status != session_status::lobby) return reject(error_code::conflict, "The session has already started.");
  return one(evt::session_started{0, idle_timer_for(s.tmpl, 0)});
}

outcome handle(const session_state& s, const cmd::end_session&, const sender&, millis now) {
  return one(evt::session_ended{s.timer.frozen_at(now)});
}

outcome handle(const session_state& s, const cmd::next_phase&, const sender&, millis now) {
  if (auto r = require_live(s)) return *r;
  if (static_cast<std::size_t>(s.phase) + 1 >= s.tmpl.phases.size()) {
    return reject(error_code::conflict, "This is the last phase.");
  }
  return go_to(s, s.phase + 1, now);
}

outcome handle(const session_state& s, const cmd::previous_phase&, const sender&, millis now) {
  if (auto r = require_live(s)) return *r;
  if (s.phase == 0) return reject(error_code::conflict, "This is the first phase.");
  return go_to(s, s.phase - 1, now);
}

outcome handle(const session_state& s, const cmd::go_to_phase& c, const sender&, millis now) {
  return go_to(s, c.phase, now);
}

outcome handle(const session_state& s, const cmd::timer_start&, const sender&, millis now) {
  if (auto r = require_live(s)) return *r;
  if (s.timer.status == timer_status::running) return reject(error_code::conflict, "The timer is already running.");
  if (s.timer.status == timer_status::paused) {
    return reject(error_code::conflict, "The timer is paused; resume it instead.");
  }
  const auto fresh = s.timer.status == timer_status::expired ? idle_timer_for(s.tmpl, s.phase) : s.timer;
  return one(evt::timer_started{running_from(now, fresh.remaining_ms, fresh.duration_ms, s.timer.used_at(now))});
}

outcome handle(const session_state& s, const cmd::timer_pause&, const sender&, millis now) {
  if (auto r = require_live(s)) return *r;
  if (s.timer.status != timer_status::running) return reject(error_code::conflict, "The timer is not running.");
  return one(evt::timer_paused{s.timer.frozen_at(now)});
}

outcome handle(const session_state& s, const cmd::timer_resume&, const sender&, millis now) {
  if (auto r = require_live(s)) return *r;
  if (s.timer.status != timer_status::paused) return reject(error_code::conflict, "The timer is not paused.");
  return one(evt::timer_resumed{running_from(now, s.timer.remaining_ms, s.timer.duration_ms, s.timer.used_ms)});
}

outcome handle(const session_state& s, const cmd::timer_add& c, const sender&, millis now) {
  if (auto r = require_live(s)) return *r;
  if (c.seconds < limits::min_timer_add_seconds || c.seconds > limits::max_timer_add_seconds) {
    return reject(error_code::invalid, "Add between " + std::to_string(limits::min_timer_add_seconds) + " and " +
                                           std::to_string(limits::max_timer_add_seconds) + " seconds.");
  }
  const millis extra = static_cast<millis>(c.seconds) * 1000;
  auto t = s.timer;
  t.duration_ms += extra;
  switch (t.status) {
    case timer_status::running:
      t.ends_at += extra;
      t.remaining_ms = t.ends_at - now;
      break;
    case timer_status::expired: t = running_from(now, extra, t.duration_ms, t.used_at(now)); break;
    default: t.remaining_ms += extra; break;
  }
  return one(evt::timer_extended{t});
}

// A reset gives the phase its planned time again; the time already used stays on record.
outcome handle(const session_state& s, const cmd::timer_reset&, const sender&, millis now) {
  if (auto r = require_live(s)) return *r;
  auto t = idle_timer_for(s.tmpl, s.phase);
  t.used_ms = s.timer.used_at(now);
  return one(evt::timer_reset{t});
}

outcome handle(const session_state& s, const cmd::expire_timer&, const sender&, millis now) {
  if (s.timer.status != timer_status::running || s.timer.ends_at > now) {
    return reject(error_code::conflict, "The timer has not run out.");
  }
  // Past zero the phase keeps counting its used time, from the moment it ran out.
  const auto used_at_zero = s.timer.used_at(s.timer.ends_at);
  const timer_state expired{timer_status::expired, s.timer.duration_ms, 0,           0,
                            used_at_zero,          s.timer.ends_at,     used_at_zero};
  std::vector<event> events{evt::timer_expired{expired}};
  // Nothing moves on by itself unless the template asks for it.
  const auto* phase = s.current_phase();
  if (phase != nullptr && phase->auto_advance && static_cast<std::size_t>(s.phase) + 1 < s.tmpl.phases.size()) {
    for (auto& e : move_to(s, expired.frozen_at(now), s.phase + 1, now)) events.push_back(std::move(e));
  }
  return events;
}

std::variant<evt::session_created, rejection> create_session(std::string session, std::string_view title,
                                                             session_template tmpl, millis now, inquiry_start start) {
  auto clean = text::trimmed(title);
  if (text::char_count(clean) > limits::max_title_chars) {
    return reject(error_code::too_large,
                  "A title can be at most " + std::to_string(limits::max_title_chars) + " characters.");
  }
  if (text::has_control_chars(clean)) return reject(error_code::invalid, "A title must be a single line of text.");
  if (clean.empty()) clean = tmpl.name;
  auto checked = clean_inquiry_start(std::move(start));
  if (auto* r = std::get_if<rejection>(&checked)) return *r;
  start = std::get<inquiry_start>(std::move(checked));
  return evt::session_created{std::move(session),    std::move(clean),          std::move(tmpl),         now,
                              std::move(start.date), std::move(start.learners), std::move(start.carried)};
}

namespace {

// A command written in one phase is never applied in another: queued while
// its author was offline, a note from a private phase would otherwise land
// in a public one, under their name.
std::optional<rejection> check_written_in(const session_state& s, const command& c) {
  const auto* written = written_in(c);
  if (written == nullptr || s.status == session_status::ended) return std::nullopt;
  if (written->empty()) {
    return reject(error_code::invalid, "\"phase\" is missing: send the id of the phase this was written in.");
  }
  const auto* current = s.current_phase();
  if (current == nullptr || *written == current->id) return std::nullopt;
  return rejection{error_code::conflict,
                   "The session has moved on to \"" + current->title + "\"; nothing was added.",
                   {{"phase", current->id}}};
}

}  // namespace

outcome apply(const session_state& s, const command& c, const sender& from, millis now) {
  // Every participant command passes the permission table first, role before
  // anything else; join and the server's own commands (presence, timer
  // expiry) have no entry there.
  const auto name = command_name(c);
  if (find_rule(name) != nullptr) {
    if (auto r = check_role(s, name, from.participant)) return *r;
    if (auto r = check_written_in(s, c)) return *r;
    if (auto r = check_phase(s, name)) return *r;
  }
  return std::visit([&](const auto& command) { return handle(s, command, from, now); }, c);
}

}  // namespace debrief::protocol
