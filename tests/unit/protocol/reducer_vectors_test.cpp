// The browser keeps its own copy of the reducer (client-web/src/session-state.ts).
// These vectors hold it to evolve(): a whole debrief replayed through apply and
// evolve, recorded as each viewer's client sees it — the snapshot state before
// an event (view_state), the event as sent to that viewer (view_event), and the
// snapshot state after. client-web/unit/reducer.test.ts applies the same events
// with the client's reducer and must reach the same states.
//
// tests/golden/reducer-vectors.json is compared with what is computed here;
// scripts/update-golden.sh (DEBRIEF_UPDATE_GOLDEN=1) rewrites it when a change
// is meant. The format:
//   "states": the distinct view states, each a JSON Patch (RFC 6902, as
//             nlohmann::json::diff makes it) from the state before it in the
//             table (the first from {}), so the file stays small;
//   "vectors": {step, viewer, time, before, event, after}: before and after
//             index "states" (before is null for session_created).

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>

#include "debrief/protocol/visibility.hpp"
#include "whole_debrief.hpp"

namespace debrief::protocol::activity {
namespace {

const sender lee{"p6"};
const sender host{"p7"};

// The whole debrief, with what it does not exercise added before its end:
// presence, a leave, a late join, the presenter moved and every timer event.
std::vector<step> a_whole_debrief_and_the_rest() {
  auto script = a_whole_debrief();
  const std::vector<step> rest = {
      {cmd::disconnect{}, olu},                    // presence_changed
      {cmd::connect{}, olu},                       // presence_changed
      {cmd::leave{}, olu},                         // participant_left
      {cmd::join{"Lee", role::observer}, nobody},  // p6
      {cmd::disconnect{}, lee},                    // presence_changed
      // p7: the event's host looks in, and leaves.
      {cmd::join{"Host", role::host, false, true}, nobody},
      {cmd::leave{}, host},
      {cmd::move_presenter{"p3"}, kim},               // presenter_moved
      {cmd::timer_resume{}, kim},                     // the transcript phase's timer, paused when left
      {cmd::timer_pause{}, kim, false, 30 * second},  // timer_paused
      {cmd::timer_add{60}, kim},                      // timer_extended
      {cmd::timer_resume{}, kim},                     // timer_resumed
      {cmd::timer_reset{}, kim},                      // timer_reset
      {cmd::timer_start{}, kim},                      // timer_started; the session ends while it runs
  };
  const auto end =
      std::find_if(script.begin(), script.end(), [](const step& s) { return is_command(s, cmd::end_session{}); });
  script.insert(end, rest.begin(), rest.end());
  return script;
}

// The distinct states, each stored as a patch from the one before it.
struct state_table {
  std::vector<json> states;
  json encoded = json::array();
  std::map<std::string, std::size_t> index;  // by the state's text

  std::size_t index_of(const json& s) {
    const auto [at, added] = index.emplace(s.dump(), states.size());
    if (!added) return at->second;
    encoded.push_back(json::diff(states.empty() ? json::object() : states.back(), s));
    states.push_back(s);
    return at->second;
  }
};

struct recorder {
  state_table table;
  json vectors = json::array();
  // (before, event, after) already recorded: another viewer who sees the same adds nothing.
  std::set<std::string> seen;

  void record(const std::string& where, millis time, const session_state& before, const event& e,
              const std::vector<std::string>& viewers) {
    const auto after = evolve(before, e);
    const auto views = view_event(after, e);
    for (const auto& viewer : viewers) {
      const auto& sent = viewer == views.author && !views.for_author.is_null() ? views.for_author : views.for_others;
      const auto before_view = view_state(before, viewer);
      const auto after_at = table.index_of(view_state(after, viewer));
      if (!seen.insert(before_view.dump() + sent.dump() + std::to_string(after_at)).second) continue;
      vectors.push_back({{"step", where},
                         {"viewer", viewer},
                         {"time", time},
                         {"before", table.index_of(before_view)},
                         {"event", sent},
                         {"after", after_at}});
    }
  }
};

// Everyone who is, or was until this event, in the session.
std::vector<std::string> viewers_of(const session_state& before, const session_state& after) {
  std::vector<std::string> out;
  for (const auto* s : {&before, &after}) {
    for (const auto& p : s->participants) {
      if (std::find(out.begin(), out.end(), p.id) == out.end()) out.push_back(p.id);
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

// One session's log, from its creation, each event as every viewer got it.
void record_session(recorder& rec, const std::string& name, const evt::session_created& created,
                    const std::vector<step>& script) {
  const auto first = evolve({}, created);
  // Nobody has joined yet: the creator's client starts from nothing.
  rec.vectors.push_back({{"step", name + "create"},
                         {"viewer", ""},
                         {"time", created.created_at},
                         {"before", nullptr},
                         {"event", json(event{created})},
                         {"after", rec.table.index_of(view_state(first, ""))}});

  auto state = first;
  millis now = created.created_at;
  millis stamped = now;
  for (std::size_t i = 0; i < script.size(); ++i) {
    const auto& st = script[i];
    now += st.wait;
    const auto out = apply_step(state, st, now);
    if (st.refused) {
      EXPECT_TRUE(std::holds_alternative<rejection>(out)) << name << "step " << i << " was accepted";
      continue;
    }
    if (const auto* why = std::get_if<rejection>(&out)) {
      ADD_FAILURE() << name << "step " << i << " (" << step_name(st) << ") was refused: " << why->message;
      continue;
    }
    const auto& log = std::get<events>(out);
    const auto where = name + "step " + std::to_string(i) + " (" + step_name(st) + ")";
    for (const auto& e : log) {
      // Stamped as the room stamps it (a timer runs out at its deadline).
      if (std::holds_alternative<evt::timer_expired>(e)) {
        stamped = std::max(stamped, std::min(state.timer.ends_at, now));
      } else {
        stamped = now;
      }
      const auto after = evolve(state, e);
      rec.record(where, stamped, state, e, viewers_of(state, after));
      // The same event delivered twice changes nothing more (PROTOCOL.md, applying events).
      if (std::holds_alternative<evt::participant_joined>(e) || std::holds_alternative<evt::phase_revealed>(e)) {
        rec.record(where + " again", stamped, after, e, viewers_of(after, after));
      }
      state = after;
    }
  }
}

// The whole debrief, then its follow-up (a session of an inquiry, carrying
// items in and checking in on them).
recorder record_the_debrief() {
  recorder rec;
  record_session(rec, "", the_debrief_created(), a_whole_debrief_and_the_rest());
  record_session(rec, "follow-up ", follow_up_created(), a_follow_up());
  return rec;
}

json golden_of(const recorder& rec) {
  return {{"about",
           "Reducer vectors: see tests/unit/protocol/reducer_vectors_test.cpp. Regenerate with "
           "scripts/update-golden.sh."},
          {"states", rec.table.encoded},
          {"vectors", rec.vectors}};
}

// One state or vector a line, so that a change reads as a small diff.
std::string as_text(const json& golden) {
  std::ostringstream out;
  out << "{\n\"about\": " << golden.at("about").dump() << ",\n";
  for (const char* list : {"states", "vectors"}) {
    out << '"' << list << "\": [\n";
    const auto& items = golden.at(list);
    for (std::size_t i = 0; i < items.size(); ++i) out << items[i].dump() << (i + 1 < items.size() ? ",\n" : "\n");
    out << (std::string(list) == "states" ? "],\n" : "]\n");
  }
  out << "}\n";
  return out.str();
}

TEST(ReducerVectors, EachStoredPatchGivesTheStateItStandsFor) {
  const auto rec = record_the_debrief();
  json state = json::object();
  ASSERT_EQ(rec.table.encoded.size(), rec.table.states.size());
  for (std::size_t i = 0; i < rec.table.states.size(); ++i) {
    state = state.patch(rec.table.encoded[i]);
    EXPECT_EQ(state, rec.table.states[i]) << "state " << i;
  }
}

TEST(ReducerVectors, MatchTheCommittedGoldenFile) {
  const std::string path = DEBRIEF_REDUCER_VECTORS;
  const auto fresh = golden_of(record_the_debrief());
  const auto* update = std::getenv("DEBRIEF_UPDATE_GOLDEN");
  if (update != nullptr && std::string(update) == "1") {
    // Rewritten, then read back and compared below like any other run.
    std::ofstream(path, std::ios::binary) << as_text(fresh);
    std::cout << "rewrote " << path << "\n";
  }
  std::ifstream in(path, std::ios::binary);
  ASSERT_TRUE(in) << "cannot read " << path << ": run scripts/update-golden.sh";
  const std::string committed((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (committed == as_text(fresh)) return;
  const auto changes = json::diff(json::parse(committed), fresh).dump();
  ADD_FAILURE() << path << " differs from what evolve gives now (JSON Patch from the file, first 4000 characters): "
                << changes.substr(0, 4000)
                << "\nIf the change is meant, run scripts/update-golden.sh and check the client agrees "
                   "(cd client-web && npm run test:unit).";
}

}  // namespace
}  // namespace debrief::protocol::activity
