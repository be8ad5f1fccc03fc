// The presenter's assumption board and colleagues' proposals for it.

#include "apply_support.hpp"

namespace debrief::protocol {

using namespace detail;

namespace {

std::optional<rejection> check_list(board_list list) {
  if (list == board_list::invalid) {
    return reject(error_code::invalid, "Choose a list: know, dont_know, assumptions or find_out.");
  }
  return std::nullopt;
}

// The item, if it exists and the sender saw its current version.
std::variant<const board_item*, rejection> current_item(const session_state& s, const std::string& id, int version) {
  const auto* item = find_by_id(s.board, id);
  if (item == nullptr) return reject(error_code::not_found, "That item is no longer on the board.");
  if (item->version != version) return stale("item", item->version, *item);
  return item;
}

}  // namespace

outcome handle(const session_state& s, const cmd::board_add& c, const sender& from, millis) {
  if (auto r = check_list(c.list)) return *r;
  if (auto r = check_text(c.text, limits::max_item_chars, "An item")) return *r;
  if (s.board.size() >= limits::max_board_items)
    return reject(error_code::too_large, "The board is full (" + std::to_string(limits::max_board_items) + " items).");
  board_item item{next_id(s, "i"), c.list, text::trimmed(c.text), from.participant, item_status::open, {}, 1, {}};
  return one(evt::board_item_saved{std::move(item), -1});
}

outcome handle(const session_state& s, const cmd::board_edit& c, const sender&, millis) {
  auto found = current_item(s, c.item, c.version);
  if (auto* r = std::get_if<rejection>(&found)) return *r;
  if (auto r = check_text(c.text, limits::max_item_chars, "An item")) return *r;
  auto item = *std::get<const board_item*>(found);
  item.text = text::trimmed(c.text);
  ++item.version;
  return one(evt::board_item_saved{std::move(item), -1});
}

outcome handle(const session_state& s, const cmd::board_move& c, const sender&, millis) {
  if (auto r = check_list(c.list)) return *r;
  auto found = current_item(s, c.item, c.version);
  if (auto* r = std::get_if<rejection>(&found)) return *r;
  if (c.index < 0 || static_cast<std::size_t>(c.index) > limits::max_board_items) {
    return reject(error_code::invalid, "That position is out of range.");
  }
  return one(evt::board_item_moved{c.item, c.list, c.index, c.version + 1});
}

outcome handle(const session_state& s, const cmd::board_remove& c, const sender&, millis) {
  auto found = current_item(s, c.item, c.version);
  if (auto* r = std::get_if<rejection>(&found)) return *r;
  return one(evt::board_item_removed{c.item});
}

outcome handle(const session_state& s, const cmd::board_mark& c, const sender&, millis) {
  if (c.status == item_status::invalid) return reject(error_code::invalid, "Mark it open, confirmed or challenged.");
  auto found = current_item(s, c.item, c.version);
  if (auto* r = std::get_if<rejection>(&found)) return *r;
  if (auto r = check_evidence(s, c.evidence)) return *r;
  auto item = *std::get<const board_item*>(found);
  item.status = c.status;
  item.evidence = c.evidence;
  ++item.version;
  return one(evt::board_item_saved{std::move(item), -1});
}

outcome handle(const session_state& s, const cmd::board_propose& c, const sender& from, millis) {
  if (auto r = check_list(c.list)) return *r;
  if (auto r = check_text(c.text, limits::max_item_chars, "A proposal")) return *r;
  if (s.proposals.size() >= limits::max_proposals)
    return reject(error_code::too_large, "Too many proposals (" + std::to_string(limits::max_proposals) + ").");
  return one(evt::proposal_saved{
      {next_id(s, "q"), c.list, text::trimmed(c.text), from.participant, proposal_state::pending, {}}});
}

outcome handle(const session_state& s, const cmd::proposal_decide& c, const sender&, millis) {
  const auto* found = find_by_id(s.proposals, c.proposal);
  if (found == nullptr) return reject(error_code::not_found, "There is no such proposal.");
  if (found->state != proposal_state::pending)
    return reject(error_code::conflict, "That proposal was already decided.");
  auto p = *found;
  if (!c.accept) {
    p.state = proposal_state::set_aside;
    return one(evt::proposal_saved{std::move(p)});
  }
  if (s.board.size() >= limits::max_board_items)
    return reject(error_code::too_large, "The board is full (" + std::to_string(limits::max_board_items) + " items).");
  board_item item{next_id(s, "i"), p.list, p.text, p.author, item_status::open, {}, 1, {}};
  p.state = proposal_state::accepted;
  p.item = item.id;
  return std::vector<event>{evt::proposal_saved{std::move(p)}, evt::board_item_saved{std::move(item), -1}};
}

}  // namespace debrief::protocol
