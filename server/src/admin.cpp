#include "debrief/server/admin.hpp"

#include <CLI/CLI.hpp>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <optional>
#include <ostream>

#include "clock.hpp"
#include "debrief/protocol/apply.hpp"
#include "debrief/protocol/events.hpp"
#include "debrief/protocol/export.hpp"
#include "debrief/protocol/record.hpp"
#include "debrief/storage/backup.hpp"
#include "debrief/storage/database.hpp"
#include "export_request.hpp"
#include "log.hpp"

namespace debrief::server {

namespace {

namespace fs = std::filesystem;

struct admin_error {
  int status;
  std::string message;
};

// A time as YYYY-MM-DDTHH:MMZ (UTC), or "-" for none.
std::string utc_time(std::optional<std::int64_t> ms) {
  if (!ms) return "-";
  const std::time_t seconds = static_cast<std::time_t>(*ms / 1000);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char out[24];
  std::strftime(out, sizeof out, "%Y-%m-%dT%H:%MZ", &utc);
  return out;
}

struct replayed {
  protocol::session_state state;
  std::optional<std::int64_t> started_at;
};

// The session rebuilt from its whole log, as the server rebuilds it.
replayed replay(storage::database& db, const std::string& code) {
  replayed r;
  for (const auto& e : db.events_after(code, 0)) {
    const auto event = nlohmann::json::parse(e.body).get<protocol::event>();
    const auto before = r.state.status;
    r.state = protocol::evolve(std::move(r.state), event);
    if (before == protocol::session_status::lobby && r.state.status != before && !r.started_at) r.started_at = e.time;
  }
  return r;
}

struct admin_options {
  std::string db = "data/debrief.db";
  long busy_timeout_ms = 5000;
  std::string code;
  std::string format = "md";
  std::string zone = "UTC";
  std::string output;
  std::string target;
  std::string backup_dir;
};

std::unique_ptr<storage::database> open_existing(const admin_options& o) {
  if (!fs::is_regular_file(o.db)) {
    throw admin_error{admin_status::no_database,
                      o.db + ": no such database file (give the server's with --db or DEBRIEF_DB)"};
  }
  auto db = std::make_unique<storage::database>(o.db);
  db->set_busy_timeout(std::chrono::milliseconds(o.busy_timeout_ms));
  return db;
}

void require_session(storage::database& db, const std::string& code) {
  if (!db.load_session(code)) throw admin_error{admin_status::no_session, "no session with code " + code};
}

int list(const admin_options& o, std::ostream& out) {
  auto db = open_existing(o);
  out << "code\tref\ttitle\ttemplate\tcreated\tstarted\tended\tparticipants\tinquiry\tinquiry_ref\tposition\tevent"
         "\tevent_ref\troom\n";
  for (const auto& s : db->load_sessions()) {
    const auto r = replay(*db, s.record.id);
    out << s.record.id << '\t' << session_ref(s.record.id) << '\t' << r.state.title << '\t' << r.state.tmpl.name << '\t'
        << utc_time(s.record.created_at) << '\t' << utc_time(r.started_at) << '\t' << utc_time(s.ended_at) << '\t'
        << r.state.participants.size() << '\t';
    if (const auto& place = s.record.inquiry) {
      out << place->inquiry << '\t' << inquiry_ref(place->inquiry) << '\t' << place->position << '\t';
    } else {
      out << "-\t-\t-\t";
    }
    if (const auto& room = s.record.event) {
      out << room->event << '\t' << event_ref(room->event) << '\t' << room->position << '\n';
    } else {
      out << "-\t-\t-\n";
    }
  }
  return admin_status::ok;
}

int export_session(const admin_options& o, std::ostream& out) {
  if (o.format != "md" && o.format != "json" && o.format != "html") {
    throw admin_error{admin_status::usage, "--format must be md, json or html, not " + o.format};
  }
  auto zone = load_time_zone(o.zone, "/usr/share/zoneinfo");
  if (auto* why = std::get_if<protocol::rejection>(&zone)) throw admin_error{admin_status::usage, why->message};
  auto db = open_existing(o);
  require_session(*db, o.code);
  const auto r = replay(*db, o.code);
  // As GET /api/sessions/{code}/export renders it.
  const auto record = protocol::build_record(r.state, now_ms(), std::get<protocol::time_zone>(zone));
  std::string text = o.format == "json"   ? protocol::export_json(record).dump(2)
                     : o.format == "html" ? protocol::export_html(record)
                                          : protocol::export_markdown(record);
  if (o.output.empty()) {
    out << text;
    return admin_status::ok;
  }
  std::ofstream file(o.output, std::ios::binary | std::ios::trunc);
  file << text;
  file.close();
  if (!file) throw admin_error{admin_status::failed, o.output + ": could not be written"};
  return admin_status::ok;
}

int delete_session(const admin_options& o, std::ostream& out) {
  auto db = open_existing(o);
  require_session(*db, o.code);
  // The same complete deletion as DELETE /api/sessions/{code}: rows,
  // zeroed free pages (secure_delete), the write-ahead log emptied.
  storage::write_batch erase;
  erase.session = o.code;
  erase.erase = true;
  db->commit({erase});
  out << "deleted " << o.code << '\n';
  return admin_status::ok;
}

int delete_inquiry(const admin_options& o, std::ostream& out) {
  auto db = open_existing(o);
  const auto inquiry = db->load_inquiry(o.code);
  if (!inquiry) throw admin_error{admin_status::no_inquiry, "no inquiry with id " + o.code};
  // As DELETE /api/inquiries/{id}: every session of it and its row, completely.
  storage::write_batch erase;
  erase.erase_inquiry = o.code;
  db->commit({erase});
  out << "deleted inquiry " << o.code << " with its " << inquiry->sessions.size() << " session"
      << (inquiry->sessions.size() == 1 ? "" : "s") << '\n';
  return admin_status::ok;
}

int delete_event(const admin_options& o, bool keep_rooms, std::ostream& out) {
  auto db = open_existing(o);
  const auto event = db->load_event(o.code);
  if (!event) throw admin_error{admin_status::no_event, "no event with id " + o.code};
  // As DELETE /api/events/{id}: every room completely, or the rooms kept
  // as sessions in no event (the host key reaches none of them then).
  storage::write_batch batch;
  if (keep_rooms) {
    batch.release_event = o.code;
  } else {
    batch.erase_event = o.code;
  }
  db->commit({batch});
  const auto rooms = event->rooms.size();
  out << "deleted event " << o.code << (keep_rooms ? ", keeping its " : " with its ") << rooms << " room"
      << (rooms == 1 ? "" : "s") << (keep_rooms ? " as sessions" : "") << '\n';
  return admin_status::ok;
}

int backup(const admin_options& o, std::ostream& out) {
  if (!fs::is_regular_file(o.db)) throw admin_error{admin_status::no_database, o.db + ": no such database file"};
  const auto where = !o.target.empty() ? fs::path(o.target) : fs::path(o.backup_dir);
  if (where.empty()) throw admin_error{admin_status::usage, "say where: a file or folder, or --backup-dir"};
  const auto made =
      fs::is_directory(where) || o.target.empty() ? storage::back_up_into(o.db, where) : storage::back_up(o.db, where);
  out << "backup written and checked: " << made.path.string() << " (" << made.bytes << " bytes, schema " << made.schema
      << ")\n";
  return admin_status::ok;
}

int verify(const admin_options& o, std::ostream& out) {
  const auto path = o.target.empty() ? o.db : o.target;
  if (!fs::is_regular_file(path)) throw admin_error{admin_status::no_database, path + ": no such database file"};
  const auto v = storage::verify_file(path);
  for (const auto& p : v.problems) out << "integrity: " << p << '\n';
  if (v.schema != storage::latest_schema_version()) {
    out << "schema " << v.schema << ", this server writes " << storage::latest_schema_version()
        << (v.schema < storage::latest_schema_version() ? " (the server upgrades it at start)"
                                                        : " (written by a newer server)")
        << '\n';
  }
  out << path << (v.ok() ? ": ok" : ": NOT ok") << " (integrity " << (v.intact ? "ok" : "failed") << ", schema "
      << v.schema << ")\n";
  return v.ok() ? admin_status::ok : admin_status::failed;
}

}  // namespace

int run_admin(int argc, const char* const argv[], std::ostream& out, std::ostream& err) {
  admin_options o;
  CLI::App app{"Operator's commands on the database file; safe while a server runs on it.", "debrief-server admin"};
  app.require_subcommand(1);
  app.add_option("--db", o.db, "SQLite database file")->envname("DEBRIEF_DB")->type_name("PATH")->capture_default_str();
  app.add_option("--busy-timeout-ms", o.busy_timeout_ms, "wait this long for a lock the server holds")
      ->type_name("N")
      ->check(CLI::Range(0L, 600'000L))
      ->capture_default_str();
  app.footer(
      "Exit status: 0 done, 1 failed (or verify found a problem), 2 bad arguments,\n3 no such database file, 4 no "
      "such session, 5 the database stayed busy, 6 no such inquiry, 7 no such event.");

  auto* list_cmd = app.add_subcommand("list",
                                      "every session: code, ref, title, template, created/started/ended "
                                      "(UTC), participants, its inquiry (id, ref, position) and its event (id, "
                                      "ref, room position) if any");
  auto* export_cmd = app.add_subcommand("export", "a session's export, as GET /api/sessions/{code}/export gives it");
  export_cmd->add_option("code", o.code, "the session's code")->required();
  export_cmd->add_option("--format", o.format, "md, json or html")->capture_default_str();
  export_cmd->add_option("--tz", o.zone, "IANA time zone for times (e.g. Europe/Paris)")->capture_default_str();
  export_cmd->add_option("--output", o.output, "write to this file instead of standard output")->type_name("FILE");
  auto* delete_cmd = app.add_subcommand("delete", "delete a session completely, as DELETE /api/sessions/{code} does");
  delete_cmd->add_option("code", o.code, "the session's code")->required();
  auto* delete_inquiry_cmd = app.add_subcommand(
      "delete-inquiry", "delete an inquiry and every session of it completely, as DELETE /api/inquiries/{id} does");
  delete_inquiry_cmd->add_option("id", o.code, "the inquiry's id (admin list shows it)")->required();
  bool keep_rooms = false;
  auto* delete_event_cmd = app.add_subcommand(
      "delete-event", "delete an event and every room of it completely, as DELETE /api/events/{id} does");
  delete_event_cmd->add_option("id", o.code, "the event's id (admin list shows it)")->required();
  delete_event_cmd->add_flag("--keep-rooms", keep_rooms, "keep the rooms as sessions in no event (?rooms=keep)");
  auto* backup_cmd = app.add_subcommand("backup", "back the database up now (checked before it counts)");
  backup_cmd->add_option("target", o.target, "a new file, or a folder (default: --backup-dir)");
  backup_cmd->add_option("--backup-dir", o.backup_dir, "folder for a backup named by its UTC time")
      ->envname("DEBRIEF_BACKUP_DIR")
      ->type_name("DIR");
  auto* verify_cmd = app.add_subcommand("verify", "integrity check and schema version of the database (or a backup)");
  verify_cmd->add_option("file", o.target, "a backup to check instead of --db");
  for (auto* sub : {list_cmd, export_cmd, delete_cmd, delete_inquiry_cmd, delete_event_cmd, backup_cmd, verify_cmd}) {
    sub->fallthrough();
  }

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp&) {
    out << app.help();
    return admin_status::ok;
  } catch (const CLI::ParseError& e) {
    err << "debrief-server admin: " << e.what() << " (see debrief-server admin --help)\n";
    return admin_status::usage;
  }
  try {
    if (*list_cmd) return list(o, out);
    if (*export_cmd) return export_session(o, out);
    if (*delete_cmd) return delete_session(o, out);
    if (*delete_inquiry_cmd) return delete_inquiry(o, out);
    if (*delete_event_cmd) return delete_event(o, keep_rooms, out);
    if (*backup_cmd) return backup(o, out);
    return verify(o, out);
  } catch (const admin_error& e) {
    err << "debrief-server admin: " << e.message << '\n';
    return e.status;
  } catch (const storage::storage_busy& e) {
    err << "debrief-server admin: the database is busy (locked by another process past --busy-timeout-ms): " << e.what()
        << '\n';
    return admin_status::busy;
  } catch (const std::exception& e) {
    err << "debrief-server admin: " << e.what() << '\n';
    return admin_status::failed;
  }
}

}  // namespace debrief::server
