#include "debrief/storage/backup.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <ctime>
#include <regex>

#include "debrief/storage/database.hpp"
#include "migrations.hpp"
#include "sqlite.hpp"

namespace debrief::storage {

namespace fs = std::filesystem;

namespace {

// fsync a file or a folder: a rename is durable only once its folder is.
void sync_path(const fs::path& p) {
  const int fd = ::open(p.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw storage_error(p.string() + ": cannot open to sync: " + std::strerror(errno));
  const int rc = ::fsync(fd);
  const int saved = errno;
  ::close(fd);
  if (rc != 0) throw storage_error(p.string() + ": sync failed: " + std::strerror(saved));
}

int user_version(sqlite::connection& db) {
  sqlite::statement version(db, "PRAGMA user_version");
  version.step();
  return static_cast<int>(version.int64(0));
}

void require_file(const std::string& path) {
  if (!fs::is_regular_file(path)) throw storage_error(path + ": no such database file");
}

// Removes the partial file unless the backup got as far as its final name.
struct partial_file {
  fs::path path;
  bool kept = false;
  ~partial_file() {
    if (kept) return;
    std::error_code ignored;
    fs::remove(path, ignored);
  }
};

}  // namespace

int latest_schema_version() { return static_cast<int>(migrations.size()); }

verify_result verify_file(const std::string& path) {
  require_file(path);
  sqlite::connection db(path, {}, /*create=*/false);
  verify_result result;
  try {
    result.schema = user_version(db);
    sqlite::statement check(db, "PRAGMA integrity_check");
    while (check.step()) {
      auto line = check.text(0);
      if (line != "ok") result.problems.push_back(std::move(line));
    }
  } catch (const storage_busy&) {
    throw;
  } catch (const storage_error& e) {
    // Damage bad enough that the check itself stops ("malformed").
    result.problems.emplace_back(e.what());
  }
  result.intact = result.problems.empty();
  return result;
}

backup_result back_up(const std::string& source, const fs::path& target) {
  require_file(source);
  if (fs::exists(target)) throw storage_error(target.string() + ": already exists; a backup never overwrites a file");
  partial_file partial{target.parent_path() / ("." + target.filename().string() + ".partial")};
  fs::remove(partial.path);  // left by a crash: never a good backup
  int schema = 0;
  {
    sqlite::connection db(source, {}, /*create=*/false);
    schema = user_version(db);
    sqlite::statement vacuum(db, "VACUUM INTO ?1");
    vacuum.bind(1, std::string_view(partial.path.string()));
    vacuum.run();
  }
  // VACUUM INTO does not sync what it wrote.
  sync_path(partial.path);
  const auto checked = verify_file(partial.path.string());
  if (!checked.intact) {
    throw storage_error(target.string() + ": the backup failed its integrity check: " + checked.problems.front());
  }
  if (checked.schema != schema) {
    throw storage_error(target.string() + ": the backup has schema " + std::to_string(checked.schema) +
                        ", the database " + std::to_string(schema));
  }
  fs::rename(partial.path, target);
  partial.kept = true;
  sync_path(target.parent_path().empty() ? fs::path(".") : target.parent_path());
  return {target, fs::file_size(target), schema};
}

std::string backup_name(std::chrono::system_clock::time_point when) {
  using namespace std::chrono;
  const auto ms = duration_cast<milliseconds>(when.time_since_epoch()).count();
  const std::time_t seconds = static_cast<std::time_t>(ms / 1000);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char stamp[32];
  std::strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%S", &utc);
  char millis[8];
  std::snprintf(millis, sizeof millis, ".%03dZ", static_cast<int>(ms % 1000));
  return std::string("debrief-") + stamp + millis + ".db";
}

backup_result back_up_into(const std::string& source, const fs::path& dir, std::chrono::system_clock::time_point now) {
  fs::create_directories(dir);
  return back_up(source, dir / backup_name(now));
}

std::vector<fs::path> backups_in(const fs::path& dir) {
  static const std::regex name(R"(debrief-\d{8}T\d{6}\.\d{3}Z\.db)");
  std::vector<fs::path> out;
  if (!fs::is_directory(dir)) return out;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.is_regular_file() && std::regex_match(entry.path().filename().string(), name)) {
      out.push_back(entry.path());
    }
  }
  std::sort(out.begin(), out.end());  // the names sort by time
  return out;
}

std::vector<fs::path> prune_backups(const fs::path& dir, std::size_t keep) {
  auto all = backups_in(dir);
  std::vector<fs::path> removed;
  for (std::size_t i = 0; i + keep < all.size(); ++i) {
    fs::remove(all[i]);
    removed.push_back(all[i]);
  }
  return removed;
}

backup_schedule::backup_schedule(std::string source, fs::path dir, std::chrono::milliseconds interval, std::size_t keep,
                                 report_fn report)
    : source_(std::move(source)),
      dir_(std::move(dir)),
      interval_(interval),
      keep_(std::max<std::size_t>(keep, 1)),
      report_(std::move(report)),
      thread_([this] { run(); }) {}

backup_schedule::~backup_schedule() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_one();
  thread_.join();
}

std::size_t backup_schedule::completed() const {
  std::lock_guard lock(mutex_);
  return completed_;
}

void backup_schedule::run() {
  for (;;) {
    {
      std::unique_lock lock(mutex_);
      if (wake_.wait_for(lock, interval_, [this] { return stopping_; })) return;
    }
    try {
      const auto started = std::chrono::steady_clock::now();
      const auto made = back_up_into(source_, dir_);
      const auto took =
          std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started).count();
      const auto pruned = prune_backups(dir_, keep_);
      {
        std::lock_guard lock(mutex_);
        ++completed_;
      }
      report_(true, "backup written and checked: " + made.path.string() + " (" + std::to_string(made.bytes) +
                        " bytes, " + std::to_string(took) + " ms); " + std::to_string(pruned.size()) +
                        " older removed, " + std::to_string(keep_) + " kept at most");
    } catch (const std::exception& e) {
      // The next interval tries again; the older backups stay.
      report_(false, std::string("backup failed: ") + e.what());
    }
  }
}

}  // namespace debrief::storage
