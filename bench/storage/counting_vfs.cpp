#include "counting_vfs.hpp"

#include <sqlite3.h>

#include <stdexcept>

namespace debrief::bench {

namespace {

struct counters {
  std::atomic<std::uint64_t> wal_bytes{0};
  std::atomic<std::uint64_t> wal_writes{0};
  std::atomic<std::uint64_t> db_bytes{0};
  std::atomic<std::uint64_t> syncs{0};
  std::atomic<std::uint64_t> reads{0};
};

counters& totals() {
  static counters c;
  return c;
}

sqlite3_vfs* base = nullptr;
sqlite3_vfs vfs{};

enum class kind { other, main_db, wal };

// Our header, then the default VFS's file right behind it (szOsFile is the sum).
struct counted_file {
  sqlite3_file header;
  kind what;
  sqlite3_file* real() { return reinterpret_cast<sqlite3_file*>(this + 1); }
};

sqlite3_file* real(sqlite3_file* f) { return reinterpret_cast<counted_file*>(f)->real(); }

int x_close(sqlite3_file* f) { return real(f)->pMethods->xClose(real(f)); }
int x_read(sqlite3_file* f, void* out, int amount, sqlite3_int64 offset) {
  if (reinterpret_cast<counted_file*>(f)->what != kind::other) ++totals().reads;
  return real(f)->pMethods->xRead(real(f), out, amount, offset);
}
int x_write(sqlite3_file* f, const void* in, int amount, sqlite3_int64 offset) {
  const auto what = reinterpret_cast<counted_file*>(f)->what;
  if (what == kind::wal) {
    totals().wal_bytes += static_cast<std::uint64_t>(amount);
    ++totals().wal_writes;
  } else if (what == kind::main_db) {
    totals().db_bytes += static_cast<std::uint64_t>(amount);
  }
  return real(f)->pMethods->xWrite(real(f), in, amount, offset);
}
int x_truncate(sqlite3_file* f, sqlite3_int64 size) { return real(f)->pMethods->xTruncate(real(f), size); }
int x_sync(sqlite3_file* f, int flags) {
  ++totals().syncs;
  return real(f)->pMethods->xSync(real(f), flags);
}
int x_file_size(sqlite3_file* f, sqlite3_int64* size) { return real(f)->pMethods->xFileSize(real(f), size); }
int x_lock(sqlite3_file* f, int level) { return real(f)->pMethods->xLock(real(f), level); }
int x_unlock(sqlite3_file* f, int level) { return real(f)->pMethods->xUnlock(real(f), level); }
int x_check_reserved_lock(sqlite3_file* f, int* out) { return real(f)->pMethods->xCheckReservedLock(real(f), out); }
int x_file_control(sqlite3_file* f, int op, void* arg) { return real(f)->pMethods->xFileControl(real(f), op, arg); }
int x_sector_size(sqlite3_file* f) { return real(f)->pMethods->xSectorSize(real(f)); }
int x_device_characteristics(sqlite3_file* f) { return real(f)->pMethods->xDeviceCharacteristics(real(f)); }
int x_shm_map(sqlite3_file* f, int page, int size, int extend, void volatile** out) {
  return real(f)->pMethods->xShmMap(real(f), page, size, extend, out);
}
int x_shm_lock(sqlite3_file* f, int offset, int n, int flags) {
  return real(f)->pMethods->xShmLock(real(f), offset, n, flags);
}
void x_shm_barrier(sqlite3_file* f) { real(f)->pMethods->xShmBarrier(real(f)); }
int x_shm_unmap(sqlite3_file* f, int remove) { return real(f)->pMethods->xShmUnmap(real(f), remove); }
int x_fetch(sqlite3_file* f, sqlite3_int64 offset, int amount, void** out) {
  return real(f)->pMethods->xFetch(real(f), offset, amount, out);
}
int x_unfetch(sqlite3_file* f, sqlite3_int64 offset, void* page) {
  return real(f)->pMethods->xUnfetch(real(f), offset, page);
}

// Version 3, as the default unix VFS: memory-mapped reads pass through too.
const sqlite3_io_methods methods = {3,
                                    x_close,
                                    x_read,
                                    x_write,
                                    x_truncate,
                                    x_sync,
                                    x_file_size,
                                    x_lock,
                                    x_unlock,
                                    x_check_reserved_lock,
                                    x_file_control,
                                    x_sector_size,
                                    x_device_characteristics,
                                    x_shm_map,
                                    x_shm_lock,
                                    x_shm_barrier,
                                    x_shm_unmap,
                                    x_fetch,
                                    x_unfetch};

int x_open(sqlite3_vfs*, sqlite3_filename name, sqlite3_file* f, int flags, int* out_flags) {
  auto* file = reinterpret_cast<counted_file*>(f);
  file->header.pMethods = nullptr;
  file->what = (flags & SQLITE_OPEN_WAL) != 0       ? kind::wal
               : (flags & SQLITE_OPEN_MAIN_DB) != 0 ? kind::main_db
                                                    : kind::other;
  const int rc = base->xOpen(base, name, file->real(), flags, out_flags);
  if (rc == SQLITE_OK && file->real()->pMethods != nullptr) file->header.pMethods = &methods;
  return rc;
}

}  // namespace

const std::string& counting_vfs() {
  static const std::string name = [] {
    base = sqlite3_vfs_find(nullptr);
    if (base == nullptr) throw std::runtime_error("no default SQLite VFS");
    vfs = *base;  // every call but xOpen goes straight to the default
    vfs.zName = "debrief-bench-counting";
    vfs.szOsFile = static_cast<int>(sizeof(counted_file)) + base->szOsFile;
    vfs.xOpen = x_open;
    vfs.pNext = nullptr;
    if (sqlite3_vfs_register(&vfs, 0) != SQLITE_OK) throw std::runtime_error("cannot register the counting VFS");
    return std::string(vfs.zName);
  }();
  return name;
}

disk_counts counted() {
  auto& c = totals();
  return {c.wal_bytes.load(), c.wal_writes.load(), c.db_bytes.load(), c.syncs.load(), c.reads.load()};
}

}  // namespace debrief::bench
