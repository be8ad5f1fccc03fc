// An inquiry across a year, over real sockets with the server's clock the
// test's: a fall debrief accepts adaptations (check-in dates, follow-up
// questions) and leaves assumptions open or challenged; the presenter makes
// it an inquiry and plans the spring follow-up with the inquiry key (refused
// without it, with a wrong key, or with a session's own key); the follow-up
// starts from every carried item, checks in on each adaptation and question
// (keep, adjust, drop) and re-marks a carried assumption; the third session
// starts from the decisions; the inquiry's exports tell the whole story, its
// calendar is read by a real iCalendar parser (python3-icalendar); deleting
// the inquiry leaves nothing of it in the file or its write-ahead log.

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <fstream>
#include <iterator>

#include "harness.hpp"

namespace debrief::testing {
namespace {

// The database file and its write-ahead log, as bytes.
std::string bytes_of(const std::filesystem::path& db) {
  std::string all;
  for (const auto* suffix : {"", "-wal"}) {
    std::ifstream in(db.string() + suffix, std::ios::binary);
    all.append(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  return all;
}

// The event a command produced, from its ack.
json event_of(const json& ack) {
  for (const auto& e : ack.at("events")) {
    if (e.at("seq") == ack.at("seq")) return e.at("event");
  }
  throw std::runtime_error("the ack came without its event");
}

// The index of the first phase of `kind` in a session's template.
int phase_of_kind(const json& state, const std::string& kind) {
  const auto& phases = state.at("template").at("phases");
  for (std::size_t i = 0; i < phases.size(); ++i) {
    if (phases[i].at("kind") == kind) return static_cast<int>(i);
  }
  throw std::runtime_error("the template has no " + kind + " phase");
}

std::string phase_id(const json& state, int index) {
  return state.at("template").at("phases").at(static_cast<std::size_t>(index)).at("id");
}

// The carried item with this thread.
json carried(const json& state, const std::string& thread) {
  for (const auto& item : state.at("carried")) {
    if (item.at("thread") == thread) return item;
  }
  return nullptr;
}

std::vector<std::string> threads_of(const json& state) {
  std::vector<std::string> out;
  for (const auto& item : state.at("carried")) out.push_back(item.at("thread"));
  return out;
}

// Runs Debian's python3 on `script` with `arg`; its standard output.
std::string run_python(const std::filesystem::path& script, const std::filesystem::path& arg, int* status) {
  const auto command = "/usr/bin/python3 '" + script.string() + "' '" + arg.string() + "' 2>&1";
  std::string out;
  FILE* pipe = ::popen(command.c_str(), "r");
  if (pipe == nullptr) throw std::runtime_error("popen failed");
  char buffer[4096];
  while (const auto n = std::fread(buffer, 1, sizeof buffer, pipe)) out.append(buffer, n);
  *status = ::pclose(pipe);
  return out;
}

// Prints each event's DTSTART, SUMMARY and UID, a line each, as the library
// reads them: the parse fails loudly on anything it cannot read.
constexpr const char* ics_reader = R"py(
import sys
from icalendar import Calendar
with open(sys.argv[1], 'rb') as f:
    cal = Calendar.from_ical(f.read())
assert cal.get('VERSION') == '2.0', cal.get('VERSION')
for event in cal.walk('VEVENT'):
    print('%s|%s|%s' % (event.decoded('DTSTART').isoformat(), str(event.get('SUMMARY')), str(event.get('UID'))))
)py";

class Inquiry : public ::testing::Test {
 protected:
  std::atomic<std::int64_t> now{1'790'000'000'000};  // mid-September 2026
  temp_dir dir;
  std::filesystem::path db = dir.path() / "debrief.db";
  test_server server{db, {}, [this] { return now.load(); }};

  http_reply post(const std::string& target, const json& body, const std::string& bearer) {
    return http_request(server.port(), http::verb::post, target, body.dump(), bearer);
  }
  http_reply get(const std::string& target, const std::string& bearer) {
    return http_request(server.port(), http::verb::get, target, {}, bearer);
  }
  static std::string error_code_of(const http_reply& r) { return json::parse(r.body).at("error").at("code"); }
};

struct fall_debrief {
  created session;
  std::string presenter_token;
  std::string extension, pairing, exit_note;  // adaptation ids
  std::string bored, alone;                   // assumption ids
};

// The fall debrief: three accepted adaptations, one declined suggestion,
// two assumptions (one challenged with a line of the transcript).
fall_debrief run_fall_debrief(std::uint16_t port) {
  fall_debrief fall;
  fall.session = create_session(port);
  const auto& code = fall.session.code;
  ws_client facilitator(port);
  facilitator.join(code, "Maya", "facilitator", fall.session.facilitator_key);
  ws_client presenter(port);
  fall.presenter_token = presenter.join(code, "Jordan", "presenter").at("token");
  ws_client lena(port);
  lena.join(code, "Lena", "colleague");
  facilitator.ok({{"type", "start_session"}});
  facilitator.ok({{"type", "go_to_phase"}, {"phase", 1}});
  fall.bored = event_of(presenter.ok({{"type", "board_add"},
                                      {"list", "assumptions"},
                                      {"text", "Student A is bored by the tasks"},
                                      {"phase", "assumptions"}}))
                   .at("item")
                   .at("id");
  fall.alone = event_of(presenter.ok({{"type", "board_add"},
                                      {"list", "assumptions"},
                                      {"text", "Student A prefers to work alone"},
                                      {"phase", "assumptions"}}))
                   .at("item")
                   .at("id");
  facilitator.ok({{"type", "go_to_phase"}, {"phase", 3}});
  const json lines = json::array({
      {{"speaker", "Teacher"}, {"role", "teacher"}, {"text", "How is the warm-up going for you?"}},
      {{"speaker", "Student A"}, {"role", "student"}, {"text", "Fine. I finish and then I wait for ages."}},
      {{"speaker", "Teacher"}, {"role", "teacher"}, {"text", "What do you do while you wait?"}},
      {{"speaker", "Student A"}, {"role", "student"}, {"text", "I wish the problems were a lot harder."}},
  });
  presenter.ok({{"type", "transcript_import"}, {"lines", lines}, {"consent", true}});
  facilitator.ok({{"type", "go_to_phase"}, {"phase", 5}});
  fall.extension = event_of(presenter.ok({{"type", "adaptation_add"},
                                          {"change", "Offer an extension problem before the warm-up ends"},
                                          {"for_whom", "Student A"},
                                          {"evidence", {"line:L4"}},
                                          {"check_in", "2027-03-15"},
                                          {"follow_ups", {"Which problems felt worth your time?", "Who did you help?"}},
                                          {"phase", "adaptations"}}))
                       .at("adaptation")
                       .at("id");
  fall.pairing = event_of(presenter.ok({{"type", "adaptation_add"},
                                        {"change", "Pair Student A with Student B on Fridays"},
                                        {"for_whom", "Student A"},
                                        {"check_in", "2027-03-20"},
                                        {"follow_ups", {"How did Friday go?"}},
                                        {"phase", "adaptations"}}))
                     .at("adaptation")
                     .at("id");
  fall.exit_note = event_of(presenter.ok({{"type", "adaptation_add"},
                                          {"change", "Ask everyone for a one-line exit note"},
                                          {"check_in", "2027-04-01"},
                                          {"phase", "adaptations"}}))
                       .at("adaptation")
                       .at("id");
  const auto suggestion = event_of(
      lena.ok({{"type", "adaptation_add"}, {"change", "Move Student A to the back row"}, {"phase", "adaptations"}}));
  presenter.ok({{"type", "adaptation_decide"},
                {"adaptation", suggestion.at("adaptation").at("id")},
                {"accept", false},
                {"version", 1}});
  presenter.ok({{"type", "board_mark"},
                {"item", fall.bored},
                {"status", "challenged"},
                {"evidence", {"line:L4"}},
                {"version", 1}});
  facilitator.ok({{"type", "end_session"}});
  return fall;
}

TEST_F(Inquiry, FromTheFallDebriefToTheSpringCheckInAndTheNextPlanThenDeletedWhole) {
  const auto fall = run_fall_debrief(server.port());
  const auto& fall_code = fall.session.code;
  const auto t = [&](const std::string& id) { return "1." + id; };

  // The fall session's own calendar: its three check-in dates.
  const auto fall_ics = get("/api/sessions/" + fall_code + "/export?format=ics", fall.presenter_token);
  ASSERT_EQ(fall_ics.status, 200u) << fall_ics.body;
  EXPECT_EQ(fall_ics.content_type, "text/calendar; charset=utf-8");
  EXPECT_EQ(fall_ics.content_disposition, "attachment; filename=\"debrief-" + fall_code + ".ics\"");
  const auto script = dir.path() / "read_ics.py";
  std::ofstream(script) << ics_reader;
  const auto fall_file = dir.path() / "fall.ics";
  std::ofstream(fall_file, std::ios::binary) << fall_ics.body;
  int fall_status = -1;
  const auto fall_events = run_python(script, fall_file, &fall_status);
  ASSERT_EQ(fall_status, 0) << fall_events;
  EXPECT_EQ(std::count(fall_events.begin(), fall_events.end(), '\n'), 3) << fall_events;
  EXPECT_NE(fall_events.find("2027-04-01|Check in: Ask everyone for a one-line exit note — all learners|"),
            std::string::npos)
      << fall_events;

  // The presenter makes the fall debrief an inquiry (once only).
  const json start = {{"session", fall_code}, {"title", "Student A across the year"}, {"learners", {"Student A"}}};
  EXPECT_EQ(post("/api/inquiries", start, "").status, 403u);
  EXPECT_EQ(post("/api/inquiries", start, "not-a-key").status, 403u);
  const auto made = post("/api/inquiries", start, fall.presenter_token);
  ASSERT_EQ(made.status, 201u) << made.body;
  const auto inquiry = json::parse(made.body);
  const std::string id = inquiry.at("inquiry");
  const std::string key = inquiry.at("inquiry_key");
  EXPECT_EQ(inquiry.at("position"), 1);
  EXPECT_EQ(id.size(), 16u);
  EXPECT_EQ(key.size(), 32u);
  const auto again = post("/api/inquiries", start, fall.session.facilitator_key);
  EXPECT_EQ(again.status, 409u);
  EXPECT_EQ(error_code_of(again), "conflict");

  // The spring follow-up needs the inquiry key: nothing is created without it.
  const auto sessions_path = "/api/inquiries/" + id + "/sessions";
  const json spring_plan = {{"template", "follow-up"}, {"title", "Spring check-in"}, {"date", "2027-03-15"}};
  for (const auto& wrong : {std::string{}, std::string("0123456789abcdef0123456789abcdef"),
                            fall.session.facilitator_key, fall.presenter_token}) {
    const auto refused = post(sessions_path, spring_plan, wrong);
    EXPECT_EQ(refused.status, 403u) << wrong;
    EXPECT_EQ(error_code_of(refused), "forbidden");
  }
  EXPECT_EQ(get("/api/inquiries/" + id, fall.session.facilitator_key).status,
            403u);  // a session's key opens no inquiry
  EXPECT_EQ(stored_sessions(db), std::vector<std::string>{fall_code});
  const auto planned = post(sessions_path, spring_plan, key);
  ASSERT_EQ(planned.status, 201u) << planned.body;
  const auto spring = json::parse(planned.body);
  const std::string spring_code = spring.at("session");
  EXPECT_EQ(spring.at("position"), 2);
  EXPECT_EQ(spring.at("join_path"), "/s/" + spring_code);

  // The follow-up opens with everything the fall left to carry, each on its thread.
  now += 180LL * 24 * 60 * 60 * 1000;  // March
  ws_client facilitator(server.port());
  facilitator.join(spring_code, "Maya", "facilitator", spring.at("facilitator_key"));
  ws_client presenter(server.port());
  presenter.join(spring_code, "Jordan", "presenter");
  ws_client ravi(server.port());
  ravi.join(spring_code, "Ravi", "colleague");
  auto state = presenter.last_snapshot().at("state");
  EXPECT_EQ(state.at("date"), "2027-03-15");
  EXPECT_EQ(state.at("learners"), json::array({"Student A"}));
  EXPECT_EQ(threads_of(state),
            (std::vector<std::string>{t(fall.extension), t(fall.extension) + ".q1", t(fall.extension) + ".q2",
                                      t(fall.pairing), t(fall.pairing) + ".q1", t(fall.exit_note), t(fall.bored),
                                      t(fall.alone)}))
      << state.at("carried").dump(2);
  EXPECT_EQ(carried(state, t(fall.extension)).at("check_in"), "2027-03-15");
  EXPECT_EQ(carried(state, t(fall.extension)).at("for_whom"), "Student A");
  EXPECT_EQ(carried(state, t(fall.bored)).at("status"), "challenged");
  EXPECT_EQ(carried(state, t(fall.alone)).at("status"), "open");
  // Carried assumptions are on the new board, ready to be re-marked.
  std::string carried_bored_item;
  for (const auto& item : state.at("board")) {
    if (item.value("thread", "") == t(fall.bored)) carried_bored_item = item.at("id");
  }
  ASSERT_FALSE(carried_bored_item.empty()) << state.at("board").dump(2);

  // The new conversation, then a check-in on every adaptation and question.
  facilitator.ok({{"type", "start_session"}});
  const int transcript_phase = phase_of_kind(state, "transcript");
  facilitator.ok({{"type", "go_to_phase"}, {"phase", transcript_phase}});
  const std::string spring_words = "The extension problems were the best part of maths this term.";
  presenter.ok(
      {{"type", "transcript_import"},
       {"lines", json::array({{{"speaker", "Teacher"}, {"role", "teacher"}, {"text", "How were the warm-ups?"}},
                              {{"speaker", "Student A"}, {"role", "student"}, {"text", spring_words}}})},
       {"consent", true}});
  const int check_in_phase = phase_of_kind(state, "check_in");
  facilitator.ok({{"type", "go_to_phase"}, {"phase", check_in_phase}});
  const auto check_in_id = phase_id(state, check_in_phase);
  struct check_in {
    std::string thread, tried, happened, decision, adjusted;
  };
  const std::vector<check_in> check_ins = {
      {t(fall.extension), "yes", "She asked for the extension every day", "keep", ""},
      {t(fall.pairing), "partly", "Fridays were too loud", "adjust",
       "Pair Student A with Student B for problem solving"},
      {t(fall.exit_note), "not_yet", "", "drop", ""},
      {t(fall.extension) + ".q1", "yes", "The puzzles with more than one answer", "keep", ""},
      {t(fall.extension) + ".q2", "yes", "Student B, most days", "drop", ""},
      {t(fall.pairing) + ".q1", "partly", "", "adjust", "How did problem solving with Student B go?"},
  };
  for (const auto& c : check_ins) {
    json command = {{"type", "check_in_save"}, {"phase", check_in_id},   {"thread", c.thread}, {"tried", c.tried},
                    {"happened", c.happened},  {"decision", c.decision}, {"version", 0}};
    if (c.thread == t(fall.extension)) command["evidence"] = {"line:L2"};
    if (!c.adjusted.empty()) command["adjusted"] = c.adjusted;
    presenter.ok(command);
  }
  // A colleague asks and suggests beside it, as in any phase; only the presenter checks in.
  ravi.ok({{"type", "entry_add"}, {"text", "Could the extension be a choice board?"}, {"phase", check_in_id}});
  EXPECT_EQ(ravi.command({{"type", "check_in_save"},
                          {"phase", check_in_id},
                          {"thread", t(fall.extension)},
                          {"tried", "yes"},
                          {"decision", "drop"},
                          {"version", 1}})
                .at("code"),
            "forbidden");
  // The carried assumption is revisited: the new transcript confirms it.
  facilitator.ok({{"type", "go_to_phase"}, {"phase", phase_of_kind(state, "assumptions")}});
  presenter.ok({{"type", "board_mark"},
                {"item", carried_bored_item},
                {"status", "confirmed"},
                {"evidence", {"line:L2"}},
                {"version", 1}});
  facilitator.ok({{"type", "end_session"}});

  // What the spring session shows its people reveals no other session.
  for (const auto* c : {&facilitator, &presenter, &ravi}) {
    const auto& frames = c->transcript_of_frames();
    for (const auto& hidden : {fall_code, id, key, fall.presenter_token, fall.session.facilitator_key}) {
      EXPECT_EQ(frames.find(hidden), std::string::npos) << "a follow-up participant received " << hidden;
    }
  }

  // The third session starts from the decisions: kept, adjusted, dropped.
  const auto third_made = post(sessions_path, {{"template", "conversation-planning"}}, key);
  ASSERT_EQ(third_made.status, 201u) << third_made.body;
  const auto third = json::parse(third_made.body);
  EXPECT_EQ(third.at("position"), 3);
  ws_client planner(server.port());
  planner.join(third.at("session"), "Maya", "facilitator", third.at("facilitator_key"));
  const auto next = planner.last_snapshot().at("state");
  EXPECT_EQ(threads_of(next), (std::vector<std::string>{t(fall.extension), t(fall.extension) + ".q1", t(fall.pairing),
                                                        t(fall.pairing) + ".q1", t(fall.alone)}))
      << next.at("carried").dump(2);
  EXPECT_EQ(carried(next, t(fall.extension)).at("text"), "Offer an extension problem before the warm-up ends");
  EXPECT_EQ(carried(next, t(fall.pairing)).at("text"), "Pair Student A with Student B for problem solving");
  EXPECT_EQ(carried(next, t(fall.pairing) + ".q1").at("text"), "How did problem solving with Student B go?");
  EXPECT_EQ(carried(next, t(fall.pairing)).at("from"), "2027-03-15");  // decided in the spring
  EXPECT_EQ(next.at("learners"), json::array({"Student A"}));

  // The inquiry page's story, and the exports: the whole year.
  const auto page = get("/api/inquiries/" + id, key);
  ASSERT_EQ(page.status, 200u) << page.body;
  const auto story = json::parse(page.body);
  EXPECT_EQ(story.at("title"), "Student A across the year");
  ASSERT_EQ(story.at("sessions").size(), 3u);
  EXPECT_EQ(story.at("sessions").at(0).at("code"), fall_code);
  EXPECT_EQ(story.at("sessions").at(1).at("code"), spring_code);
  EXPECT_EQ(story.at("sessions").at(1).at("day"), "2027-03-15");
  json pairing;
  for (const auto& a : story.at("adaptations")) {
    if (a.at("thread") == t(fall.pairing)) pairing = a;
  }
  ASSERT_TRUE(pairing.is_object()) << story.at("adaptations").dump(2);
  ASSERT_EQ(pairing.at("steps").size(), 2u) << pairing.dump(2);
  EXPECT_EQ(pairing.at("steps").at(0).at("kind"), "decided");
  EXPECT_EQ(pairing.at("steps").at(1).at("kind"), "check_in");
  EXPECT_EQ(pairing.at("steps").at(1).at("decision"), "adjust");
  EXPECT_NE(page.body.find(spring_words), std::string::npos);  // the learner's words over time
  const auto md = get("/api/inquiries/" + id + "/export?format=md", key);
  const auto html = get("/api/inquiries/" + id + "/export?format=html&tz=Europe%2FParis", key);
  const auto data = get("/api/inquiries/" + id + "/export?format=json", key);
  ASSERT_EQ(md.status, 200u) << md.body;
  ASSERT_EQ(html.status, 200u) << html.body;
  ASSERT_EQ(data.status, 200u) << data.body;
  EXPECT_EQ(md.content_type, "text/markdown; charset=utf-8");
  EXPECT_EQ(html.content_security_policy, "default-src 'none'; style-src 'unsafe-inline'");
  EXPECT_EQ(json::parse(data.body).at("format"), "debrief-inquiry");
  for (const auto* said : {"Student A across the year", "Offer an extension problem before the warm-up ends",
                           "Pair Student A with Student B for problem solving", "Fridays were too loud",
                           "Ask everyone for a one-line exit note", "Student A is bored by the tasks",
                           "The extension problems were the best part", "I wish the problems were a lot harder"}) {
    EXPECT_NE(md.body.find(said), std::string::npos) << said << " missing from the Markdown";
    EXPECT_NE(html.body.find(said), std::string::npos) << said << " missing from the HTML";
    EXPECT_NE(data.body.find(said), std::string::npos) << said << " missing from the JSON";
  }
  for (const auto* export_text : {&md.body, &html.body, &data.body, &page.body}) {
    EXPECT_EQ(export_text->find("Move Student A to the back row"), std::string::npos);  // declined
    for (const auto& secret : {key, fall.presenter_token, fall.session.facilitator_key}) {
      EXPECT_EQ(export_text->find(secret), std::string::npos);
    }
  }
  EXPECT_EQ(md.body.find(fall_code), std::string::npos);
  EXPECT_EQ(html.body.find(fall_code), std::string::npos);

  // The check-ins still ahead, as a calendar program reads them.
  const auto ics = get("/api/inquiries/" + id + "/export?format=ics", key);
  ASSERT_EQ(ics.status, 200u) << ics.body;
  EXPECT_EQ(ics.content_type, "text/calendar; charset=utf-8");
  const auto ics_file = dir.path() / "inquiry.ics";
  std::ofstream(ics_file, std::ios::binary) << ics.body;
  int status = -1;
  const auto parsed = run_python(script, ics_file, &status);
  ASSERT_EQ(status, 0) << parsed;
  EXPECT_NE(parsed.find("2027-03-15|Check in: Offer an extension problem before the warm-up ends — Student A|"),
            std::string::npos)
      << parsed;
  EXPECT_NE(parsed.find("2027-03-20|Check in: Pair Student A with Student B for problem solving — Student A|"),
            std::string::npos)
      << parsed;
  EXPECT_EQ(parsed.find("exit note"), std::string::npos) << parsed;  // dropped
  EXPECT_EQ(std::count(parsed.begin(), parsed.end(), '\n'), 2) << parsed;
  for (const auto& hidden : {fall_code, spring_code, id, key}) EXPECT_EQ(ics.body.find(hidden), std::string::npos);

  // Deleting the inquiry: refused without its key; then every session goes,
  // its people told, and nothing is left on disk. Other sessions stay.
  const auto other = create_session(server.port());
  EXPECT_EQ(http_request(server.port(), http::verb::delete_, "/api/inquiries/" + id, {}, "").status, 403u);
  EXPECT_EQ(
      http_request(server.port(), http::verb::delete_, "/api/inquiries/" + id, {}, fall.session.facilitator_key).status,
      403u);
  EXPECT_EQ(stored_sessions(db).size(), 4u);
  ASSERT_NE(bytes_of(db).find(spring_words), std::string::npos);  // the canary is there before
  const auto deleted = http_request(server.port(), http::verb::delete_, "/api/inquiries/" + id, {}, key);
  ASSERT_EQ(deleted.status, 200u) << deleted.body;
  EXPECT_EQ(json::parse(deleted.body).at("deleted"), id);
  websocket::close_code why{};
  EXPECT_TRUE(planner.closed_by_server(&why));
  EXPECT_EQ(stored_sessions(db), std::vector<std::string>{other.code});
  EXPECT_EQ(get("/api/inquiries/" + id, key).status, 404u);
  EXPECT_EQ(get("/api/sessions/" + spring_code + "/export?format=md", spring.at("facilitator_key")).status, 404u);
  const auto left = bytes_of(db);
  for (const auto* gone : {"The extension problems were the best part", "I wish the problems were a lot harder",
                           "Fridays were too loud", "Offer an extension problem", "Student A across the year"}) {
    EXPECT_EQ(left.find(gone), std::string::npos) << "\"" << gone << "\" is still in the file or its WAL";
  }
  EXPECT_EQ(left.find(key), std::string::npos);
}

TEST_F(Inquiry, StartingOneRefusesBadInputWithAReason) {
  const auto session = create_session(server.port());
  struct bad_case {
    std::string body;
    unsigned status;
    std::string code;
  };
  const auto k = session.facilitator_key;
  for (const auto& c : std::vector<bad_case>{
           {"not json", 400, "invalid"},
           {"[]", 400, "invalid"},
           {R"({"learners":["Student A"]})", 400, "invalid"},
           {R"({"session":7,"learners":["Student A"]})", 400, "invalid"},
           {R"({"session":")" + session.code + R"("})", 400, "invalid"},
           {R"({"session":")" + session.code + R"(","learners":[]})", 400, "invalid"},
           {R"({"session":")" + session.code + R"(","learners":"Student A"})", 400, "invalid"},
           {R"({"session":")" + session.code + R"(","learners":[3]})", 400, "invalid"},
           {R"({"session":")" + session.code + R"(","learners":["Student A"],"title":5})", 400, "invalid"},
           {R"({"session":")" + session.code + R"(","learners":["Student A"],"title":")" + std::string(121, 'x') +
                R"("})",
            413, "too_large"},
           {R"({"session":"NOSUCHCODE00","learners":["Student A"]})", 404, "not_found"},
           {R"({"session":")" + session.code + R"(","learners":["A","B","C","D","E"]})", 413, "too_large"},
           {R"({"session":")" + session.code + R"(","learners":["Student A",""]})", 400, "invalid"},
           {R"({"session":")" + session.code + R"(","learners":["Student\nA"]})", 400, "invalid"},
           {R"({"session":")" + session.code + R"(","learners":[")" + std::string(61, 'x') + R"("]})", 413,
            "too_large"},
       }) {
    const auto r = http_request(server.port(), http::verb::post, "/api/inquiries", c.body, k);
    EXPECT_EQ(r.status, c.status) << c.body << ": " << r.body;
    EXPECT_EQ(error_code_of(r), c.code) << c.body;
    EXPECT_FALSE(json::parse(r.body).at("error").at("message").get<std::string>().empty());
  }
  EXPECT_EQ(http_request(server.port(), http::verb::get, "/api/inquiries", {}, k).status, 400u);

  // At the limits: four learners of 60 characters, a title of 120; trimmed as a session's.
  const std::string longest(60, 'y');
  const json at_limit = {{"session", session.code},
                         {"title", "  " + std::string(120, 't') + " "},
                         {"learners", {" Student A ", longest, "Student C", "Student D"}}};
  const auto made = http_request(server.port(), http::verb::post, "/api/inquiries", at_limit.dump(), k);
  ASSERT_EQ(made.status, 201u) << made.body;
  const auto inquiry = json::parse(made.body);
  EXPECT_EQ(inquiry.at("title"), std::string(120, 't'));
  const auto story = json::parse(http_request(server.port(), http::verb::get,
                                              "/api/inquiries/" + inquiry.at("inquiry").get<std::string>(), {},
                                              inquiry.at("inquiry_key"))
                                     .body);
  EXPECT_EQ(story.at("learners"), json::array({"Student A", longest, "Student C", "Student D"}));
}

TEST_F(Inquiry, AnInquiryIsReachedOnlyWithItsKeyAndAnUnknownOneIsNotFound) {
  const auto session = create_session(server.port());
  const auto made =
      post("/api/inquiries", {{"session", session.code}, {"learners", {"Student C"}}}, session.facilitator_key);
  ASSERT_EQ(made.status, 201u) << made.body;
  const auto inquiry = json::parse(made.body);
  const std::string id = inquiry.at("inquiry");
  const std::string key = inquiry.at("inquiry_key");
  EXPECT_EQ(json::parse(get("/api/inquiries/" + id, key).body).at("learners"), json::array({"Student C"}));

  for (const auto& path : {"/api/inquiries/" + id, "/api/inquiries/" + id + "/export?format=md"}) {
    EXPECT_EQ(get(path, "").status, 403u) << path;
    EXPECT_EQ(get(path, std::string(32, '0')).status, 403u) << path;
    EXPECT_EQ(get(path, session.facilitator_key).status, 403u) << path;
  }
  EXPECT_EQ(get("/api/inquiries/0000000000000000", key).status, 404u);
  EXPECT_EQ(get("/api/inquiries/not-an-id", key).status, 404u);
  EXPECT_EQ(get("/api/inquiries/" + id + "/nothing", key).status, 404u);
  EXPECT_EQ(get("/api/inquiries/" + id + "/export?format=pdf", key).status, 400u);
  EXPECT_EQ(http_request(server.port(), http::verb::put, "/api/inquiries/" + id, {}, key).status, 400u);
  // A follow-up with a bad template or date is refused, and nothing is created.
  EXPECT_EQ(post("/api/inquiries/" + id + "/sessions", {{"template", "no-such-template"}}, key).status, 404u);
  EXPECT_EQ(post("/api/inquiries/" + id + "/sessions", {{"title", "x"}}, key).status, 400u);
  EXPECT_EQ(post("/api/inquiries/" + id + "/sessions", {{"template", "learning-partnership"}, {"date", 20270315}}, key)
                .status,
            400u);
  EXPECT_EQ(stored_sessions(db).size(), 1u);
}

// Deleting one session of an inquiry leaves a gap in the positions; the
// inquiry and its other sessions stay, and the next session takes a new place.
TEST_F(Inquiry, DeletingOneSessionLeavesAGapAndTheInquiry) {
  const auto first = create_session(server.port());
  const auto made =
      post("/api/inquiries", {{"session", first.code}, {"learners", {"Student A"}}}, first.facilitator_key);
  ASSERT_EQ(made.status, 201u) << made.body;
  const std::string id = json::parse(made.body).at("inquiry");
  const std::string key = json::parse(made.body).at("inquiry_key");
  const auto sessions_path = "/api/inquiries/" + id + "/sessions";
  const auto second = json::parse(post(sessions_path, {{"template", "follow-up"}}, key).body);
  ASSERT_EQ(second.at("position"), 2);
  const auto gone =
      http_request(server.port(), http::verb::delete_, "/api/sessions/" + second.at("session").get<std::string>(), {},
                   second.at("facilitator_key"));
  ASSERT_EQ(gone.status, 200u) << gone.body;

  const auto third = json::parse(post(sessions_path, {{"template", "follow-up"}}, key).body);
  EXPECT_EQ(third.at("position"), 3);
  const auto story = json::parse(get("/api/inquiries/" + id, key).body);
  ASSERT_EQ(story.at("sessions").size(), 2u);
  EXPECT_EQ(story.at("sessions").at(0).at("position"), 1);
  EXPECT_EQ(story.at("sessions").at(1).at("position"), 3);
  EXPECT_EQ(story.at("sessions").at(1).at("code"), third.at("session"));
}

// Starting an inquiry and adding a session to one create something, so they
// share the session-creation allowance; a request refused for its body costs
// nothing.
TEST(InquiryCreationLimit, InquiriesAndTheirSessionsCountAsCreations) {
  temp_dir dir;
  test_server server(dir.path() / "debrief.db", {}, {}, [](server::config& c) { c.create_burst = 3; });
  const auto port = server.port();
  const auto session = create_session(port);
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(http_request(port, http::verb::post, "/api/inquiries", R"({"session":")" + session.code + R"("})",
                           session.facilitator_key)
                  .status,
              400u);
  }
  const auto made =
      http_request(port, http::verb::post, "/api/inquiries",
                   json{{"session", session.code}, {"learners", {"Student A"}}}.dump(), session.facilitator_key);
  ASSERT_EQ(made.status, 201u) << made.body;
  const auto inquiry = json::parse(made.body);
  const auto target = "/api/inquiries/" + inquiry.at("inquiry").get<std::string>() + "/sessions";
  const auto body = json{{"template", "learning-partnership"}}.dump();
  const std::string key = inquiry.at("inquiry_key");
  EXPECT_EQ(http_request(port, http::verb::post, target, body, key).status, 201u);
  const auto refused = http_request(port, http::verb::post, target, body, key);
  ASSERT_EQ(refused.status, 429u) << refused.body;
  EXPECT_GE(std::stol(refused.retry_after), 1);
  EXPECT_EQ(json::parse(refused.body).at("error").at("code"), "rate_limited");
  EXPECT_EQ(stored_sessions(dir.path() / "debrief.db").size(), 2u);
}

}  // namespace
}  // namespace debrief::testing
