#pragma once
// The session store. Not thread-safe: use it from one thread (the writer's)
// only. It writes on one SQLite connection; a second, on a thread of its own,
// only runs checkpoints (storage/src/checkpointer.hpp).

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "debrief/storage/records.hpp"

namespace debrief::storage {

struct storage_error : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// The file is locked by another connection for longer than the busy
// timeout (another process writing, a long transaction).
struct storage_busy : storage_error {
  using storage_error::storage_error;
};

// A batch that is wrong in itself (its events do not follow on the stored
// ones, say): the disk is fine, only this batch is refused.
struct batch_refused : storage_error {
  using storage_error::storage_error;
};

class database {
 public:
  // The write-ahead log's length, in 4 KiB frames, at which a checkpoint
  // starts in the background (see checkpointer.hpp).
  static constexpr std::int64_t default_checkpoint_frames = 40'000;

  // Opens (or creates) the file, sets WAL and FULL sync, runs migrations.
  // `vfs` names a registered SQLite VFS (tests inject faults with one);
  // empty means SQLite's default.
  explicit database(const std::string& path, std::int64_t checkpoint_frames = default_checkpoint_frames,
                    const std::string& vfs = {});
  ~database();
  database(const database&) = delete;
  database& operator=(const database&) = delete;

  // Stores every batch in one transaction, or none of them (throws
  // batch_refused for a wrong batch, storage_error when the disk fails).
  void commit(const std::vector<write_batch>& batches);

  // A small write that goes all the way to disk (a transaction rewriting the
  // schema version with its own value): throws unless the disk takes writes.
  void probe();

  // Every session (tests and tools; the server loads one at a time).
  std::vector<loaded_session> load_sessions();
  // One session, or nullopt if there is none with that id: one indexed
  // lookup, however many sessions are stored.
  std::optional<loaded_session> load_session(const std::string& id);
  // The sessions whose stored timer runs, soonest first.
  std::vector<due_timer> running_timers();
  // The sessions never started that were created at `time` or before (and,
  // when planned for a day, whose day began at `time` or before).
  std::vector<std::string> lobby_sessions_created_by(std::int64_t time);
  // The sessions in no inquiry that ended at `time` or before, longest ended first.
  std::vector<ended_session> sessions_ended_by(std::int64_t time);
  // An inquiry with the id and position of each of its sessions, or nullopt.
  std::optional<stored_inquiry> load_inquiry(const std::string& id);
  // The inquiries whose sessions have all ended, the last at `time` or
  // before (an inquiry with none left: created then or before), longest ended first.
  std::vector<ended_inquiry> inquiries_ended_by(std::int64_t time);
  // An event with every room of it (in position order), or nullopt.
  std::optional<stored_event> load_event(const std::string& id);
  std::vector<event_record> events_after(const std::string& session, std::int64_t seq);
  int schema_version();
  // How long a statement waits for another connection's lock before it
  // gives up with storage_busy (5 s unless set).
  void set_busy_timeout(std::chrono::milliseconds wait);

  // Called on the checkpointer's thread after each background checkpoint
  // with how long it took (metrics); an empty function stops the calls.
  void on_checkpoint(std::function<void(std::chrono::steady_clock::duration)> done);

 private:
  struct impl;
  std::unique_ptr<impl> impl_;
};

}  // namespace debrief::storage
