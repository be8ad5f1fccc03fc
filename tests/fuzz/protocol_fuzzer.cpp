// libFuzzer target for the pure core: arbitrary bytes through the wire
// parser, then a session driven by a sequence of parsed commands from
// fuzz-chosen senders, checking after every step what the server relies on:
//
//   - nothing throws or crashes (an exception here would take the server's
//     network thread down);
//   - apply() never changes the state it is given;
//   - the events, each through its JSON form (as stored), replayed from an
//     empty state rebuild exactly the state, which also survives its own
//     JSON form (as stored in snapshots);
//   - nobody's view (snapshot or event) shows another participant's entry or
//     annotation in a private phase that has not been revealed;
//   - the state stays within the protocol's limits;
//   - the lobby (what a connection that has not joined sees) holds only
//     who is here and the agenda's outline;
//   - a command that could not be read is refused for the sender's role,
//     or else for its own fields, and for nothing else.
// seq is the count of events applied; each accepted command adds its events
// in order, so the log is gap-free by construction and is checked by replay.
//
// Input: byte 0 picks the template ('0' the first built-in, '6' the
// follow-up…); the rest is lines. Each line is one
// control byte then a message: sender = ctl % 8 (0: not joined, k: "pk"),
// facilitator key valid = (ctl / 8) % 2, the clock moves on by
// (ctl / 16) % 16 * 15 seconds first. A message "!c", "!d" or "!e" is the
// server's own connect, disconnect or expire_timer; "!h" followed by JSON is
// the event host's action on the room (host.hpp), and the same key bit makes
// a join as host valid. corpus/ holds seeds in
// this form (and a few single messages).

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "debrief/protocol/apply.hpp"
#include "debrief/protocol/host.hpp"
#include "debrief/protocol/limits.hpp"
#include "debrief/protocol/permissions.hpp"
#include "debrief/protocol/templates.hpp"
#include "debrief/protocol/visibility.hpp"
#include "debrief/protocol/wire.hpp"

namespace {

using namespace debrief::protocol;
using json = nlohmann::json;

constexpr std::size_t max_steps = 200;
constexpr millis start_time = 1'763'850'000'000;

[[noreturn]] void broken(const std::string& what) {
  std::fprintf(stderr, "invariant broken: %s\n", what.c_str());
  std::abort();
}

void require(bool ok, const std::string& what) {
  if (!ok) broken(what);
}

// Hidden from everyone but its author: written in a private phase that has
// not been revealed (and, for an entry, not shared early). Worked out here
// from the state, independently of visibility.cpp.
bool hidden_from_others(const session_state& s, const std::string& phase_id, bool shared) {
  const auto* phase = s.find_phase(phase_id);
  return phase != nullptr && phase->is_private && !s.is_revealed(phase_id) && !shared;
}

template <class T>
void require_unique_ids(const std::vector<T>& items, const char* what) {
  std::set<std::string> ids;
  for (const auto& x : items) require(ids.insert(x.id).second, std::string("duplicate id in ") + what + ": " + x.id);
}

void check_limits(const session_state& s) {
  require(s.status != session_status::invalid, "the session has no status");
  require(!s.tmpl.phases.empty() && s.tmpl.phases.size() <= limits::max_phases, "phase count out of range");
  require(s.phase >= 0 && static_cast<std::size_t>(s.phase) < s.tmpl.phases.size(),
          "current phase " + std::to_string(s.phase) + " of " + std::to_string(s.tmpl.phases.size()));
  require(s.participants.size() <= limits::max_participants, "too many participants");
  int presenters = 0;
  for (const auto& p : s.participants) presenters += p.role == role::presenter ? 1 : 0;
  require(presenters <= 1, "more than one presenter");
  require(s.board.size() <= limits::max_board_items, "too many board items");
  require(s.proposals.size() <= limits::max_proposals, "too many proposals");
  require(s.entries.size() <= limits::max_entries, "too many entries");
  require(s.adaptations.size() <= limits::max_adaptations, "too many adaptations");
  require(s.annotations.size() <= limits::max_annotations, "too many annotations");
  require(s.notices.size() <= limits::max_notices, "too many notices");
  require_unique_ids(s.participants, "participants");
  require_unique_ids(s.board, "board");
  require_unique_ids(s.proposals, "proposals");
  require_unique_ids(s.entries, "entries");
  require_unique_ids(s.adaptations, "adaptations");
  require_unique_ids(s.annotations, "annotations");
  require_unique_ids(s.check_ins, "check-ins");
  std::set<std::string> checked_threads;
  for (const auto& k : s.check_ins) {
    require(checked_threads.insert(k.thread).second, "two check-ins on thread " + k.thread);
    require(std::any_of(s.carried.begin(), s.carried.end(), [&](const auto& c) { return c.thread == k.thread; }),
            "a check-in on a thread that was not carried in");
  }
  require(s.timer.status != timer_status::invalid, "the timer has no status");
  require(s.timer.duration_ms >= 0, "negative timer duration");
  if (s.timer.status != timer_status::running) require(s.timer.remaining_ms >= 0, "negative remaining time");
}

// Nobody's snapshot holds another's hidden entry or annotation: at most the
// placeholder that says it exists.
void check_views(const session_state& s) {
  std::vector<std::string> viewers = {""};
  for (const auto& p : s.participants) viewers.push_back(p.id);
  for (const auto& viewer : viewers) {
    const auto view = view_state(s, viewer);
    std::map<std::string, json> shown;
    for (const auto& e : view.at("entries")) shown[e.at("id").get<std::string>()] = e;
    for (const auto& a : view.at("annotations")) shown[a.at("id").get<std::string>()] = a;
    auto require_placeholder = [&](const std::string& id, const char* what) {
      const auto it = shown.find(id);
      if (it == shown.end()) return;
      const auto& j = it->second;
      require(j.value("hidden", false) && !j.contains("text") && !j.contains("comment") && !j.contains("quote") &&
                  !j.contains("replies"),
              "viewer '" + viewer + "' sees hidden " + what + " " + j.dump());
    };
    for (const auto& e : s.entries) {
      if (e.author != viewer && hidden_from_others(s, e.phase, e.shared)) require_placeholder(e.id, "entry");
    }
    for (const auto& a : s.annotations) {
      if (a.author != viewer && hidden_from_others(s, a.phase, false)) require_placeholder(a.id, "annotation");
    }
  }
}

// Before joining, a connection sees the session's outline, not its content:
// the message has these fields only, and each phase only these three.
void check_lobby(const session_state& s, std::int64_t seq) {
  const auto lobby = lobby_message(seq, s);
  static const std::set<std::string> fields = {"type",   "seq",      "session", "title",
                                               "status", "template", "phases",  "participants"};
  std::set<std::string> present;
  for (const auto& [key, _] : lobby.items()) present.insert(key);
  require(present == fields, "the lobby has other fields: " + lobby.dump());
  require(lobby.at("participants") == json(s.participants), "the lobby's participants differ from the state's");
  for (const auto& phase : lobby.at("phases")) {
    require(phase.size() == 3 && phase.contains("title") && phase.contains("kind") && phase.contains("minutes"),
            "a lobby phase shows more than its outline: " + phase.dump());
  }
}

// An event as others receive it carries no hidden words.
void check_event_view(const session_state& after, const event& e) {
  const auto views = view_event(after, e);
  if (const auto* saved = std::get_if<evt::entry_saved>(&e)) {
    if (hidden_from_others(after, saved->entry.phase, saved->entry.shared)) {
      require(!views.for_others.at("entry").contains("text"), "an entry's text reaches others while hidden");
      require(views.for_author.is_null() || views.for_author.at("entry").at("text") == saved->entry.text,
              "the author does not get their own entry");
    }
  }
  if (const auto* saved = std::get_if<evt::annotation_saved>(&e)) {
    if (hidden_from_others(after, saved->annotation.phase, false)) {
      const auto& shown = views.for_others.at("annotation");
      require(!shown.contains("comment") && !shown.contains("quote"), "an annotation reaches others while hidden");
    }
  }
}

// The event as stored (JSON text) reads back as the same event.
event through_storage(const event& e) {
  const json stored = json::parse(json(e).dump());
  auto back = stored.get<event>();
  require(back == e, "an event changes through JSON: " + stored.dump());
  return back;
}

struct run {
  session_state state;
  std::vector<event> log;  // as stored, seq = index + 1
  millis now = start_time;

  void accept(const std::vector<event>& events) {
    for (const auto& e : events) {
      log.push_back(through_storage(e));
      state = evolve(std::move(state), e);
      check_event_view(state, e);
    }
  }

  void step(const command& c, const std::string& participant) {
    const auto before = state;
    auto result = apply(state, c, {participant}, now);
    require(state == before, "apply changed its input");
    if (auto* events = std::get_if<std::vector<event>>(&result)) accept(*events);
    // As the room does: a running timer that has run out gets its expiry.
    if (state.timer.status == timer_status::running && state.timer.ends_at <= now) {
      auto expired = apply(state, cmd::expire_timer{}, {}, now);
      if (auto* events = std::get_if<std::vector<event>>(&expired)) accept(*events);
    }
    check_limits(state);
  }

  // The event host's action, as the server reads and applies it.
  void host(std::string_view body) {
    const auto j = json::parse(body, nullptr, /*allow_exceptions=*/false);
    if (j.is_discarded()) return;
    const auto action = parse_host_action(j);
    if (!std::holds_alternative<host_action>(action)) return;
    const auto before = state;
    auto result = apply_host(state, std::get<host_action>(action), now);
    require(state == before, "apply_host changed its input");
    if (auto* events = std::get_if<std::vector<event>>(&result)) {
      require(!events->empty() && std::holds_alternative<evt::notice_posted>(events->back()),
              "a host action does not end with its notice");
      accept(*events);
    }
    check_limits(state);
  }

  void finish() {
    session_state replayed;
    for (const auto& e : log) replayed = evolve(std::move(replayed), e);
    require(replayed == state, "replaying the log does not rebuild the state");
    const auto snapshot = json::parse(json(state).dump());
    require(snapshot.get<session_state>() == state, "the state changes through its JSON form");
    check_views(state);
    check_lobby(state, static_cast<std::int64_t>(log.size()));
  }
};

void run_line(run& r, std::string_view line) {
  const auto ctl = static_cast<unsigned char>(line.front());
  const auto message = line.substr(1);
  const int who = ctl % 8;
  const std::string participant = who == 0 ? "" : "p" + std::to_string(who);
  r.now += static_cast<millis>((ctl / 16) % 16) * 15'000;
  if (message == "!c") return r.step(cmd::connect{}, participant);
  if (message == "!d") return r.step(cmd::disconnect{}, participant);
  if (message == "!e") return r.step(cmd::expire_timer{}, {});
  if (message.starts_with("!h")) return r.host(message.substr(2));
  auto parsed = parse_client_message(message);
  if (const auto* bad = std::get_if<parse_error>(&parsed); bad != nullptr && !bad->command.empty()) {
    const auto why = refusal_for(r.state, bad->command, participant, bad->why);
    require(why.code == bad->why.code || why.code == error_code::not_joined || why.code == error_code::forbidden,
            "a malformed " + bad->command + " is refused for something else: " + why.message);
    return;
  }
  auto* m = std::get_if<client_message>(&parsed);
  if (m == nullptr) return;
  auto* c = std::get_if<client_command>(m);
  if (c == nullptr) return;
  if (auto* join = std::get_if<cmd::join>(&c->command)) {
    join->facilitator_key_valid = join->role == role::facilitator && (ctl / 8) % 2 == 1;
    join->host_key_valid = join->role == role::host && (ctl / 8) % 2 == 1;
  }
  r.step(c->command, participant);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  // Any bytes at all: a parse error at worst, never a crash.
  (void)parse_client_message(input);
  if (input.empty()) return 0;

  const auto& templates = builtin_templates();
  // Counted from '0', so a seed keeps its template when one is added.
  const auto& tmpl = templates[static_cast<unsigned char>(input.front() - '0') % templates.size()];
  // The follow-up template starts as a session of an inquiry does, with
  // something carried in to check in on (threads "1.a1", "1.a1.q1", "1.i2").
  inquiry_start start;
  if (tmpl.id == "follow-up") {
    start = {"2026-03-15",
             {"Student A"},
             {{"1.a1", carried_kind::adaptation, "Draw first", "Student A", "2026-03-01", item_status::open, ""},
              {"1.a1.q1", carried_kind::question, "Which café?", "Student A", "", item_status::open, ""},
              {"1.i2", carried_kind::assumption, "She guesses", "", "", item_status::challenged, ""}}};
  }
  auto created = create_session("K7M2Q9XP4TDA", "Fuzzed", tmpl, start_time, start);
  require(std::holds_alternative<evt::session_created>(created), "a built-in template is refused");
  run r;
  r.accept({std::get<evt::session_created>(created)});

  std::size_t steps = 0;
  std::string_view rest = input.substr(1);
  while (!rest.empty() && steps < max_steps) {
    const auto end = rest.find('\n');
    const auto line = rest.substr(0, end);
    rest = end == std::string_view::npos ? std::string_view{} : rest.substr(end + 1);
    if (line.size() < 2) continue;
    run_line(r, line);
    ++steps;
  }
  r.finish();
  return 0;
}
