// Client messages on the wire: every malformed input gets its stable error
// code (and the command id when it could be read); good input becomes the
// typed message.

#include "test_support.hpp"

#include "debrief/protocol/wire.hpp"

namespace debrief::protocol::test {
namespace {

using json = nlohmann::json;

struct refused_message {
  std::string what;
  std::string text;
  error_code code;
  std::string id;  // expected in the parse_error; empty when unreadable
};

void PrintTo(const refused_message& m, std::ostream* os) { *os << m.what; }

class ParseClientMessageRefuses : public ::testing::TestWithParam<refused_message> {};

TEST_P(ParseClientMessageRefuses, WithTheStableCodeAndTheCommandId) {
  const auto parsed = parse_client_message(GetParam().text);

  ASSERT_TRUE(std::holds_alternative<parse_error>(parsed)) << GetParam().text;
  const auto& error = std::get<parse_error>(parsed);
  EXPECT_EQ(to_string(error.why.code), to_string(GetParam().code));
  EXPECT_FALSE(error.why.message.empty());
  EXPECT_EQ(error.id, GetParam().id);
}

const std::string id65(65, 'c');

INSTANTIATE_TEST_SUITE_P(
    EachMalformedInput, ParseClientMessageRefuses,
    ::testing::Values(
        // Not JSON at all.
        refused_message{"Empty", "", error_code::bad_message, ""},
        refused_message{"PlainText", "hello server", error_code::bad_message, ""},
        refused_message{"TruncatedJson", R"({"type":"timer_start","id":"c1")", error_code::bad_message, ""},
        refused_message{"TrailingGarbage", R"({"type":"timer_start","id":"c1"} x)", error_code::bad_message, ""},
        refused_message{"TwoObjects", R"({"type":"ping"}{"type":"ping"})", error_code::bad_message, ""},
        // Invalid UTF-8 bytes inside a string, and escapes that are no character.
        refused_message{"InvalidUtf8Byte",
                        "{\"type\":\"join\",\"id\":\"c1\",\"client_secret\":\"0123456789abcdef0123456789abcdef\","
                        "\"name\":\"A\xff\",\"role\":\"observer\"}",
                        error_code::bad_message, ""},
        refused_message{"OverlongUtf8",
                        "{\"type\":\"join\",\"id\":\"c1\",\"client_secret\":\"0123456789abcdef0123456789abcdef\","
                        "\"name\":\"\xc0\xaf\",\"role\":\"observer\"}",
                        error_code::bad_message, ""},
        refused_message{"Utf8Surrogate",
                        "{\"type\":\"join\",\"id\":\"c1\",\"client_secret\":\"0123456789abcdef0123456789abcdef\","
                        "\"name\":\"\xed\xa0\x80\",\"role\":\"observer\"}",
                        error_code::bad_message, ""},
        refused_message{"TruncatedUtf8",
                        "{\"type\":\"join\",\"id\":\"c1\",\"client_secret\":\"0123456789abcdef0123456789abcdef\","
                        "\"name\":\"\xe2\x82\",\"role\":\"observer\"}",
                        error_code::bad_message, ""},
        refused_message{
            "LoneSurrogateEscape",
            R"({"type":"join","id":"c1","client_secret":"0123456789abcdef0123456789abcdef","name":"\ud800","role":"observer"})",
            error_code::bad_message, ""},
        // JSON, but not an object.
        refused_message{"Array", R"([{"type":"ping"}])", error_code::bad_message, ""},
        refused_message{"Number", "42", error_code::bad_message, ""},
        refused_message{"String", R"("ping")", error_code::bad_message, ""},
        refused_message{"Null", "null", error_code::bad_message, ""},
        // No usable type.
        refused_message{"MissingType", R"({"id":"c1"})", error_code::bad_message, ""},
        refused_message{"NumericType", R"({"type":7,"id":"c1"})", error_code::bad_message, ""},
        refused_message{"NullType", R"({"type":null,"id":"c1"})", error_code::bad_message, ""},
        refused_message{"UnknownType", R"({"type":"dance","id":"c1"})", error_code::bad_message, "c1"},
        refused_message{"TypeInOtherCase", R"({"type":"Timer_Start","id":"c1"})", error_code::bad_message, "c1"},
        refused_message{"UnknownTypeWithOverlongId", R"({"type":"dance","id":")" + id65 + R"("})",
                        error_code::bad_message, ""},
        // Commands only the server issues.
        refused_message{"ServerOnlyExpireTimer", R"({"type":"expire_timer","id":"c1"})", error_code::bad_message, "c1"},
        refused_message{"ServerOnlyConnect", R"({"type":"connect","id":"c1"})", error_code::bad_message, "c1"},
        refused_message{"ServerOnlyDisconnect", R"({"type":"disconnect","id":"c1"})", error_code::bad_message, "c1"},
        // The command id.
        refused_message{"CommandWithoutId", R"({"type":"timer_start"})", error_code::invalid, ""},
        refused_message{"CommandWithEmptyId", R"({"type":"timer_start","id":""})", error_code::invalid, ""},
        refused_message{"CommandWithNumericId", R"({"type":"timer_start","id":17})", error_code::invalid, ""},
        refused_message{"CommandIdOf65Characters", R"({"type":"timer_start","id":")" + id65 + R"("})",
                        error_code::invalid, ""},
        // join.
        refused_message{
            "JoinWithoutName",
            R"({"type":"join","id":"c1","client_secret":"0123456789abcdef0123456789abcdef","role":"observer"})",
            error_code::invalid, "c1"},
        refused_message{
            "JoinWithNumericName",
            R"({"type":"join","id":"c1","client_secret":"0123456789abcdef0123456789abcdef","name":42,"role":"observer"})",
            error_code::invalid, "c1"},
        refused_message{
            "JoinWithNullName",
            R"({"type":"join","id":"c1","client_secret":"0123456789abcdef0123456789abcdef","name":null,"role":"observer"})",
            error_code::invalid, "c1"},
        refused_message{"JoinWithoutRole",
                        R"({"type":"join","id":"c1","client_secret":"0123456789abcdef0123456789abcdef","name":"Ana"})",
                        error_code::invalid, "c1"},
        refused_message{
            "JoinWithUnknownRole",
            R"({"type":"join","id":"c1","client_secret":"0123456789abcdef0123456789abcdef","name":"Ana","role":"teacher"})",
            error_code::invalid, "c1"},
        refused_message{
            "JoinWithNumericRole",
            R"({"type":"join","id":"c1","client_secret":"0123456789abcdef0123456789abcdef","name":"Ana","role":2})",
            error_code::invalid, "c1"},
        refused_message{
            "JoinWithNumericKey",
            R"({"type":"join","id":"c1","client_secret":"0123456789abcdef0123456789abcdef","name":"Ana","role":"facilitator","facilitator_key":1234})",
            error_code::invalid, "c1"},
        // timer_add seconds.
        refused_message{"TimerAddZero", R"({"type":"timer_add","id":"c2","seconds":0})", error_code::invalid, "c2"},
        refused_message{"TimerAdd3601", R"({"type":"timer_add","id":"c2","seconds":3601})", error_code::invalid, "c2"},
        refused_message{"TimerAddHuge", R"({"type":"timer_add","id":"c2","seconds":1e30})", error_code::invalid, "c2"},
        refused_message{"TimerAddNegative", R"({"type":"timer_add","id":"c2","seconds":-5})", error_code::invalid,
                        "c2"},
        refused_message{"TimerAddString", R"({"type":"timer_add","id":"c2","seconds":"60"})", error_code::invalid,
                        "c2"},
        refused_message{"TimerAddFraction", R"({"type":"timer_add","id":"c2","seconds":2.5})", error_code::invalid,
                        "c2"},
        refused_message{"TimerAddNull", R"({"type":"timer_add","id":"c2","seconds":null})", error_code::invalid, "c2"},
        refused_message{"TimerAddBeyondInt64", R"({"type":"timer_add","id":"c2","seconds":18446744073709551615})",
                        error_code::invalid, "c2"},
        // go_to_phase.
        refused_message{"GoToPhaseWithoutPhase", R"({"type":"go_to_phase","id":"c3"})", error_code::invalid, "c3"},
        refused_message{"GoToPhaseString", R"({"type":"go_to_phase","id":"c3","phase":"2"})", error_code::invalid,
                        "c3"},
        refused_message{"GoToPhaseNegative", R"({"type":"go_to_phase","id":"c3","phase":-1})", error_code::invalid,
                        "c3"},
        refused_message{"GoToPhaseFraction", R"({"type":"go_to_phase","id":"c3","phase":1.5})", error_code::invalid,
                        "c3"},
        // hello.
        refused_message{"HelloWithoutSession", R"({"type":"hello","version":1})", error_code::invalid, ""},
        refused_message{"HelloWithNumericSession", R"({"type":"hello","version":1,"session":12})", error_code::invalid,
                        ""},
        refused_message{"HelloWithStringVersion", R"({"type":"hello","version":"1","session":"K7M2Q9XP4TDA"})",
                        error_code::invalid, ""},
        refused_message{"HelloWithNumericToken", R"({"type":"hello","version":1,"session":"K7M2Q9XP4TDA","token":5})",
                        error_code::invalid, ""},
        refused_message{"HelloWithNegativeLastSeq",
                        R"({"type":"hello","version":1,"session":"K7M2Q9XP4TDA","last_seq":-1})", error_code::invalid,
                        ""},
        refused_message{"HelloWithStringLastSeq",
                        R"({"type":"hello","version":1,"session":"K7M2Q9XP4TDA","last_seq":"41"})", error_code::invalid,
                        ""}),
    [](const auto& info) { return info.param.what; });

client_command command_of(std::string_view text) {
  const auto parsed = parse_client_message(text);
  if (const auto* e = std::get_if<parse_error>(&parsed)) {
    ADD_FAILURE() << "refused " << text << ": " << to_string(e->why.code) << " " << e->why.message;
    return {};
  }
  const auto* c = std::get_if<client_command>(&std::get<client_message>(parsed));
  if (c == nullptr) {
    ADD_FAILURE() << "not a command: " << text;
    return {};
  }
  return *c;
}

TEST(ParseClientMessage, EveryCommandWithoutFieldsBecomesItsCommand) {
  const std::vector<std::pair<std::string, std::size_t>> expected = {
      {"leave", command(cmd::leave{}).index()},
      {"start_session", command(cmd::start_session{}).index()},
      {"next_phase", command(cmd::next_phase{}).index()},
      {"previous_phase", command(cmd::previous_phase{}).index()},
      {"timer_start", command(cmd::timer_start{}).index()},
      {"timer_pause", command(cmd::timer_pause{}).index()},
      {"timer_resume", command(cmd::timer_resume{}).index()},
      {"timer_reset", command(cmd::timer_reset{}).index()},
      {"end_session", command(cmd::end_session{}).index()},
  };
  for (const auto& [type, index] : expected) {
    SCOPED_TRACE(type);
    const auto c = command_of(json{{"type", type}, {"id", "c-" + type}}.dump());
    EXPECT_EQ(c.id, "c-" + type);
    EXPECT_EQ(c.command.index(), index);
    EXPECT_EQ(c.facilitator_key, "");
  }
}

TEST(ParseClientMessage, JoinCarriesNameRoleAndKeyButNeverAValidKey) {
  const auto c = command_of(
      R"({"type":"join","id":"c1","client_secret":"0123456789abcdef0123456789abcdef","name":" Maya ","role":"facilitator","facilitator_key":"abc"})");

  EXPECT_EQ(c.id, "c1");
  EXPECT_EQ(c.facilitator_key, "abc");
  ASSERT_TRUE(std::holds_alternative<cmd::join>(c.command));
  const auto& join = std::get<cmd::join>(c.command);
  EXPECT_EQ(join.name, " Maya ");  // trimming is the core's business
  EXPECT_EQ(join.role, role::facilitator);
  EXPECT_FALSE(join.facilitator_key_valid);
}

TEST(ParseClientMessage, JoinWithoutAKeyHasAnEmptyKey) {
  for (const auto* r : {"presenter", "colleague", "observer"}) {
    SCOPED_TRACE(r);
    const auto c = command_of(json{
        {"type", "join"},
        {"id", "c1"},
        {"client_secret", "0123456789abcdef0123456789abcdef"},
        {"name", "Ana"},
        {"role", r}}.dump());
    ASSERT_TRUE(std::holds_alternative<cmd::join>(c.command));
    EXPECT_EQ(json(std::get<cmd::join>(c.command).role), json(r));
    EXPECT_EQ(c.facilitator_key, "");
  }
}

TEST(ParseClientMessage, TimerAddDefaultsToSixtySeconds) {
  const auto c = command_of(R"({"type":"timer_add","id":"c2"})");

  ASSERT_TRUE(std::holds_alternative<cmd::timer_add>(c.command));
  EXPECT_EQ(std::get<cmd::timer_add>(c.command).seconds, 60);
}

TEST(ParseClientMessage, TimerAddTakesOneSecondToAnHour) {
  for (int seconds : {1, 90, 3600}) {
    const auto c = command_of(json{{"type", "timer_add"}, {"id", "c2"}, {"seconds", seconds}}.dump());
    ASSERT_TRUE(std::holds_alternative<cmd::timer_add>(c.command));
    EXPECT_EQ(std::get<cmd::timer_add>(c.command).seconds, seconds);
  }
}

TEST(ParseClientMessage, GoToPhaseCarriesTheIndex) {
  const auto c = command_of(R"({"type":"go_to_phase","id":"c3","phase":2})");

  ASSERT_TRUE(std::holds_alternative<cmd::go_to_phase>(c.command));
  EXPECT_EQ(std::get<cmd::go_to_phase>(c.command).phase, 2);
}

TEST(ParseClientMessage, ACommandIdOf64CharactersIsAccepted) {
  const std::string id(64, 'x');

  EXPECT_EQ(command_of(json{{"type", "timer_start"}, {"id", id}}.dump()).id, id);
}

// PROTOCOL.md: an id is 1–64 *characters*; names and titles count code
// points, and so should ids.
TEST(ParseClientMessage, CommandIdLengthCountsCharactersNotBytes) {
  std::string id;
  for (int i = 0; i < 64; ++i) id += "\u00e9";  // 64 characters, 128 bytes

  const auto parsed = parse_client_message(json{{"type", "timer_start"}, {"id", id}}.dump());
  ASSERT_TRUE(std::holds_alternative<client_message>(parsed))
      << to_string(std::get<parse_error>(parsed).why.code) << ": " << std::get<parse_error>(parsed).why.message;
  EXPECT_EQ(std::get<client_command>(std::get<client_message>(parsed)).id, id);
}

TEST(ParseClientMessage, UnknownExtraFieldsAreIgnored) {
  const auto c = command_of(R"({"type":"timer_pause","id":"c4","future":{"x":[1,2]}})");

  EXPECT_TRUE(std::holds_alternative<cmd::timer_pause>(c.command));
}

TEST(ParseClientMessage, HelloWithoutTokenOrLastSeq) {
  const auto parsed = parse_client_message(R"({"type":"hello","version":1,"session":"K7M2Q9XP4TDA"})");

  ASSERT_TRUE(std::holds_alternative<client_message>(parsed));
  const auto* h = std::get_if<hello>(&std::get<client_message>(parsed));
  ASSERT_NE(h, nullptr);
  EXPECT_EQ(h->version, 1);
  EXPECT_EQ(h->session, "K7M2Q9XP4TDA");
  EXPECT_EQ(h->token, std::nullopt);
  EXPECT_EQ(h->last_seq, std::nullopt);
}

TEST(ParseClientMessage, HelloWithTokenAndLastSeq) {
  const auto parsed =
      parse_client_message(R"({"type":"hello","version":1,"session":"K7M2Q9XP4TDA","token":"t0k3n","last_seq":41})");

  ASSERT_TRUE(std::holds_alternative<client_message>(parsed));
  const auto* h = std::get_if<hello>(&std::get<client_message>(parsed));
  ASSERT_NE(h, nullptr);
  EXPECT_EQ(h->token, std::optional<std::string>("t0k3n"));
  EXPECT_EQ(h->last_seq, std::optional<std::int64_t>(41));
}

TEST(ParseClientMessage, HelloKeepsAVersionTheServerDoesNotSpeakForTheShellToRefuse) {
  const auto parsed = parse_client_message(R"({"type":"hello","version":2,"session":"K7M2Q9XP4TDA","last_seq":0})");

  ASSERT_TRUE(std::holds_alternative<client_message>(parsed));
  const auto* h = std::get_if<hello>(&std::get<client_message>(parsed));
  ASSERT_NE(h, nullptr);
  EXPECT_EQ(h->version, 2);
  EXPECT_EQ(h->last_seq, std::optional<std::int64_t>(0));
}

TEST(ParseClientMessage, PingEchoesTUntouched) {
  for (const auto& t : {json(1763850000123), json(1.5), json("abc"), json{{"nested", {1, 2}}}}) {
    SCOPED_TRACE(t.dump());
    const auto parsed = parse_client_message(json{{"type", "ping"}, {"t", t}}.dump());
    ASSERT_TRUE(std::holds_alternative<client_message>(parsed));
    const auto* p = std::get_if<ping>(&std::get<client_message>(parsed));
    ASSERT_NE(p, nullptr);
    EXPECT_EQ(p->t, t);
    EXPECT_EQ(pong_message(p->t, 99), (json{{"type", "pong"}, {"t", t}, {"server_time", 99}}));
  }
}

TEST(ParseClientMessage, PingWithoutTEchoesNull) {
  const auto parsed = parse_client_message(R"({"type":"ping"})");

  ASSERT_TRUE(std::holds_alternative<client_message>(parsed));
  const auto* p = std::get_if<ping>(&std::get<client_message>(parsed));
  ASSERT_NE(p, nullptr);
  EXPECT_TRUE(p->t.is_null());
}

TEST(ParseClientMessage, DeepNestingIsRefusedWithoutCrashing) {
  // A 64 KiB frame can nest 32768 levels deep.
  const std::string deep = std::string(32'768, '[') + std::string(32'768, ']');
  const auto parsed = parse_client_message(deep);

  ASSERT_TRUE(std::holds_alternative<parse_error>(parsed));
  EXPECT_EQ(std::get<parse_error>(parsed).why.code, error_code::bad_message);
}

TEST(ServerMessages, WelcomeNamesTheParticipantOrNull) {
  EXPECT_EQ(welcome_message("K7", 1000, "p2"),
            (json{{"type", "welcome"}, {"version", 2}, {"session", "K7"}, {"server_time", 1000}, {"you", "p2"}}));
  EXPECT_EQ(welcome_message("K7", 1000, ""),
            (json{{"type", "welcome"}, {"version", 2}, {"session", "K7"}, {"server_time", 1000}, {"you", nullptr}}));
}

TEST(ServerMessages, SnapshotEventAndAckHaveTheDocumentedShape) {
  EXPECT_EQ(snapshot_message(41, 1000, json{{"x", 1}}),
            (json{{"type", "snapshot"}, {"seq", 41}, {"server_time", 1000}, {"state", {{"x", 1}}}}));
  EXPECT_EQ(event_message(42, 1234, json{{"type", "session_ended"}}),
            (json{{"type", "event"}, {"seq", 42}, {"time", 1234}, {"event", {{"type", "session_ended"}}}}));
  EXPECT_EQ(ack_message("c17", 43), (json{{"type", "ack"}, {"id", "c17"}, {"seq", 43}}));
}

TEST(ServerMessages, AnEventMessageBuiltAroundStoredTextIsByteForByteTheJsonOne) {
  const json events[] = {
      {{"type", "session_ended"}},
      {{"type", "timer_started"}, {"timer", {{"status", "running"}, {"ends_at", 1763850181000}}}},
      {{"type", "entry_saved"}, {"entry", {{"text", "Quote \"this\" and caf\u00e9 \u2014 ok"}, {"id", "e1"}}}},
  };
  for (const auto& e : events) {
    for (const std::int64_t seq : {std::int64_t{1}, std::int64_t{42}, std::int64_t{9'007'199'254'740'993}}) {
      EXPECT_EQ(event_message_text(seq, 1'763'850'000'123, e.dump()), event_message(seq, 1'763'850'000'123, e).dump());
    }
  }
  EXPECT_EQ(event_message_text(3, -5, "{}"), event_message(3, -5, json::object()).dump());
}

TEST(ServerMessages, AnErrorCarriesTheIdOnlyWhenItAnswersACommand) {
  const rejection why{error_code::forbidden, "Only the facilitator can run the timer."};

  EXPECT_EQ(error_message(why, "c17"),
            (json{{"type", "error"}, {"id", "c17"}, {"code", "forbidden"}, {"message", why.message}}));
  EXPECT_EQ(error_message(why), (json{{"type", "error"}, {"code", "forbidden"}, {"message", why.message}}));
}

TEST(ErrorCodes, HaveTheStableNamesOfTheProtocol) {
  const std::vector<std::pair<error_code, std::string>> documented = {
      {error_code::bad_message, "bad_message"},
      {error_code::invalid, "invalid"},
      {error_code::unsupported_version, "unsupported_version"},
      {error_code::not_joined, "not_joined"},
      {error_code::already_joined, "already_joined"},
      {error_code::forbidden, "forbidden"},
      {error_code::not_found, "not_found"},
      {error_code::conflict, "conflict"},
      {error_code::too_large, "too_large"},
      {error_code::unavailable, "unavailable"},
      {error_code::internal, "internal"},
  };
  for (const auto& [code, name] : documented) {
    EXPECT_EQ(to_string(code), name);
    EXPECT_EQ(json(name).get<error_code>(), code);
  }
}

}  // namespace
}  // namespace debrief::protocol::test
