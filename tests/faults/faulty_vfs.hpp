#pragma once
// A SQLite VFS for tests that wraps the default one and fails on demand, as
// SQLite's own test suite does: writes or syncs that return an I/O error, and
// a power cut that loses everything written since each file's last sync.
// Only the fault tests link it; the server opens it by name through
// config::storage_vfs.

#include <cstddef>
#include <string>

namespace debrief::testing {

class faulty_vfs {
 public:
  // Registers the VFS under `name` (once per process) and returns it.
  static faulty_vfs& install(const std::string& name = "faulty");

  const std::string& name() const { return name_; }

  // Every xWrite (xSync) returns SQLITE_IOERR_WRITE (SQLITE_IOERR_FSYNC).
  void fail_writes(bool on);
  void fail_syncs(bool on);
  // While held, every xSync waits (so that commits queue up behind it and
  // the writer commits them together next); syncs_waiting() counts them.
  void hold_syncs(bool on);
  std::size_t syncs_waiting() const;
  // Faults off (does not release held syncs).
  void heal();
  // Writes and syncs refused since the last heal().
  std::size_t refused() const;

  // The machine loses power: from now on nothing reaches the disk (every
  // write, sync, truncate and delete fails). Close every connection, then
  // call restore_after_power_cut to leave each database and log file as its
  // last successful sync left it (the shared-memory index is not durable and
  // is removed), as the disk would show it after a reboot.
  void cut_power();
  void restore_after_power_cut();

 private:
  explicit faulty_vfs(std::string name) : name_(std::move(name)) {}
  std::string name_;
};

}  // namespace debrief::testing
