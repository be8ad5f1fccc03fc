// A server that could not write its database would start, report healthy and
// then refuse every change. It refuses to start instead, naming the file and
// the reason. Permissions do not bind root, so each start runs in a child
// process as an unprivileged user when the tests run as root.

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <optional>
#include <string>

#include "debrief/server/app.hpp"
#include "debrief/storage/database.hpp"
#include "harness.hpp"

namespace debrief::testing {
namespace {

namespace fs = std::filesystem;

constexpr uid_t nobody = 65534;

// Starts a server on `db` in a child process (as nobody if we are root).
// Returns nullopt if it started, or the error it refused with.
std::optional<std::string> start_unprivileged(const fs::path& db) {
  int pipe_fds[2];
  if (pipe(pipe_fds) != 0) throw std::runtime_error("pipe failed");
  const pid_t child = fork();
  if (child == 0) {
    close(pipe_fds[0]);
    if (geteuid() == 0 && (setgid(nobody) != 0 || setuid(nobody) != 0)) _exit(3);
    std::string outcome;
    try {
      server::config cfg;
      cfg.db = db.string();
      cfg.port = 0;
      cfg.bind = "127.0.0.1";
      server::app started(cfg);
      _exit(0);  // started: no need to serve or stop cleanly
    } catch (const std::exception& e) {
      outcome = e.what();
    }
    (void)!write(pipe_fds[1], outcome.data(), outcome.size());
    _exit(1);
  }
  close(pipe_fds[1]);
  std::string message;
  char buffer[512];
  for (ssize_t n; (n = read(pipe_fds[0], buffer, sizeof buffer)) > 0;)
    message.append(buffer, static_cast<std::size_t>(n));
  close(pipe_fds[0]);
  int status = 0;
  waitpid(child, &status, 0);
  if (!WIFEXITED(status) || WEXITSTATUS(status) == 3) throw std::runtime_error("the child could not start");
  if (WEXITSTATUS(status) == 0) return std::nullopt;
  return message;
}

class StartupRefusal : public ::testing::Test {
 protected:
  temp_dir dir;
  fs::path folder = dir.path() / "data";
  fs::path db = folder / "debrief.db";

  void SetUp() override {
    fs::permissions(dir.path(), fs::perms::owner_all | fs::perms::group_exec | fs::perms::others_exec);
    fs::create_directory(folder);
    storage::database created(db.string());  // a real, current database
  }
  void set_modes(fs::perms file, fs::perms folder_mode) {
    fs::permissions(db, file);
    fs::permissions(folder, folder_mode);
  }
};

constexpr auto read_only = fs::perms::owner_read | fs::perms::group_read | fs::perms::others_read;
constexpr auto writable = fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read |
                          fs::perms::group_write | fs::perms::others_read | fs::perms::others_write;
constexpr auto open_folder = fs::perms::all;
constexpr auto closed_folder = fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                               fs::perms::others_read | fs::perms::others_exec;

TEST_F(StartupRefusal, AWritableDatabaseInAWritableFolderStarts) {
  set_modes(writable, open_folder);
  EXPECT_EQ(start_unprivileged(db), std::nullopt);
}

TEST_F(StartupRefusal, AReadOnlyDatabaseFileIsRefusedWithItsPathAndReason) {
  set_modes(read_only, open_folder);
  const auto refused = start_unprivileged(db);
  ASSERT_TRUE(refused.has_value());
  EXPECT_NE(refused->find(db.string()), std::string::npos) << *refused;
  EXPECT_NE(refused->find("readonly"), std::string::npos) << *refused;
}

TEST_F(StartupRefusal, AFolderWhereTheLogCannotBeCreatedIsRefusedWithItsPath) {
  set_modes(writable, closed_folder);
  const auto refused = start_unprivileged(db);
  ASSERT_TRUE(refused.has_value());
  EXPECT_NE(refused->find(db.string()), std::string::npos) << *refused;
  EXPECT_NE(refused->find(folder.string()), std::string::npos) << *refused;
}

TEST(StorageErrors, NameTheFile) {
  temp_dir dir;
  const auto path = dir.path() / "not-a-database.db";
  {
    std::FILE* f = std::fopen(path.c_str(), "wb");
    ASSERT_NE(f, nullptr);
    std::fputs("this is not an SQLite file, but it is long enough to have a header of one....", f);
    std::fclose(f);
  }
  try {
    storage::database opened(path.string());
    FAIL() << "opened a file that is not a database";
  } catch (const storage::storage_error& e) {
    EXPECT_NE(std::string(e.what()).find(path.string()), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace debrief::testing
