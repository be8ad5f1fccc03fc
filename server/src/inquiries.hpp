#pragma once
// An inquiry as the server reads it: its row and every session of it,
// replayed from the stored log (which is the truth: committed before any
// broadcast). Run on the reader thread; pure apart from the reads.

#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "debrief/protocol/inquiry.hpp"
#include "debrief/protocol/rejection.hpp"
#include "debrief/storage/database.hpp"

namespace debrief::server::inquiries {

struct read_inquiry {
  protocol::inquiry_info info;
  std::vector<protocol::inquiry_session> sessions;  // in position order
  std::int64_t last_position = 0;                   // the next session's is one more
  std::int64_t ref = 0;                             // storage's row number, for the operator
};

// Inquiry `id`'s row and session list, if `key` is its key (compared in
// constant time): not_found for an unknown id, forbidden for a wrong key.
std::variant<storage::stored_inquiry, protocol::rejection> open(storage::database& db, const std::string& id,
                                                                const std::string& key);

// The inquiry with every session of it replayed.
read_inquiry read(storage::database& db, const storage::stored_inquiry& stored);

// A session's state from its stored snapshot and the events after it.
protocol::session_state replay(const storage::loaded_session& stored);

// An inquiry's title and focal learners as a session's are cleaned (trimmed),
// or why they are refused: a session's title rules, and one to
// max_learners pseudonyms as a session's learners.
struct inquiry_names {
  std::string title;
  std::vector<std::string> learners;
};
std::variant<inquiry_names, protocol::rejection> clean_names(const std::string& title,
                                                             const std::vector<std::string>& learners);

// The learners as stored (a JSON array), and back.
std::string learners_text(const std::vector<std::string>& learners);
std::vector<std::string> learners_of(const std::string& text);

}  // namespace debrief::server::inquiries
