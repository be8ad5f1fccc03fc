// The inquiry's story, gathered from its sessions in position order: each
// adaptation, question and assumption under its thread with what every
// session did to it, and the learner's words those steps quoted. Evidence is
// stated as the session record states it (record_evidence_of), so nothing
// a session hides from its own participants enters.

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "debrief/protocol/inquiry.hpp"

namespace debrief::protocol {

namespace {

using step = inquiry_record_step;

class story_builder {
 public:
  story_builder(const std::vector<inquiry_session>& sessions, const time_zone& zone) : zone_(zone) {
    for (const auto& session : sessions) read(session);
    std::set<std::string> carried;
    for (const auto& item : carry_forward(sessions, zone)) carried.insert(item.thread);
    for (auto& t : threads_) t.carried = carried.count(t.thread) > 0;
  }

  std::vector<inquiry_record_thread> threads_of(carried_kind kind) const {
    std::vector<inquiry_record_thread> out;
    for (const auto& t : threads_) {
      if (t.kind == kind) out.push_back(t);
    }
    return out;
  }

  std::vector<inquiry_record_words> learner_words() const {
    std::vector<inquiry_record_words> out;
    for (const auto& [key, words] : words_) out.push_back(words);
    std::stable_sort(out.begin(), out.end(), [](const auto& x, const auto& y) {
      return std::tie(x.day, x.position, x.quote.first_line) < std::tie(y.day, y.position, y.quote.first_line);
    });
    return out;
  }

 private:
  void read(const inquiry_session& session) {
    const auto& s = session.state;
    const auto day = session_day(s, zone_);
    auto at = [&](step::kind what) {
      step st;
      st.what = what;
      st.position = session.position;
      st.day = day;
      st.session_title = s.title;
      return st;
    };
    for (const auto& c : s.carried) {
      if (find(c.thread) != nullptr) continue;
      step st;
      st.what = step::kind::carried_in;
      st.day = c.from;
      st.text = c.text;
      st.for_whom = c.for_whom;
      st.check_in = c.check_in;
      st.status = c.status;
      auto& t = follow(c.thread, c.kind);
      t.text = c.text;
      t.for_whom = c.for_whom;
      t.check_in = c.check_in;
      t.status = c.status;
      if (c.kind == carried_kind::question) t.adaptation = c.thread.substr(0, c.thread.rfind(".q"));
      t.steps.push_back(std::move(st));
    }
    for (const auto& a : s.adaptations) {
      if (a.status != adaptation_status::accepted) continue;
      const auto for_whom = a.for_whom.empty() ? std::string("all learners") : a.for_whom;
      const auto thread = thread_of(session.position, a.id);
      auto st = at(step::kind::decided);
      st.text = a.change;
      st.for_whom = for_whom;
      st.check_in = a.check_in;
      st.evidence = record_evidence_of(s, a.evidence, zone_);
      cite(session, st.evidence, {carried_kind::adaptation, false, thread, a.change});
      auto& t = follow(thread, carried_kind::adaptation);
      t.text = a.change;
      t.for_whom = for_whom;
      t.check_in = a.check_in;
      t.steps.push_back(std::move(st));
      for (std::size_t n = 0; n < a.follow_ups.size(); ++n) {
        auto qs = at(step::kind::decided);
        qs.text = a.follow_ups[n];
        qs.for_whom = for_whom;
        auto& q = follow(question_thread(session.position, a.id, static_cast<int>(n) + 1), carried_kind::question);
        q.text = a.follow_ups[n];
        q.for_whom = for_whom;
        q.adaptation = thread;
        q.steps.push_back(std::move(qs));
      }
    }
    for (const auto& c : s.check_ins) {
      auto* t = find(c.thread);
      if (t == nullptr) continue;  // only carried threads are checked in on
      auto st = at(step::kind::check_in);
      st.tried = c.tried;
      st.happened = c.happened;
      st.evidence = record_evidence_of(s, c.evidence, zone_);
      st.note = c.note;
      st.decision = c.decision;
      st.adjusted = c.adjusted;
      cite(session, st.evidence, {t->kind, true, t->thread, t->text});
      if (c.decision == check_in_decision::adjust) t->text = c.adjusted;
      t->steps.push_back(std::move(st));
    }
    for (const auto& i : s.board) {
      if (i.list != board_list::assumptions) continue;
      const auto thread = i.thread.empty() ? thread_of(session.position, i.id) : i.thread;
      auto st = at(step::kind::on_board);
      st.text = i.text;
      st.status = i.status;
      st.evidence = record_evidence_of(s, i.evidence, zone_);
      cite(session, st.evidence, {carried_kind::assumption, false, thread, i.text});
      auto& t = follow(thread, carried_kind::assumption);
      t.text = i.text;
      t.status = i.status;
      t.steps.push_back(std::move(st));
    }
  }

  inquiry_record_thread* find(const std::string& thread) {
    const auto it = index_.find(thread);
    return it == index_.end() ? nullptr : &threads_[it->second];
  }

  inquiry_record_thread& follow(const std::string& thread, carried_kind kind) {
    if (auto* t = find(thread)) return *t;
    index_.emplace(thread, threads_.size());
    inquiry_record_thread t;
    t.thread = thread;
    t.kind = kind;
    threads_.push_back(std::move(t));
    return threads_.back();
  }

  // Notes the evidence that quotes a student's lines as the learner's words.
  void cite(const inquiry_session& session, const std::vector<record_evidence>& evidence,
            const inquiry_record_citation& citation) {
    const auto& s = session.state;
    for (const auto& e : evidence) {
      const record_quote* q = e.what == record_evidence::kind::line         ? &*e.line
                              : e.what == record_evidence::kind::annotation ? &e.annotation->quote
                                                                            : nullptr;
      if (q == nullptr || q->first_line == 0 || !spoken_by_students(s, *q)) continue;
      auto& words = words_[{session.position, q->first_line, q->last_line}];
      if (words.cited_by.empty()) words = {session.position, session_day(s, zone_), s.title, *q, {}};
      words.cited_by.push_back(citation);
    }
  }

  static bool spoken_by_students(const session_state& s, const record_quote& q) {
    for (int n = q.first_line; n <= q.last_line; ++n) {
      if (s.transcript->lines.at(static_cast<std::size_t>(n - 1)).role != speaker_role::student) return false;
    }
    return true;
  }

  const time_zone& zone_;
  std::vector<inquiry_record_thread> threads_;  // by first appearance
  std::map<std::string, std::size_t> index_;
  std::map<std::tuple<int, int, int>, inquiry_record_words> words_;  // by position and lines
};

}  // namespace

inquiry_record build_inquiry_record(const inquiry_info& info, const std::vector<inquiry_session>& sessions, millis now,
                                    const time_zone& zone) {
  inquiry_record r;
  r.title = info.title;
  r.learners = info.learners;
  r.time_zone = zone.name;
  r.created = {info.created_at, format_local_time(zone, info.created_at)};
  r.exported = {now, format_local_time(zone, now)};
  for (const auto& session : sessions) {
    const auto& s = session.state;
    r.sessions.push_back(
        {session.position, s.session, s.title, s.tmpl.id, s.tmpl.name, session_day(s, zone), s.status});
  }
  std::stable_sort(r.sessions.begin(), r.sessions.end(), [](const auto& x, const auto& y) {
    return std::tie(x.day, x.position) < std::tie(y.day, y.position);
  });
  const story_builder story(sessions, zone);
  r.adaptations = story.threads_of(carried_kind::adaptation);
  r.questions = story.threads_of(carried_kind::question);
  r.assumptions = story.threads_of(carried_kind::assumption);
  r.learner_words = story.learner_words();
  return r;
}

}  // namespace debrief::protocol
