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

// The sender's role: not_joined or forbidden. Checked before anything else,
// so a command its sender may not send reveals nothing about the session.
std::optional<rejection> check_role(const session_state& s, std::string_view command, const std::string& participant);
// The session's status and the current phase's kind (phase 0's in the lobby):
// conflict. Ownership rules (only an item's author…) are checked by each command.
std::optional<rejection> check_phase(const session_state& s, std::string_view command);
// Both, role first.
std::optional<rejection> check_permission(const session_state& s, std::string_view command,
                                          const std::string& participant);

// The answer to a command that could not be read (`malformed`): its role
// rule still comes first.
rejection refusal_for(const session_state& s, std::string_view command, const std::string& participant,
                      rejection malformed);

}  // namespace debrief::protocol
