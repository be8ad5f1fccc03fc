#include "sqlite.hpp"

#include "debrief/storage/database.hpp"

namespace debrief::storage::sqlite {

connection::connection(const std::string& path, const std::string& vfs, bool create) : path_(path) {
  const int rc = sqlite3_open_v2(path.c_str(), &db_,
                                 SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0) | SQLITE_OPEN_NOMUTEX,
                                 vfs.empty() ? nullptr : vfs.c_str());
  if (rc != SQLITE_OK) {
    const std::string message = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
    sqlite3_close(db_);
    db_ = nullptr;
    throw storage_error(path + ": cannot open the database: " + message);
  }
  sqlite3_extended_result_codes(db_, 1);
  // Another connection (a backup, a second reader) may hold a lock briefly.
  sqlite3_busy_timeout(db_, 5000);
  try {
    begin_immediate_ = prepare("BEGIN IMMEDIATE");
    commit_ = prepare("COMMIT");
    rollback_ = prepare("ROLLBACK");
  } catch (...) {
    close();
    throw;
  }
}

connection::~connection() { close(); }

void connection::close() noexcept {
  // Statements first: a connection with statements left open does not close.
  for (auto* stmt : {begin_immediate_, commit_, rollback_}) sqlite3_finalize(stmt);
  begin_immediate_ = commit_ = rollback_ = nullptr;
  sqlite3_close(db_);
  db_ = nullptr;
}

sqlite3_stmt* connection::prepare(const char* sql) {
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v3(db_, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, nullptr) != SQLITE_OK) {
    fail(std::string("cannot prepare \"") + sql + "\"");
  }
  return stmt;
}

void connection::run(sqlite3_stmt* stmt, const char* sql) {
  const int rc = sqlite3_step(stmt);
  if (rc == SQLITE_DONE) {
    sqlite3_reset(stmt);
    return;
  }
  std::string message = path_;
  message.append(": ").append(sql).append(" failed: ").append(sqlite3_errmsg(db_));
  sqlite3_reset(stmt);
  throw_error(rc, message);
}

void connection::begin_immediate() { run(begin_immediate_, "BEGIN IMMEDIATE"); }
void connection::commit() { run(commit_, "COMMIT"); }
void connection::rollback() noexcept {
  if (sqlite3_get_autocommit(db_) != 0) return;  // nothing open (SQLite may have rolled back itself)
  sqlite3_step(rollback_);
  sqlite3_reset(rollback_);
}

void connection::exec(const char* sql) {
  char* error = nullptr;
  if (const int rc = sqlite3_exec(db_, sql, nullptr, nullptr, &error); rc != SQLITE_OK) {
    std::string message = error ? error : "unknown error";
    sqlite3_free(error);
    throw_error(rc, path_ + ": SQL failed: " + message);
  }
}

void connection::fail(const std::string& what) const {
  throw_error(sqlite3_errcode(db_), path_ + ": " + what + ": " + sqlite3_errmsg(db_));
}

void throw_error(int rc, const std::string& message) {
  // Still locked once the busy timeout ran out: another process holds it.
  if ((rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED) throw storage_busy(message);
  throw storage_error(message);
}

statement::statement(connection& db, const char* sql) : db_(db) {
  if (sqlite3_prepare_v3(db.get(), sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt_, nullptr) != SQLITE_OK) {
    db.fail(std::string("cannot prepare \"") + sql + "\"");
  }
}

statement::~statement() { sqlite3_finalize(stmt_); }

statement& statement::bind(int index, std::int64_t value) {
  if (sqlite3_bind_int64(stmt_, index, value) != SQLITE_OK) db_.fail("bind");
  return *this;
}

statement& statement::bind(int index, std::optional<std::int64_t> value) {
  if (value) return bind(index, *value);
  if (sqlite3_bind_null(stmt_, index) != SQLITE_OK) db_.fail("bind");
  return *this;
}

statement& statement::bind(int index, std::string_view value) {
  if (sqlite3_bind_text(stmt_, index, value.data(), static_cast<int>(value.size()), SQLITE_TRANSIENT) != SQLITE_OK) {
    db_.fail("bind");
  }
  return *this;
}

statement& statement::bind_borrowed(int index, std::string_view value) {
  if (sqlite3_bind_text(stmt_, index, value.data(), static_cast<int>(value.size()), SQLITE_STATIC) != SQLITE_OK) {
    db_.fail("bind");
  }
  return *this;
}

bool statement::step() {
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  const std::string message = sqlite3_errmsg(db_.get());
  // Bindings go too: a value left bound from a failed step would be stored
  // by the statement's next use that does not bind that parameter (and a
  // borrowed one would point at text already gone).
  reset();
  throw_error(rc, db_.path() + ": step failed: " + message);
}

void statement::run() {
  while (step()) {
  }
  reset();
}

void statement::reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

std::int64_t statement::int64(int column) const { return sqlite3_column_int64(stmt_, column); }

std::optional<std::int64_t> statement::maybe_int64(int column) const {
  if (sqlite3_column_type(stmt_, column) == SQLITE_NULL) return std::nullopt;
  return sqlite3_column_int64(stmt_, column);
}

std::optional<std::string> statement::maybe_text(int column) const {
  if (sqlite3_column_type(stmt_, column) == SQLITE_NULL) return std::nullopt;
  return text(column);
}

std::string statement::text(int column) const {
  const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, column));
  return p ? std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column))) : std::string();
}

transaction::transaction(connection& db) : db_(db) { db_.begin_immediate(); }

transaction::~transaction() {
  if (!done_) db_.rollback();
}

void transaction::commit() {
  db_.commit();
  done_ = true;
}

read_transaction::read_transaction(connection& db) : db_(db), owns_(sqlite3_get_autocommit(db.get()) != 0) {
  if (owns_) db_.exec("BEGIN DEFERRED");
}

// Nothing was written: ending it either way only lets the snapshot go.
read_transaction::~read_transaction() {
  if (owns_) sqlite3_exec(db_.get(), "COMMIT", nullptr, nullptr, nullptr);
}

}  // namespace debrief::storage::sqlite
