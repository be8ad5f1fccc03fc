#pragma once
// Shared by both sets of protocol test helpers.

#include "debrief/protocol/commands.hpp"

namespace debrief::protocol {

// A phase-bound command written in the session's current phase, as a client
// acting now would send it (unless the test names another phase).
inline command written_here(const session_state& s, command c) {
  const auto* phase = s.current_phase();
  if (auto* written = written_in(c); written != nullptr && written->empty() && phase != nullptr) {
    *written = phase->id;
  }
  return c;
}

}  // namespace debrief::protocol
