#include "inquiries.hpp"

#include "debrief/protocol/access.hpp"
#include "debrief/protocol/apply.hpp"
#include "debrief/protocol/events.hpp"
#include "debrief/protocol/limits.hpp"

namespace debrief::server::inquiries {

using protocol::error_code;

protocol::session_state replay(const storage::loaded_session& stored) {
  protocol::session_state state;
  if (stored.snapshot) state = nlohmann::json::parse(stored.snapshot->state).get<protocol::session_state>();
  for (const auto& e : stored.events) {
    state = protocol::evolve(std::move(state), nlohmann::json::parse(e.body).get<protocol::event>());
  }
  return state;
}

std::variant<storage::stored_inquiry, protocol::rejection> open(storage::database& db, const std::string& id,
                                                                const std::string& key) {
  auto stored = db.load_inquiry(id);
  if (!stored) return protocol::rejection{error_code::not_found, "There is no such inquiry."};
  if (!protocol::secrets_equal(key, stored->record.key)) {
    return protocol::rejection{error_code::forbidden, "The inquiry key is wrong."};
  }
  return std::move(*stored);
}

read_inquiry read(storage::database& db, const storage::stored_inquiry& stored) {
  read_inquiry out;
  out.info = {stored.record.id, stored.record.title, learners_of(stored.record.learners), stored.record.created_at};
  out.last_position = stored.last_position;
  out.ref = stored.ref;
  for (const auto& member : stored.sessions) {
    // Deleted between the two reads: it is simply not part of the story.
    if (auto session = db.load_session(member.session)) {
      out.sessions.push_back({static_cast<int>(member.position), replay(*session)});
    }
  }
  return out;
}

std::variant<inquiry_names, protocol::rejection> clean_names(const std::string& title,
                                                             const std::vector<std::string>& learners) {
  if (learners.empty()) {
    return protocol::rejection{error_code::invalid, "Name the inquiry's focal learners: one to " +
                                                        std::to_string(protocol::limits::max_learners) +
                                                        " pseudonyms (\"learners\")."};
  }
  // The same rules as a session's title and learners, by the same check:
  // every session of the inquiry is created with them.
  auto made = protocol::create_session({}, title, {}, 0, {{}, learners, {}});
  if (auto* why = std::get_if<protocol::rejection>(&made)) return *why;
  auto& created = std::get<protocol::evt::session_created>(made);
  return inquiry_names{std::move(created.title), std::move(created.learners)};
}

std::string learners_text(const std::vector<std::string>& learners) { return nlohmann::json(learners).dump(); }

std::vector<std::string> learners_of(const std::string& text) {
  return nlohmann::json::parse(text).get<std::vector<std::string>>();
}

}  // namespace debrief::server::inquiries
