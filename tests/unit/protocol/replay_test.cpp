// The event log is the session: a realistic debrief run command by command
// must end in the same state as replaying its events, also after every event
// and the state went through JSON; and apply() never touches its input.

#include "test_support.hpp"

#include "debrief/protocol/templates.hpp"

namespace debrief::protocol::test {
namespace {

struct step {
  command c;
  sender from;
  millis now;
};

const sender maya{"p1"}, sam{"p2"}, ana{"p3"}, olu{"p4"}, kim{"p5"}, ana_again{"p6"};

// About 35 minutes of a learning-partnership debrief, with the slips real
// people make (some of which are refused).
std::vector<step> a_realistic_debrief() {
  constexpr millis t0 = 1'763'850'000'000;
  constexpr millis s = 1000;
  constexpr millis min = 60'000;
  return {
      {cmd::join{"  Maya  ", role::facilitator, true}, newcomer, t0 + 1 * s},
      {cmd::join{"Sam", role::presenter}, newcomer, t0 + 5 * s},
      {cmd::join{"Ana", role::colleague}, newcomer, t0 + 7 * s},
      {cmd::join{"Sam again", role::presenter}, newcomer, t0 + 8 * s},  // refused: one presenter
      {cmd::join{"Olu", role::observer}, newcomer, t0 + 9 * s},
      {cmd::start_session{}, sam, t0 + 10 * s},  // refused: only the facilitator
      {cmd::disconnect{}, ana, t0 + 11 * s},
      {cmd::connect{}, ana, t0 + 12 * s},
      {cmd::connect{}, ana, t0 + 13 * s},  // no change, no event
      {cmd::start_session{}, maya, t0 + 20 * s},
      {cmd::timer_start{}, maya, t0 + 21 * s},
      {cmd::timer_pause{}, maya, t0 + 21 * s + 90 * s},
      {cmd::timer_add{30}, maya, t0 + 21 * s + 95 * s},
      {cmd::timer_resume{}, maya, t0 + 21 * s + 120 * s},
      {cmd::expire_timer{}, newcomer, t0 + 21 * s + 150 * s},  // refused: not yet
      {cmd::expire_timer{}, newcomer, t0 + 21 * s + 240 * s},
      {cmd::timer_add{60}, maya, t0 + 5 * min},
      {cmd::next_phase{}, maya, t0 + 5 * min + 30 * s},
      {cmd::timer_start{}, maya, t0 + 6 * min},
      {cmd::join{"Kim", role::colleague}, newcomer, t0 + 7 * min},
      {cmd::timer_add{120}, maya, t0 + 8 * min},
      {cmd::disconnect{}, sam, t0 + 9 * min},
      {cmd::expire_timer{}, newcomer, t0 + 15 * min},
      {cmd::connect{}, sam, t0 + 15 * min + 5 * s},
      {cmd::go_to_phase{3}, maya, t0 + 16 * min},
      {cmd::timer_start{}, maya, t0 + 16 * min + 1 * s},
      {cmd::leave{}, ana, t0 + 17 * min},
      {cmd::join{"Ana", role::colleague}, newcomer, t0 + 17 * min + 10 * s},
      {cmd::previous_phase{}, maya, t0 + 18 * min},
      {cmd::timer_reset{}, maya, t0 + 18 * min + 2 * s},
      {cmd::timer_start{}, maya, t0 + 18 * min + 3 * s},
      {cmd::go_to_phase{7}, maya, t0 + 20 * min},
      {cmd::next_phase{}, maya, t0 + 20 * min + 1 * s},  // refused: last phase
      {cmd::timer_start{}, maya, t0 + 21 * min},
      {cmd::timer_pause{}, maya, t0 + 22 * min},
      {cmd::timer_reset{}, kim, t0 + 22 * min + 1 * s},  // refused: a colleague
      {cmd::timer_resume{}, maya, t0 + 23 * min},
      {cmd::disconnect{}, olu, t0 + 24 * min},
      {cmd::end_session{}, maya, t0 + 25 * min},
      {cmd::disconnect{}, ana_again, t0 + 25 * min + 1 * s},
      {cmd::leave{}, kim, t0 + 26 * min},
  };
}

struct run_result {
  session_state state;
  events log;
  int rejections = 0;
};

// Runs the script the way a room does: apply, then evolve every event.
run_result run(const std::vector<step>& script) {
  const auto* tmpl = find_builtin_template("learning-partnership");
  if (tmpl == nullptr) {
    ADD_FAILURE() << "no learning-partnership template";
    return {};
  }
  const auto created =
      std::get<evt::session_created>(create_session("K7M2Q9XP4TDA", "Grade 7 triad", *tmpl, 1'763'850'000'000));
  run_result r{evolve({}, created), {created}};
  for (const auto& st : script) {
    const auto before = r.state;
    const auto outcome = apply(r.state, st.c, st.from, st.now);
    EXPECT_EQ(r.state, before) << "apply changed its input on command " << st.c.index();
    if (std::holds_alternative<rejection>(outcome)) {
      ++r.rejections;
      continue;
    }
    for (const auto& e : std::get<events>(outcome)) {
      r.state = evolve(r.state, e);
      r.log.push_back(e);
    }
  }
  return r;
}

event through_json(const event& e) { return nlohmann::json::parse(nlohmann::json(e).dump()).get<event>(); }

TEST(Replay, TheScriptedDebriefRunsAsPeopleWouldExpect) {
  const auto r = run(a_realistic_debrief());

  EXPECT_EQ(r.rejections, 5);
  EXPECT_EQ(r.state.status, session_status::ended);
  EXPECT_EQ(r.state.phase, 7);
  EXPECT_EQ(r.state.timer.status, timer_status::paused);
  EXPECT_EQ(r.state.participants_ever_joined, 6);
  ASSERT_EQ(r.state.participants.size(), 4u);
  EXPECT_EQ(r.state.participants[0], (participant{"p1", "Maya", role::facilitator, true}));
  EXPECT_FALSE(r.state.find_participant("p4")->online);
  EXPECT_FALSE(r.state.find_participant("p6")->online);
  EXPECT_EQ(r.state.find_participant("p3"), nullptr);
  EXPECT_EQ(r.state.find_participant("p5"), nullptr);
  EXPECT_GT(r.log.size(), 30u);
}

TEST(Replay, ReplayingTheEventsFromAnEmptyStateRebuildsTheState) {
  const auto r = run(a_realistic_debrief());

  EXPECT_EQ(replay(r.log), r.state);
}

TEST(Replay, EveryEventSurvivesAJsonRoundTrip) {
  const auto r = run(a_realistic_debrief());
  for (std::size_t i = 0; i < r.log.size(); ++i) {
    SCOPED_TRACE("event " + std::to_string(i) + ": " + event_type(r.log[i]));
    EXPECT_EQ(through_json(r.log[i]), r.log[i]);
  }
}

TEST(Replay, ReplayingEventsThatWentThroughJsonRebuildsTheState) {
  const auto r = run(a_realistic_debrief());
  events from_the_wire;
  for (const auto& e : r.log) from_the_wire.push_back(through_json(e));

  EXPECT_EQ(replay(from_the_wire), r.state);
}

TEST(Replay, TheStateSurvivesAJsonRoundTrip) {
  const auto r = run(a_realistic_debrief());

  EXPECT_EQ(nlohmann::json::parse(nlohmann::json(r.state).dump()).get<session_state>(), r.state);
}

// What a restarted server does: the stored snapshot, then the events after it.
TEST(Replay, ASnapshotAtAnyPointPlusTheLaterEventsRebuildsTheState) {
  const auto r = run(a_realistic_debrief());
  for (std::size_t at = 1; at <= r.log.size(); ++at) {
    SCOPED_TRACE("snapshot after event " + std::to_string(at));
    const events head(r.log.begin(), r.log.begin() + static_cast<std::ptrdiff_t>(at));
    const events tail(r.log.begin() + static_cast<std::ptrdiff_t>(at), r.log.end());
    const auto snapshot = nlohmann::json::parse(nlohmann::json(replay(head)).dump()).get<session_state>();
    EXPECT_EQ(replay(tail, snapshot), r.state);
  }
}

TEST(Replay, SessionCreatedStartsAFreshStateWhateverCameBefore) {
  const auto r = run(a_realistic_debrief());

  EXPECT_EQ(evolve(r.state, created_event(7)), evolve({}, created_event(7)));
}

TEST(Apply, NeverChangesItsInputEvenWhenRejecting) {
  const std::vector<command> all = {cmd::join{"Kim", role::colleague},
                                    cmd::join{"", role::colleague},
                                    cmd::leave{},
                                    cmd::start_session{},
                                    cmd::next_phase{},
                                    cmd::previous_phase{},
                                    cmd::go_to_phase{1},
                                    cmd::go_to_phase{9},
                                    cmd::timer_start{},
                                    cmd::timer_pause{},
                                    cmd::timer_resume{},
                                    cmd::timer_add{60},
                                    cmd::timer_add{0},
                                    cmd::timer_reset{},
                                    cmd::end_session{},
                                    cmd::connect{},
                                    cmd::disconnect{},
                                    cmd::expire_timer{}};
  for (const auto& s : {new_session(), lobby_with_everyone(), live_session(), running_timer(), ended_session()}) {
    for (const auto& c : all) {
      for (const auto& who : {facilitator, presenter, newcomer, stranger}) {
        const auto copy = s;
        (void)apply(s, c, who, 400'000);
        EXPECT_EQ(s, copy) << "command " << c.index() << " from \"" << who.participant << "\"";
      }
    }
  }
}

}  // namespace
}  // namespace debrief::protocol::test
