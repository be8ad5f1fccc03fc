#pragma once
// Reads the top-level fields of one server message without building a DOM.
// The generator sees tens of thousands of messages a second and needs only
// type, id, seq and code from them; nested objects (the event body, the
// state) are skipped by bracket matching, honouring strings and escapes.

#include <cstdint>
#include <optional>
#include <string_view>

namespace debrief::bench {

struct message_fields {
  std::string_view type;
  std::string_view id;    // raw string content (no escapes expected in our ids)
  std::string_view code;  // error code
  std::optional<std::int64_t> seq;
};

// Returns nullopt when the text is not a JSON object we can walk.
std::optional<message_fields> scan_message(std::string_view text);

}  // namespace debrief::bench
