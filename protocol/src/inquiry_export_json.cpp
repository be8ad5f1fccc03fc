// The inquiry's story as data: what the inquiry page renders and the JSON
// download holds (PROTOCOL.md, "Inquiries"). Times, quotes and evidence have
// the session export's shapes. Each session's code is given so the page can
// link to it: only holders of the inquiry key read this.

#include "debrief/protocol/inquiry.hpp"
#include "record_render.hpp"

namespace debrief::protocol {

namespace {

using json = nlohmann::json;

json text_or_null(const std::string& text) { return text.empty() ? json(nullptr) : json(text); }

const char* step_kind(inquiry_record_step::kind k) {
  switch (k) {
    case inquiry_record_step::kind::decided: return "decided";
    case inquiry_record_step::kind::carried_in: return "carried_in";
    case inquiry_record_step::kind::check_in: return "check_in";
    default: return "on_board";
  }
}

json step_json(carried_kind thread_kind, const inquiry_record_step& st) {
  using k = inquiry_record_step::kind;
  const bool carried_in = st.what == k::carried_in;
  json out = {{"kind", step_kind(st.what)},
              {"position", carried_in ? json(nullptr) : json(st.position)},
              {"day", st.day},
              {"session_title", carried_in ? json(nullptr) : json(st.session_title)}};
  const bool assumption = thread_kind == carried_kind::assumption;
  switch (st.what) {
    case k::decided:
      out["text"] = st.text;
      out["for_whom"] = st.for_whom;
      out["check_in"] = text_or_null(st.check_in);
      out["evidence"] = render::json_evidence(st.evidence);
      break;
    case k::carried_in:
      out["text"] = st.text;
      out["for_whom"] = assumption ? json(nullptr) : json(st.for_whom);
      out["check_in"] = text_or_null(st.check_in);
      out["status"] = assumption ? json(st.status) : json(nullptr);
      break;
    case k::on_board:
      out["text"] = st.text;
      out["status"] = st.status;
      out["evidence"] = render::json_evidence(st.evidence);
      break;
    case k::check_in:
      out["tried"] = st.tried;
      out["happened"] = st.happened;
      out["evidence"] = render::json_evidence(st.evidence);
      out["note"] = st.note;
      out["decision"] = st.decision;
      out["adjusted"] = st.decision == check_in_decision::adjust ? json(st.adjusted) : json(nullptr);
      break;
  }
  return out;
}

json threads_json(const std::vector<inquiry_record_thread>& threads) {
  json out = json::array();
  for (const auto& t : threads) {
    const bool assumption = t.kind == carried_kind::assumption;
    json steps = json::array();
    for (const auto& st : t.steps) steps.push_back(step_json(t.kind, st));
    out.push_back({{"thread", t.thread},
                   {"kind", t.kind},
                   {"text", t.text},
                   {"for_whom", assumption ? json(nullptr) : json(t.for_whom)},
                   {"check_in", text_or_null(t.check_in)},
                   {"adaptation", text_or_null(t.adaptation)},
                   {"status", assumption ? json(t.status) : json(nullptr)},
                   {"carried", t.carried},
                   {"steps", steps}});
  }
  return out;
}

json words_json(const std::vector<inquiry_record_words>& learner_words) {
  json out = json::array();
  for (const auto& w : learner_words) {
    json cited_by = json::array();
    for (const auto& c : w.cited_by) {
      cited_by.push_back({{"kind", c.kind}, {"check_in", c.check_in}, {"thread", c.thread}, {"text", c.text}});
    }
    out.push_back({{"position", w.position},
                   {"day", w.day},
                   {"session_title", w.session_title},
                   {"quote", render::json_quote(w.quote)},
                   {"cited_by", cited_by}});
  }
  return out;
}

}  // namespace

json export_json(const inquiry_record& r) {
  json sessions = json::array();
  for (const auto& s : r.sessions) {
    sessions.push_back({{"position", s.position},
                        {"code", s.code},
                        {"title", s.title},
                        {"template_id", s.template_id},
                        {"template", s.template_name},
                        {"day", s.day},
                        {"status", s.status}});
  }
  return {{"format", "debrief-inquiry"},
          {"version", 1},
          {"title", r.title},
          {"learners", r.learners},
          {"time_zone", r.time_zone},
          {"created", render::json_time(r.created)},
          {"exported", render::json_time(r.exported)},
          {"sessions", sessions},
          {"adaptations", threads_json(r.adaptations)},
          {"questions", threads_json(r.questions)},
          {"assumptions", threads_json(r.assumptions)},
          {"learner_words", words_json(r.learner_words)}};
}

json export_json(const inquiry_info& info, const std::vector<inquiry_session>& sessions, millis now,
                 const time_zone& zone) {
  return export_json(build_inquiry_record(info, sessions, now, zone));
}

}  // namespace debrief::protocol
