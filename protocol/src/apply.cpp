#include "debrief/protocol/apply.hpp"

#include <algorithm>

#include "debrief/protocol/limits.hpp"
#include "text.hpp"

namespace debrief::protocol {

namespace {

template <class... Ts>
struct overloaded : Ts... {
  using Ts::operator()...;
};

rejection reject(error_code code, std::string message) { return {code, std::move(message)}; }

outcome one(event e) { return std::vector<event>{std::move(e)}; }

// Checks that hold for every command a participant sends.
std::optional<rejection> require_facilitator(const session_state& s, const sender& from, const char* what) {
  if (s.find_participant(from.participant) == nullptr) {
    return reject(error_code::not_joined, "Join the session first.");
  }
  if (!s.has_role(from.participant, role::facilitator)) {
    return reject(error_code::forbidden, std::string("Only the facilitator can ") + what + ".");
  }
  return std::nullopt;
}

std::optional<rejection> require_live(const session_state& s) {
  if (s.status == session_status::lobby) return reject(error_code::conflict, "The session has not started yet.");
  if (s.status == session_status::ended) return reject(error_code::conflict, "The session has ended.");
  return std::nullopt;
}

outcome on_join(const session_state& s, const cmd::join& c, const sender& from) {
  if (s.find_participant(from.participant) != nullptr) {
    return reject(error_code::already_joined, "You have already joined this session.");
  }
  if (s.status == session_status::ended) return reject(error_code::conflict, "The session has ended.");
  const auto name = text::trimmed(c.name);
  if (name.empty()) return reject(error_code::invalid, "Type a name to join.");
  if (text::char_count(name) > limits::max_name_chars) {
    return reject(error_code::too_large, "A name can be at most 60 characters.");
  }
  if (text::has_control_chars(name)) return reject(error_code::invalid, "A name must be a single line of text.");
  if (c.role == role::invalid) {
    return reject(error_code::invalid, "Choose a role: facilitator, presenter, colleague or observer.");
  }
  if (c.role == role::facilitator && !c.facilitator_key_valid) {
    return reject(error_code::forbidden, "Joining as facilitator needs this session's facilitator key.");
  }
  if (c.role == role::presenter &&
      std::any_of(s.participants.begin(), s.participants.end(),
                  [](const auto& p) { return p.role == role::presenter; })) {
    return reject(error_code::conflict, "This session already has a presenter.");
  }
  if (s.participants.size() >= limits::max_participants) {
    return reject(error_code::conflict, "This session is full (50 participants).");
  }
  participant p{"p" + std::to_string(s.participants_ever_joined + 1), name, c.role, true};
  return one(evt::participant_joined{std::move(p)});
}

outcome on_presence(const session_state& s, const sender& from, bool online) {
  const auto* p = s.find_participant(from.participant);
  if (p == nullptr) return reject(error_code::not_found, "No such participant.");
  if (p->online == online) return std::vector<event>{};  // nothing changed, nothing to record
  return one(evt::presence_changed{p->id, online});
}

outcome go_to(const session_state& s, int phase) {
  if (phase < 0 || static_cast<std::size_t>(phase) >= s.tmpl.phases.size()) {
    return reject(error_code::not_found, "There is no phase " + std::to_string(phase) + " in this session.");
  }
  if (phase == s.phase) return reject(error_code::conflict, "The session is already in that phase.");
  return one(evt::phase_changed{phase, idle_timer_for(s.tmpl, phase)});
}

timer_state running_from(millis now, millis remaining, millis duration) {
  return {timer_status::running, duration, remaining, now + remaining};
}

outcome on_timer_add(const session_state& s, const cmd::timer_add& c, millis now) {
  if (c.seconds < limits::min_timer_add_seconds || c.seconds > limits::max_timer_add_seconds) {
    return reject(error_code::invalid, "Add between 1 and 3600 seconds.");
  }
  const millis extra = static_cast<millis>(c.seconds) * 1000;
  auto t = s.timer;
  t.duration_ms += extra;
  switch (t.status) {
    case timer_status::running: t.ends_at += extra; t.remaining_ms = t.ends_at - now; break;
    case timer_status::expired: t = running_from(now, extra, t.duration_ms); break;
    default: t.remaining_ms += extra; break;
  }
  return one(evt::timer_extended{t});
}

}  // namespace

std::variant<evt::session_created, rejection> create_session(std::string session, std::string_view title,
                                                             session_template tmpl, millis now) {
  auto clean = text::trimmed(title);
  if (text::char_count(clean) > limits::max_title_chars) {
    return reject(error_code::too_large, "A title can be at most 120 characters.");
  }
  if (text::has_control_chars(clean)) return reject(error_code::invalid, "A title must be a single line of text.");
  if (clean.empty()) clean = tmpl.name;
  return evt::session_created{std::move(session), std::move(clean), std::move(tmpl), now};
}

outcome apply(const session_state& s, const command& c, const sender& from, millis now) {
  return std::visit(
      overloaded{
          [&](const cmd::join& j) { return on_join(s, j, from); },
          [&](const cmd::connect&) { return on_presence(s, from, true); },
          [&](const cmd::disconnect&) { return on_presence(s, from, false); },
          [&](const cmd::leave&) -> outcome {
            if (s.find_participant(from.participant) == nullptr) {
              return reject(error_code::not_joined, "Join the session first.");
            }
            return one(evt::participant_left{from.participant});
          },
          [&](const cmd::start_session&) -> outcome {
            if (auto r = require_facilitator(s, from, "start the session")) return *r;
            if (s.status != session_status::lobby) return reject(error_code::conflict, "The session has already started.");
            return one(evt::session_started{0, idle_timer_for(s.tmpl, 0)});
          },
          [&](const cmd::end_session&) -> outcome {
            if (auto r = require_facilitator(s, from, "end the session")) return *r;
            if (s.status == session_status::ended) return reject(error_code::conflict, "The session has already ended.");
            auto t = s.timer;
            if (t.status == timer_status::running) t = {timer_status::paused, t.duration_ms, t.remaining_at(now), 0};
            return one(evt::session_ended{t});
          },
          [&](const cmd::next_phase&) -> outcome {
            if (auto r = require_facilitator(s, from, "change the phase")) return *r;
            if (auto r = require_live(s)) return *r;
            if (static_cast<std::size_t>(s.phase) + 1 >= s.tmpl.phases.size()) {
              return reject(error_code::conflict, "This is the last phase.");
            }
            return go_to(s, s.phase + 1);
          },
          [&](const cmd::previous_phase&) -> outcome {
            if (auto r = require_facilitator(s, from, "change the phase")) return *r;
            if (auto r = require_live(s)) return *r;
            if (s.phase == 0) return reject(error_code::conflict, "This is the first phase.");
            return go_to(s, s.phase - 1);
          },
          [&](const cmd::go_to_phase& g) -> outcome {
            if (auto r = require_facilitator(s, from, "change the phase")) return *r;
            if (auto r = require_live(s)) return *r;
            return go_to(s, g.phase);
          },
          [&](const cmd::timer_start&) -> outcome {
            if (auto r = require_facilitator(s, from, "run the timer")) return *r;
            if (auto r = require_live(s)) return *r;
            if (s.timer.status == timer_status::running) return reject(error_code::conflict, "The timer is already running.");
            if (s.timer.status == timer_status::paused) {
              return reject(error_code::conflict, "The timer is paused; resume it instead.");
            }
            const auto fresh = s.timer.status == timer_status::expired ? idle_timer_for(s.tmpl, s.phase) : s.timer;
            return one(evt::timer_started{running_from(now, fresh.remaining_ms, fresh.duration_ms)});
          },
          [&](const cmd::timer_pause&) -> outcome {
            if (auto r = require_facilitator(s, from, "run the timer")) return *r;
            if (auto r = require_live(s)) return *r;
            if (s.timer.status != timer_status::running) return reject(error_code::conflict, "The timer is not running.");
            return one(evt::timer_paused{{timer_status::paused, s.timer.duration_ms, s.timer.remaining_at(now), 0}});
          },
          [&](const cmd::timer_resume&) -> outcome {
            if (auto r = require_facilitator(s, from, "run the timer")) return *r;
            if (auto r = require_live(s)) return *r;
            if (s.timer.status != timer_status::paused) return reject(error_code::conflict, "The timer is not paused.");
            return one(evt::timer_resumed{running_from(now, s.timer.remaining_ms, s.timer.duration_ms)});
          },
          [&](const cmd::timer_add& a) -> outcome {
            if (auto r = require_facilitator(s, from, "run the timer")) return *r;
            if (auto r = require_live(s)) return *r;
            return on_timer_add(s, a, now);
          },
          [&](const cmd::timer_reset&) -> outcome {
            if (auto r = require_facilitator(s, from, "run the timer")) return *r;
            if (auto r = require_live(s)) return *r;
            return one(evt::timer_reset{idle_timer_for(s.tmpl, s.phase)});
          },
          [&](const cmd::expire_timer&) -> outcome {
            if (s.timer.status != timer_status::running || s.timer.ends_at > now) {
              return reject(error_code::conflict, "The timer has not run out.");
            }
            return one(evt::timer_expired{{timer_status::expired, s.timer.duration_ms, 0, 0}});
          },
      },
      c);
}

session_state evolve(session_state s, const event& e) {
  std::visit(overloaded{
                 [&](const evt::session_created& c) {
                   s = session_state{};
                   s.session = c.session;
                   s.title = c.title;
                   s.created_at = c.created_at;
                   s.tmpl = c.tmpl;
                   s.status = session_status::lobby;
                   s.phase = 0;
                   s.timer = idle_timer_for(s.tmpl, 0);
                 },
                 [&](const evt::participant_joined& j) {
                   s.participants.push_back(j.participant);
                   ++s.participants_ever_joined;
                 },
                 [&](const evt::participant_left& l) {
                   std::erase_if(s.participants, [&](const auto& p) { return p.id == l.participant; });
                 },
                 [&](const evt::presence_changed& p) {
                   for (auto& x : s.participants) {
                     if (x.id == p.participant) x.online = p.online;
                   }
                 },
                 [&](const evt::session_started& st) {
                   s.status = session_status::live;
                   s.phase = st.phase;
                   s.timer = st.timer;
                 },
                 [&](const evt::phase_changed& p) {
                   s.phase = p.phase;
                   s.timer = p.timer;
                 },
                 [&](const evt::session_ended& en) {
                   s.status = session_status::ended;
                   s.timer = en.timer;
                 },
                 [&]<int Tag>(const evt::timer_changed<Tag>& t) { s.timer = t.timer; },
             },
             e);
  return s;
}

}  // namespace debrief::protocol
