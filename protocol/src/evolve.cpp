// Folding events into state. Every event carries its result, so evolve only
// places values; all decisions were made by apply.

#include <algorithm>
#include <charconv>

#include "debrief/protocol/apply.hpp"

namespace debrief::protocol {

namespace {

template <class... Ts>
struct overloaded : Ts... {
  using Ts::operator()...;
};
// Spelled out for compilers without aggregate deduction (clang < 17, which
// builds the fuzzer).
template <class... Ts>
overloaded(Ts...) -> overloaded<Ts...>;

// Ids end in the number they were issued with ("e12"); the counter never
// goes back, so an id is never handed out twice.
void note_id(session_state& s, const std::string& id) {
  const auto digits = id.find_first_of("0123456789");
  if (digits == std::string::npos) return;
  int n = 0;
  std::from_chars(id.data() + digits, id.data() + id.size(), n);
  s.ids_issued = std::max(s.ids_issued, n);
}

template <class T>
void upsert(session_state& s, std::vector<T>& items, const T& value) {
  note_id(s, value.id);
  auto it = std::find_if(items.begin(), items.end(), [&](const T& x) { return x.id == value.id; });
  if (it == items.end()) {
    items.push_back(value);
  } else {
    *it = value;
  }
}

template <class T>
void erase_id(std::vector<T>& items, const std::string& id) {
  std::erase_if(items, [&](const T& x) { return x.id == id; });
}

// Inserts an item at a position counted within its own list.
void place_in_list(std::vector<board_item>& board, board_item item, int index) {
  int seen = 0;
  auto at = board.end();
  for (auto it = board.begin(); it != board.end(); ++it) {
    if (it->list != item.list) continue;
    if (seen == index) {
      at = it;
      break;
    }
    ++seen;
  }
  board.insert(at, std::move(item));
}

}  // namespace

session_state evolve(session_state s, const event& e) {
  std::visit(
      overloaded{
          [&](const evt::session_created& c) {
            s = session_state{};
            s.session = c.session;
            s.title = c.title;
            s.created_at = c.created_at;
            s.tmpl = c.tmpl;
            s.status = session_status::lobby;
            s.phase = 0;
            s.timer = idle_timer_for(s.tmpl, 0);
            s.date = c.date;
            s.learners = c.learners;
            s.carried = c.carried;
            // Carried assumptions go on the board, to be re-marked against
            // this session's transcript; nobody here wrote them.
            for (const auto& carried : c.carried) {
              if (carried.kind != carried_kind::assumption) continue;
              board_item item{"i" + std::to_string(s.ids_issued + 1),
                              board_list::assumptions,
                              carried.text,
                              "",
                              carried.status,
                              {},
                              1,
                              carried.thread};
              note_id(s, item.id);
              s.board.push_back(std::move(item));
            }
          },
          [&](const evt::participant_joined& j) {
            // The same join applied twice leaves one participant, the later
            // one, last (as the browser's reducer does; PROTOCOL.md §3).
            std::erase_if(s.participants, [&](const auto& p) { return p.id == j.participant.id; });
            s.participants.push_back(j.participant);
            ++s.participants_ever_joined;
          },
          [&](const evt::participant_left& l) {
            std::erase_if(s.participants, [&](const auto& p) { return p.id == l.participant; });
            std::erase(s.done, l.participant);
          },
          [&](const evt::presence_changed& p) {
            for (auto& x : s.participants) {
              if (x.id == p.participant) x.online = p.online;
            }
          },
          [&](const evt::session_started& st) {
            s.status = session_status::live;
            s.phase = st.phase;
            s.timer = st.timer;
            s.done.clear();
          },
          [&](const evt::phase_changed& p) {
            s.phase = p.phase;
            s.timer = p.timer;
            s.done.clear();
          },
          [&](const evt::session_ended& en) {
            s.status = session_status::ended;
            s.timer = en.timer;
          },
          [&]<fixed_name Name>(const evt::timer_changed<Name>& t) { s.timer = t.timer; },
          [&](const evt::agenda_changed& a) {
            for (const auto& p : a.phases) note_id(s, p.id);
            s.tmpl.phases = a.phases;
            s.phase = a.phase;
            s.timer = a.timer;
          },
          [&](const evt::facilitator_handed_over& h) {
            for (auto& p : s.participants) {
              if (p.id == h.from) p.role = role::colleague;
              if (p.id == h.to) p.role = role::facilitator;
            }
          },
          [&](const evt::presenter_moved& m) {
            for (auto& p : s.participants) {
              if (p.id == m.from) p.role = role::colleague;
              if (p.id == m.to) p.role = role::presenter;
            }
          },
          [&](const evt::phase_revealed& r) {
            if (!s.is_revealed(r.phase)) s.revealed.push_back(r.phase);
          },
          [&](const evt::readiness_changed& r) {
            std::erase(s.done, r.participant);
            if (r.done) s.done.push_back(r.participant);
          },
          [&](const evt::board_item_saved& b) {
            note_id(s, b.item.id);
            auto it = std::find_if(s.board.begin(), s.board.end(), [&](const auto& x) { return x.id == b.item.id; });
            if (it != s.board.end()) {
              *it = b.item;
            } else if (b.index < 0) {
              s.board.push_back(b.item);
            } else {
              place_in_list(s.board, b.item, b.index);
            }
          },
          [&](const evt::board_item_moved& m) {
            auto it = std::find_if(s.board.begin(), s.board.end(), [&](const auto& x) { return x.id == m.item; });
            if (it == s.board.end()) return;
            auto item = *it;
            s.board.erase(it);
            item.list = m.list;
            item.version = m.version;
            place_in_list(s.board, std::move(item), m.index);
          },
          [&](const evt::board_item_removed& r) { erase_id(s.board, r.item); },
          [&](const evt::proposal_saved& p) { upsert(s, s.proposals, p.proposal); },
          [&](const evt::entry_saved& en) { upsert(s, s.entries, en.entry); },
          [&](const evt::entry_removed& r) { erase_id(s.entries, r.entry); },
          [&](const evt::adaptation_saved& a) { upsert(s, s.adaptations, a.adaptation); },
          [&](const evt::adaptation_removed& r) { erase_id(s.adaptations, r.adaptation); },
          [&](const evt::transcript_imported& t) { s.transcript = t.transcript; },
          [&](const evt::transcript_withdrawn&) {
            s.transcript.reset();
            s.annotations.clear();
            s.focus_line.clear();
          },
          [&](const evt::annotation_saved& a) {
            for (const auto& r : a.annotation.replies) note_id(s, r.id);
            upsert(s, s.annotations, a.annotation);
          },
          [&](const evt::annotation_removed& r) { erase_id(s.annotations, r.annotation); },
          [&](const evt::focus_changed& f) { s.focus_line = f.line; },
          [&](const evt::scrubbed&) {},
          [&](const evt::phase_timer_saved& t) { s.phase_timers[t.phase] = t.timer; },
          [&](const evt::check_in_saved& c) { upsert(s, s.check_ins, c.check_in); },
          [&](const evt::notice_posted& n) {
            // A notice is never edited: the same one applied twice stays one.
            note_id(s, n.notice.id);
            const auto same = [&](const notice& x) { return x.id == n.notice.id; };
            if (std::none_of(s.notices.begin(), s.notices.end(), same)) s.notices.push_back(n.notice);
          },
      },
      e);
  return s;
}

}  // namespace debrief::protocol
