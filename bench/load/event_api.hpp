#pragma once
// Creates one event of many rooms through POST /api/events (one request:
// the server makes every room in one write batch) and gives back its id,
// host key and rooms, ready for the fleet to join.

#include <string>
#include <variant>
#include <vector>

#include "beast.hpp"
#include "session_api.hpp"

namespace debrief::bench {

struct created_event {
  std::string id;
  std::string host_key;
  std::vector<created_session> rooms;  // in position order
};

struct event_api_config {
  tcp::endpoint server;
  std::string host;  // Host header
  std::string template_id;
  std::string title;
  std::size_t rooms = 0;
};

// The event, or what went wrong.
net::awaitable<std::variant<created_event, std::string>> create_event(const event_api_config& cfg);

}  // namespace debrief::bench
