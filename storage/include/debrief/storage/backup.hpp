#pragma once
// Consistent copies of a database that is in use, and checking a file.
//
// A backup is made with `VACUUM INTO` on a connection of its own, not with
// the stepping backup API: in WAL mode a reader never holds up the writer,
// so copying the whole file in one read transaction costs the server's
// commits nothing, while the stepping API restarts from the first page each
// time another connection commits between two steps, and on a busy server
// might never finish. VACUUM INTO also leaves out free pages, so a backup
// holds no remains of deleted sessions' pages. The price, as with any
// consistent copy: while it reads, the write-ahead log cannot be emptied
// past its snapshot, so a deletion committed meanwhile waits for the copy
// (at most the busy timeout) before its words leave the log.
//
// A backup is written under a temporary name (".NAME.partial"), synced,
// checked with PRAGMA integrity_check, then renamed and its folder synced:
// a file with the final name is always a whole, checked backup.

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace debrief::storage {

// The schema version this build writes (PRAGMA user_version).
int latest_schema_version();

struct backup_result {
  std::filesystem::path path;
  std::uintmax_t bytes = 0;
  int schema = 0;
};

// Copies the database at `source` (which must exist) to the file `target`,
// which must not exist yet. Throws storage_error (storage_busy when locked
// past the busy timeout); leaves no partial file behind.
backup_result back_up(const std::string& source, const std::filesystem::path& target);

// The name a backup made at `when` gets: debrief-YYYYMMDDTHHMMSS.mmmZ.db (UTC),
// so that names sort by time.
std::string backup_name(std::chrono::system_clock::time_point when);

// Backs up into the folder `dir` (created if missing) under backup_name(now).
backup_result back_up_into(const std::string& source, const std::filesystem::path& dir,
                           std::chrono::system_clock::time_point now = std::chrono::system_clock::now());

// The backups in `dir` (files named as backup_name makes them), oldest first.
std::vector<std::filesystem::path> backups_in(const std::filesystem::path& dir);

// Deletes the oldest backups in `dir` until `keep` are left; returns those deleted.
std::vector<std::filesystem::path> prune_backups(const std::filesystem::path& dir, std::size_t keep);

struct verify_result {
  bool intact = false;                // PRAGMA integrity_check said ok
  int schema = 0;                     // the file's PRAGMA user_version
  std::vector<std::string> problems;  // integrity_check's lines, when not intact
  bool ok() const { return intact && schema == latest_schema_version(); }
};

// Checks the database file at `path` (which must exist) without changing it.
verify_result verify_file(const std::string& path);

// Backs up `source` into `dir` every `interval` on a thread of its own (the
// first one interval after the start), keeping the newest `keep`. `report`
// is told of each backup (ok) or failure (not ok), on that thread.
class backup_schedule {
 public:
  using report_fn = std::function<void(bool ok, const std::string& what)>;
  backup_schedule(std::string source, std::filesystem::path dir, std::chrono::milliseconds interval, std::size_t keep,
                  report_fn report);
  ~backup_schedule();  // lets a backup under way finish
  backup_schedule(const backup_schedule&) = delete;
  backup_schedule& operator=(const backup_schedule&) = delete;

  // Backups completed (and checked) so far.
  std::size_t completed() const;

 private:
  void run();

  const std::string source_;
  const std::filesystem::path dir_;
  const std::chrono::milliseconds interval_;
  const std::size_t keep_;
  const report_fn report_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::size_t completed_ = 0;
  std::thread thread_;
};

}  // namespace debrief::storage
