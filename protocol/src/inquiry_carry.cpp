// What an inquiry's next session starts from: every thread (adaptation,
// follow-up question, assumption) in its latest state across the sessions so
// far, read in position order so that a later session's decision wins.

#include <chrono>
#include <cstdio>
#include <map>

#include "debrief/protocol/inquiry.hpp"

namespace debrief::protocol {

namespace {

// A thread as the sessions read so far left it.
struct thread_state {
  carried_item item;
  bool dropped = false;
};

class thread_table {
 public:
  // Starts following a thread, unless it is followed already: a session's
  // carried copy of a thread is never newer than the session that decided
  // it, which was read before (positions only grow).
  void follow(const carried_item& item) {
    if (find(item.thread) == nullptr) {
      index_.emplace(item.thread, threads_.size());
      threads_.push_back({item, false});
    }
  }
  // Sets the thread to what a session holds now (an assumption seen on its
  // board), following it if it is new.
  void set(const carried_item& item) {
    if (auto* t = find(item.thread)) {
      *t = {item, false};
    } else {
      follow(item);
    }
  }
  thread_state* find(const std::string& thread) {
    const auto it = index_.find(thread);
    return it == index_.end() ? nullptr : &threads_[it->second];
  }
  const std::vector<thread_state>& in_order() const { return threads_; }

 private:
  std::vector<thread_state> threads_;  // by first appearance
  std::map<std::string, std::size_t> index_;
};

std::string learners_of(const adaptation& a) { return a.for_whom.empty() ? "all learners" : a.for_whom; }

bool still_open(item_status status) { return status == item_status::open || status == item_status::challenged; }

}  // namespace

std::string thread_of(int position, const std::string& item_id) { return std::to_string(position) + "." + item_id; }

std::string question_thread(int position, const std::string& adaptation_id, int n) {
  return thread_of(position, adaptation_id) + ".q" + std::to_string(n);
}

std::string session_day(const session_state& s, const time_zone& zone) {
  if (!s.date.empty()) return s.date;
  using namespace std::chrono;
  const auto local =
      sys_seconds{floor<seconds>(milliseconds{s.created_at})} + seconds{zone.at(s.created_at).utc_offset_seconds};
  const year_month_day date{floor<days>(local)};
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(date.year()), static_cast<unsigned>(date.month()),
                static_cast<unsigned>(date.day()));
  return buf;
}

std::vector<carried_item> carry_forward(const std::vector<inquiry_session>& sessions, const time_zone& zone) {
  thread_table table;
  for (const auto& session : sessions) {
    const auto& s = session.state;
    const auto day = session_day(s, zone);
    // What the session was handed: threads whose first session is gone (a
    // gap in the positions) are known only from here.
    for (const auto& carried : s.carried) table.follow(carried);
    for (const auto& a : s.adaptations) {
      if (a.status != adaptation_status::accepted) continue;
      table.follow({thread_of(session.position, a.id), carried_kind::adaptation, a.change, learners_of(a), a.check_in,
                    item_status::open, day});
      for (std::size_t n = 0; n < a.follow_ups.size(); ++n) {
        table.follow({question_thread(session.position, a.id, static_cast<int>(n) + 1), carried_kind::question,
                      a.follow_ups[n], learners_of(a), "", item_status::open, day});
      }
    }
    for (const auto& c : s.check_ins) {
      auto* t = table.find(c.thread);
      if (t == nullptr) continue;  // only carried threads are checked in on
      t->dropped = c.decision == check_in_decision::drop;
      if (c.decision == check_in_decision::adjust) t->item.text = c.adjusted;
      t->item.from = day;
    }
    for (const auto& i : s.board) {
      if (i.list != board_list::assumptions) continue;
      table.set({i.thread.empty() ? thread_of(session.position, i.id) : i.thread, carried_kind::assumption, i.text, "",
                 "", i.status, day});
    }
  }
  std::vector<carried_item> out;
  for (const auto& t : table.in_order()) {
    const bool carried = t.item.kind == carried_kind::assumption ? still_open(t.item.status) : !t.dropped;
    if (carried) out.push_back(t.item);
  }
  return out;
}

}  // namespace debrief::protocol
