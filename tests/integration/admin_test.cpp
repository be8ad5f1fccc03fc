// `debrief-server admin …` on a database file, alone and while a server runs
// on it: what each subcommand prints, what it changes, and the exit status
// and message for a missing file, an unknown code and a busy database.

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <algorithm>
#include <fstream>
#include <iterator>
#include <map>
#include <sstream>
#include <thread>

#include "debrief/server/admin.hpp"
#include "debrief/storage/backup.hpp"
#include "debrief/storage/database.hpp"
#include "harness.hpp"
#include "log.hpp"

namespace debrief::testing {
namespace {

namespace fs = std::filesystem;
namespace status = server::admin_status;

struct outcome {
  int status = -1;
  std::string out;
  std::string err;
};

outcome admin(const fs::path& db, std::vector<std::string> args) {
  std::vector<std::string> all{"admin", "--db", db.string(), "--busy-timeout-ms", "100"};
  all.insert(all.end(), args.begin(), args.end());
  std::vector<const char*> argv;
  for (const auto& a : all) argv.push_back(a.c_str());
  std::ostringstream out;
  std::ostringstream err;
  const int rc = server::run_admin(static_cast<int>(argv.size()), argv.data(), out, err);
  return {rc, out.str(), err.str()};
}

std::string bytes_of(const fs::path& db) {
  std::string all;
  for (const auto* suffix : {"", "-wal"}) {
    std::ifstream in(db.string() + suffix, std::ios::binary);
    all.append(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  return all;
}

class Admin : public ::testing::Test {
 protected:
  temp_dir dir;
  fs::path db = dir.path() / "debrief.db";
  std::unique_ptr<test_server> server = std::make_unique<test_server>(db);
  created ended = create_session(server->port());
  created waiting = create_session(server->port());

  void SetUp() override {
    ws_client facilitator(server->port());
    facilitator.join(ended.code, "Maya", "facilitator", ended.facilitator_key);
    ws_client presenter(server->port());
    presenter.join(ended.code, "Jordan", "presenter");
    facilitator.ok({{"type", "start_session"}});
    facilitator.ok({{"type", "next_phase"}});
    presenter.ok({{"type", "board_add"}, {"list", "know"}, {"text", "Admin canary"}, {"phase", "assumptions"}});
    facilitator.ok({{"type", "end_session"}});
  }
};

TEST_F(Admin, ListShowsEverySessionWithItsTimesAndParticipants) {
  const auto r = admin(db, {"list"});
  ASSERT_EQ(r.status, status::ok) << r.err;
  std::istringstream lines(r.out);
  std::string header;
  std::getline(lines, header);
  EXPECT_EQ(header,
            "code\tref\ttitle\ttemplate\tcreated\tstarted\tended\tparticipants\tinquiry\tinquiry_ref\tposition\tevent\t"
            "event_ref\troom");
  std::map<std::string, std::vector<std::string>> rows;
  for (std::string line; std::getline(lines, line);) {
    std::vector<std::string> cells;
    std::istringstream in(line);
    for (std::string cell; std::getline(in, cell, '\t');) cells.push_back(cell);
    ASSERT_EQ(cells.size(), 14u) << line;
    rows[cells[0]] = cells;
  }
  ASSERT_EQ(rows.size(), 2u);
  const auto& e = rows.at(ended.code);
  EXPECT_EQ(e[3], "Learning Partnership debrief");
  EXPECT_THAT(e[4], ::testing::MatchesRegex(R"([0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}Z)"));
  EXPECT_NE(e[5], "-");  // started
  EXPECT_NE(e[6], "-");  // ended
  EXPECT_EQ(e[7], "2");
  const auto& w = rows.at(waiting.code);
  EXPECT_EQ(w[5], "-");
  EXPECT_EQ(w[6], "-");
  EXPECT_EQ(w[7], "0");
  EXPECT_EQ(w[8], "-");  // in no inquiry
  EXPECT_EQ(w[9], "-");
  EXPECT_EQ(w[10], "-");
  EXPECT_EQ(w[11], "-");  // in no event
  EXPECT_EQ(w[12], "-");
  EXPECT_EQ(w[13], "-");
}

// The session's inquiry: its id (to delete it), its log reference and the
// session's position in it.
TEST_F(Admin, ListShowsTheInquiryOfEachSessionAndDeleteInquiryRemovesItWhole) {
  const auto started =
      http_request(server->port(), http::verb::post, "/api/inquiries",
                   json{{"session", ended.code}, {"learners", {"Student A"}}}.dump(), ended.facilitator_key);
  ASSERT_EQ(started.status, 201u) << started.body;
  const std::string id = json::parse(started.body).at("inquiry");
  const std::string key = json::parse(started.body).at("inquiry_key");
  const auto next = http_request(server->port(), http::verb::post, "/api/inquiries/" + id + "/sessions",
                                 json{{"template", "learning-partnership"}}.dump(), key);
  ASSERT_EQ(next.status, 201u) << next.body;
  const std::string second = json::parse(next.body).at("session");

  const auto r = admin(db, {"list"});
  ASSERT_EQ(r.status, status::ok) << r.err;
  EXPECT_THAT(r.out, ::testing::HasSubstr(ended.code + "\t" + server::session_ref(ended.code)));
  const auto row_end = [&](const std::string& code) {
    const auto at = r.out.find(code + "\t");
    return r.out.substr(at, r.out.find('\n', at) - at);
  };
  EXPECT_THAT(row_end(ended.code), ::testing::EndsWith("\t" + id + "\t" + server::inquiry_ref(id) + "\t1\t-\t-\t-"));
  EXPECT_THAT(row_end(second), ::testing::EndsWith("\t" + id + "\t" + server::inquiry_ref(id) + "\t2\t-\t-\t-"));
  EXPECT_THAT(row_end(waiting.code), ::testing::EndsWith("\t-\t-\t-\t-\t-\t-"));

  server.reset();
  ASSERT_NE(bytes_of(db).find("Admin canary"), std::string::npos);
  const auto unknown = admin(db, {"delete-inquiry", "0000000000000000"});
  EXPECT_EQ(unknown.status, status::no_inquiry);
  EXPECT_THAT(unknown.err, ::testing::HasSubstr("no inquiry with id 0000000000000000"));
  const auto deleted = admin(db, {"delete-inquiry", id});
  ASSERT_EQ(deleted.status, status::ok) << deleted.err;
  EXPECT_EQ(deleted.out, "deleted inquiry " + id + " with its 2 sessions\n");
  EXPECT_EQ(stored_sessions(db), std::vector<std::string>{waiting.code});
  EXPECT_EQ(bytes_of(db).find("Admin canary"), std::string::npos);
  EXPECT_EQ(bytes_of(db).find(key), std::string::npos);
  EXPECT_EQ(admin(db, {"delete-inquiry"}).status, status::usage);
}

// A room of an event: the event's id and log reference and the room's
// position; delete-event removes the event with its rooms, or keeps them.
TEST_F(Admin, ListShowsTheEventOfEachRoomAndDeleteEventRemovesItOrKeepsItsRooms) {
  const auto make_event = [&](const std::string& title) {
    const auto made = http_request(server->port(), http::verb::post, "/api/events",
                                   json{{"template", "learning-partnership"}, {"title", title}, {"rooms", 2}}.dump());
    EXPECT_EQ(made.status, 201u) << made.body;
    return json::parse(made.body);
  };
  const auto gone = make_event("Admin canary day");
  const auto kept = make_event("Kept day");
  const std::string id = gone.at("event");
  const std::string kept_id = kept.at("event");

  const auto r = admin(db, {"list"});
  ASSERT_EQ(r.status, status::ok) << r.err;
  const auto row_end = [&](const std::string& code) {
    const auto at = r.out.find(code + "\t");
    return r.out.substr(at, r.out.find('\n', at) - at);
  };
  for (int position : {1, 2}) {
    const std::string code = gone.at("rooms").at(position - 1).at("session");
    EXPECT_THAT(row_end(code),
                ::testing::EndsWith("\t" + id + "\t" + server::event_ref(id) + "\t" + std::to_string(position)));
  }

  server.reset();
  const auto unknown = admin(db, {"delete-event", "0000000000000000"});
  EXPECT_EQ(unknown.status, status::no_event);
  EXPECT_THAT(unknown.err, ::testing::HasSubstr("no event with id 0000000000000000"));
  const auto deleted = admin(db, {"delete-event", id});
  ASSERT_EQ(deleted.status, status::ok) << deleted.err;
  EXPECT_EQ(deleted.out, "deleted event " + id + " with its 2 rooms\n");
  EXPECT_EQ(bytes_of(db).find("Admin canary day"), std::string::npos);
  const auto released = admin(db, {"delete-event", kept_id, "--keep-rooms"});
  ASSERT_EQ(released.status, status::ok) << released.err;
  EXPECT_EQ(released.out, "deleted event " + kept_id + ", keeping its 2 rooms as sessions\n");
  std::vector<std::string> left{ended.code, waiting.code, kept.at("rooms").at(0).at("session"),
                                kept.at("rooms").at(1).at("session")};
  std::sort(left.begin(), left.end());
  EXPECT_EQ(stored_sessions(db), left);
  const auto after = admin(db, {"list"});
  EXPECT_THAT(after.out, ::testing::Not(::testing::HasSubstr(kept_id)));
}

TEST_F(Admin, ExportGivesWhatTheHttpExportGives) {
  auto via_http =
      json::parse(http_request(server->port(), http::verb::get, "/api/sessions/" + ended.code + "/export?format=json",
                               {}, ended.facilitator_key)
                      .body);
  const auto r = admin(db, {"export", ended.code, "--format", "json"});
  ASSERT_EQ(r.status, status::ok) << r.err;
  auto via_admin = json::parse(r.out);
  // Only the moment of export differs.
  via_http.erase("exported");
  via_admin.erase("exported");
  EXPECT_EQ(via_admin, via_http);

  const auto md = dir.path() / "out.md";
  ASSERT_EQ(admin(db, {"export", ended.code, "--output", md.string()}).status, status::ok);
  std::ifstream in(md);
  const std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  EXPECT_NE(text.find("Admin canary"), std::string::npos);
  EXPECT_EQ(admin(db, {"export", ended.code, "--format", "pdf"}).status, status::usage);
  EXPECT_EQ(admin(db, {"export", ended.code, "--tz", "Mars/Olympus"}).status, status::usage);
}

TEST_F(Admin, DeleteRemovesASessionCompletely) {
  server.reset();  // also works beside a server: see the live test below
  ASSERT_NE(bytes_of(db).find("Admin canary"), std::string::npos);
  const auto r = admin(db, {"delete", ended.code});
  ASSERT_EQ(r.status, status::ok) << r.err;
  EXPECT_EQ(stored_sessions(db), std::vector<std::string>{waiting.code});
  EXPECT_EQ(bytes_of(db).find("Admin canary"), std::string::npos);
}

TEST_F(Admin, BackupAndVerify) {
  const auto backups = dir.path() / "backups";
  fs::create_directories(backups);
  const auto r = admin(db, {"backup", backups.string()});
  ASSERT_EQ(r.status, status::ok) << r.err;
  ASSERT_EQ(storage::backups_in(backups).size(), 1u);
  const auto made = storage::backups_in(backups).front();
  EXPECT_NE(r.out.find(made.string()), std::string::npos);
  EXPECT_EQ(stored_sessions(made), stored_sessions(db));

  // A file path, and the --backup-dir default.
  EXPECT_EQ(admin(db, {"backup", (dir.path() / "one.db").string()}).status, status::ok);
  EXPECT_EQ(admin(db, {"backup", (dir.path() / "one.db").string()}).status, status::failed);  // never overwritten
  EXPECT_EQ(admin(db, {"backup", "--backup-dir", (dir.path() / "more").string()}).status, status::ok);
  EXPECT_EQ(storage::backups_in(dir.path() / "more").size(), 1u);
  EXPECT_EQ(admin(db, {"backup"}).status, status::usage);

  const auto v = admin(db, {"verify"});
  EXPECT_EQ(v.status, status::ok) << v.out << v.err;
  EXPECT_NE(v.out.find(": ok"), std::string::npos);
  EXPECT_EQ(admin(db, {"verify", made.string()}).status, status::ok);
  {
    std::fstream f(made, std::ios::binary | std::ios::in | std::ios::out);
    f.seekp(2 * 4096);
    const std::string garbage(3 * 4096, '\x5a');
    f.write(garbage.data(), static_cast<std::streamsize>(garbage.size()));
  }
  const auto damaged = admin(db, {"verify", made.string()});
  EXPECT_EQ(damaged.status, status::failed);
  EXPECT_NE(damaged.out.find("NOT ok"), std::string::npos);
}

TEST_F(Admin, ClearErrorsForAMissingDatabaseAnUnknownCodeAndABusyDatabase) {
  const auto none = dir.path() / "none.db";
  for (const auto& cmd :
       std::vector<std::vector<std::string>>{{"list"}, {"delete", "X"}, {"verify"}, {"backup", "b"}}) {
    const auto r = admin(none, cmd);
    EXPECT_EQ(r.status, status::no_database) << cmd[0];
    EXPECT_NE(r.err.find("no such database file"), std::string::npos) << r.err;
  }
  EXPECT_FALSE(fs::exists(none));  // never created by asking

  const auto unknown = admin(db, {"delete", "NOSUCH"});
  EXPECT_EQ(unknown.status, status::no_session);
  EXPECT_NE(unknown.err.find("no session with code NOSUCH"), std::string::npos);
  EXPECT_EQ(admin(db, {"export", "NOSUCH"}).status, status::no_session);
  EXPECT_EQ(admin(db, {"frobnicate"}).status, status::usage);
  EXPECT_EQ(admin(db, {}).status, status::usage);

  // Another process holds the write lock for longer than the busy timeout.
  sqlite3* other = nullptr;
  ASSERT_EQ(sqlite3_open(db.c_str(), &other), SQLITE_OK);
  sqlite3_busy_timeout(other, 5000);  // the server may be committing at that moment
  ASSERT_EQ(sqlite3_exec(other, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr), SQLITE_OK);
  const auto busy = admin(db, {"delete", ended.code});
  sqlite3_exec(other, "ROLLBACK", nullptr, nullptr, nullptr);
  sqlite3_close(other);
  EXPECT_EQ(busy.status, status::busy) << busy.err;
  EXPECT_NE(busy.err.find("busy"), std::string::npos);
  EXPECT_EQ(stored_sessions(db).size(), 2u);
}

// The server writes all the while; every admin command works beside it, and
// the server goes on writing after one deleted a session under it.
TEST_F(Admin, EveryCommandWorksWhileAServerWritesTheDatabase) {
  ws_client facilitator(server->port());
  facilitator.join(waiting.code, "Maya", "facilitator", waiting.facilitator_key);
  facilitator.ok({{"type", "start_session"}});
  facilitator.ok({{"type", "next_phase"}});
  std::atomic<bool> stop{false};
  std::atomic<int> written{0};
  std::thread writing([&] {
    ws_client other(server->port());
    other.join(waiting.code, "Lena", "colleague");
    // Below the per-participant rate limit (20 a second).
    for (int n = 0; !stop; ++n) {
      const auto answer = other.command({{"type", "board_propose"},
                                         {"list", "assumptions"},
                                         {"text", "note " + std::to_string(n)},
                                         {"phase", "assumptions"}});
      if (answer.at("type") == "ack") ++written;
      std::this_thread::sleep_for(std::chrono::milliseconds(60));
    }
  });
  EXPECT_TRUE(eventually([&] { return written.load() > 5; }));

  EXPECT_EQ(admin(db, {"list"}).status, status::ok);
  EXPECT_EQ(admin(db, {"export", waiting.code}).status, status::ok);
  EXPECT_EQ(admin(db, {"backup", (dir.path() / "live.db").string()}).status, status::ok);
  EXPECT_EQ(admin(db, {"verify"}).status, status::ok);
  const auto gone = admin(db, {"delete", ended.code});
  EXPECT_EQ(gone.status, status::ok) << gone.err;
  const auto at = written.load();
  EXPECT_TRUE(eventually([&] { return written.load() > at + 5; }));  // the server went on writing
  stop = true;
  writing.join();

  EXPECT_EQ(stored_sessions(db), std::vector<std::string>{waiting.code});
  EXPECT_EQ(storage::database((dir.path() / "live.db").string()).load_session(waiting.code).has_value(), true);
}

// Deleted beside a server that has it open: the people in it are not told,
// their next change is refused, and storage stays available for the rest.
TEST_F(Admin, ASessionDeletedUnderARunningServerRefusesItsNextChangeOnly) {
  ws_client facilitator(server->port());
  facilitator.join(waiting.code, "Maya", "facilitator", waiting.facilitator_key);
  facilitator.ok({{"type", "start_session"}});
  ASSERT_EQ(admin(db, {"delete", waiting.code}).status, status::ok);

  const auto refused = facilitator.command({{"type", "next_phase"}});
  EXPECT_EQ(refused.at("type"), "error") << refused.dump();
  EXPECT_EQ(refused.value("code", ""), "unavailable");
  const auto other = create_session(server->port());
  ws_client someone(server->port());
  someone.join(other.code, "Ana", "facilitator", other.facilitator_key);
  someone.ok({{"type", "start_session"}});
  const auto all = stored_sessions(db);
  EXPECT_EQ(std::count(all.begin(), all.end(), waiting.code), 0);
}

}  // namespace
}  // namespace debrief::testing
