// The JSON forms of events and state are the wire format of PROTOCOL.md:
// field names, enum spellings, and a refusal of what is not an event.

#include "test_support.hpp"

namespace debrief::protocol::test {
namespace {

using json = nlohmann::json;

const timer_state a_running_timer{timer_status::running, 600'000, 600'000, 1'763'850'600'000};
const json a_running_timer_json = {
    {"status", "running"}, {"duration_ms", 600'000}, {"remaining_ms", 600'000}, {"ends_at", 1'763'850'600'000}};

TEST(EventJson, EachEventHasItsTypeAndDocumentedFields) {
  const participant maya{"p1", "Maya", role::facilitator, true};
  const json maya_json = {{"id", "p1"}, {"name", "Maya"}, {"role", "facilitator"}, {"online", true}};
  const std::vector<std::pair<event, json>> cases = {
      {evt::participant_joined{maya}, {{"type", "participant_joined"}, {"participant", maya_json}}},
      {evt::participant_left{"p3"}, {{"type", "participant_left"}, {"participant", "p3"}}},
      {evt::presence_changed{"p2", false}, {{"type", "presence_changed"}, {"participant", "p2"}, {"online", false}}},
      {evt::session_started{0, a_running_timer},
       {{"type", "session_started"}, {"phase", 0}, {"timer", a_running_timer_json}}},
      {evt::phase_changed{3, a_running_timer}, {{"type", "phase_changed"}, {"phase", 3}, {"timer", a_running_timer_json}}},
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
  EXPECT_EQ(j.at("timer"),
            (json{{"status", "running"}, {"duration_ms", five_minutes}, {"remaining_ms", five_minutes}, {"ends_at", 301'000}}));
  EXPECT_EQ(j.at("participants").size(), 4u);
  EXPECT_EQ(j.at("participants").at(1),
            (json{{"id", "p2"}, {"name", "Sam"}, {"role", "presenter"}, {"online", true}}));
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

}  // namespace
}  // namespace debrief::protocol::test
