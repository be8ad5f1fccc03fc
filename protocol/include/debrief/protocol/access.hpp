#pragma once
// Checks of what a client presents (the facilitator key, a resume token's
// holder, a join's client secret) against what the session keeps. Pure: the
// server makes the secrets (from the kernel's CSPRNG) and looks tokens up.

#include <optional>
#include <string>
#include <string_view>

#include "debrief/protocol/state.hpp"
#include "debrief/protocol/wire.hpp"

namespace debrief::protocol {

// Compares without leaking where the first difference is.
bool secrets_equal(std::string_view a, std::string_view b);

// The key made with the session, which its creator holds.
struct session_keys {
  std::string facilitator_key;
  // The key of the event the session is a room of (host.hpp), or empty.
  std::string host_key;

  bool is_facilitator_key(std::string_view presented) const;
  // A join as facilitator counts only with the key that created the session.
  bool facilitator_join_valid(role joining_as, std::string_view presented) const;
  // A join as host counts only with the key of the room's event (never for
  // a session in no event).
  bool host_join_valid(std::string_view presented) const;
  // Deleting: the key, or the resume token of whoever facilitates now
  // (`token_holder`: the participant the presented token resumes, if any).
  bool may_delete(const session_state& s, const std::optional<std::string>& token_holder,
                  std::string_view presented) const;
  // Exporting: the key, or the token of whoever presents or facilitates now
  // (the role may have been handed over).
  bool may_export(const session_state& s, const std::optional<std::string>& token_holder,
                  std::string_view presented) const;
};

// Only the client that sent a join knows its secret: anyone else replaying
// the id learns nothing of the participant it made. An empty stored secret
// (a join stored before secrets) matches nothing. Other commands are
// recognised by their sender, so any retry of them is the same client's.
bool same_join_client(const client_command& retry, std::string_view stored_secret);

}  // namespace debrief::protocol
