#pragma once
// Unguessable identifiers from the kernel's CSPRNG.

#include <string>
#include <string_view>

namespace debrief::server::secrets {

// 12 characters of Crockford base-32 (60 bits): the session's id and join code.
std::string session_code();

// 32 hex characters (128 bits): facilitator keys and resume tokens.
std::string key();

// Comparing them is pure: protocol::secrets_equal (access.hpp).

}  // namespace debrief::server::secrets
