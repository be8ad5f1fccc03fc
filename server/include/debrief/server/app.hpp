#pragma once
// The whole server behind one small interface, so main() and the integration
// tests start it the same way. Beast and Asio stay out of this header.

#include <cstddef>
#include <cstdint>
#include <memory>

#include "debrief/server/config.hpp"

namespace debrief::server {

class app {
 public:
  // Opens the database, notes the sessions whose timer runs (sessions are
  // loaded when wanted, not now), binds the port.
  explicit app(const config& cfg);
  ~app();
  app(const app&) = delete;
  app& operator=(const app&) = delete;

  // The port actually bound (useful with port 0).
  std::uint16_t port() const;
  // Sessions held in memory now (tests; see hub::loaded).
  std::size_t loaded_sessions() const;

  // Serves until stop() or SIGINT/SIGTERM (if handle_signals).
  void run(bool handle_signals = false);

  // Thread-safe: stops accepting, closes sockets, lets run() return.
  void stop();

  // True while storage cannot take writes (a commit failed and no probe
  // has succeeded since). After run() returns: the stop could not write.
  bool storage_failed() const;

 private:
  struct impl;
  std::unique_ptr<impl> impl_;
};

}  // namespace debrief::server
