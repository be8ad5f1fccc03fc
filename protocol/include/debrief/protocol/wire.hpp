#pragma once
// Client messages on the wire: JSON text -> typed message, with a stable error
// for every malformed input. Pure: no sockets here.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include <nlohmann/json.hpp>

#include "debrief/protocol/commands.hpp"
#include "debrief/protocol/rejection.hpp"

namespace debrief::protocol {

// 2: phase-bound content commands, join's client_secret, the lobby before joining.
inline constexpr int protocol_version = 2;

struct hello {
  int version = 0;
  std::string session;
  std::optional<std::string> token;
  std::optional<std::int64_t> last_seq;
};

struct ping {
  nlohmann::json t;  // echoed back untouched
};

// A client command with its client-chosen id. For join, the facilitator key
// (or the event's host key) and the client's secret travel beside the
// command: the shell checks them, and none is part of any event.
struct client_command {
  std::string id;
  protocol::command command;
  std::string facilitator_key;
  // Chosen by the client for one join and sent again with its retries: only
  // the same id *and* secret get the original participant and token back.
  std::string client_secret;
  std::string host_key = {};  // for join as host: the event's key
};

using client_message = std::variant<hello, ping, client_command>;

struct parse_error {
  rejection why;
  std::string id;       // the command id, when it could be read
  std::string command;  // the command's wire name, when its fields were wrong
};

std::variant<client_message, parse_error> parse_client_message(std::string_view text);

// Server -> client messages, built once and shared by every receiver.
nlohmann::json welcome_message(const std::string& session, millis server_time, const std::string& you);
nlohmann::json snapshot_message(std::int64_t seq, millis server_time, const nlohmann::json& state);
// What a connection that has not joined receives instead of the session:
// enough for the join form, none of what people wrote.
nlohmann::json lobby_message(std::int64_t seq, const session_state& s);
nlohmann::json event_message(std::int64_t seq, millis time, const nlohmann::json& event);
// The same message as text, around an event already serialized (as stored):
// byte for byte what event_message(...).dump() gives, without a second
// serialization.
std::string event_message_text(std::int64_t seq, millis time, std::string_view event_json);
nlohmann::json ack_message(const std::string& id, std::int64_t seq);
nlohmann::json error_message(const rejection& why, const std::string& id = {});
nlohmann::json pong_message(const nlohmann::json& t, millis server_time);
// Whether the server can store changes: {"type":"storage","state":"ok"} or
// "unavailable" (reads go on; changes are refused until "ok").
nlohmann::json storage_message(bool available);

}  // namespace debrief::protocol
