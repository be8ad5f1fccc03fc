// The JSON forms of events and state are the wire format of PROTOCOL.md:
// field names, enum spellings, and a refusal of what is not an event.

#include <set>

#include "debrief/protocol/wire.hpp"
#include "test_support.hpp"

namespace debrief::protocol::test {
namespace {

using json = nlohmann::json;

const timer_state a_running_timer{timer_status::running, 600'000, 600'000,
                                  1'763'850'600'000,     120'000, 1'763'850'000'000};
const json a_running_timer_json = {
    {"status", "running"}, {"duration_ms", 600'000},     {"remaining_ms", 600'000}, {"ends_at", 1'763'850'600'000},
    {"used_ms", 120'000},  {"since", 1'763'850'000'000}, {"zero_used_ms", 0}};

TEST(EventJson, EachEventHasItsTypeAndDocumentedFields) {
  const participant maya{"p1", "Maya", role::facilitator, true};
  const json maya_json = {{"id", "p1"}, {"name", "Maya"}, {"role", "facilitator"}, {"online", true}};
  const std::vector<std::pair<event, json>> cases = {
      {evt::participant_joined{maya}, {{"type", "participant_joined"}, {"participant", maya_json}}},
      {evt::participant_left{"p3"}, {{"type", "participant_left"}, {"participant", "p3"}}},
      {evt::presence_changed{"p2", false}, {{"type", "presence_changed"}, {"participant", "p2"}, {"online", false}}},
      {evt::session_started{0, a_running_timer},
       {{"type", "session_started"}, {"phase", 0}, {"timer", a_running_timer_json}}},
      {evt::phase_changed{3, a_running_timer},
       {{"type", "phase_changed"}, {"phase", 3}, {"timer", a_running_timer_json}}},
      {evt::timer_started{a_running_timer}, {{"type", "timer_started"}, {"timer", a_running_timer_json}}},
      {evt::timer_paused{a_running_timer}, {{"type", "timer_paused"}, {"timer", a_running_timer_json}}},
      {evt::timer_resumed{a_running_timer}, {{"type", "timer_resumed"}, {"timer", a_running_timer_json}}},
      {evt::timer_extended{a_running_timer}, {{"type", "timer_extended"}, {"timer", a_running_timer_json}}},
      {evt::timer_reset{a_running_timer}, {{"type", "timer_reset"}, {"timer", a_running_timer_json}}},
      {evt::timer_expired{a_running_timer}, {{"type", "timer_expired"}, {"timer", a_running_timer_json}}},
      {evt::session_ended{a_running_timer}, {{"type", "session_ended"}, {"timer", a_running_timer_json}}},
  };
  for (const auto& [e, expected] : cases) {
    SCOPED_TRACE(event_type(e));
    EXPECT_EQ(json(e), expected);
    EXPECT_EQ(expected.get<event>(), e);
    EXPECT_EQ(event_type(e), expected.at("type").get<std::string>());
  }
}

TEST(EventJson, SessionCreatedCarriesTheWholeTemplate) {
  const auto e = created_event(1'763'850'000'000);
  const json j = event(e);

  EXPECT_EQ(j.at("type"), "session_created");
  EXPECT_EQ(j.at("session"), "K7M2Q9XP4TDA");
  EXPECT_EQ(j.at("title"), "Grade 7 triad");
  EXPECT_EQ(j.at("created_at"), 1'763'850'000'000);
  EXPECT_EQ(j.at("template").at("id"), "small");
  const auto& talk = j.at("template").at("phases").at(1);
  EXPECT_EQ(talk.at("id"), "talk");
  EXPECT_EQ(talk.at("title"), "Talk");
  EXPECT_EQ(talk.at("kind"), "discussion");
  EXPECT_EQ(talk.at("minutes"), 10);
  EXPECT_EQ(talk.at("prompts"), (json{"What did you notice?", "What did you wonder?"}));
  EXPECT_EQ(j.get<event>(), event(e));
}

TEST(EventJson, AnUnknownEventTypeThrows) {
  EXPECT_THROW((void)json({{"type", "item_added"}}).get<event>(), json::exception);
}

TEST(EventJson, AnEventMissingAFieldThrows) {
  EXPECT_THROW((void)json({{"type", "presence_changed"}, {"participant", "p2"}}).get<event>(), json::exception);
  EXPECT_THROW((void)json({{"type", "timer_started"}}).get<event>(), json::exception);
  EXPECT_THROW((void)json({{"participant", "p2"}}).get<event>(), json::exception);
}

TEST(StateJson, UsesTheDocumentedFieldNames) {
  const auto s = running_timer();
  const json j = s;

  EXPECT_EQ(j.at("session"), "K7M2Q9XP4TDA");
  EXPECT_EQ(j.at("title"), "Grade 7 triad");
  EXPECT_EQ(j.at("created_at"), 0);
  EXPECT_EQ(j.at("status"), "live");
  EXPECT_EQ(j.at("phase"), 0);
  EXPECT_EQ(j.at("timer"), (json{{"status", "running"},
                                 {"duration_ms", five_minutes},
                                 {"remaining_ms", five_minutes},
                                 {"ends_at", 301'000},
                                 {"used_ms", 0},
                                 {"since", 1000},
                                 {"zero_used_ms", 0}}));
  EXPECT_EQ(j.at("participants").size(), 4u);
  EXPECT_EQ(j.at("participants").at(1), (json{{"id", "p2"}, {"name", "Sam"}, {"role", "presenter"}, {"online", true}}));
  EXPECT_EQ(j.at("template"), json(small_template()));
}

TEST(StateJson, SpellsEveryStatusAsInTheProtocol) {
  EXPECT_EQ(json(new_session()).at("status"), "lobby");
  EXPECT_EQ(json(live_session()).at("status"), "live");
  EXPECT_EQ(json(ended_session()).at("status"), "ended");
  EXPECT_EQ(json(live_session()).at("timer").at("status"), "idle");
  EXPECT_EQ(json(given(running_timer(), cmd::timer_pause{}, facilitator, 2000)).at("timer").at("status"), "paused");
  EXPECT_EQ(json(given(running_timer(), cmd::expire_timer{}, newcomer, 301'000)).at("timer").at("status"), "expired");
}

TEST(StateJson, RoundTripsAtEveryStage) {
  for (const auto& s : {new_session(), lobby_with_everyone(), live_session(), running_timer(), ended_session()}) {
    EXPECT_EQ(json::parse(json(s).dump()).get<session_state>(), s);
  }
}

// Snapshots and events stored by a server from before used time was kept
// have timers without used_ms, since and zero_used_ms: they load, with nothing used.
TEST(StateJson, ASnapshotStoredWithoutUsedTimeLoads) {
  auto s = given(running_timer(), cmd::next_phase{}, facilitator, 61'000);
  s = given(s, cmd::timer_start{}, facilitator, 62'000);
  json old = s;
  for (auto* timer : {&old.at("timer"), &old.at("phase_timers").at("open")}) {
    timer->erase("used_ms");
    timer->erase("since");
    timer->erase("zero_used_ms");
  }

  const auto loaded = json::parse(old.dump()).get<session_state>();

  EXPECT_EQ(loaded.timer.status, timer_status::running);
  EXPECT_EQ(loaded.timer.ends_at, s.timer.ends_at);
  EXPECT_EQ(loaded.timer.used_ms, 0);
  EXPECT_EQ(loaded.timer.since, 0);
  EXPECT_EQ(loaded.phase_timers.at("open").remaining_ms, five_minutes - 60'000);
  EXPECT_EQ(loaded.phase_timers.at("open").used_ms, 0);
  // It goes on from there: a pause still works, counting nothing it cannot know.
  const auto paused = given(loaded, cmd::timer_pause{}, facilitator, 100'000);
  EXPECT_EQ(paused.timer.remaining_ms, ten_minutes - 38'000);
  EXPECT_EQ(paused.timer.used_ms, 0);
}

TEST(EventJson, AnEventStoredWithoutUsedTimeLoads) {
  const json old = {
      {"type", "timer_paused"},
      {"timer", {{"status", "paused"}, {"duration_ms", 600'000}, {"remaining_ms", 420'000}, {"ends_at", 0}}}};

  const auto e = old.get<event>();

  EXPECT_EQ(e, event(evt::timer_paused{{timer_status::paused, 600'000, 420'000, 0, 0, 0}}));
}

// Wire names live beside their types; the tables between names and
// alternatives are derived from the variants. Each name is unique and leads
// back to its own alternative.
template <class Variant>
void expect_names_lead_back() {
  std::set<std::string_view> seen;
  for (std::size_t i = 0; i < std::variant_size_v<Variant>; ++i) {
    const auto name = wire_names<Variant>[i];
    SCOPED_TRACE(std::string(name));
    EXPECT_FALSE(name.empty());
    EXPECT_TRUE(seen.insert(name).second) << "a second alternative is named " << name;
    const auto named = alternative_named<Variant>(name);
    ASSERT_TRUE(named.has_value());
    EXPECT_EQ(named->index(), i);
    EXPECT_EQ(wire_name_of(*named), name);
  }
  EXPECT_FALSE(alternative_named<Variant>("no_such_thing").has_value());
}

TEST(WireNames, EveryEventNameIsUniqueAndLeadsBackToItsType) { expect_names_lead_back<event>(); }

TEST(WireNames, EveryCommandNameIsUniqueAndLeadsBackToItsType) { expect_names_lead_back<command>(); }

TEST(WireNames, EveryEventRoundTripsThroughJsonUnderItsName) {
  for (const auto name : wire_names<event>) {
    SCOPED_TRACE(std::string(name));
    const auto e = *alternative_named<event>(name);
    const json j = e;
    EXPECT_EQ(j.at("type"), name);
    EXPECT_EQ(j.get<event>(), e);
  }
}

TEST(WireNames, EveryClientCommandIsReadUnderItsName) {
  const std::set<std::string_view> server_only = {cmd::connect::wire_name, cmd::disconnect::wire_name,
                                                  cmd::expire_timer::wire_name};
  for (const auto name : wire_names<command>) {
    SCOPED_TRACE(std::string(name));
    const auto parsed = parse_client_message(json{{"type", name}, {"id", "c1"}}.dump());
    if (server_only.contains(name)) {
      // Never accepted from a client: unknown on the wire.
      ASSERT_TRUE(std::holds_alternative<parse_error>(parsed));
      EXPECT_EQ(std::get<parse_error>(parsed).why.code, error_code::bad_message);
      continue;
    }
    if (const auto* refused = std::get_if<parse_error>(&parsed)) {
      // A reader exists: it got as far as the command's own fields.
      EXPECT_EQ(refused->command, name) << refused->why.message;
    } else {
      const auto& message = std::get<client_message>(parsed);
      ASSERT_TRUE(std::holds_alternative<client_command>(message));
      EXPECT_EQ(command_name(std::get<client_command>(message).command), name);
    }
  }
}

}  // namespace
}  // namespace debrief::protocol::test
