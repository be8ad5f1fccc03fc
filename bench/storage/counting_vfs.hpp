#pragma once
// A SQLite VFS that passes everything to the default one and counts what
// reaches the disk: bytes written to the write-ahead log and to the main
// file (checkpoints), and syncs. The storage bench opens its databases
// through it to report bytes and pages per commit and per event.

#include <atomic>
#include <cstdint>
#include <string>

namespace debrief::bench {

struct disk_counts {
  std::uint64_t wal_bytes = 0;
  std::uint64_t wal_writes = 0;
  std::uint64_t db_bytes = 0;  // the main file: checkpoints copying the log in
  std::uint64_t syncs = 0;     // of either file
  std::uint64_t reads = 0;     // of either file, through the VFS (not memory-mapped ones)

  disk_counts operator-(const disk_counts& o) const {
    return {wal_bytes - o.wal_bytes, wal_writes - o.wal_writes, db_bytes - o.db_bytes, syncs - o.syncs,
            reads - o.reads};
  }
};

// Registers the VFS (once) and returns its name, to pass to storage::database.
const std::string& counting_vfs();
disk_counts counted();

}  // namespace debrief::bench
