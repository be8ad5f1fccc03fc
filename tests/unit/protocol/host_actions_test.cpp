// What an event's host does to a room: notices, and the room's own timer and
// phase commands applied as its facilitator's would be, each followed by a
// notice that tells the room what the host did.

#include "debrief/protocol/host.hpp"
#include "debrief/protocol/limits.hpp"
#include "test_support.hpp"

namespace debrief::protocol::test {
namespace {

using ::testing::ElementsAre;

std::string repeat(std::string_view piece, std::size_t times) {
  std::string out;
  for (std::size_t i = 0; i < times; ++i) out += piece;
  return out;
}

evt::notice_posted action_notice(std::string id, std::string text, millis time) {
  return {{std::move(id), notice_kind::action, std::move(text), time}};
}

// The events a facilitator's command gives in `s`.
events as_facilitator(const session_state& s, const command& c, millis now) {
  return events_of(apply(s, c, facilitator, now));
}

events with(events e, const event& last) {
  e.push_back(last);
  return e;
}

// Why an outcome was refused, or nothing if it was not.
std::string refusal_message(const outcome& o) {
  const auto* r = std::get_if<rejection>(&o);
  return r == nullptr ? "" : r->message;
}

session_state with_notices(session_state s, std::size_t count) {
  for (std::size_t i = 0; i < count; ++i) s = replay(events_of(apply_host(s, host_act::notice{"Hello"}, 0)), s);
  return s;
}

TEST(HostNotice, IsPostedToALobbyWithTheNextIdTrimmedAndTimed) {
  EXPECT_THAT(apply_host(lobby_with_everyone(), host_act::notice{"  Five minutes left \n"}, 9000),
              Gives(events{evt::notice_posted{{"n1", notice_kind::message, "Five minutes left", 9000}}}));
}

TEST(HostNotice, IsPostedToALiveRoom) {
  const auto s = running_timer();
  EXPECT_THAT(apply_host(s, host_act::notice{"Please come back at 10:30"}, 5000),
              Gives(events{evt::notice_posted{{"n1", notice_kind::message, "Please come back at 10:30", 5000}}}));
}

TEST(HostNotice, KeepsItsLinesButRefusesOtherControlCharacters) {
  EXPECT_THAT(apply_host(live_session(), host_act::notice{"Two things:\n- water\n- lunch"}, 0),
              Gives(events{evt::notice_posted{{"n1", notice_kind::message, "Two things:\n- water\n- lunch", 0}}}));
  EXPECT_THAT(apply_host(live_session(), host_act::notice{"bell\x07"}, 0), Rejects(error_code::invalid));
}

TEST(HostNotice, AnEmptyNoticeIsInvalid) {
  EXPECT_THAT(apply_host(live_session(), host_act::notice{""}, 0), Rejects(error_code::invalid));
  EXPECT_THAT(apply_host(live_session(), host_act::notice{" \n\t "}, 0), Rejects(error_code::invalid));
}

TEST(HostNotice, HoldsAtMostMaxNoticeCharsCountedInCharacters) {
  for (const auto* piece : {"a", "\u00e9", "\U0001F600"}) {
    SCOPED_TRACE(piece);
    const auto longest = repeat(piece, limits::max_notice_chars);
    EXPECT_THAT(apply_host(live_session(), host_act::notice{longest}, 0),
                Gives(events{evt::notice_posted{{"n1", notice_kind::message, longest, 0}}}));
    EXPECT_THAT(apply_host(live_session(), host_act::notice{longest + piece}, 0), Rejects(error_code::too_large));
  }
}

TEST(HostNotice, ARoomTakesMaxNoticesAndNoMore) {
  const auto almost_full = with_notices(live_session(), limits::max_notices - 1);
  ASSERT_EQ(almost_full.notices.size(), limits::max_notices - 1);

  const auto full = replay(events_of(apply_host(almost_full, host_act::notice{"The last"}, 0)), almost_full);
  EXPECT_EQ(full.notices.size(), limits::max_notices);
  EXPECT_EQ(full.notices.back().text, "The last");
  EXPECT_THAT(apply_host(full, host_act::notice{"One more"}, 0), Rejects(error_code::too_large));
  // An action says what it did with a notice: a full room refuses it too.
  EXPECT_THAT(apply_host(full, host_act::pause{}, 0), Rejects(error_code::too_large));
}

TEST(HostNotice, NoticesGoToAnEndedRoomNoMore) {
  EXPECT_THAT(apply_host(ended_session(), host_act::notice{"Thanks, everyone"}, 0), Rejects(error_code::conflict));
}

TEST(HostNotice, EvolvingKeepsNoticesOldestFirstAndCountsTheirIds) {
  const notice first{"n1", notice_kind::message, "First", 10};
  const notice second{"n2", notice_kind::action, "The event host paused the timer.", 20};
  const auto s = replay({evt::notice_posted{first}, evt::notice_posted{second}}, live_session());

  EXPECT_THAT(s.notices, ElementsAre(first, second));
  EXPECT_EQ(s.ids_issued, 2);
  // Ids are never reused: whatever comes next is numbered after the notices.
  EXPECT_THAT(apply_host(s, host_act::notice{"Third"}, 30),
              Gives(events{evt::notice_posted{{"n3", notice_kind::message, "Third", 30}}}));
}

TEST(HostNotice, TheSameNoticeAppliedTwiceIsKeptOnce) {
  const evt::notice_posted posted{{"n1", notice_kind::message, "Hello", 10}};
  const auto s = replay({posted, posted}, live_session());

  EXPECT_EQ(s.notices.size(), 1u);
}

TEST(HostNotice, TravelsAsJsonAndIsKeptInTheSnapshot) {
  const evt::notice_posted posted{{"n4", notice_kind::action, "The event host added 5 minutes.", 77}};
  const nlohmann::json j = event{posted};

  EXPECT_EQ(j, nlohmann::json::parse(R"({"type":"notice_posted","notice":{"id":"n4","kind":"action",
      "text":"The event host added 5 minutes.","time":77}})"));
  EXPECT_EQ(j.get<event>(), event{posted});
  const auto s = replay({posted}, live_session());
  EXPECT_EQ(nlohmann::json(s).at("notices"), nlohmann::json::array({j.at("notice")}));
  EXPECT_EQ(nlohmann::json(s).get<session_state>(), s);
}

TEST(HostNotice, ASnapshotStoredBeforeNoticesReadsAsNone) {
  auto stored = nlohmann::json(live_session());
  stored.erase("notices");

  EXPECT_TRUE(stored.get<session_state>().notices.empty());
  EXPECT_EQ(stored.get<session_state>(), live_session());
}

TEST(HostStart, StartsALobbyRoomAndItsTimerAsItsFacilitatorWould) {
  const auto s = lobby_with_everyone();
  auto expected = as_facilitator(s, cmd::start_session{}, 5000);
  const auto started = replay(expected, s);
  for (auto& e : as_facilitator(started, cmd::timer_start{}, 5000)) expected.push_back(e);

  EXPECT_THAT(apply_host(s, host_act::start{}, 5000),
              Gives(with(expected, action_notice("n1", "The event host started the session.", 5000))));
  const auto after = replay(events_of(apply_host(s, host_act::start{}, 5000)), s);
  EXPECT_EQ(after.status, session_status::live);
  EXPECT_EQ(after.timer.status, timer_status::running);
}

TEST(HostStart, StartsTheIdleTimerOfALiveRoom) {
  const auto s = live_session();
  EXPECT_THAT(apply_host(s, host_act::start{}, 7000),
              Gives(with(as_facilitator(s, cmd::timer_start{}, 7000),
                         action_notice("n1", "The event host started the timer.", 7000))));
}

TEST(HostStart, ARoomWhoseTimerRunsIsPausedOrRanOutIsAlreadyStarted) {
  const auto running = running_timer();
  const auto paused = given(running, cmd::timer_pause{}, facilitator, 2000);
  const auto expired = given(running, cmd::expire_timer{}, {}, 1000 + five_minutes);

  for (const auto& s : {running, paused, expired}) {
    const auto result = apply_host(s, host_act::start{}, 400'000);
    EXPECT_THAT(result, Rejects(error_code::conflict));
    EXPECT_EQ(refusal_message(result), "Already started.");
  }
}

TEST(HostTimer, PausesARunningTimer) {
  const auto s = running_timer();
  EXPECT_THAT(apply_host(s, host_act::pause{}, 61'000),
              Gives(with(as_facilitator(s, cmd::timer_pause{}, 61'000),
                         action_notice("n1", "The event host paused the timer.", 61'000))));
  EXPECT_THAT(apply_host(live_session(), host_act::pause{}, 0), Rejects(error_code::conflict));
}

TEST(HostTimer, ResumesAPausedTimer) {
  const auto s = given(running_timer(), cmd::timer_pause{}, facilitator, 61'000);
  EXPECT_THAT(apply_host(s, host_act::resume{}, 90'000),
              Gives(with(as_facilitator(s, cmd::timer_resume{}, 90'000),
                         action_notice("n1", "The event host resumed the timer.", 90'000))));
  EXPECT_THAT(apply_host(running_timer(), host_act::resume{}, 0), Rejects(error_code::conflict));
}

TEST(HostTimer, AddsTimeAndSaysHowMuchInMinutesOrSeconds) {
  const auto s = running_timer();
  const std::pair<int, std::string> cases[] = {
      {300, "5 minutes"}, {60, "1 minute"}, {90, "90 seconds"}, {1, "1 second"}, {3600, "60 minutes"}};
  for (const auto& [seconds, said] : cases) {
    SCOPED_TRACE(seconds);
    EXPECT_THAT(apply_host(s, host_act::add_time{seconds}, 2000),
                Gives(with(as_facilitator(s, cmd::timer_add{seconds}, 2000),
                           action_notice("n1", "The event host added " + said + ".", 2000))));
  }
}

TEST(HostTimer, AddsTimeWithinTimerAddsLimits) {
  const auto s = running_timer();
  EXPECT_THAT(apply_host(s, host_act::add_time{limits::min_timer_add_seconds - 1}, 0), Rejects(error_code::invalid));
  EXPECT_THAT(apply_host(s, host_act::add_time{limits::max_timer_add_seconds + 1}, 0), Rejects(error_code::invalid));
}

TEST(HostPhase, MovesTheRoomToAPhaseByItsIdKeepingTheTimerLeft) {
  const auto s = running_timer();
  const auto moved = apply_host(s, host_act::go_to_phase{"close"}, 61'000);

  EXPECT_THAT(moved, Gives(with(as_facilitator(s, cmd::go_to_phase{2}, 61'000),
                                action_notice("n1", "The event host moved the room to Close.", 61'000))));
  const auto after = replay(events_of(moved), s);
  EXPECT_EQ(after.phase, 2);
  EXPECT_TRUE(after.phase_timers.contains("open"));
}

TEST(HostPhase, ARoomWithoutThePhaseIsNotFoundAndTheCurrentPhaseIsAConflict) {
  const auto s = live_session();
  const auto missing = apply_host(s, host_act::go_to_phase{"lunch"}, 0);
  EXPECT_THAT(missing, Rejects(error_code::not_found));
  EXPECT_EQ(refusal_message(missing), "This room has no phase \"lunch\".");
  EXPECT_THAT(apply_host(s, host_act::go_to_phase{"open"}, 0), Rejects(error_code::conflict));
}

TEST(HostActions, NothingButStartAndNoticesWorksInTheLobby) {
  const auto s = lobby_with_everyone();
  const host_action refused[] = {host_act::pause{}, host_act::resume{}, host_act::add_time{60},
                                 host_act::go_to_phase{"talk"}};
  for (const auto& a : refused) {
    const auto result = apply_host(s, a, 0);
    EXPECT_THAT(result, Rejects(error_code::conflict));
    EXPECT_EQ(refusal_message(result), "This room has not started.");
  }
}

TEST(HostActions, NothingWorksInAnEndedRoom) {
  const auto s = ended_session();
  const host_action all[] = {host_act::notice{"Hi"}, host_act::start{},      host_act::pause{},
                             host_act::resume{},     host_act::add_time{60}, host_act::go_to_phase{"talk"}};
  for (const auto& a : all) {
    const auto result = apply_host(s, a, 0);
    EXPECT_THAT(result, Rejects(error_code::conflict));
    EXPECT_EQ(refusal_message(result), "This room has ended.");
  }
}

TEST(HostActions, TheActionsNoticeTakesTheNextIdAfterTheRoomsOwn) {
  auto s = given(live_session(), cmd::go_to_phase{1}, facilitator);
  s = given(s, cmd::entry_add{"A note", -1}, colleague);  // e1
  s = replay({evt::notice_posted{{"n2", notice_kind::message, "Hello", 1}}}, s);

  const auto paused = events_of(apply_host(given(s, cmd::timer_start{}, facilitator, 10), host_act::pause{}, 20));
  ASSERT_FALSE(paused.empty());
  EXPECT_EQ(std::get<evt::notice_posted>(paused.back()).notice.id, "n3");
}

TEST(HostActions, ReplayingWhatAHostDidRebuildsTheRoom) {
  auto s = lobby_with_everyone();
  events log;
  const std::pair<host_action, millis> steps[] = {
      {host_act::notice{"Welcome"}, 1000}, {host_act::start{}, 2000},  {host_act::add_time{120}, 3000},
      {host_act::pause{}, 4000},           {host_act::resume{}, 5000}, {host_act::go_to_phase{"talk"}, 6000}};
  for (const auto& [a, now] : steps) {
    const auto e = events_of(apply_host(s, a, now));
    log.insert(log.end(), e.begin(), e.end());
    s = replay(e, s);
  }

  EXPECT_EQ(replay(log, lobby_with_everyone()), s);
  EXPECT_EQ(s.notices.size(), 6u);
  EXPECT_EQ(s.notices.back().text, "The event host moved the room to Talk.");
  EXPECT_EQ(s.phase, 1);
}

// The body of a host's action request, as the server reads it.
template <class Action>
Action parsed_as(const char* body) {
  auto parsed = parse_host_action(nlohmann::json::parse(body));
  if (auto* r = std::get_if<rejection>(&parsed)) {
    ADD_FAILURE() << body << ": " << r->message;
    return {};
  }
  const auto* a = std::get_if<Action>(&std::get<host_action>(parsed));
  if (a == nullptr) ADD_FAILURE() << body << " read as another action";
  return a ? *a : Action{};
}

rejection refusal_of(const char* body) {
  auto parsed = parse_host_action(nlohmann::json::parse(body));
  if (auto* r = std::get_if<rejection>(&parsed)) return *r;
  ADD_FAILURE() << body << " was accepted";
  return {};
}

TEST(HostActionWire, ReadsEveryAction) {
  EXPECT_EQ(parsed_as<host_act::notice>(R"({"action":"notice","text":"Five minutes left"})").text, "Five minutes left");
  parsed_as<host_act::start>(R"({"action":"start"})");
  parsed_as<host_act::pause>(R"({"action":"pause","rooms":["K7M2Q9XP4TDA"]})");
  parsed_as<host_act::resume>(R"({"action":"resume"})");
  EXPECT_EQ(parsed_as<host_act::add_time>(R"({"action":"add_time","seconds":300})").seconds, 300);
  EXPECT_EQ(parsed_as<host_act::go_to_phase>(R"({"action":"go_to_phase","phase":"talk"})").phase, "talk");
}

TEST(HostActionWire, AnUnknownOrMissingActionIsInvalidNamingIt) {
  for (const auto* body : {R"({"action":"end"})", R"({"action":7})", R"({})"}) {
    SCOPED_TRACE(body);
    const auto r = refusal_of(body);
    EXPECT_EQ(r.code, error_code::invalid);
    EXPECT_NE(r.message.find("/action"), std::string::npos) << r.message;
  }
  EXPECT_EQ(refusal_of(R"(["pause"])").code, error_code::invalid);
}

TEST(HostActionWire, AMissingOrMistypedFieldIsInvalidNamingIt) {
  const std::pair<const char*, const char*> cases[] = {
      {R"({"action":"notice"})", "/text"},
      {R"({"action":"notice","text":5})", "/text"},
      {R"({"action":"add_time"})", "/seconds"},
      {R"({"action":"add_time","seconds":"60"})", "/seconds"},
      {R"({"action":"add_time","seconds":1.5})", "/seconds"},
      {R"({"action":"go_to_phase"})", "/phase"},
      {R"({"action":"go_to_phase","phase":""})", "/phase"},
      {R"({"action":"go_to_phase","phase":2})", "/phase"},
  };
  for (const auto& [body, field] : cases) {
    SCOPED_TRACE(body);
    const auto r = refusal_of(body);
    EXPECT_EQ(r.code, error_code::invalid);
    EXPECT_NE(r.message.find(field), std::string::npos) << r.message;
  }
}

TEST(HostActionWire, SecondsToAddAreReadWithinTimerAddsLimits) {
  EXPECT_EQ(parsed_as<host_act::add_time>(R"({"action":"add_time","seconds":1})").seconds,
            limits::min_timer_add_seconds);
  EXPECT_EQ(parsed_as<host_act::add_time>(R"({"action":"add_time","seconds":3600})").seconds,
            limits::max_timer_add_seconds);
  for (const auto* body : {R"({"action":"add_time","seconds":0})", R"({"action":"add_time","seconds":3601})",
                           R"({"action":"add_time","seconds":18446744073709551615})"}) {
    SCOPED_TRACE(body);
    EXPECT_EQ(refusal_of(body).code, error_code::invalid);
  }
}

}  // namespace
}  // namespace debrief::protocol::test
