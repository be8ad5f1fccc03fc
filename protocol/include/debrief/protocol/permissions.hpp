#pragma once
// Who may send which command in which kind of phase. The same table is
// printed in PROTOCOL.md, and a unit test checks the two agree cell by cell.

#include <optional>
#include <string_view>
#include <vector>

#include "debrief/protocol/rejection.hpp"
#include "debrief/protocol/state.hpp"

namespace debrief::protocol {

struct permission_rule {
  std::string_view command;
  std::vector<role> roles;
  std::vector<phase_kind> kinds;  // empty: any phase
};

const std::vector<permission_rule>& permission_table();
const permission_rule* find_rule(std::string_view command);

// Checks the sender's role and the current phase's kind (phase 0's in the
// lobby). Ownership rules (only an item's author…) are checked by each command.
std::optional<rejection> check_permission(const session_state& s, std::string_view command,
                                          const std::string& participant);

}  // namespace debrief::protocol
