#include "debrief/protocol/access.hpp"

#include <variant>

namespace debrief::protocol {

bool secrets_equal(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  unsigned char diff = 0;
  for (std::size_t i = 0; i < a.size(); ++i) diff |= static_cast<unsigned char>(a[i] ^ b[i]);
  return diff == 0;
}

bool session_keys::is_facilitator_key(std::string_view presented) const {
  return secrets_equal(presented, facilitator_key);
}

bool session_keys::facilitator_join_valid(role joining_as, std::string_view presented) const {
  return joining_as == role::facilitator && is_facilitator_key(presented);
}

bool session_keys::host_join_valid(std::string_view presented) const {
  // An empty key would match an empty presentation: a room in no event has none.
  return !host_key.empty() && secrets_equal(presented, host_key);
}

bool session_keys::may_delete(const session_state& s, const std::optional<std::string>& token_holder,
                              std::string_view presented) const {
  return (token_holder && s.has_role(*token_holder, role::facilitator)) || is_facilitator_key(presented);
}

bool session_keys::may_export(const session_state& s, const std::optional<std::string>& token_holder,
                              std::string_view presented) const {
  const auto r = token_holder ? s.role_of(*token_holder) : role::invalid;
  return r == role::presenter || r == role::facilitator || is_facilitator_key(presented);
}

bool same_join_client(const client_command& retry, std::string_view stored_secret) {
  if (!std::holds_alternative<cmd::join>(retry.command)) return true;
  return !stored_secret.empty() && secrets_equal(stored_secret, retry.client_secret);
}

}  // namespace debrief::protocol
