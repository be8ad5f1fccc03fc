#pragma once
// The session record's renderings of its shared pieces (quotes, evidence,
// escaping, the page's style, the body under the title), for the inquiry and
// event records to say them the same way: defined beside the session exports
// that use them (export_*.cpp).

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "debrief/protocol/record.hpp"

namespace debrief::protocol::render {

// Markdown: text with its markup characters escaped (a line break continues
// with `continuation`); a quotation with who said it and where; one piece of
// evidence in a sentence.
std::string markdown_text(const std::string& text, const std::string& continuation = "");
std::string markdown_quote(const record_quote& q, const std::string& continuation);
std::string markdown_evidence(const record_evidence& e, const std::string& continuation);
// The record's body under its title (People … Notes and reflections), its
// headings from level 2; no session code (that is in the closing line).
std::string markdown_sections(const session_record& r);

// HTML: escaped text; what someone wrote (line breaks kept); a quotation
// block; an evidence list (empty when there is none); the printable style.
std::string html_escaped(const std::string& text);
std::string html_text(const std::string& text);
std::string html_quote(const record_quote& q);
std::string html_evidence(const std::vector<record_evidence>& evidence);
const char* html_style();
// The record's body for <main> (People … Notes and reflections): sections
// with ids ("people", "board", …) and headings from <h2>; no session code.
std::string html_sections(const session_record& r);

// JSON: a time, a quote and an evidence list as the session export gives them.
nlohmann::json json_time(const record_time& t);
nlohmann::json json_quote(const record_quote& q);
nlohmann::json json_evidence(const std::vector<record_evidence>& evidence);

}  // namespace debrief::protocol::render
