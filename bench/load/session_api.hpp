#pragma once
// Creates sessions through POST /api/sessions over a few keep-alive HTTP
// connections, each sending one request after the other.

#include <cstddef>
#include <functional>
#include <string>

#include "beast.hpp"

namespace debrief::bench {

struct created_session {
  std::string code;
  std::string facilitator_key;
};

struct session_api_config {
  tcp::endpoint server;
  std::string host;  // Host header
  std::string template_id;
  std::size_t count = 0;
  std::size_t connections = 8;
};

// Calls on_created once per session (in any order), then on_done with an
// empty string on success or what went wrong.
void create_sessions(net::io_context& ioc, const session_api_config& cfg,
                     std::function<void(created_session)> on_created, std::function<void(std::string)> on_done);

}  // namespace debrief::bench
