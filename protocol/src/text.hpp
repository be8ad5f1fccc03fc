#pragma once
// Small text checks shared by the command and template validators.

#include <cstddef>
#include <string>
#include <string_view>

namespace debrief::protocol::text {

// Number of code points in valid UTF-8 (continuation bytes are not counted).
std::size_t char_count(std::string_view utf8);

// Leading and trailing ASCII whitespace removed.
std::string trimmed(std::string_view s);

// True if the text holds a control character, C0 (tab and newline
// included) or C1: names and titles are single lines.
bool has_control_chars(std::string_view s);

}  // namespace debrief::protocol::text
