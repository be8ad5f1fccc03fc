// The record as data: the same content as the Markdown and HTML, with times
// both as milliseconds since the epoch and as the text the pages show.

#include "debrief/protocol/export.hpp"

#include "record_render.hpp"

namespace debrief::protocol {

namespace {

using json = nlohmann::json;

json time_json(const record_time& t) { return {{"at", t.at}, {"text", t.text}}; }

json optional_name(const std::optional<std::string>& name) { return name ? json(*name) : json(nullptr); }

json text_or_null(const std::string& text) { return text.empty() ? json(nullptr) : json(text); }

json quote_json(const record_quote& q) {
  return {{"first_line", q.first_line == 0 ? json(nullptr) : json(q.first_line)},
          {"last_line", q.last_line == 0 ? json(nullptr) : json(q.last_line)},
          {"speaker", q.speaker.empty() ? json(nullptr) : json(q.speaker)},
          {"text", q.text}};
}

json annotation_json(const record_annotation& a) {
  json replies = json::array();
  for (const auto& r : a.replies) replies.push_back({{"author", r.author}, {"text", r.text}, {"at", time_json(r.at)}});
  return {{"tag", a.tag},
          {"quote", quote_json(a.quote)},
          {"comment", a.comment},
          {"author", optional_name(a.author)},
          {"replies", replies}};
}

json evidence_json(const std::vector<record_evidence>& evidence) {
  json out = json::array();
  for (const auto& e : evidence) {
    switch (e.what) {
      case record_evidence::kind::line: out.push_back({{"kind", "line"}, {"line", quote_json(*e.line)}}); break;
      case record_evidence::kind::annotation:
        out.push_back({{"kind", "annotation"}, {"annotation", annotation_json(*e.annotation)}});
        break;
      case record_evidence::kind::item: out.push_back({{"kind", "item"}, {"text", e.item}}); break;
      default: out.push_back({{"kind", "missing"}});
    }
  }
  return out;
}

}  // namespace

json export_json(const session_record& r) {
  json people = json::array();
  for (const auto& p : r.people) people.push_back({{"name", p.name}, {"role", p.role}});
  json board = json::array();
  for (const auto& list : r.board) {
    json items = json::array();
    for (const auto& i : list.items) {
      items.push_back({{"text", i.text},
                       {"status", i.status.empty() ? json(nullptr) : json(i.status)},
                       {"evidence", evidence_json(i.evidence)}});
    }
    board.push_back({{"title", list.title}, {"items", items}});
  }
  json annotations = json::array();
  for (const auto& a : r.annotations) annotations.push_back(annotation_json(a));
  json adaptations = json::array();
  for (const auto& a : r.adaptations) {
    adaptations.push_back({{"change", a.change},
                           {"for_whom", a.for_whom},
                           {"check_in", a.check_in.empty() ? json(nullptr) : json(a.check_in)},
                           {"follow_ups", a.follow_ups},
                           {"evidence", evidence_json(a.evidence)}});
  }
  json phases = json::array();
  for (const auto& phase : r.phases) {
    json prompts = json::array();
    for (const auto& p : phase.prompts) {
      json entries = json::array();
      for (const auto& e : p.entries) entries.push_back({{"text", e.text}, {"author", optional_name(e.author)}});
      prompts.push_back({{"prompt", p.prompt.empty() ? json(nullptr) : json(p.prompt)}, {"entries", entries}});
    }
    phases.push_back({{"title", phase.title}, {"anonymous", phase.anonymous}, {"prompts", prompts}});
  }
  json carried = json::array();
  for (const auto& c : r.carried) {
    carried.push_back({{"kind", c.kind},
                       {"text", c.text},
                       {"for_whom", text_or_null(c.for_whom)},
                       {"check_in", text_or_null(c.check_in)},
                       {"status", text_or_null(c.status)},
                       {"from", text_or_null(c.from)}});
  }
  json check_ins = json::array();
  for (const auto& c : r.check_ins) {
    check_ins.push_back({{"kind", c.kind},
                         {"text", c.text},
                         {"for_whom", text_or_null(c.for_whom)},
                         {"tried", c.tried},
                         {"happened", c.happened},
                         {"evidence", evidence_json(c.evidence)},
                         {"note", c.note},
                         {"decision", c.decision},
                         {"adjusted", text_or_null(c.adjusted)}});
  }
  json notices = json::array();
  for (const auto& n : r.notices) {
    notices.push_back({{"kind", n.action ? "action" : "message"}, {"text", n.text}, {"at", time_json(n.at)}});
  }
  json consent = nullptr;
  if (r.consent) {
    consent = {{"confirmed_by", r.consent->confirmed_by}, {"at", time_json(r.consent->at)}};
  }
  return {{"format", "debrief-export"},
          {"version", 2},
          {"session", r.session},
          {"title", r.title},
          {"template", r.template_name},
          {"time_zone", r.time_zone},
          {"created", time_json(r.created)},
          {"exported", time_json(r.exported)},
          {"people", people},
          {"date", text_or_null(r.date)},
          {"learners", r.learners},
          {"carried", carried},
          {"check_ins", check_ins},
          {"consent", consent},
          {"transcript_lines", r.transcript_lines},
          {"assumption_board", board},
          {"annotations", annotations},
          {"adaptations", adaptations},
          {"phases", phases},
          {"notices", notices}};
}

json export_json(const session_state& s, millis now, const time_zone& zone) {
  return export_json(build_record(s, now, zone));
}

}  // namespace debrief::protocol

namespace debrief::protocol::render {

nlohmann::json json_time(const record_time& t) { return time_json(t); }
nlohmann::json json_quote(const record_quote& q) { return quote_json(q); }
nlohmann::json json_evidence(const std::vector<record_evidence>& evidence) { return evidence_json(evidence); }

}  // namespace debrief::protocol::render
