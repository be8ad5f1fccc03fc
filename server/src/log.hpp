#pragma once
// One line per notable server event on stderr. Never log keys or tokens.

#include <cstdio>
#include <string>

namespace debrief::server {

inline void log_line(const std::string& line) { std::fprintf(stderr, "debrief-server: %s\n", line.c_str()); }

}  // namespace debrief::server
