#pragma once
// A host console's subscription over a WebSocket whose first message is
// {"type":"host","version","event","key"} (PROTOCOL.md, "Host subscription"):
// the key is checked against the event's on the reader thread; every room
// of the event is opened (loaded if need be) so that the welcome holds every
// room's summary; then the event's summary board sends the changes.

#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "connection.hpp"
#include "metrics.hpp"
#include "summary_board.hpp"

namespace debrief::server {

class hub;

// True if `message` (a client's first) asks for a host subscription.
bool is_host_message(const nlohmann::json& message);

class host_subscription : public std::enable_shared_from_this<host_subscription> {
 public:
  host_subscription(hub& rooms, std::weak_ptr<connection> out);
  ~host_subscription();

  // Checks `first` and, if it holds, subscribes; a refusal is sent and the
  // connection closed (1008 for a wrong key or unknown event).
  void start(const nlohmann::json& first);

 private:
  void opened(const std::string& title, std::shared_ptr<summary_board> board);
  void refuse(protocol::error_code code, const std::string& message, unsigned short close_code,
              const std::string& reason);

  hub& hub_;
  std::weak_ptr<connection> out_;
  const connection* key_ = nullptr;  // out_'s address: the board knows its hosts by it
  std::shared_ptr<summary_board> board_;
  // Counted in debrief_host_connections while subscribed.
  bool counted_ = false;
};

}  // namespace debrief::server
