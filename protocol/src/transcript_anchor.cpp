#include "debrief/protocol/transcript_anchor.hpp"

#include <algorithm>
#include <charconv>

namespace debrief::protocol {

namespace {

std::ptrdiff_t index_of(const std::vector<transcript_line>& lines, const std::string& id) {
  auto it = std::find_if(lines.begin(), lines.end(), [&](const auto& l) { return l.id == id; });
  return it == lines.end() ? -1 : it - lines.begin();
}

// Byte offset of the n-th code point (or the end).
std::size_t byte_offset(const std::string& s, int code_points) {
  std::size_t i = 0;
  int seen = 0;
  while (i < s.size() && seen < code_points) {
    ++i;
    while (i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) ++i;
    ++seen;
  }
  return i;
}

int code_points(const std::string& s) {
  return static_cast<int>(
      std::count_if(s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

// Line ids are "L<position>", so the number of lines an annotation covers
// survives the lines themselves (a line's text may hold line breaks).
std::size_t span_of(const annotation& a) {
  auto number = [](const std::string& id) {
    int n = 0;
    if (id.size() > 1) std::from_chars(id.data() + 1, id.data() + id.size(), n);
    return n;
  };
  const int span = number(a.to_line) - number(a.from_line) + 1;
  return span > 0 ? static_cast<std::size_t>(span) : 1;
}

}  // namespace

std::variant<quoted, std::string> quote_of(const std::vector<transcript_line>& lines, const annotation& a) {
  const auto from = index_of(lines, a.from_line);
  const auto to = index_of(lines, a.to_line);
  if (from < 0 || to < 0) return std::string("That line is not in the transcript.");
  if (to < from) return std::string("An annotation's last line cannot come before its first.");
  const bool ranged = a.start_char >= 0 || a.end_char >= 0;
  if (ranged) {
    const int first_len = code_points(lines[static_cast<std::size_t>(from)].text);
    const int last_len = code_points(lines[static_cast<std::size_t>(to)].text);
    if (a.start_char < 0 || a.end_char < 0 || a.start_char > first_len || a.end_char > last_len ||
        (from == to && a.start_char >= a.end_char)) {
      return std::string("That character range does not fit the lines.");
    }
  }
  std::string text;
  for (auto i = from; i <= to; ++i) {
    const auto& line = lines[static_cast<std::size_t>(i)].text;
    std::size_t begin = 0;
    std::size_t end = line.size();
    if (ranged && i == from) begin = byte_offset(line, a.start_char);
    if (ranged && i == to) end = byte_offset(line, a.end_char);
    if (i > from) text += '\n';
    text += line.substr(begin, end - begin);
  }
  return quoted{text};
}

annotation reanchor(annotation a, const std::vector<transcript_line>& lines) {
  auto same = quote_of(lines, a);
  if (auto* q = std::get_if<quoted>(&same); q && q->text == a.quote) {
    a.placed = true;
    return a;
  }
  const auto span = span_of(a);
  const bool ranged = a.start_char >= 0;
  for (std::size_t i = 0; i + span <= lines.size(); ++i) {
    auto candidate = a;
    candidate.from_line = lines[i].id;
    candidate.to_line = lines[i + span - 1].id;
    if (ranged && span == 1) {
      // A part of one line: find the words anywhere in the line.
      const auto at = lines[i].text.find(a.quote);
      if (at == std::string::npos) continue;
      candidate.start_char = code_points(lines[i].text.substr(0, at));
      candidate.end_char = candidate.start_char + code_points(a.quote);
    }
    auto q = quote_of(lines, candidate);
    if (auto* found = std::get_if<quoted>(&q); found && found->text == a.quote) {
      candidate.placed = true;
      return candidate;
    }
  }
  a.placed = false;
  return a;
}

}  // namespace debrief::protocol
