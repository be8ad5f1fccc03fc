#include "debrief/protocol/record.hpp"

#include <algorithm>

#include "debrief/protocol/visibility.hpp"

namespace debrief::protocol {

namespace {

std::string name_of(const session_state& s, const std::string& id) {
  const auto* p = s.find_participant(id);
  return p ? p->name : "a former participant";
}

std::string list_title(board_list l) {
  switch (l) {
    case board_list::know: return "What I know";
    case board_list::dont_know: return "What I don't know";
    case board_list::assumptions: return "Assumptions I may hold";
    case board_list::find_out: return "What I need to find out";
    default: return "Other";
  }
}

std::string status_word(item_status st) {
  switch (st) {
    case item_status::confirmed: return "Confirmed";
    case item_status::challenged: return "Challenged";
    default: return "Still open";
  }
}

std::string tag_word(annotation_tag t) {
  switch (t) {
    case annotation_tag::notice: return "Notice";
    case annotation_tag::wonder: return "Wonder";
    case annotation_tag::strength: return "Strength";
    case annotation_tag::need: return "Need";
    default: return "Note";
  }
}

std::string role_word(role r) {
  switch (r) {
    case role::facilitator: return "facilitator";
    case role::presenter: return "presenter";
    case role::colleague: return "colleague";
    case role::observer: return "observer";
    case role::host: return "event host";
    default: return "participant";
  }
}

bool anonymous_phase(const session_state& s, const std::string& phase_id) {
  const auto* phase = s.find_phase(phase_id);
  return phase != nullptr && phase->anonymous;
}

// The 1-based position people see beside a line, or 0 if it is gone.
int line_number(const session_state& s, const std::string& line_id) {
  if (!s.transcript) return 0;
  const auto& lines = s.transcript->lines;
  const auto it = std::find_if(lines.begin(), lines.end(), [&](const auto& l) { return l.id == line_id; });
  return it == lines.end() ? 0 : static_cast<int>(it - lines.begin()) + 1;
}

// The quoted words with the lines they stand on, and their speaker when
// there is one.
record_quote quote_of(const session_state& s, const annotation& a) {
  record_quote q{0, 0, "", a.quote};
  if (!a.placed || !s.transcript) return q;
  q.first_line = line_number(s, a.from_line);
  q.last_line = std::max(q.first_line, line_number(s, a.to_line.empty() ? a.from_line : a.to_line));
  if (q.first_line == 0) {
    q.last_line = 0;
    return q;
  }
  const auto& lines = s.transcript->lines;
  q.speaker = lines.at(static_cast<std::size_t>(q.first_line - 1)).speaker;
  for (int n = q.first_line; n <= q.last_line; ++n) {
    if (lines.at(static_cast<std::size_t>(n - 1)).speaker != q.speaker) q.speaker.clear();
  }
  return q;
}

record_annotation annotation_record(const session_state& s, const annotation& a, const time_zone& zone) {
  record_annotation r;
  r.tag = tag_word(a.tag);
  r.quote = quote_of(s, a);
  r.comment = a.comment;
  if (!anonymous_phase(s, a.phase)) r.author = name_of(s, a.author);
  for (const auto& reply : a.replies) {
    r.replies.push_back({name_of(s, reply.author), reply.text, {reply.at, format_local_time(zone, reply.at)}});
  }
  return r;
}

record_evidence evidence_record(const session_state& s, const std::string& ref, const time_zone& zone) {
  const auto colon = ref.find(':');
  const auto kind = ref.substr(0, colon);
  const auto id = colon == std::string::npos ? std::string() : ref.substr(colon + 1);
  record_evidence e;
  if (kind == "item") {
    for (const auto& i : s.board) {
      if (i.id == id) {
        e.what = record_evidence::kind::item;
        e.item = i.text;
      }
    }
  } else if (kind == "annotation") {
    for (const auto& a : s.annotations) {
      if (a.id == id && annotation_visible(s, a, {})) {
        e.what = record_evidence::kind::annotation;
        e.annotation = annotation_record(s, a, zone);
      }
    }
  } else if (kind == "line" && s.transcript) {
    const auto n = line_number(s, id);
    if (n > 0) {
      const auto& l = s.transcript->lines.at(static_cast<std::size_t>(n - 1));
      e.what = record_evidence::kind::line;
      e.line = record_quote{n, n, l.speaker, l.text};
    }
  }
  return e;
}

std::vector<record_evidence> evidence_records(const session_state& s, const evidence_list& refs,
                                              const time_zone& zone) {
  std::vector<record_evidence> out;
  for (const auto& ref : refs) out.push_back(evidence_record(s, ref, zone));
  return out;
}

std::vector<record_board_list> board_record(const session_state& s, const time_zone& zone) {
  std::vector<record_board_list> lists;
  for (auto list : {board_list::know, board_list::dont_know, board_list::assumptions, board_list::find_out}) {
    record_board_list out{list_title(list), {}};
    for (const auto& i : s.board) {
      if (i.list != list) continue;
      out.items.push_back({i.text, list == board_list::assumptions ? status_word(i.status) : std::string(),
                           evidence_records(s, i.evidence, zone)});
    }
    lists.push_back(std::move(out));
  }
  return lists;
}

std::vector<record_annotation> annotations_record(const session_state& s, const time_zone& zone) {
  std::vector<const annotation*> visible;
  for (const auto& a : s.annotations) {
    if (annotation_visible(s, a, {})) visible.push_back(&a);
  }
  // In transcript order, as people read them; unplaced ones last.
  auto position = [&](const annotation* a) {
    const auto n = a->placed ? line_number(s, a->from_line) : 0;
    return n == 0 ? 1 << 30 : n;
  };
  std::stable_sort(visible.begin(), visible.end(),
                   [&](const annotation* x, const annotation* y) { return position(x) < position(y); });
  std::vector<record_annotation> out;
  for (const auto* a : visible) out.push_back(annotation_record(s, *a, zone));
  return out;
}

std::vector<record_phase> phases_record(const session_state& s) {
  std::vector<record_phase> out;
  for (const auto& phase : s.tmpl.phases) {
    record_phase p{phase.title, phase.anonymous, {}};
    auto entries_for = [&](int prompt) {
      std::vector<record_entry> found;
      for (const auto& e : s.entries) {
        if (e.phase != phase.id || e.prompt != prompt || !entry_visible(s, e, {})) continue;
        found.push_back({e.text, phase.anonymous ? std::nullopt : std::optional(name_of(s, e.author))});
      }
      return found;
    };
    for (std::size_t i = 0; i < phase.prompts.size(); ++i) {
      auto found = entries_for(static_cast<int>(i));
      if (!found.empty()) p.prompts.push_back({phase.prompts[i], std::move(found)});
    }
    // Entries answering no prompt, or a prompt the agenda no longer has.
    std::vector<record_entry> other;
    for (const auto& e : s.entries) {
      const bool known_prompt = e.prompt >= 0 && static_cast<std::size_t>(e.prompt) < phase.prompts.size();
      if (e.phase != phase.id || known_prompt || !entry_visible(s, e, {})) continue;
      other.push_back({e.text, phase.anonymous ? std::nullopt : std::optional(name_of(s, e.author))});
    }
    if (!other.empty()) p.prompts.push_back({"", std::move(other)});
    if (!p.prompts.empty()) out.push_back(std::move(p));
  }
  return out;
}

std::string kind_word(carried_kind k) {
  switch (k) {
    case carried_kind::adaptation: return "Adaptation";
    case carried_kind::question: return "Question";
    default: return "Assumption";
  }
}

// A question is asked rather than tried.
std::string tried_words(tried_state t, carried_kind k) {
  const std::string verb = k == carried_kind::question ? "asked" : "tried";
  switch (t) {
    case tried_state::yes: return k == carried_kind::question ? "Asked" : "Tried";
    case tried_state::partly: return "Partly " + verb;
    default: return "Not yet " + verb;
  }
}

std::string decision_word(check_in_decision d) {
  switch (d) {
    case check_in_decision::keep: return "Keep";
    case check_in_decision::adjust: return "Adjust";
    default: return "Drop";
  }
}

std::vector<record_carried> carried_record(const session_state& s) {
  std::vector<record_carried> out;
  for (const auto& c : s.carried) {
    const bool assumption = c.kind == carried_kind::assumption;
    out.push_back({kind_word(c.kind), c.text, assumption ? std::string() : c.for_whom, c.check_in,
                   assumption ? status_word(c.status) : std::string(), c.from});
  }
  return out;
}

std::vector<record_check_in> check_ins_record(const session_state& s, const time_zone& zone) {
  std::vector<record_check_in> out;
  for (const auto& c : s.carried) {
    const auto k =
        std::find_if(s.check_ins.begin(), s.check_ins.end(), [&](const check_in& x) { return x.thread == c.thread; });
    if (k == s.check_ins.end()) continue;
    out.push_back({kind_word(c.kind), c.text, c.for_whom, tried_words(k->tried, c.kind), k->happened,
                   evidence_records(s, k->evidence, zone), k->note, decision_word(k->decision), k->adjusted});
  }
  return out;
}

}  // namespace

session_record build_record(const session_state& s, millis now, const time_zone& zone) {
  session_record r;
  r.session = s.session;
  r.title = s.title;
  r.template_name = s.tmpl.name;
  r.time_zone = zone.name;
  r.created = {s.created_at, format_local_time(zone, s.created_at)};
  r.exported = {now, format_local_time(zone, now)};
  for (const auto& p : s.participants) r.people.push_back({p.name, role_word(p.role)});
  r.date = s.date;
  r.learners = s.learners;
  r.carried = carried_record(s);
  r.check_ins = check_ins_record(s, zone);
  if (s.transcript) {
    r.consent =
        session_record::consent_record{name_of(s, s.transcript->consent_by),
                                       {s.transcript->consent_at, format_local_time(zone, s.transcript->consent_at)}};
    r.transcript_lines = static_cast<int>(s.transcript->lines.size());
  }
  r.board = board_record(s, zone);
  r.annotations = annotations_record(s, zone);
  for (const auto& a : s.adaptations) {
    if (a.status != adaptation_status::accepted) continue;
    r.adaptations.push_back({a.change, a.for_whom.empty() ? "all learners" : a.for_whom, a.check_in, a.follow_ups,
                             evidence_records(s, a.evidence, zone)});
  }
  r.phases = phases_record(s);
  return r;
}

std::vector<record_evidence> record_evidence_of(const session_state& s, const evidence_list& refs,
                                                const time_zone& zone) {
  return evidence_records(s, refs, zone);
}

}  // namespace debrief::protocol
