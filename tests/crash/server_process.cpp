#include "server_process.hpp"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>

#include <chrono>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>
#include <vector>

extern char** environ;

namespace debrief::testing {

namespace {

// The port from the server's "listening on http://127.0.0.1:PORT" line.
std::uint16_t port_in(const std::string& log) {
  const std::string marker = "listening on http://127.0.0.1:";
  const auto at = log.find(marker);
  if (at == std::string::npos) return 0;
  const auto end = log.find('\n', at);
  if (end == std::string::npos) return 0;  // the line is not complete yet
  return static_cast<std::uint16_t>(std::stoi(log.substr(at + marker.size(), end - at - marker.size())));
}

}  // namespace

server_process::server_process(const std::filesystem::path& binary, const std::filesystem::path& db,
                               const std::filesystem::path& log)
    : log_(log) {
  const auto static_dir = db.parent_path().string();
  std::vector<std::string> args = {binary.string(), "--bind",    "127.0.0.1",    "--port",  "0",
                                   "--db",          db.string(), "--static-dir", static_dir};
  // Every client comes from 127.0.0.1 and reconnects after each kill: the
  // per-address limits on creating and on messages before joining are lifted.
  for (const auto* flag : {"--create-burst", "--create-per-minute", "--unjoined-burst", "--unjoined-per-second"}) {
    args.insert(args.end(), {flag, "100000"});
  }
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);

  posix_spawn_file_actions_t files;
  posix_spawn_file_actions_init(&files);
  posix_spawn_file_actions_addopen(&files, STDOUT_FILENO, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_adddup2(&files, STDOUT_FILENO, STDERR_FILENO);
  const int failed = posix_spawn(&pid_, argv[0], &files, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&files);
  if (failed != 0) {
    pid_ = -1;
    throw std::runtime_error("cannot start " + binary.string());
  }
  // Bounded: a server that does not listen within 20 s has failed.
  for (int i = 0; i < 2000 && port_ == 0; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
    port_ = port_in(log_text());
    int status = 0;
    if (port_ == 0 && waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      throw std::runtime_error("debrief-server exited at start:\n" + log_text());
    }
  }
  if (port_ == 0) {
    kill_now();
    throw std::runtime_error("debrief-server did not start listening:\n" + log_text());
  }
}

server_process::~server_process() {
  if (running()) kill_now();
}

void server_process::kill_now() {
  if (!running()) return;
  ::kill(pid_, SIGKILL);
  int status = 0;
  waitpid(pid_, &status, 0);
  pid_ = -1;
}

int server_process::stop() {
  if (!running()) return -1;
  ::kill(pid_, SIGTERM);
  return wait_for_exit(20);
}

int server_process::wait_for_exit(int seconds) {
  for (int i = 0; i < seconds * 100; ++i) {
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      if (WIFEXITED(status)) return WEXITSTATUS(status);
      return 128 + WTERMSIG(status);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  kill_now();
  return 128 + SIGKILL;
}

std::string server_process::log_text() const {
  std::ifstream in(log_);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace debrief::testing
