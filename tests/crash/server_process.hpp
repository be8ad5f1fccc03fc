#pragma once
// The real debrief-server binary as a child process on a free loopback port,
// so a test can kill it with SIGKILL exactly as a crash would.

#include <sys/types.h>

#include <cstdint>
#include <filesystem>
#include <string>

namespace debrief::testing {

class server_process {
 public:
  // Starts the binary on 127.0.0.1, port 0, with this database; its output
  // goes to `log`. Returns once it listens (throws if it does not).
  server_process(const std::filesystem::path& binary, const std::filesystem::path& db,
                 const std::filesystem::path& log);
  ~server_process();  // kills it if it still runs
  server_process(const server_process&) = delete;
  server_process& operator=(const server_process&) = delete;

  std::uint16_t port() const { return port_; }
  bool running() const { return pid_ > 0; }

  // SIGKILL, then reaps it.
  void kill_now();
  // SIGTERM, then waits (at most 20 s, then SIGKILL); returns the exit status
  // (or 128 + signal).
  int stop();
  std::string log_text() const;

 private:
  int wait_for_exit(int seconds);

  std::filesystem::path log_;
  pid_t pid_ = -1;
  std::uint16_t port_ = 0;
};

}  // namespace debrief::testing
