#include "debrief/protocol/wire.hpp"

#include <algorithm>
#include <cctype>
#include <functional>
#include <map>

#include "debrief/protocol/limits.hpp"
#include "debrief/protocol/templates.hpp"
#include "text.hpp"

namespace debrief::protocol {

namespace {

using json = nlohmann::json;

struct field_error {
  std::string message;
  error_code code = error_code::invalid;
};

constexpr const char* kLists = "know, dont_know, assumptions or find_out";
constexpr const char* kTags = "notice, wonder, strength or need";

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

// A required whole number within [lo, hi].
std::int64_t required_int(const json& j, const char* key, std::int64_t lo, std::int64_t hi) {
  if (!j.contains(key)) throw field_error{std::string("\"") + key + "\" is missing."};
  return int_field(j, key, lo, lo, hi);
}

std::string string_field(const json& j, const char* key, bool required = true) {
  if (!j.contains(key)) {
    if (required) throw field_error{std::string("\"") + key + "\" is missing."};
    return {};
  }
  if (!j.at(key).is_string()) throw field_error{std::string("\"") + key + "\" must be a string."};
  return j.at(key).get<std::string>();
}

bool bool_field(const json& j, const char* key, bool fallback) {
  if (!j.contains(key)) return fallback;
  if (!j.at(key).is_boolean()) throw field_error{std::string("\"") + key + "\" must be true or false."};
  return j.at(key).get<bool>();
}

// The id of the phase a phase-bound command was written in.
std::string phase_field(const json& j) {
  if (!j.contains("phase") || !j.at("phase").is_string() || j.at("phase").get_ref<const std::string&>().empty()) {
    throw field_error{"\"phase\" is missing: send the id of the phase this was written in."};
  }
  return j.at("phase").get<std::string>();
}

// 128 bits or more chosen by the client, in a URL-safe alphabet.
std::string client_secret_field(const json& j) {
  const auto secret = string_field(j, "client_secret");
  const bool url_safe = std::all_of(secret.begin(), secret.end(), [](char ch) {
    return std::isalnum(static_cast<unsigned char>(ch)) != 0 || ch == '-' || ch == '_';
  });
  if (secret.size() < limits::min_client_secret_chars || secret.size() > limits::max_client_secret_chars || !url_safe) {
    throw field_error{
        "\"client_secret\" must be 32 to 128 letters, digits, - or _ (e.g. 32 hex digits of a "
        "random 128-bit value)."};
  }
  return secret;
}

int version_field(const json& j) {
  if (!j.contains("version")) throw field_error{"\"version\" is missing: send the version you edited."};
  return static_cast<int>(int_field(j, "version", 0, 1, 1'000'000'000));
}

// An enum spelled as a string; `choices` completes the error message.
template <class E>
E enum_field(const json& j, const char* key, const char* choices, bool required = true) {
  if (!j.contains(key)) {
    if (!required) return E{};
    throw field_error{std::string("\"") + key + "\" is missing."};
  }
  const E value = j.at(key).is_string() ? j.at(key).get<E>() : E{};
  if (value == E{}) throw field_error{std::string("\"") + key + "\" must be one of " + choices + "."};
  return value;
}

std::vector<std::string> string_list(const json& j, const char* key, std::size_t max_items) {
  if (!j.contains(key)) return {};
  const auto& v = j.at(key);
  if (!v.is_array()) throw field_error{std::string("\"") + key + "\" must be a list of strings."};
  if (v.size() > max_items) {
    throw field_error{std::string("\"") + key + "\" can hold at most " + std::to_string(max_items) + " items.",
                      error_code::too_large};
  }
  std::vector<std::string> out;
  for (const auto& x : v) {
    if (!x.is_string()) throw field_error{std::string("\"") + key + "\" must be a list of strings."};
    out.push_back(x.get<std::string>());
  }
  return out;
}

cmd::adaptation_fields adaptation_fields(const json& j) {
  cmd::adaptation_fields f;
  f.change = string_field(j, "change");
  f.for_whom = string_field(j, "for_whom", false);
  f.evidence = string_list(j, "evidence", limits::max_evidence);
  f.check_in = string_field(j, "check_in", false);
  f.follow_ups = string_list(j, "follow_ups", limits::max_follow_ups);
  return f;
}

std::vector<transcript_line> transcript_lines(const json& j) {
  if (!j.contains("lines") || !j.at("lines").is_array()) throw field_error{"\"lines\" must be a list of lines."};
  const auto& lines = j.at("lines");
  if (lines.size() > limits::max_transcript_lines) {
    throw field_error{"A transcript can have at most " + std::to_string(limits::max_transcript_lines) + " lines.",
                      error_code::too_large};
  }
  std::vector<transcript_line> out;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const auto& l = lines[i];
    const auto where = "Line " + std::to_string(i + 1) + ": ";
    if (!l.is_object()) throw field_error{where + "must be an object."};
    try {
      transcript_line line;
      line.speaker = string_field(l, "speaker");
      line.role = enum_field<speaker_role>(l, "role", "teacher, student or other");
      line.start_ms = int_field(l, "start_ms", -1, -1, 24LL * 3600 * 1000);
      line.text = string_field(l, "text");
      out.push_back(std::move(line));
    } catch (const field_error& e) {
      throw field_error{where + e.message};
    }
  }
  return out;
}

using command_reader = std::function<command(const json&)>;

const std::map<std::string_view, command_reader, std::less<>>& command_readers() {
  static const std::map<std::string_view, command_reader, std::less<>> readers = {
      {cmd::join::wire_name,
       [](const json& j) -> command {
         cmd::join c;
         c.name = string_field(j, "name");
         client_secret_field(j);  // checked here; kept by the shell, like the facilitator key
         const auto role_name = string_field(j, "role");
         c.role = json(role_name).get<role>();
         if (c.role == role::invalid) {
           throw field_error{"\"role\" must be facilitator, presenter, colleague, observer or host."};
         }
         return c;
       }},
      {cmd::leave::wire_name, [](const json&) -> command { return cmd::leave{}; }},
      {cmd::start_session::wire_name, [](const json&) -> command { return cmd::start_session{}; }},
      {cmd::next_phase::wire_name, [](const json&) -> command { return cmd::next_phase{}; }},
      {cmd::previous_phase::wire_name, [](const json&) -> command { return cmd::previous_phase{}; }},
      {cmd::go_to_phase::wire_name,
       [](const json& j) -> command {
         return cmd::go_to_phase{static_cast<int>(required_int(j, "phase", 0, limits::max_phases))};
       }},
      {cmd::timer_start::wire_name, [](const json&) -> command { return cmd::timer_start{}; }},
      {cmd::timer_pause::wire_name, [](const json&) -> command { return cmd::timer_pause{}; }},
      {cmd::timer_resume::wire_name, [](const json&) -> command { return cmd::timer_resume{}; }},
      {cmd::timer_add::wire_name,
       [](const json& j) -> command {
         return cmd::timer_add{static_cast<int>(
             int_field(j, "seconds", 60, limits::min_timer_add_seconds, limits::max_timer_add_seconds))};
       }},
      {cmd::timer_reset::wire_name, [](const json&) -> command { return cmd::timer_reset{}; }},
      {cmd::end_session::wire_name, [](const json&) -> command { return cmd::end_session{}; }},
      {cmd::set_phase_minutes::wire_name,
       [](const json& j) -> command {
         return cmd::set_phase_minutes{
             static_cast<int>(required_int(j, "phase", 0, limits::max_phases)),
             static_cast<int>(required_int(j, "minutes", limits::min_phase_minutes, limits::max_phase_minutes))};
       }},
      {cmd::add_phase::wire_name,
       [](const json& j) -> command {
         if (!j.contains("phase") || !j.at("phase").is_object()) throw field_error{"\"phase\" must be an object."};
         auto phase_json = j.at("phase");
         phase_json["id"] = "new";  // the server names new phases
         auto parsed = parse_phase(phase_json, "/phase");
         if (auto* e = std::get_if<template_error>(&parsed)) throw field_error{e->field + " " + e->message + "."};
         return cmd::add_phase{static_cast<int>(required_int(j, "at", 0, limits::max_phases)),
                               std::get<phase_template>(std::move(parsed))};
       }},
      {cmd::remove_phase::wire_name,
       [](const json& j) -> command {
         return cmd::remove_phase{static_cast<int>(required_int(j, "phase", 0, limits::max_phases))};
       }},
      {cmd::move_phase::wire_name,
       [](const json& j) -> command {
         return cmd::move_phase{static_cast<int>(required_int(j, "from", 0, limits::max_phases)),
                                static_cast<int>(required_int(j, "to", 0, limits::max_phases))};
       }},
      {cmd::hand_over::wire_name, [](const json& j) -> command { return cmd::hand_over{string_field(j, "to")}; }},
      {cmd::move_presenter::wire_name,
       [](const json& j) -> command { return cmd::move_presenter{string_field(j, "to")}; }},
      {cmd::reveal_phase::wire_name,
       [](const json& j) -> command {
         return cmd::reveal_phase{static_cast<int>(required_int(j, "phase", 0, limits::max_phases))};
       }},
      {cmd::set_done::wire_name, [](const json& j) -> command { return cmd::set_done{bool_field(j, "done", true)}; }},
      {cmd::board_add::wire_name,
       [](const json& j) -> command {
         return cmd::board_add{enum_field<board_list>(j, "list", kLists), string_field(j, "text")};
       }},
      {cmd::board_edit::wire_name,
       [](const json& j) -> command {
         return cmd::board_edit{string_field(j, "item"), string_field(j, "text"), version_field(j)};
       }},
      {cmd::board_move::wire_name,
       [](const json& j) -> command {
         return cmd::board_move{string_field(j, "item"), enum_field<board_list>(j, "list", kLists),
                                static_cast<int>(required_int(j, "index", 0, limits::max_board_items)),
                                version_field(j)};
       }},
      {cmd::board_remove::wire_name,
       [](const json& j) -> command {
         return cmd::board_remove{string_field(j, "item"), version_field(j)};
       }},
      {cmd::board_mark::wire_name,
       [](const json& j) -> command {
         return cmd::board_mark{string_field(j, "item"),
                                enum_field<item_status>(j, "status", "open, confirmed or challenged"),
                                string_list(j, "evidence", limits::max_evidence), version_field(j)};
       }},
      {cmd::board_propose::wire_name,
       [](const json& j) -> command {
         return cmd::board_propose{enum_field<board_list>(j, "list", kLists), string_field(j, "text")};
       }},
      {cmd::proposal_decide::wire_name,
       [](const json& j) -> command {
         if (!j.contains("accept")) throw field_error{"\"accept\" is missing."};
         return cmd::proposal_decide{string_field(j, "proposal"), bool_field(j, "accept", false)};
       }},
      {cmd::entry_add::wire_name,
       [](const json& j) -> command {
         return cmd::entry_add{string_field(j, "text"),
                               static_cast<int>(int_field(j, "prompt", -1, -1, limits::max_prompts_per_phase))};
       }},
      {cmd::entry_edit::wire_name,
       [](const json& j) -> command {
         return cmd::entry_edit{string_field(j, "entry"), string_field(j, "text"), version_field(j)};
       }},
      {cmd::entry_remove::wire_name,
       [](const json& j) -> command { return cmd::entry_remove{string_field(j, "entry")}; }},
      {cmd::entry_share::wire_name,
       [](const json& j) -> command { return cmd::entry_share{string_field(j, "entry")}; }},
      {cmd::adaptation_add::wire_name,
       [](const json& j) -> command { return cmd::adaptation_add{adaptation_fields(j)}; }},
      {cmd::adaptation_edit::wire_name,
       [](const json& j) -> command {
         return cmd::adaptation_edit{string_field(j, "adaptation"), adaptation_fields(j), version_field(j)};
       }},
      {cmd::adaptation_decide::wire_name,
       [](const json& j) -> command {
         if (!j.contains("accept")) throw field_error{"\"accept\" is missing."};
         return cmd::adaptation_decide{string_field(j, "adaptation"), bool_field(j, "accept", false), version_field(j)};
       }},
      {cmd::adaptation_remove::wire_name,
       [](const json& j) -> command { return cmd::adaptation_remove{string_field(j, "adaptation")}; }},
      {cmd::transcript_import::wire_name,
       [](const json& j) -> command {
         return cmd::transcript_import{transcript_lines(j), string_field(j, "format", false),
                                       bool_field(j, "consent", false)};
       }},
      {cmd::transcript_withdraw::wire_name, [](const json&) -> command { return cmd::transcript_withdraw{}; }},
      {cmd::annotate::wire_name,
       [](const json& j) -> command {
         cmd::annotate a;
         a.from_line = string_field(j, "from_line");
         a.to_line = string_field(j, "to_line", false);
         a.start_char = static_cast<int>(int_field(j, "start_char", -1, 0, 1'000'000));
         a.end_char = static_cast<int>(int_field(j, "end_char", -1, 0, 1'000'000));
         a.tag = enum_field<annotation_tag>(j, "tag", kTags);
         a.comment = string_field(j, "comment", false);
         return a;
       }},
      {cmd::annotation_edit::wire_name,
       [](const json& j) -> command {
         return cmd::annotation_edit{string_field(j, "annotation"), enum_field<annotation_tag>(j, "tag", kTags),
                                     string_field(j, "comment", false), version_field(j)};
       }},
      {cmd::annotation_remove::wire_name,
       [](const json& j) -> command { return cmd::annotation_remove{string_field(j, "annotation")}; }},
      {cmd::annotation_reply::wire_name,
       [](const json& j) -> command {
         return cmd::annotation_reply{string_field(j, "annotation"), string_field(j, "text")};
       }},
      {cmd::check_in_save::wire_name,
       [](const json& j) -> command {
         cmd::check_in_save c;
         c.thread = string_field(j, "thread");
         c.tried = enum_field<tried_state>(j, "tried", "yes, partly or not_yet");
         c.happened = string_field(j, "happened", false);
         c.evidence = string_list(j, "evidence", limits::max_evidence);
         c.note = string_field(j, "note", false);
         c.decision = enum_field<check_in_decision>(j, "decision", "keep, adjust or drop");
         c.adjusted = string_field(j, "adjusted", false);
         // 0 names no check-in yet: the first on this thread.
         if (!j.contains("version"))
           throw field_error{"\"version\" is missing: send the version you edited (0 for a first check-in)."};
         c.version = static_cast<int>(int_field(j, "version", 0, 0, 1'000'000'000));
         return c;
       }},
      {cmd::focus_line::wire_name,
       [](const json& j) -> command { return cmd::focus_line{string_field(j, "line", false)}; }},
  };
  return readers;
}

parse_error bad(error_code code, std::string message, std::string id = {}, std::string command = {}) {
  return {{code, std::move(message)}, std::move(id), std::move(command)};
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
                          text::char_count(j.at("id").get_ref<const std::string&>()) <= limits::max_command_id_chars;
      return bad(error_code::bad_message, "Unknown message type \"" + type + "\".",
                 has_id ? j.at("id").get<std::string>() : std::string{});
    }
    if (!j.contains("id") || !j.at("id").is_string() || j.at("id").get_ref<const std::string&>().empty()) {
      return bad(error_code::invalid, "A command needs an \"id\" string chosen by the client.");
    }
    const auto id = j.at("id").get<std::string>();
    if (text::char_count(id) > limits::max_command_id_chars) {
      return bad(error_code::invalid,
                 "A command id can be at most " + std::to_string(limits::max_command_id_chars) + " characters.");
    }
    try {
      client_command c{id, reader->second(j), {}, {}};
      if (auto* phase = written_in(c.command)) *phase = phase_field(j);
      if (type == cmd::join::wire_name) {
        c.facilitator_key = string_field(j, "facilitator_key", false);
        c.host_key = string_field(j, "host_key", false);
        c.client_secret = client_secret_field(j);
      }
      return client_message{std::move(c)};
    } catch (const field_error& e) {
      return bad(e.code, e.message, id, type);
    }
  } catch (const field_error& e) {
    return bad(e.code, e.message);
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

json lobby_message(std::int64_t seq, const session_state& s) {
  json phases = json::array();
  for (const auto& p : s.tmpl.phases) phases.push_back({{"title", p.title}, {"kind", p.kind}, {"minutes", p.minutes}});
  return {{"type", "lobby"},
          {"seq", seq},
          {"session", s.session},
          {"title", s.title},
          {"status", s.status},
          {"template", s.tmpl.name},
          {"phases", std::move(phases)},
          {"participants", s.participants}};
}

json storage_message(bool available) { return {{"type", "storage"}, {"state", available ? "ok" : "unavailable"}}; }

json event_message(std::int64_t seq, millis time, const json& event) {
  return {{"type", "event"}, {"seq", seq}, {"time", time}, {"event", event}};
}

std::string event_message_text(std::int64_t seq, millis time, std::string_view event_json) {
  // Keys in the order nlohmann::json writes an object's: sorted.
  std::string out;
  out.reserve(event_json.size() + 64);
  out += R"({"event":)";
  out += event_json;
  out += R"(,"seq":)";
  out += std::to_string(seq);
  out += R"(,"time":)";
  out += std::to_string(time);
  out += R"(,"type":"event"})";
  return out;
}

json ack_message(const std::string& id, std::int64_t seq) { return {{"type", "ack"}, {"id", id}, {"seq", seq}}; }

json error_message(const rejection& why, const std::string& id) {
  json j = {{"type", "error"}, {"code", why.code}, {"message", why.message}};
  if (!id.empty()) j["id"] = id;
  if (!why.current.is_null()) j["current"] = why.current;
  return j;
}

json pong_message(const json& t, millis server_time) {
  return {{"type", "pong"}, {"t", t}, {"server_time", server_time}};
}

}  // namespace debrief::protocol
