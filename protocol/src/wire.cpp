#include "debrief/protocol/wire.hpp"

#include <functional>
#include <map>

#include "debrief/protocol/limits.hpp"

namespace debrief::protocol {

namespace {

using json = nlohmann::json;

struct field_error {
  std::string message;
};

// Reads an optional integer field within [lo, hi]; throws field_error otherwise.
std::int64_t int_field(const json& j, const char* key, std::int64_t fallback, std::int64_t lo, std::int64_t hi) {
  if (!j.contains(key)) return fallback;
  const auto& v = j.at(key);
  if (!v.is_number_integer()) throw field_error{std::string("\"") + key + "\" must be a whole number."};
  // Unsigned values beyond int64 are out of range too.
  if (v.is_number_unsigned() && v.get<std::uint64_t>() > static_cast<std::uint64_t>(hi)) {
    throw field_error{std::string("\"") + key + "\" is out of range."};
  }
  const auto n = v.get<std::int64_t>();
  if (n < lo || n > hi) {
    throw field_error{std::string("\"") + key + "\" must be between " + std::to_string(lo) + " and " +
                      std::to_string(hi) + "."};
  }
  return n;
}

std::string string_field(const json& j, const char* key, bool required = true) {
  if (!j.contains(key)) {
    if (required) throw field_error{std::string("\"") + key + "\" is missing."};
    return {};
  }
  if (!j.at(key).is_string()) throw field_error{std::string("\"") + key + "\" must be a string."};
  return j.at(key).get<std::string>();
}

using command_reader = std::function<command(const json&)>;

const std::map<std::string, command_reader, std::less<>>& command_readers() {
  static const std::map<std::string, command_reader, std::less<>> readers = {
      {"join",
       [](const json& j) -> command {
         cmd::join c;
         c.name = string_field(j, "name");
         const auto role_name = string_field(j, "role");
         c.role = json(role_name).get<role>();
         if (c.role == role::invalid) {
           throw field_error{"\"role\" must be facilitator, presenter, colleague or observer."};
         }
         return c;
       }},
      {"leave", [](const json&) -> command { return cmd::leave{}; }},
      {"start_session", [](const json&) -> command { return cmd::start_session{}; }},
      {"next_phase", [](const json&) -> command { return cmd::next_phase{}; }},
      {"previous_phase", [](const json&) -> command { return cmd::previous_phase{}; }},
      {"go_to_phase",
       [](const json& j) -> command {
         if (!j.contains("phase")) throw field_error{"\"phase\" is missing."};
         return cmd::go_to_phase{static_cast<int>(int_field(j, "phase", 0, 0, limits::max_phases))};
       }},
      {"timer_start", [](const json&) -> command { return cmd::timer_start{}; }},
      {"timer_pause", [](const json&) -> command { return cmd::timer_pause{}; }},
      {"timer_resume", [](const json&) -> command { return cmd::timer_resume{}; }},
      {"timer_add",
       [](const json& j) -> command {
         return cmd::timer_add{static_cast<int>(
             int_field(j, "seconds", 60, limits::min_timer_add_seconds, limits::max_timer_add_seconds))};
       }},
      {"timer_reset", [](const json&) -> command { return cmd::timer_reset{}; }},
      {"end_session", [](const json&) -> command { return cmd::end_session{}; }},
  };
  return readers;
}

parse_error bad(error_code code, std::string message, std::string id = {}) {
  return {{code, std::move(message)}, std::move(id)};
}

std::variant<client_message, parse_error> read_hello(const json& j) {
  hello h;
  h.version = static_cast<int>(int_field(j, "version", 0, 0, 1'000'000));
  h.session = string_field(j, "session");
  if (j.contains("token")) h.token = string_field(j, "token");
  if (j.contains("last_seq")) h.last_seq = int_field(j, "last_seq", 0, 0, std::numeric_limits<std::int64_t>::max());
  return client_message{h};
}

}  // namespace

std::variant<client_message, parse_error> parse_client_message(std::string_view text) {
  const json j = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return bad(error_code::bad_message, "The message is not valid JSON (or not valid UTF-8).");
  if (!j.is_object()) return bad(error_code::bad_message, "A message must be a JSON object.");
  if (!j.contains("type") || !j.at("type").is_string()) {
    return bad(error_code::bad_message, "A message needs a \"type\" string.");
  }
  const auto type = j.at("type").get<std::string>();
  try {
    if (type == "hello") return read_hello(j);
    if (type == "ping") return client_message{ping{j.contains("t") ? j.at("t") : json()}};

    const auto reader = command_readers().find(type);
    if (reader == command_readers().end()) {
      const bool has_id = j.contains("id") && j.at("id").is_string() &&
                          j.at("id").get_ref<const std::string&>().size() <= limits::max_command_id_chars;
      return bad(error_code::bad_message, "Unknown message type \"" + type + "\".",
                 has_id ? j.at("id").get<std::string>() : std::string{});
    }
    if (!j.contains("id") || !j.at("id").is_string() || j.at("id").get_ref<const std::string&>().empty()) {
      return bad(error_code::invalid, "A command needs an \"id\" string chosen by the client.");
    }
    const auto id = j.at("id").get<std::string>();
    if (id.size() > limits::max_command_id_chars) {
      return bad(error_code::invalid, "A command id can be at most 64 characters.");
    }
    try {
      client_command c{id, reader->second(j), {}};
      if (type == "join") c.facilitator_key = string_field(j, "facilitator_key", false);
      return client_message{std::move(c)};
    } catch (const field_error& e) {
      return bad(error_code::invalid, e.message, id);
    }
  } catch (const field_error& e) {
    return bad(error_code::invalid, e.message);
  }
}

json welcome_message(const std::string& session, millis server_time, const std::string& you) {
  return {{"type", "welcome"},
          {"version", protocol_version},
          {"session", session},
          {"server_time", server_time},
          {"you", you.empty() ? json() : json(you)}};
}

json snapshot_message(std::int64_t seq, millis server_time, const json& state) {
  return {{"type", "snapshot"}, {"seq", seq}, {"server_time", server_time}, {"state", state}};
}

json event_message(std::int64_t seq, millis time, const json& event) {
  return {{"type", "event"}, {"seq", seq}, {"time", time}, {"event", event}};
}

json ack_message(const std::string& id, std::int64_t seq) { return {{"type", "ack"}, {"id", id}, {"seq", seq}}; }

json error_message(const rejection& why, const std::string& id) {
  json j = {{"type", "error"}, {"code", why.code}, {"message", why.message}};
  if (!id.empty()) j["id"] = id;
  return j;
}

json pong_message(const json& t, millis server_time) {
  return {{"type", "pong"}, {"t", t}, {"server_time", server_time}};
}

}  // namespace debrief::protocol
