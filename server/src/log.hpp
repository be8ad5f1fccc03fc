#pragma once
// One line per notable server event on stderr, for a log shipper: JSON by
// default, logfmt on request. Every line has a time, a level, an event name
// and a short message; the rest are fields.
//
// Never log a key, a token, a session code, a name or any text people wrote.
// A session is named by session_ref (below), never by its code.

#include <cstdint>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace debrief::server {

enum class log_level { info, warn, error };
enum class log_format { json, logfmt };

// Fields in the order given (an object; values are strings, numbers or booleans).
using log_fields = nlohmann::ordered_json;

// Chooses the format for every later line (at start, before other threads run).
void set_log_format(log_format format);
// Lines go to `sink` instead of stderr (tests); an empty function restores stderr.
void set_log_sink(std::function<void(const std::string& line)> sink);

void log_event(log_level level, std::string_view event, std::string_view message, const log_fields& fields = {});

// The line written for one event, without its newline. `time_ms` is ms since
// the Unix epoch, printed as UTC with milliseconds.
std::string format_log_line(log_format format, std::int64_t time_ms, log_level level, std::string_view event,
                            std::string_view message, const log_fields& fields);

// A name for a session in the log. The code itself grants access, so it must
// not be logged. The reference is 32 bits of a hash (64-bit FNV-1a) of the
// 60-bit code: about 2^28 codes share each reference, so it cannot be turned
// back into the code or narrow a guess usefully, yet the same session has
// the same reference in every line and across restarts, so an operator can
// follow one session through the log. (Storage keys sessions by their code;
// there is no other identifier to log.)
std::string session_ref(std::string_view code);

// A name for an inquiry in the log, made as session_ref is: 32 bits of a
// hash of its 80-bit id, never the id (which, with the key, reaches it).
std::string inquiry_ref(std::string_view id);

// A name for an event in the log, made as inquiry_ref is: never its id.
std::string event_ref(std::string_view id);

}  // namespace debrief::server
