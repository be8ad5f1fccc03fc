#pragma once
// Where an annotation sits in a transcript: lines by id plus the quoted words,
// so it can be found again after a corrected transcript is imported.

#include <string>
#include <variant>
#include <vector>

#include "debrief/protocol/activities.hpp"

namespace debrief::protocol {

struct quoted {
  std::string text;
};

// The words an annotation covers (lines joined by "\n"; a character range,
// counted in Unicode code points, cuts the first and last line), or why the
// anchor does not fit these lines.
std::variant<quoted, std::string> quote_of(const std::vector<transcript_line>& lines, const annotation& a);

// The annotation placed on new lines: where its quote still is, else marked
// not placed (kept, and listed, never dropped).
annotation reanchor(annotation a, const std::vector<transcript_line>& lines);

}  // namespace debrief::protocol
