#pragma once
// Bounds on what strangers can hold open: sockets in all (so that the
// process never runs out of file descriptors, which would lock everyone out)
// and WebSockets per client address (so that one address cannot take them all).

#include <cstddef>
#include <map>
#include <memory>
#include <mutex>

#include "beast.hpp"

namespace debrief::server {

class connection_count : public std::enable_shared_from_this<connection_count> {
 public:
  // A place held open (never null: it points at its count); given back when
  // the last copy is destroyed.
  using place = std::shared_ptr<void>;

  connection_count(std::size_t max_sockets, std::size_t max_websockets_per_address);

  // Null when the server already holds max_sockets.
  place take_socket();
  // Null when `client` already holds max_websockets_per_address WebSockets.
  place take_websocket(const net::ip::address& client);

  std::size_t sockets() const;
  std::size_t max_sockets() const { return max_sockets_; }
  std::size_t max_websockets_per_address() const { return max_per_address_; }

 private:
  const std::size_t max_sockets_;
  const std::size_t max_per_address_;
  mutable std::mutex mutex_;
  std::size_t sockets_ = 0;
  std::map<net::ip::address, std::size_t> websockets_;
};

// Raises the soft limit on open files to the hard limit, as far as allowed,
// and returns the soft limit now in force (0 if it cannot be read).
std::size_t raise_descriptor_limit();

// Descriptors kept back from connections: the database, its WAL and shared
// memory, logs, static files being sent, the event loop's own.
inline constexpr std::size_t reserved_descriptors = 128;

}  // namespace debrief::server
