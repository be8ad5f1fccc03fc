#include "debrief/protocol/export.hpp"

#include <ctime>

#include "debrief/protocol/visibility.hpp"

namespace debrief::protocol {

namespace {

using json = nlohmann::json;

std::string utc_time(millis at) {
  const std::time_t t = static_cast<std::time_t>(at / 1000);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M UTC", &tm);
  return buf;
}

std::string name_of(const session_state& s, const std::string& id) {
  if (id.empty()) return "anonymous";
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

// Evidence references in words ("line L12: …", "assumption: …").
std::string describe(const session_state& s, const std::string& ref) {
  const auto colon = ref.find(':');
  const auto kind = ref.substr(0, colon);
  const auto id = colon == std::string::npos ? std::string() : ref.substr(colon + 1);
  if (kind == "item") {
    for (const auto& i : s.board) {
      if (i.id == id) return "board item \"" + i.text + "\"";
    }
  } else if (kind == "annotation") {
    for (const auto& a : s.annotations) {
      if (a.id == id && annotation_visible(s, a, {})) return "annotation on \"" + a.quote + "\"";
    }
  } else if (kind == "line" && s.transcript) {
    for (const auto& l : s.transcript->lines) {
      if (l.id == id) return "line " + id + " (" + l.speaker + ": \"" + l.text + "\")";
    }
  }
  return ref + " (no longer in the session)";
}

}  // namespace

json export_json(const session_state& s, millis now) {
  // What anyone may see, without the placeholders of what is still private.
  auto view = view_state(s, {});
  for (auto* list : {&view["entries"], &view["annotations"]}) {
    nlohmann::json kept = nlohmann::json::array();
    for (auto& item : *list) {
      if (!item.contains("hidden")) kept.push_back(std::move(item));
    }
    *list = std::move(kept);
  }
  json out = {{"format", "debrief-export"},
              {"version", 1},
              {"exported_at", now},
              {"session", s.session},
              {"title", s.title},
              {"template", s.tmpl.name},
              {"created_at", s.created_at},
              {"status", s.status},
              {"participants", json::array()},
              {"assumption_board", s.board},
              {"annotations", view.at("annotations")},
              {"adaptations", json::array()},
              {"entries", view.at("entries")},
              {"consent", nullptr}};
  for (const auto& p : s.participants) out["participants"].push_back({{"id", p.id}, {"name", p.name}, {"role", p.role}});
  for (const auto& a : s.adaptations) {
    if (a.status == adaptation_status::accepted) out["adaptations"].push_back(a);
  }
  if (s.transcript) {
    out["consent"] = {{"confirmed_by", name_of(s, s.transcript->consent_by)}, {"at", s.transcript->consent_at}};
  }
  return out;
}

std::string export_markdown(const session_state& s, millis now) {
  std::string md = "# " + s.title + "\n\n";
  md += "*" + s.tmpl.name + " · started " + utc_time(s.created_at) + " · exported " + utc_time(now) + "*\n\n";
  md += "Students are named by pseudonym only.\n\n";
  md += "## People\n\n";
  for (const auto& p : s.participants) md += "- " + p.name + " (" + json(p.role).get<std::string>() + ")\n";
  if (s.transcript) {
    md += "\nThe learner's consent to the recording and to sharing it was confirmed by " +
          name_of(s, s.transcript->consent_by) + " on " + utc_time(s.transcript->consent_at) + ".\n";
  }

  md += "\n## Assumption board\n";
  for (auto list : {board_list::know, board_list::dont_know, board_list::assumptions, board_list::find_out}) {
    md += "\n### " + list_title(list) + "\n\n";
    bool any = false;
    for (const auto& i : s.board) {
      if (i.list != list) continue;
      any = true;
      md += "- " + i.text;
      if (list == board_list::assumptions) md += " — *" + json(i.status).get<std::string>() + "*";
      md += "\n";
      for (const auto& e : i.evidence) md += "  - evidence: " + describe(s, e) + "\n";
    }
    if (!any) md += "- (nothing yet)\n";
  }

  md += "\n## Annotations\n\n";
  bool any_annotation = false;
  for (const auto& a : s.annotations) {
    if (!annotation_visible(s, a, {})) continue;
    any_annotation = true;
    md += "- **" + json(a.tag).get<std::string>() + "** on \"" + a.quote + "\"";
    if (!a.comment.empty()) md += ": " + a.comment;
    if (!a.placed) md += " *(its lines changed in a later transcript)*";
    md += "\n";
    for (const auto& r : a.replies) md += "  - " + name_of(s, r.author) + ": " + r.text + "\n";
  }
  if (!any_annotation) md += "(none)\n";

  md += "\n## Adaptations\n\n";
  bool any_adaptation = false;
  for (const auto& a : s.adaptations) {
    if (a.status != adaptation_status::accepted) continue;
    any_adaptation = true;
    md += "- **" + a.change + "** — for " + a.for_whom;
    if (!a.check_in.empty()) md += "; check in on " + a.check_in;
    md += "\n";
    for (const auto& e : a.evidence) md += "  - evidence: " + describe(s, e) + "\n";
    for (const auto& q : a.follow_ups) md += "  - ask next time: " + q + "\n";
  }
  if (!any_adaptation) md += "(none yet)\n";

  md += "\n## Shared reflections and notes\n";
  for (const auto& phase : s.tmpl.phases) {
    std::string section;
    for (const auto& e : s.entries) {
      if (e.phase != phase.id || !entry_visible(s, e, {})) continue;
      const auto who = phase.anonymous ? std::string("anonymous") : name_of(s, e.author);
      section += "- " + e.text + " — " + who + "\n";
    }
    if (!section.empty()) md += "\n### " + phase.title + "\n\n" + section;
  }
  return md;
}

std::string export_html(const session_state& s, millis now) {
  // A printable page: the Markdown's content, escaped, in a plain layout.
  auto escape = [](const std::string& in) {
    std::string out;
    for (char c : in) {
      switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        case '\'': out += "&#39;"; break;
        default: out += c;
      }
    }
    return out;
  };
  std::string body;
  bool in_list = false;
  const auto md = export_markdown(s, now);
  std::size_t start = 0;
  while (start < md.size()) {
    auto end = md.find('\n', start);
    if (end == std::string::npos) end = md.size();
    const auto line = md.substr(start, end - start);
    start = end + 1;
    const bool item = line.starts_with("- ") || line.starts_with("  - ");
    if (in_list && !item) {
      body += "</ul>\n";
      in_list = false;
    }
    if (line.starts_with("### ")) {
      body += "<h3>" + escape(line.substr(4)) + "</h3>\n";
    } else if (line.starts_with("## ")) {
      body += "<h2>" + escape(line.substr(3)) + "</h2>\n";
    } else if (line.starts_with("# ")) {
      body += "<h1>" + escape(line.substr(2)) + "</h1>\n";
    } else if (item) {
      if (!in_list) body += "<ul>\n";
      in_list = true;
      const bool nested = line.starts_with("  - ");
      body += std::string(nested ? "<li class=\"sub\">" : "<li>") + escape(line.substr(nested ? 4 : 2)) + "</li>\n";
    } else if (!line.empty()) {
      body += "<p>" + escape(line) + "</p>\n";
    }
  }
  if (in_list) body += "</ul>\n";
  return "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + escape(s.title) +
         "</title>\n<style>body{font:16px/1.5 system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;"
         "color:#1a1a1a}h1{font-size:1.6rem}h2{border-bottom:1px solid #ccc;margin-top:2rem}li.sub{margin-left:1.5rem;"
         "color:#444}@media print{body{margin:0}}</style></head><body>\n" +
         body + "</body></html>\n";
}

}  // namespace debrief::protocol
