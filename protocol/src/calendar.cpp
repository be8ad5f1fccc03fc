// Check-in dates as iCalendar (RFC 5545): CRLF line ends, content lines
// folded at 75 octets (never inside a UTF-8 sequence), TEXT values escaped,
// one all-day event per adaptation with a check-in date.

#include "debrief/protocol/calendar.hpp"
#include "debrief/protocol/time_zone.hpp"

#include <chrono>
#include <cstdio>
#include <optional>

namespace debrief::protocol {

namespace {

constexpr std::size_t max_line_octets = 75;  // RFC 5545 §3.1, without the CRLF

// TEXT (§3.3.11): backslash, semicolon, comma and line breaks escaped; other
// control characters, which TEXT may not hold, left out.
std::string text_value(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    switch (c) {
      case '\\': out += "\\\\"; break;
      case ';': out += "\\;"; break;
      case ',': out += "\\,"; break;
      case '\n': out += "\\n"; break;
      case '\r':
        if (i + 1 >= text.size() || text[i + 1] != '\n') out += "\\n";  // a lone CR is a line break too
        break;
      default:
        if ((static_cast<unsigned char>(c) < 0x20 && c != '\t') || c == 0x7F) break;
        out += c;
    }
  }
  return out;
}

// "YYYY-MM-DD" as a date, or nullopt when it is not a real one.
std::string date_value(std::chrono::year_month_day date) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d%02u%02u", static_cast<int>(date.year()), static_cast<unsigned>(date.month()),
                static_cast<unsigned>(date.day()));
  return buf;
}

std::string utc_stamp(millis when) {
  using namespace std::chrono;
  const sys_seconds at{floor<seconds>(milliseconds{when})};
  const auto day = floor<days>(at);
  const hh_mm_ss clock{at - day};
  char buf[24];
  std::snprintf(buf, sizeof buf, "%sT%02d%02d%02dZ", date_value(year_month_day{day}).c_str(),
                static_cast<int>(clock.hours().count()), static_cast<int>(clock.minutes().count()),
                static_cast<int>(clock.seconds().count()));
  return buf;
}

struct check_in_event {
  std::string uid;
  std::string date;  // YYYY-MM-DD
  std::string change;
  std::string for_whom;
  std::vector<std::string> questions;
};

class ics_writer {
 public:
  explicit ics_writer(const std::string& name) {
    line("BEGIN:VCALENDAR");
    line("VERSION:2.0");
    line("PRODID:-//Debrief//Check-ins//EN");
    line("CALSCALE:GREGORIAN");
    line("METHOD:PUBLISH");
    line("X-WR-CALNAME:" + text_value(name));
  }

  void event(const check_in_event& e, const std::string& stamp) {
    const auto day = parse_day(e.date);
    if (!day) return;  // commands only store real dates; nothing to put in a calendar otherwise
    line("BEGIN:VEVENT");
    line("UID:" + e.uid);
    line("DTSTAMP:" + stamp);
    line("DTSTART;VALUE=DATE:" + date_value(std::chrono::year_month_day{*day}));
    line("DTEND;VALUE=DATE:" + date_value(std::chrono::year_month_day{*day + std::chrono::days{1}}));
    line("SUMMARY:" + text_value("Check in: " + e.change + " — " + e.for_whom));
    if (!e.questions.empty()) {
      std::string description = "Questions to ask:";
      for (const auto& q : e.questions) description += "\n- " + q;
      line("DESCRIPTION:" + text_value(description));
    }
    line("TRANSP:TRANSPARENT");  // a reminder for the day, not time taken
    line("END:VEVENT");
  }

  std::string finish() {
    line("END:VCALENDAR");
    return std::move(out_);
  }

 private:
  // One content line, folded: each physical line at most 75 octets, the
  // continuation's leading space counted, cut only before the first octet
  // of a UTF-8 sequence.
  void line(std::string_view content) {
    std::size_t room = max_line_octets;
    while (content.size() > room) {
      std::size_t cut = room;
      while ((static_cast<unsigned char>(content[cut]) & 0xC0) == 0x80) --cut;
      out_.append(content.substr(0, cut));
      out_ += "\r\n ";
      content.remove_prefix(cut);
      room = max_line_octets - 1;
    }
    out_.append(content);
    out_ += "\r\n";
  }

  std::string out_;
};

std::string learners_of(const std::string& for_whom) { return for_whom.empty() ? "all learners" : for_whom; }

}  // namespace

std::string calendar_uid(millis scope_created_at, std::string_view item) {
  return "check-in-" + std::to_string(scope_created_at) + "-" + std::string(item) + "@debrief";
}

std::string session_calendar(const session_state& s, millis now) {
  ics_writer ics("Check-ins: " + (s.title.empty() ? std::string("Debrief") : s.title));
  const auto stamp = utc_stamp(now);
  for (const auto& a : s.adaptations) {
    if (a.status != adaptation_status::accepted || a.check_in.empty()) continue;
    ics.event({calendar_uid(s.created_at, a.id), a.check_in, a.change, learners_of(a.for_whom), a.follow_ups}, stamp);
  }
  return ics.finish();
}

std::string inquiry_calendar(const inquiry_info& info, const std::vector<inquiry_session>& sessions, millis now) {
  ics_writer ics("Check-ins: " + (info.title.empty() ? std::string("Inquiry") : info.title));
  const auto stamp = utc_stamp(now);
  // The zone only dates `from`, which no event shows.
  const auto carried = carry_forward(sessions, utc_zone());
  for (const auto& item : carried) {
    if (item.kind != carried_kind::adaptation || item.check_in.empty()) continue;
    check_in_event e{
        calendar_uid(info.created_at, item.thread), item.check_in, item.text, learners_of(item.for_whom), {}};
    const auto question_prefix = item.thread + ".q";
    for (const auto& q : carried) {
      if (q.kind == carried_kind::question && q.thread.rfind(question_prefix, 0) == 0) e.questions.push_back(q.text);
    }
    ics.event(e, stamp);
  }
  return ics.finish();
}

}  // namespace debrief::protocol
