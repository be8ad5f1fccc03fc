// Prints the wire contract as a TypeScript module for the browser client
// (client-web/src/generated/contract.ts): the command, event and error code
// names, every event's fields as a discriminated union (from the wire_fields()
// lists beside the structs, fields.hpp) with interfaces for the types they
// carry, the permission table and the limits, all read from protocol/, so the
// client's copy is generated rather than typed out again.
//
//   debrief-contract               the module, on standard output
//   debrief-contract --check FILE  exit 1 unless FILE holds exactly that module

#include <fstream>
#include <iostream>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <vector>

#include <nlohmann/json.hpp>

#include "debrief/protocol/commands.hpp"
#include "debrief/protocol/events.hpp"
#include "debrief/protocol/fields.hpp"
#include "debrief/protocol/host.hpp"
#include "debrief/protocol/limits.hpp"
#include "debrief/protocol/permissions.hpp"
#include "debrief/protocol/rejection.hpp"

namespace {

using namespace debrief::protocol;

// The spellings of an enum serialized with NLOHMANN_JSON_SERIALIZE_ENUM, in
// declaration order: every value after the invalid sentinel (value 0) until
// one has no spelling.
template <class Enum>
std::vector<std::string> spellings() {
  std::vector<std::string> out;
  for (int i = 1;; ++i) {
    const nlohmann::json j = static_cast<Enum>(i);
    if (!j.is_string()) return out;
    out.push_back(j.get<std::string>());
  }
}

std::string single_quoted(std::string_view s) { return "'" + std::string(s) + "'"; }

template <class Strings>
std::string list(const Strings& items) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : ", ") + single_quoted(item);
  return "[" + out + "]";
}

template <class Strings>
void names(std::ostream& out, std::string_view constant, std::string_view type, std::string_view what,
           const Strings& items) {
  out << "\n/** " << what << " */\n";
  out << "export const " << constant << " = [\n";
  for (const auto& item : items) out << "  " << single_quoted(item) << ",\n";
  out << "] as const;\n";
  out << "export type " << type << " = (typeof " << constant << ")[number];\n";
}

template <class Enum>
std::string spelled(Enum e) {
  return nlohmann::json(e).get<std::string>();
}

// The TypeScript name of each enum and struct the contract carries. A field of
// a type missing here fails to compile (ts_name<T>::value is undefined).
template <class T>
struct ts_name;
template <fixed_name Name>
struct ts_named {
  static constexpr std::string_view value = Name;
};
template <>
struct ts_name<role> : ts_named<"Role"> {};
template <>
struct ts_name<phase_kind> : ts_named<"PhaseKind"> {};
template <>
struct ts_name<writers> : ts_named<"Writers"> {};
template <>
struct ts_name<timer_status> : ts_named<"TimerStatus"> {};
template <>
struct ts_name<board_list> : ts_named<"BoardList"> {};
template <>
struct ts_name<item_status> : ts_named<"ItemStatus"> {};
template <>
struct ts_name<proposal_state> : ts_named<"ProposalState"> {};
template <>
struct ts_name<adaptation_status> : ts_named<"AdaptationStatus"> {};
template <>
struct ts_name<annotation_tag> : ts_named<"AnnotationTag"> {};
template <>
struct ts_name<speaker_role> : ts_named<"SpeakerRole"> {};
template <>
struct ts_name<carried_kind> : ts_named<"CarriedKind"> {};
template <>
struct ts_name<tried_state> : ts_named<"Tried"> {};
template <>
struct ts_name<check_in_decision> : ts_named<"CheckInDecision"> {};
template <>
struct ts_name<notice_kind> : ts_named<"NoticeKind"> {};
template <>
struct ts_name<session_status> : ts_named<"SessionStatus"> {};
template <>
struct ts_name<room_flag> : ts_named<"RoomFlag"> {};
template <>
struct ts_name<participant> : ts_named<"Participant"> {};
template <>
struct ts_name<timer_state> : ts_named<"Timer"> {};
template <>
struct ts_name<phase_template> : ts_named<"Phase"> {};
template <>
struct ts_name<session_template> : ts_named<"Template"> {};
template <>
struct ts_name<board_item> : ts_named<"BoardItem"> {};
template <>
struct ts_name<proposal> : ts_named<"Proposal"> {};
template <>
struct ts_name<entry> : ts_named<"Entry"> {};
template <>
struct ts_name<adaptation> : ts_named<"Adaptation"> {};
template <>
struct ts_name<transcript_line> : ts_named<"TranscriptLine"> {};
template <>
struct ts_name<transcript> : ts_named<"Transcript"> {};
template <>
struct ts_name<reply> : ts_named<"Reply"> {};
template <>
struct ts_name<annotation> : ts_named<"Annotation"> {};
template <>
struct ts_name<carried_item> : ts_named<"CarriedItem"> {};
template <>
struct ts_name<check_in> : ts_named<"CheckIn"> {};
template <>
struct ts_name<notice> : ts_named<"Notice"> {};
template <>
struct ts_name<summary_person> : ts_named<"SummaryPerson"> {};
template <>
struct ts_name<room_summary> : ts_named<"RoomSummary"> {};
template <>
struct ts_name<cmd::new_phase> : ts_named<"NewPhase"> {};
template <>
struct ts_name<cmd::line_import> : ts_named<"ImportLine"> {};

template <class T>
struct is_vector : std::false_type {};
template <class T>
struct is_vector<std::vector<T>> : std::true_type {};
template <class T>
struct is_flattened : std::false_type {};
template <class Owner, class Member>
struct is_flattened<flattened_of<Owner, Member>> : std::true_type {};
template <class T>
struct is_optional : std::false_type {};
template <class T>
struct is_optional<std::optional<T>> : std::true_type {};

// Declarations (type aliases for enums, interfaces for structs) in the order
// they are first needed, each once.
struct declarations {
  std::set<std::string, std::less<>> named;
  std::vector<std::string> text;
};

// What JSON a type describes: what the server writes (every key present), or
// what a client sends (keys with a default may be left out).
enum class direction { output, input };

template <class T>
std::string ts_type(declarations& d, direction dir);

template <class Tuple>
std::string ts_members(declarations& d, const Tuple& fields, direction dir, std::string_view indent,
                       std::string_view separator);

template <class F>
std::string ts_member(declarations& d, const F& f, direction dir, std::string_view indent, std::string_view separator) {
  if constexpr (is_flattened<F>::value) {
    return ts_members(d, F::type::wire_fields(), dir, indent, separator);
  } else {
    const bool optional = dir == direction::input && f.optional();
    return std::string(indent) + std::string(f.key) + (optional ? "?" : "") + ": " + ts_type<typename F::type>(d, dir) +
           std::string(separator);
  }
}

template <class Tuple>
std::string ts_members(declarations& d, const Tuple& fields, direction dir, std::string_view indent,
                       std::string_view separator) {
  std::string out;
  std::apply([&](const auto&... f) { ((out += ts_member(d, f, dir, indent, separator)), ...); }, fields);
  return out;
}

template <class T>
std::string ts_type(declarations& d, direction dir) {
  if constexpr (std::is_same_v<T, std::string>) {
    return "string";
  } else if constexpr (std::is_same_v<T, bool>) {
    return "boolean";
  } else if constexpr (std::is_integral_v<T>) {
    return "number";
  } else if constexpr (is_vector<T>::value) {
    const auto element = ts_type<typename T::value_type>(d, dir);
    return (element.find(' ') == std::string::npos ? element : "(" + element + ")") + "[]";
  } else if constexpr (is_optional<T>::value) {
    return ts_type<typename T::value_type>(d, dir) + " | null";
  } else {
    const std::string name(ts_name<T>::value);
    if (d.named.contains(name)) return name;
    d.named.insert(name);
    if constexpr (std::is_enum_v<T>) {
      std::string spelled;
      for (const auto& s : spellings<T>()) spelled += (spelled.empty() ? "" : " | ") + single_quoted(s);
      d.text.push_back("export type " + name + " = " + spelled + ";\n");
    } else {
      const auto members = ts_members(d, T::wire_fields(), dir, "  ", ";\n");
      d.text.push_back("export interface " + name + " {\n" + members + "}\n");
    }
    return name;
  }
}

// One alternative of the event union: its type, its stored fields, and those
// only clients are shown. An entry or annotation in a private phase reaches
// everyone but its author as a placeholder (visibility.cpp).
template <class Event>
std::string event_alternative(declarations& d) {
  std::string fields = ts_members(d, Event::wire_fields(), direction::output, " ", ";") +
                       ts_members(d, shown_fields_of<Event>(), direction::output, " ", ";");
  if constexpr (requires { Event::may_be_placeholder; }) {
    static_assert(std::tuple_size_v<decltype(Event::wire_fields())> == 1);
    fields.insert(fields.size() - 1, " | Hidden");
  }
  return "{ type: " + single_quoted(Event::wire_name) + ";" + fields + " }";
}

template <class... Events>
std::string event_union(declarations& d, std::variant<Events...>* /*unused*/) {
  std::string out;
  ((out += "  | " + event_alternative<Events>(d) + "\n"), ...);
  return out;
}

// One alternative of the command union, as a client sends it; none for a
// command only the server issues.
template <class Command>
std::string command_alternative(declarations& d) {
  if constexpr (requires { Command::server_only; }) {
    return "";
  } else {
    return "  | { type: " + single_quoted(Command::wire_name) + ";" +
           ts_members(d, Command::wire_fields(), direction::input, " ", ";") + " }\n";
  }
}

template <class... Commands>
std::string command_union(declarations& d, std::variant<Commands...>* /*unused*/) {
  return (command_alternative<Commands>(d) + ...);
}

// One alternative of the host's action union (host.hpp), as the console sends it.
template <class Action>
std::string host_action_alternative(declarations& d) {
  return "  | { action: " + single_quoted(Action::wire_name) + ";" +
         ts_members(d, Action::wire_fields(), direction::input, " ", ";") + " }\n";
}

template <class... Actions>
std::string host_action_union(declarations& d, std::variant<Actions...>* /*unused*/) {
  return (host_action_alternative<Actions>(d) + ...);
}

std::string wire_types() {
  declarations d;
  d.named.insert("Hidden");
  d.text.push_back(
      "/** What others receive of an entry or annotation in an unrevealed private phase (visibility.cpp). */\n"
      "export interface Hidden {\n  id: string;\n  phase: string;\n  hidden: true;\n  author?: string;\n}\n");
  const auto events = event_union(d, static_cast<event*>(nullptr));
  const auto commands = command_union(d, static_cast<command*>(nullptr));
  // What an event's host console receives of each room, and sends to rooms.
  ts_type<room_summary>(d, direction::output);
  const auto host_actions = host_action_union(d, static_cast<host_action*>(nullptr));
  std::string out;
  for (const auto& text : d.text) out += "\n" + text;
  out +=
      "\n/** Every event as a client receives it inside an `event` message, by `type`. */\n"
      "export type SessionEvent =\n" +
      events.substr(0, events.size() - 1) + ";\n";
  out +=
      "\n/** Every command a client may send (without its `id`), by `type`. Optional fields take their defaults. */\n"
      "export type Command =\n" +
      commands.substr(0, commands.size() - 1) + ";\n";
  out +=
      "\n/** What an event's host may do to rooms (POST /api/events/{id}/actions, beside \"rooms\"), by `action`. */\n"
      "export type HostAction =\n" +
      host_actions.substr(0, host_actions.size() - 1) + ";\n";
  return out;
}

std::string contract() {
  std::ostringstream out;
  out << "// Generated by debrief-contract (protocol/tools/debrief_contract.cpp) from the\n"
         "// server's protocol library: do not edit. After changing the contract there,\n"
         "// run scripts/generate-contract.sh; a unit test fails while this file is stale.\n";

  names(out, "COMMAND_NAMES", "CommandName", "Every command's wire name, including those only the server issues.",
        wire_names<command>);
  names(out, "EVENT_NAMES", "EventName", "Every event's wire name.", wire_names<event>);
  names(out, "ERROR_CODES", "ErrorCode", "The stable codes of an `error` message.", spellings<error_code>());
  names(out, "ROLES", "ContractRole", "Participants' roles.", spellings<role>());
  names(out, "PHASE_KINDS", "ContractPhaseKind", "Kinds of phase.", spellings<phase_kind>());
  out << wire_types();

  out << "\n/** Who may send a command (by role) and in which kinds of phase; 'any': every kind. */\n"
         "export interface PermissionRule {\n"
         "  readonly roles: readonly ContractRole[];\n"
         "  readonly kinds: readonly ContractPhaseKind[] | 'any';\n"
         "}\n";
  out << "\n/** The permission table (PROTOCOL.md, \"Who may do what, in which phase\"). */\n"
         "export const PERMISSIONS: Readonly<Partial<Record<CommandName, PermissionRule>>> = {\n";
  for (const auto& rule : permission_table()) {
    std::vector<std::string> roles;
    for (auto r : rule.roles) roles.push_back(spelled(r));
    std::vector<std::string> kinds;
    for (auto k : rule.kinds) kinds.push_back(spelled(k));
    out << "  " << rule.command << ": { roles: " << list(roles)
        << ", kinds: " << (kinds.empty() ? single_quoted("any") : list(kinds)) << " },\n";
  }
  out << "};\n";

  out << "\n/** The protocol's named limits (limits.hpp; characters are Unicode code points). */\n"
         "export const LIMITS = {\n";
  for (const auto& l : limits::table) out << "  " << l.name << ": " << l.value << ",\n";
  out << "} as const;\n";
  return out.str();
}

}  // namespace

int main(int argc, char** argv) {
  const auto generated = contract();
  if (argc == 1) {
    std::cout << generated;
    return 0;
  }
  if (argc == 3 && std::string_view(argv[1]) == "--check") {
    std::ifstream in(argv[2], std::ios::binary);
    std::ostringstream committed;
    committed << in.rdbuf();
    if (in && committed.str() == generated) return 0;
    std::cerr << argv[2] << " differs from what protocol/ defines: run scripts/generate-contract.sh\n";
    return 1;
  }
  std::cerr << "usage: debrief-contract [--check FILE]\n";
  return 2;
}
