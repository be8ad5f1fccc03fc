#include "faulty_vfs.hpp"

#include <sqlite3.h>

#include <atomic>
#include <condition_variable>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <mutex>
#include <stdexcept>
#include <vector>

namespace debrief::testing {

namespace {

// What the disk holds for one file as of its last sync, and what was written
// to it since (lost in a power cut).
struct shadow {
  struct change {
    sqlite3_int64 offset = 0;
    std::string bytes;      // a write
    bool truncate = false;  // or a truncation to `offset`
  };
  std::string durable;
  std::vector<change> unsynced;

  void sync() {
    for (auto& c : unsynced) {
      if (c.truncate) {
        durable.resize(static_cast<std::size_t>(c.offset));
        continue;
      }
      const auto end = static_cast<std::size_t>(c.offset) + c.bytes.size();
      if (durable.size() < end) durable.resize(end);
      std::memcpy(durable.data() + c.offset, c.bytes.data(), c.bytes.size());
    }
    unsynced.clear();
  }
};

struct state {
  std::mutex mutex;
  std::atomic<bool> fail_writes{false};
  std::atomic<bool> fail_syncs{false};
  std::atomic<bool> power_off{false};
  std::atomic<std::size_t> refused{0};
  bool hold_syncs = false;  // guarded by mutex
  std::size_t syncs_waiting = 0;
  std::condition_variable released;
  std::map<std::string, shadow> files;  // main databases and logs, by path
  sqlite3_vfs* base = nullptr;
  sqlite3_vfs vfs{};
};

state& faults() {
  static state s;
  return s;
}

struct faulty_file {
  sqlite3_file header;  // pMethods: ours
  std::string* path;    // tracked file (main database or log), else null
  sqlite3_file* real() { return reinterpret_cast<sqlite3_file*>(this + 1); }
};

faulty_file* as_faulty(sqlite3_file* f) { return reinterpret_cast<faulty_file*>(f); }

std::string read_whole(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

int refuse(int code) {
  ++faults().refused;
  return code;
}

int x_close(sqlite3_file* f) {
  auto* file = as_faulty(f);
  const int rc = file->real()->pMethods->xClose(file->real());
  delete file->path;
  file->path = nullptr;
  return rc;
}
int x_read(sqlite3_file* f, void* out, int amount, sqlite3_int64 offset) {
  return as_faulty(f)->real()->pMethods->xRead(as_faulty(f)->real(), out, amount, offset);
}
int x_write(sqlite3_file* f, const void* in, int amount, sqlite3_int64 offset) {
  auto& s = faults();
  if (s.power_off || s.fail_writes) return refuse(SQLITE_IOERR_WRITE);
  auto* file = as_faulty(f);
  const int rc = file->real()->pMethods->xWrite(file->real(), in, amount, offset);
  if (rc == SQLITE_OK && file->path) {
    std::lock_guard lock(s.mutex);
    s.files[*file->path].unsynced.push_back({offset, std::string(static_cast<const char*>(in), amount), false});
  }
  return rc;
}
int x_truncate(sqlite3_file* f, sqlite3_int64 size) {
  auto& s = faults();
  if (s.power_off || s.fail_writes) return refuse(SQLITE_IOERR_TRUNCATE);
  auto* file = as_faulty(f);
  const int rc = file->real()->pMethods->xTruncate(file->real(), size);
  if (rc == SQLITE_OK && file->path) {
    std::lock_guard lock(s.mutex);
    s.files[*file->path].unsynced.push_back({size, {}, true});
  }
  return rc;
}
int x_sync(sqlite3_file* f, int flags) {
  auto& s = faults();
  {
    std::unique_lock lock(s.mutex);
    ++s.syncs_waiting;
    s.released.wait(lock, [&s] { return !s.hold_syncs; });
    --s.syncs_waiting;
  }
  if (s.power_off || s.fail_syncs) return refuse(SQLITE_IOERR_FSYNC);
  auto* file = as_faulty(f);
  const int rc = file->real()->pMethods->xSync(file->real(), flags);
  if (rc == SQLITE_OK && file->path) {
    std::lock_guard lock(s.mutex);
    s.files[*file->path].sync();
  }
  return rc;
}
int x_file_size(sqlite3_file* f, sqlite3_int64* size) {
  return as_faulty(f)->real()->pMethods->xFileSize(as_faulty(f)->real(), size);
}
int x_lock(sqlite3_file* f, int level) { return as_faulty(f)->real()->pMethods->xLock(as_faulty(f)->real(), level); }
int x_unlock(sqlite3_file* f, int level) {
  return as_faulty(f)->real()->pMethods->xUnlock(as_faulty(f)->real(), level);
}
int x_check_reserved_lock(sqlite3_file* f, int* out) {
  return as_faulty(f)->real()->pMethods->xCheckReservedLock(as_faulty(f)->real(), out);
}
int x_file_control(sqlite3_file* f, int op, void* arg) {
  return as_faulty(f)->real()->pMethods->xFileControl(as_faulty(f)->real(), op, arg);
}
int x_sector_size(sqlite3_file* f) { return as_faulty(f)->real()->pMethods->xSectorSize(as_faulty(f)->real()); }
int x_device_characteristics(sqlite3_file* f) {
  return as_faulty(f)->real()->pMethods->xDeviceCharacteristics(as_faulty(f)->real());
}
int x_shm_map(sqlite3_file* f, int page, int size, int extend, void volatile** out) {
  return as_faulty(f)->real()->pMethods->xShmMap(as_faulty(f)->real(), page, size, extend, out);
}
int x_shm_lock(sqlite3_file* f, int offset, int n, int flags) {
  return as_faulty(f)->real()->pMethods->xShmLock(as_faulty(f)->real(), offset, n, flags);
}
void x_shm_barrier(sqlite3_file* f) { as_faulty(f)->real()->pMethods->xShmBarrier(as_faulty(f)->real()); }
int x_shm_unmap(sqlite3_file* f, int remove) {
  return as_faulty(f)->real()->pMethods->xShmUnmap(as_faulty(f)->real(), remove);
}

// Version 2: shared memory for the log, no memory-mapped reads (every read
// goes through x_read, so what the process sees is what it wrote).
const sqlite3_io_methods methods = {2,
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
                                    nullptr,
                                    nullptr};

int x_open(sqlite3_vfs*, sqlite3_filename name, sqlite3_file* f, int flags, int* out_flags) {
  auto& s = faults();
  auto* file = as_faulty(f);
  file->path = nullptr;
  file->header.pMethods = nullptr;
  const int rc = s.base->xOpen(s.base, name, file->real(), flags, out_flags);
  if (rc != SQLITE_OK) return rc;
  if (name != nullptr && (flags & (SQLITE_OPEN_MAIN_DB | SQLITE_OPEN_WAL)) != 0) {
    file->path = new std::string(name);
    std::lock_guard lock(s.mutex);
    // The first opening reads what the disk holds; later ones share it.
    if (!s.files.contains(*file->path)) s.files[*file->path].durable = read_whole(*file->path);
  }
  file->header.pMethods = file->real()->pMethods ? &methods : nullptr;
  return rc;
}

int x_delete(sqlite3_vfs*, const char* name, int sync_dir) {
  auto& s = faults();
  if (s.power_off) return refuse(SQLITE_IOERR_DELETE);
  const int rc = s.base->xDelete(s.base, name, sync_dir);
  if (rc == SQLITE_OK) {
    std::lock_guard lock(s.mutex);
    s.files.erase(name);
  }
  return rc;
}
int x_access(sqlite3_vfs*, const char* name, int flags, int* out) {
  return faults().base->xAccess(faults().base, name, flags, out);
}
int x_full_pathname(sqlite3_vfs*, const char* name, int size, char* out) {
  return faults().base->xFullPathname(faults().base, name, size, out);
}
void* x_dl_open(sqlite3_vfs*, const char* name) { return faults().base->xDlOpen(faults().base, name); }
void x_dl_error(sqlite3_vfs*, int size, char* out) { faults().base->xDlError(faults().base, size, out); }
void (*x_dl_sym(sqlite3_vfs*, void* handle, const char* symbol))(void) {
  return faults().base->xDlSym(faults().base, handle, symbol);
}
void x_dl_close(sqlite3_vfs*, void* handle) { faults().base->xDlClose(faults().base, handle); }
int x_randomness(sqlite3_vfs*, int size, char* out) { return faults().base->xRandomness(faults().base, size, out); }
int x_sleep(sqlite3_vfs*, int micros) { return faults().base->xSleep(faults().base, micros); }
int x_current_time(sqlite3_vfs*, double* out) { return faults().base->xCurrentTime(faults().base, out); }
int x_get_last_error(sqlite3_vfs*, int size, char* out) {
  return faults().base->xGetLastError(faults().base, size, out);
}
int x_current_time_int64(sqlite3_vfs*, sqlite3_int64* out) {
  return faults().base->xCurrentTimeInt64(faults().base, out);
}

}  // namespace

faulty_vfs& faulty_vfs::install(const std::string& name) {
  static faulty_vfs* installed = [&] {
    auto& s = faults();
    s.base = sqlite3_vfs_find(nullptr);
    if (s.base == nullptr) throw std::runtime_error("no default SQLite VFS");
    auto* self = new faulty_vfs(name);
    s.vfs = sqlite3_vfs{2,
                        static_cast<int>(sizeof(faulty_file) + s.base->szOsFile),
                        s.base->mxPathname,
                        nullptr,
                        self->name_.c_str(),
                        nullptr,
                        x_open,
                        x_delete,
                        x_access,
                        x_full_pathname,
                        x_dl_open,
                        x_dl_error,
                        x_dl_sym,
                        x_dl_close,
                        x_randomness,
                        x_sleep,
                        x_current_time,
                        x_get_last_error,
                        x_current_time_int64,
                        nullptr,
                        nullptr,
                        nullptr};
    if (sqlite3_vfs_register(&s.vfs, 0) != SQLITE_OK) throw std::runtime_error("cannot register the faulty VFS");
    return self;
  }();
  return *installed;
}

void faulty_vfs::fail_writes(bool on) { faults().fail_writes = on; }
void faulty_vfs::fail_syncs(bool on) { faults().fail_syncs = on; }

void faulty_vfs::hold_syncs(bool on) {
  auto& s = faults();
  {
    std::lock_guard lock(s.mutex);
    s.hold_syncs = on;
  }
  s.released.notify_all();
}

std::size_t faulty_vfs::syncs_waiting() const {
  auto& s = faults();
  std::lock_guard lock(s.mutex);
  return s.syncs_waiting;
}

void faulty_vfs::heal() {
  faults().fail_writes = false;
  faults().fail_syncs = false;
  faults().refused = 0;
}

std::size_t faulty_vfs::refused() const { return faults().refused; }

void faulty_vfs::cut_power() { faults().power_off = true; }

void faulty_vfs::restore_after_power_cut() {
  auto& s = faults();
  std::lock_guard lock(s.mutex);
  for (auto& [path, file] : s.files) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(file.durable.data(), static_cast<std::streamsize>(file.durable.size()));
    if (!out) throw std::runtime_error("cannot restore " + path);
    std::error_code ignored;
    if (path.ends_with("-wal")) std::filesystem::remove(path.substr(0, path.size() - 4) + "-shm", ignored);
  }
  s.files.clear();
  s.power_off = false;
}

}  // namespace debrief::testing
