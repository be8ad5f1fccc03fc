#pragma once
// Unguessable identifiers from the kernel's CSPRNG.

#include <string>
#include <string_view>

namespace debrief::server::secrets {

// Crockford base-32 without I, L, O and U: what session codes are made of.
inline constexpr std::string_view code_alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

// The session's id and join code: `prefix` (empty, or this instance's one
// character of code_alphabet, which a proxy routes on) then 12 random
// characters of code_alphabet (60 bits), so 12 or 13 characters in all.
std::string session_code(std::string_view prefix = {});

// Whether `s` has a session code's form: 12 or 13 characters of code_alphabet.
bool is_session_code(std::string_view s);

// An inquiry's id: 16 characters of code_alphabet (80 bits). Not a secret
// alone: the inquiry's key goes with it.
std::string inquiry_id();

// Whether `s` has an inquiry id's form.
bool is_inquiry_id(std::string_view s);

// An event's id, of an inquiry id's form (16 characters, 80 bits). Not a
// secret alone: the event's host key goes with it.
inline std::string event_id() { return inquiry_id(); }
inline bool is_event_id(std::string_view s) { return is_inquiry_id(s); }

// 32 hex characters (128 bits): facilitator keys, resume tokens, inquiry and host keys.
std::string key();

// Comparing them is pure: protocol::secrets_equal (access.hpp).

}  // namespace debrief::server::secrets
