#pragma once
// A minimal RAII layer over the SQLite C API: a connection, prepared
// statements that reset themselves, and a transaction that rolls back unless
// committed.

#include <sqlite3.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace debrief::storage::sqlite {

// Throws storage_busy for a lock held past the busy timeout, storage_error
// for anything else.
[[noreturn]] void throw_error(int rc, const std::string& message);

class connection {
 public:
  // `vfs`: the name of a registered SQLite VFS; empty means the default.
  // Without `create`, a missing file is an error instead of a new database.
  explicit connection(const std::string& path, const std::string& vfs = {}, bool create = true);
  ~connection();
  connection(const connection&) = delete;
  connection& operator=(const connection&) = delete;

  void exec(const char* sql);  // for DDL and pragmas only, never with user data
  // Transaction control through statements prepared once: the writer runs
  // them on every commit, and sqlite3_exec would parse them each time.
  void begin_immediate();
  void commit();
  void rollback() noexcept;  // of the open transaction, if any; errors are ignored
  sqlite3* get() const { return db_; }
  const std::string& path() const { return path_; }
  // Throws storage_error naming the file, `what` failed, and SQLite's reason.
  [[noreturn]] void fail(const std::string& what) const;

 private:
  sqlite3_stmt* prepare(const char* sql);
  void run(sqlite3_stmt* stmt, const char* sql);
  void close() noexcept;

  std::string path_;  // in every error: an operator must know which file
  sqlite3* db_ = nullptr;
  sqlite3_stmt* begin_immediate_ = nullptr;
  sqlite3_stmt* commit_ = nullptr;
  sqlite3_stmt* rollback_ = nullptr;
};

class statement {
 public:
  statement(connection& db, const char* sql);
  ~statement();
  statement(const statement&) = delete;
  statement& operator=(const statement&) = delete;

  statement& bind(int index, std::int64_t value);
  statement& bind(int index, std::string_view value);  // copied: the text may go at once
  // Not copied: SQLite reads the text where it is, so it must stay unchanged
  // until the statement is reset (run() resets it). For the commit's hot
  // path, where each event's body and ack would otherwise be copied once more.
  statement& bind_borrowed(int index, std::string_view value);
  statement& bind(int index, std::optional<std::int64_t> value);  // nullopt binds NULL
  bool step();                                                    // true while a row is available
  void run();                                                     // steps to completion, then resets
  void reset();

  std::int64_t int64(int column) const;
  std::string text(int column) const;
  std::optional<std::int64_t> maybe_int64(int column) const;  // nullopt for NULL
  std::optional<std::string> maybe_text(int column) const;    // nullopt for NULL

 private:
  connection& db_;
  sqlite3_stmt* stmt_ = nullptr;
};

class transaction {
 public:
  explicit transaction(connection& db);
  ~transaction();
  transaction(const transaction&) = delete;
  transaction& operator=(const transaction&) = delete;
  void commit();

 private:
  connection& db_;
  bool done_ = false;
};

// A consistent view for reads that take several statements: from the first
// read until it ends, the connection sees the database as of one commit, so
// a session erased (or written) meanwhile is seen whole or not at all. Takes
// no lock that would hold up the writer (WAL). Inside a transaction already
// open on the connection it does nothing: that one gives the view.
class read_transaction {
 public:
  explicit read_transaction(connection& db);
  ~read_transaction();
  read_transaction(const read_transaction&) = delete;
  read_transaction& operator=(const read_transaction&) = delete;

 private:
  connection& db_;
  bool owns_ = false;
};

}  // namespace debrief::storage::sqlite
