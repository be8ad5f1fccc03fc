#pragma once
// `debrief-server admin …`: what an operator needs without a browser, on the
// database file, safely while a server runs on it (SQLite's WAL lets a
// second connection read beside the server's writer; writes wait for the
// busy timeout, then give up with exit status `busy`).

#include <iosfwd>

namespace debrief::server {

// Exit statuses of the admin commands.
namespace admin_status {
inline constexpr int ok = 0;
inline constexpr int failed = 1;       // storage failed, or verify found a problem
inline constexpr int usage = 2;        // bad arguments
inline constexpr int no_database = 3;  // the --db file does not exist
inline constexpr int no_session = 4;   // no session with that code
inline constexpr int busy = 5;         // the database stayed locked past the busy timeout
inline constexpr int no_inquiry = 6;   // no inquiry with that id
inline constexpr int no_event = 7;     // no event with that id
}  // namespace admin_status

// argv[0] is "admin". What the operator asked for goes to `out` (codes
// included: the operator is trusted with them on their own terminal; nothing
// here is logged), errors to `err`.
int run_admin(int argc, const char* const argv[], std::ostream& out, std::ostream& err);

}  // namespace debrief::server
