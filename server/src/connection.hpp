#pragma once
// What a room needs of a client connection; implemented by websocket_connection.

#include <chrono>
#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "debrief/protocol/outgoing.hpp"

namespace debrief::server {

class token_bucket;

using protocol::shared_text;

class connection {
 public:
  virtual ~connection() = default;
  // Queues a text frame; thread-safe. The same buffer may go to many
  // connections, so it is never modified.
  virtual void send(shared_text message) = 0;
  // Queues several in order, handed over in one step rather than one each:
  // what one commit, done at `committed`, sends this connection.
  virtual void send(std::vector<shared_text> messages, std::chrono::steady_clock::time_point committed) = 0;
  // Sends what is queued, then closes with the given WebSocket close code.
  virtual void close_after_send(unsigned short code, std::string reason) = 0;
  // From now on this connection's messages count against `bucket` (shared
  // by all connections of one participant); thread-safe.
  virtual void use_rate_bucket(std::shared_ptr<token_bucket> bucket) = 0;
  // Bytes queued and not yet written; thread-safe. A sender that only ever
  // needs the latest picture (a host's room summaries) waits for 0 rather
  // than queue more.
  virtual std::size_t backlog_bytes() const { return 0; }
};

using protocol::make_text;

}  // namespace debrief::server
