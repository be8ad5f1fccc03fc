// The permission table exists twice: in code (permissions.cpp) and in
// PROTOCOL.md for people. These tests hold them to each other, and hold
// apply() to the table for every command, role and phase kind.

#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "debrief/protocol/apply.hpp"
#include "debrief/protocol/permissions.hpp"
#include "markdown_table.hpp"
#include "written_here.hpp"

namespace debrief::protocol {
namespace {

struct documented_rule {
  std::set<role> roles;
  std::set<phase_kind> kinds;  // empty: any
};

std::map<std::string, documented_rule> documented_table() {
  std::ifstream file(DEBRIEF_PROTOCOL_MD);
  std::map<std::string, documented_rule> table;
  std::string line;
  bool inside = false;
  const role columns[] = {role::facilitator, role::presenter, role::colleague, role::observer, role::host};
  while (std::getline(file, line)) {
    if (line.find("permission-table:start") != std::string::npos) inside = true;
    if (line.find("permission-table:end") != std::string::npos) break;
    if (!inside || !line.starts_with("| ") || line.starts_with("| command") || line.starts_with("| ---")) continue;
    const auto cells = cells_of(line);
    EXPECT_EQ(cells.size(), 7u) << line;
    if (cells.size() != 7) continue;
    documented_rule rule;
    for (int i = 0; i < 5; ++i) {
      EXPECT_TRUE(cells[1 + i] == "yes" || cells[1 + i] == "no") << line;
      if (cells[1 + i] == "yes") rule.roles.insert(columns[i]);
    }
    if (cells[6] != "any") {
      std::stringstream kinds(cells[6]);
      std::string kind;
      while (std::getline(kinds, kind, ',')) {
        kind.erase(0, kind.find_first_not_of(' '));
        const auto parsed = nlohmann::json(kind).get<phase_kind>();
        EXPECT_NE(parsed, phase_kind::invalid) << kind;
        rule.kinds.insert(parsed);
      }
    }
    table[cells[0]] = rule;
  }
  return table;
}

TEST(Permissions, TheDocumentedTableMatchesTheCodeCellByCell) {
  const auto documented = documented_table();
  ASSERT_FALSE(documented.empty()) << "no table found in " << DEBRIEF_PROTOCOL_MD;
  EXPECT_EQ(documented.size(), permission_table().size());
  for (const auto& rule : permission_table()) {
    const auto it = documented.find(std::string(rule.command));
    ASSERT_NE(it, documented.end()) << rule.command << " is missing from PROTOCOL.md";
    EXPECT_EQ(it->second.roles, std::set<role>(rule.roles.begin(), rule.roles.end())) << rule.command;
    EXPECT_EQ(it->second.kinds, std::set<phase_kind>(rule.kinds.begin(), rule.kinds.end())) << rule.command;
  }
}

TEST(Permissions, EveryClientCommandHasARuleAndOnlyServerCommandsLackOne) {
  const std::set<std::string> unruled = {"join", "connect", "disconnect", "expire_timer"};
  for (std::size_t i = 0; i < std::variant_size_v<command>; ++i) {
    // Build each alternative by index to get its name.
    const auto name = [&]<std::size_t... I>(std::index_sequence<I...>) {
      std::string out;
      ((I == i ? (out = command_name(command{std::in_place_index<I>}), 0) : 0), ...);
      return out;
    }
    (std::make_index_sequence<std::variant_size_v<command>>{});
    EXPECT_EQ(find_rule(name) == nullptr, unruled.contains(name)) << name;
  }
}

// A live session whose only phase has the given kind, with one person of
// each role: p1 facilitator, p2 presenter, p3 colleague, p4 observer, and
// the event's host looking in as p5.
session_state session_in(phase_kind kind) {
  session_state s;
  s.session = "S";
  s.status = session_status::live;
  s.tmpl.phases = {{"only", "Only phase", kind, 5, {"A prompt"}}, {"next", "Next", kind, 5, {}}};
  s.timer = idle_timer_for(s.tmpl, 0);
  s.participants = {{"p1", "F", role::facilitator, true},
                    {"p2", "P", role::presenter, true},
                    {"p3", "C", role::colleague, true},
                    {"p4", "O", role::observer, true},
                    {"p5", "H", role::host, true}};
  s.participants_ever_joined = 5;
  return s;
}

template <std::size_t I = 0>
std::optional<command> default_command_named(const std::string& name) {
  if constexpr (I == std::variant_size_v<command>) {
    return std::nullopt;
  } else {
    command c{std::in_place_index<I>};
    if (command_name(c) == name) return c;
    return default_command_named<I + 1>(name);
  }
}

TEST(Permissions, ApplyRefusesEveryCellTheTableForbids) {
  const std::pair<role, std::string> people[] = {{role::facilitator, "p1"},
                                                 {role::presenter, "p2"},
                                                 {role::colleague, "p3"},
                                                 {role::observer, "p4"},
                                                 {role::host, "p5"}};
  const phase_kind kinds[] = {phase_kind::opening,     phase_kind::assumptions, phase_kind::transcript,
                              phase_kind::adaptations, phase_kind::reflection,  phase_kind::discussion,
                              phase_kind::chart,       phase_kind::check_in};
  int cells = 0;
  for (const auto& rule : permission_table()) {
    const auto c = default_command_named(std::string(rule.command));
    ASSERT_TRUE(c) << rule.command;
    for (const auto kind : kinds) {
      const auto s = session_in(kind);
      for (const auto& [r, id] : people) {
        ++cells;
        const bool role_ok = std::find(rule.roles.begin(), rule.roles.end(), r) != rule.roles.end();
        const bool kind_ok =
            rule.kinds.empty() || std::find(rule.kinds.begin(), rule.kinds.end(), kind) != rule.kinds.end();
        const auto permission = check_permission(s, rule.command, id);
        const auto result = apply(s, written_here(s, *c), {id}, 1000);
        const auto* refused = std::get_if<rejection>(&result);
        if (!role_ok) {
          ASSERT_TRUE(refused) << rule.command << " as " << id;
          EXPECT_EQ(refused->code, error_code::forbidden) << rule.command << " as " << id;
        } else if (!kind_ok) {
          ASSERT_TRUE(refused) << rule.command << " in a " << nlohmann::json(kind) << " phase";
          EXPECT_EQ(refused->code, error_code::conflict) << rule.command;
        } else {
          EXPECT_FALSE(permission) << rule.command << " as " << id << ": " << permission->message;
        }
      }
    }
  }
  EXPECT_EQ(cells, static_cast<int>(permission_table().size()) * 8 * 5);
}

TEST(Permissions, SomeoneWhoHasNotJoinedIsToldToJoinFirst) {
  const auto s = session_in(phase_kind::discussion);
  const auto result = apply(s, written_here(s, cmd::entry_add{"hello", -1}), {"p99"}, 1000);
  ASSERT_TRUE(std::holds_alternative<rejection>(result));
  EXPECT_EQ(std::get<rejection>(result).code, error_code::not_joined);
}

TEST(Permissions, NothingButLeavingWorksAfterTheSessionEnded) {
  auto s = session_in(phase_kind::discussion);
  s.status = session_status::ended;
  const auto add = apply(s, written_here(s, cmd::entry_add{"hello", -1}), {"p3"}, 1000);
  ASSERT_TRUE(std::holds_alternative<rejection>(add));
  EXPECT_EQ(std::get<rejection>(add).code, error_code::conflict);
  EXPECT_TRUE(std::holds_alternative<std::vector<event>>(apply(s, cmd::leave{}, {"p3"}, 1000)));
}

}  // namespace
}  // namespace debrief::protocol
