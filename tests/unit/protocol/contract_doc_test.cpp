// The wire contract is defined once, in protocol/ (each command's and event's
// wire_name, the error codes' spellings), and described for people who write
// clients in PROTOCOL.md. These tests hold the names PROTOCOL.md lists in its
// event, command and error tables to the code, both ways.

#include <gtest/gtest.h>

#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <variant>

#include <nlohmann/json.hpp>

#include "debrief/protocol/commands.hpp"
#include "debrief/protocol/events.hpp"
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
