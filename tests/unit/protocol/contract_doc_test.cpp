// The wire contract is defined once, in protocol/ (each command's and event's
// wire_name, the error codes' spellings), and described for people who write
// clients in PROTOCOL.md. These tests hold the names PROTOCOL.md lists in its
// event, command and error tables to the code, both ways, and each event's
// fields there to its wire_fields() (fields.hpp).

#include <gtest/gtest.h>

#include <map>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <variant>

#include <nlohmann/json.hpp>

#include "debrief/protocol/commands.hpp"
#include "debrief/protocol/events.hpp"
#include "debrief/protocol/fields.hpp"
#include "debrief/protocol/rejection.hpp"
#include "debrief/protocol/wire.hpp"
#include "markdown_table.hpp"

namespace debrief::protocol {
namespace {

using names = std::set<std::string>;

// The names in the first column of the table under `heading`, whose header
// starts with `first_header`: each row names one or more, as `a` or `a`, `b`.
names documented(const std::string& heading, const std::string& first_header) {
  const auto table = first_table_under(DEBRIEF_PROTOCOL_MD, heading);
  EXPECT_EQ(table.header.empty() ? "" : table.header[0], first_header) << "the table under \"" << heading << "\"";
  names out;
  for (const auto& cells : table.rows) {
    if (cells.empty()) continue;
    std::stringstream list(cells[0]);
    std::string name;
    while (std::getline(list, name, ',')) {
      name.erase(0, name.find_first_not_of(' '));
      const bool quoted = name.size() > 2 && name.front() == '`' && name.back() == '`';
      EXPECT_TRUE(quoted) << "\"" << name << "\" in the table under \"" << heading << "\" is not a `name`";
      if (!quoted) continue;
      EXPECT_TRUE(out.insert(name.substr(1, name.size() - 2)).second)
          << name << " is listed twice under \"" << heading << "\"";
    }
  }
  return out;
}

std::string joined(const names& items) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : ", ") + item;
  return out;
}

// Both ways, naming what each side lacks.
void expect_same(const names& in_doc, const names& in_code, const std::string& what) {
  names undocumented;
  names unknown;
  for (const auto& name : in_code) {
    if (!in_doc.contains(name)) undocumented.insert(name);
  }
  for (const auto& name : in_doc) {
    if (!in_code.contains(name)) unknown.insert(name);
  }
  EXPECT_TRUE(undocumented.empty()) << what << " in the code but missing from PROTOCOL.md: " << joined(undocumented);
  EXPECT_TRUE(unknown.empty()) << what << " in PROTOCOL.md but not among the code's " << what << ": "
                               << joined(unknown);
}

// Commands a client may send: those the wire reader knows by name (it reads
// their fields, or refuses them for their fields), not the ones only the
// server issues, which it refuses as unknown (see json_test).
names client_commands() {
  names out;
  for (const auto name : wire_names<command>) {
    const auto parsed = parse_client_message(nlohmann::json{{"type", name}, {"id", "c1"}}.dump());
    const auto* refused = std::get_if<parse_error>(&parsed);
    if (refused == nullptr || refused->command == name) out.emplace(name);
  }
  return out;
}

// Every error_code after the invalid sentinel, as spelled on the wire.
names error_codes() {
  names out;
  for (int i = 1;; ++i) {
    const nlohmann::json j = static_cast<error_code>(i);
    if (!j.is_string()) return out;
    out.insert(j.get<std::string>());
  }
}

// The `names` in a fields cell, leaving out remarks in parentheses (which
// may quote values, such as `""`). "–" (no fields) holds none.
names field_names(const std::string& cell) {
  std::string plain;
  int depth = 0;
  for (const char c : cell) {
    if (c == '(') {
      ++depth;
    } else if (c == ')') {
      --depth;
    } else if (depth == 0) {
      plain += c;
    }
  }
  names out;
  for (auto open = plain.find('`'); open != std::string::npos; open = plain.find('`', open)) {
    const auto close = plain.find('`', open + 1);
    if (close == std::string::npos) break;
    out.insert(plain.substr(open + 1, close - open - 1));
    open = close + 1;
  }
  return out;
}

// For each name in the first column of the table under `heading`, the field
// names in its second column.
std::map<std::string, names> documented_fields(const std::string& heading) {
  std::map<std::string, names> out;
  for (const auto& cells : first_table_under(DEBRIEF_PROTOCOL_MD, heading).rows) {
    if (cells.size() < 2) continue;
    for (const auto& name : field_names(cells[0])) out[name] = field_names(cells[1]);
  }
  return out;
}

// The JSON keys of a described type beside "type": those stored, and those
// only clients are shown.
template <class Tuple>
void add_keys(names& out, const Tuple& fields) {
  const auto add = [&out](const auto& f) {
    if constexpr (requires { f.key; }) {
      out.emplace(f.key);
    } else {  // flattened: the member's own fields
      add_keys(out, std::remove_cvref_t<decltype(f)>::type::wire_fields());
    }
  };
  std::apply([&add](const auto&... f) { (add(f), ...); }, fields);
}

template <class T>
names keys_of() {
  names out;
  add_keys(out, T::wire_fields());
  add_keys(out, shown_fields_of<T>());
  return out;
}

template <class... Alternatives>
std::map<std::string, names> fields_by_name(const std::variant<Alternatives...>* /*unused*/) {
  return {{std::string(Alternatives::wire_name), keys_of<Alternatives>()}...};
}

// Every documented row's fields against the code's, naming what each side lacks.
void expect_same_fields(const std::map<std::string, names>& in_doc, const std::map<std::string, names>& in_code,
                        const std::string& what) {
  for (const auto& [name, fields] : in_code) {
    const auto row = in_doc.find(name);
    if (row == in_doc.end()) {
      ADD_FAILURE() << what << " " << name << " has no row in PROTOCOL.md (its fields: " << joined(fields) << ")";
      continue;
    }
    expect_same(row->second, fields, what + " " + name + "'s fields");
  }
}

TEST(ContractDoc, ProtocolMdListsEachEventsFieldsAsTheCodeDefinesThem) {
  const auto in_code = fields_by_name(static_cast<const event*>(nullptr));
  expect_same_fields(documented_fields("### 3. Events"), in_code, "event");
}

TEST(ContractDoc, ProtocolMdListsEachClientCommandsFieldsAsTheCodeDefinesThem) {
  auto in_code = fields_by_name(static_cast<const command*>(nullptr));
  const auto from_clients = client_commands();
  std::erase_if(in_code, [&from_clients](const auto& named) { return !from_clients.contains(named.first); });
  ASSERT_FALSE(in_code.empty());
  expect_same_fields(documented_fields("### 5. Commands"), in_code, "command");
}

TEST(ContractDoc, ProtocolMdListsEveryEventAndNoOther) {
  const names in_code(wire_names<event>.begin(), wire_names<event>.end());
  expect_same(documented("### 3. Events", "event `type`"), in_code, "events");
}

TEST(ContractDoc, ProtocolMdListsEveryClientCommandAndNoOther) {
  const auto in_code = client_commands();
  // The reader must know most commands, or this test proves little.
  ASSERT_GT(in_code.size(), wire_names<command>.size() / 2);
  EXPECT_FALSE(in_code.contains(std::string(cmd::connect::wire_name)));
  EXPECT_FALSE(in_code.contains(std::string(cmd::disconnect::wire_name)));
  EXPECT_FALSE(in_code.contains(std::string(cmd::expire_timer::wire_name)));
  expect_same(documented("### 5. Commands", "command `type`"), in_code, "client commands");
}

TEST(ContractDoc, ProtocolMdListsEveryErrorCodeAndNoOther) {
  const auto in_code = error_codes();
  ASSERT_FALSE(in_code.empty());
  expect_same(documented("### 8. Errors", "code"), in_code, "error codes");
}

}  // namespace
}  // namespace debrief::protocol
