// Check-in dates as iCalendar text (RFC 5545): the calendar's frame, one
// all-day event per accepted adaptation with a check-in date, lines folded
// at 75 octets without splitting a UTF-8 sequence, TEXT escaped, UIDs stable
// and made of nothing secret, the learner by pseudonym and no session code anywhere.
// (tests/calendar/check_ics.py reads the same kind of file with a real
// iCalendar parser.)

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "debrief/protocol/calendar.hpp"
#include "inquiry_support.hpp"

namespace debrief::protocol::inquiry_testing {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

constexpr millis now = fall;  // DTSTAMP 20251122T222000Z

// The physical lines, each without its CRLF; fails the test on a bare LF or CR.
std::vector<std::string> physical_lines(const std::string& ics) {
  std::vector<std::string> lines;
  std::size_t at = 0;
  while (at < ics.size()) {
    const auto end = ics.find("\r\n", at);
    EXPECT_NE(end, std::string::npos) << "the text does not end with CRLF";
    if (end == std::string::npos) break;
    lines.push_back(ics.substr(at, end - at));
    EXPECT_EQ(lines.back().find_first_of("\r\n"), std::string::npos) << lines.back();
    at = end + 2;
  }
  return lines;
}

// Content lines: folded continuations (a leading space) joined back.
std::vector<std::string> content_lines(const std::string& ics) {
  std::vector<std::string> lines;
  for (const auto& l : physical_lines(ics)) {
    if (!l.empty() && l[0] == ' ') {
      lines.back() += l.substr(1);
    } else {
      lines.push_back(l);
    }
  }
  return lines;
}

std::vector<std::string> with_prefix(const std::vector<std::string>& lines, const std::string& prefix) {
  std::vector<std::string> out;
  for (const auto& l : lines) {
    if (l.rfind(prefix, 0) == 0) out.push_back(l.substr(prefix.size()));
  }
  return out;
}

bool continuation_byte(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// The octets a UTF-8 sequence starting with `lead` holds.
std::size_t sequence_length(char lead) {
  const auto u = static_cast<unsigned char>(lead);
  return u < 0x80 ? 1 : u >= 0xF0 ? 4 : u >= 0xE0 ? 3 : 2;
}

// Every UTF-8 sequence of the line starts and ends inside it.
bool whole_sequences(const std::string& line) {
  std::size_t i = 0;
  while (i < line.size()) {
    if (continuation_byte(line[i])) return false;
    const auto n = sequence_length(line[i]);
    if (i + n > line.size()) return false;
    for (std::size_t k = 1; k < n; ++k) {
      if (!continuation_byte(line[i + k])) return false;
    }
    i += n;
  }
  return true;
}

session_state debrief_with_check_ins() {
  auto s = session_on("2025-11-22");
  s.session = "K7M2Q9XP4TDA";
  s.title = "Fall debrief";
  s.adaptations = {
      accepted("a1", "Fraction tiles at the table", "Student A", "2026-01-10",
               {"Did she use them?", "What did she build?"}),
      accepted("a2", "Sentence frames", "", "2026-02-28"), accepted("a3", "No date set", "Student B"),
      with_status(accepted("a4", "Only a suggestion", "Student B", "2026-01-11"), adaptation_status::suggested),
      with_status(accepted("a5", "Declined", "Student B", "2026-01-12"), adaptation_status::declined)};
  return s;
}

TEST(CalendarUid, IsWhenItsSessionWasCreatedAndTheItemAndNothingSecret) {
  EXPECT_EQ(calendar_uid(fall, "a1"), "check-in-1763850000000-a1@debrief");
  EXPECT_EQ(calendar_uid(fall, "1.a1"), "check-in-1763850000000-1.a1@debrief");
  // Another session (created at another time) or another item: another event.
  EXPECT_NE(calendar_uid(fall, "a1"), calendar_uid(fall + 1, "a1"));
  EXPECT_NE(calendar_uid(fall, "a1"), calendar_uid(fall, "a2"));
}

TEST(SessionCalendar, HasTheCalendarsFrameAndOneAllDayEventPerDatedAcceptedAdaptation) {
  const auto ics = session_calendar(debrief_with_check_ins(), now);
  EXPECT_THAT(content_lines(ics),
              ElementsAre("BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Debrief//Check-ins//EN", "CALSCALE:GREGORIAN",
                          "METHOD:PUBLISH", "X-WR-CALNAME:Check-ins: Fall debrief",
                          // a1
                          "BEGIN:VEVENT", "UID:check-in-1763850000000-a1@debrief", "DTSTAMP:20251122T222000Z",
                          "DTSTART;VALUE=DATE:20260110", "DTEND;VALUE=DATE:20260111",
                          "SUMMARY:Check in: Fraction tiles at the table — Student A",
                          "DESCRIPTION:Questions to ask:\\n- Did she use them?\\n- What did she build?",
                          "TRANSP:TRANSPARENT", "END:VEVENT",
                          // a2: for all learners, no questions; the day after 28 Feb is 1 Mar
                          "BEGIN:VEVENT", "UID:" + calendar_uid(fall, "a2"), "DTSTAMP:20251122T222000Z",
                          "DTSTART;VALUE=DATE:20260228", "DTEND;VALUE=DATE:20260301",
                          "SUMMARY:Check in: Sentence frames — all learners", "TRANSP:TRANSPARENT", "END:VEVENT",
                          "END:VCALENDAR"));
}

TEST(SessionCalendar, NoSessionCodeNoNameButThePseudonym) {
  const auto s = debrief_with_check_ins();
  const auto ics = session_calendar(s, now);
  EXPECT_THAT(ics, Not(HasSubstr(s.session)));
  for (const auto& p : s.participants) EXPECT_THAT(ics, Not(HasSubstr(p.name)));
  EXPECT_THAT(ics, HasSubstr("Student A"));
}

TEST(SessionCalendar, NothingToCheckInOnIsAnEmptyCalendar) {
  const auto ics = session_calendar(session_on("2025-11-22"), now);
  EXPECT_TRUE(with_prefix(content_lines(ics), "BEGIN:VEVENT").empty());
  EXPECT_EQ(content_lines(ics).back(), "END:VCALENDAR");
}

TEST(Calendar, EscapesTextValues) {
  auto s = debrief_with_check_ins();
  s.title = "Grade 7; fractions, halves";
  s.adaptations = {accepted("a1", "Tiles, then pairs; a\\b\nsecond line\r\nthird\rfourth", "Student A, B", "2026-01-10",
                            {"Why; how, when?\nAnd then?"})};
  const auto lines = content_lines(session_calendar(s, now));
  EXPECT_THAT(with_prefix(lines, "X-WR-CALNAME:"), ElementsAre("Check-ins: Grade 7\\; fractions\\, halves"));
  EXPECT_THAT(with_prefix(lines, "SUMMARY:"),
              ElementsAre("Check in: Tiles\\, then pairs\\; a\\\\b\\nsecond line\\nthird\\nfourth — Student A\\, B"));
  EXPECT_THAT(with_prefix(lines, "DESCRIPTION:"), ElementsAre("Questions to ask:\\n- Why\\; how\\, when?\\nAnd then?"));
}

TEST(Calendar, FoldsLongLinesAt75OctetsNeverInsideAUtf8Sequence) {
  auto s = debrief_with_check_ins();
  // Two-, three- and four-octet sequences at every offset against the fold.
  std::string change;
  for (int i = 0; i < 12; ++i) change += "Élodie’s 分数 tiles 🧩 ";
  s.adaptations = {accepted("a1", change, "Élodie", "2026-01-10", {change + "?"})};
  const auto ics = session_calendar(s, now);
  const auto physical = physical_lines(ics);
  bool folded = false;
  for (const auto& l : physical) {
    EXPECT_LE(l.size(), 75u) << l;
    EXPECT_TRUE(whole_sequences(l)) << l;
    if (!l.empty() && l[0] == ' ') folded = true;
  }
  EXPECT_TRUE(folded);
  EXPECT_THAT(with_prefix(content_lines(ics), "SUMMARY:"), ElementsAre("Check in: " + change + " — Élodie"));
}

TEST(Calendar, FoldsAtExactly75Octets) {
  auto s = debrief_with_check_ins();
  // "SUMMARY:Check in: " is 18 octets, " — all learners" 17: a change of 40
  // fills the line exactly; one more folds one octet onto the next line.
  s.adaptations = {accepted("a1", std::string(40, 'x'), "", "2026-01-10")};
  auto lines = physical_lines(session_calendar(s, now));
  EXPECT_THAT(with_prefix(lines, "SUMMARY:"), ElementsAre("Check in: " + std::string(40, 'x') + " — all learners"));
  s.adaptations[0].change += "x";
  lines = physical_lines(session_calendar(s, now));
  EXPECT_THAT(with_prefix(lines, "SUMMARY:"), ElementsAre("Check in: " + std::string(41, 'x') + " — all learner"));
  const auto summary =
      std::find_if(lines.begin(), lines.end(), [](const auto& l) { return l.rfind("SUMMARY:", 0) == 0; });
  EXPECT_EQ(*(summary + 1), " s");
}

// Fall debrief, then a winter check-in that adjusts one adaptation and drops
// another; the inquiry's calendar holds what is still carried.
TEST(InquiryCalendar, HoldsTheCheckInsOfWhatIsStillCarried) {
  const auto fall_session = debrief_with_check_ins();
  auto winter = session_on("2026-01-15");
  winter.session = "WINTERCODE12";
  winter.carried = carry_forward({{1, fall_session}}, utc_zone());
  winter.check_ins = {checked("c1", "1.a1", check_in_decision::adjust, "Tiles, and she explains them"),
                      checked("c2", "1.a1.q2", check_in_decision::drop),
                      checked("c3", "1.a2", check_in_decision::drop)};
  winter.adaptations = {accepted("a4", "Number talk", "Student B", "2026-03-01")};
  const inquiry_info info{"INQUIRYID0000001", "Student A and fractions", {"Student A", "Student B"}, fall};
  const auto ics = inquiry_calendar(info, {{1, fall_session}, {2, winter}}, now);
  const auto lines = content_lines(ics);
  EXPECT_THAT(with_prefix(lines, "X-WR-CALNAME:"), ElementsAre("Check-ins: Student A and fractions"));
  EXPECT_THAT(with_prefix(lines, "UID:"),
              ElementsAre("check-in-1763850000000-1.a1@debrief", calendar_uid(fall, "2.a4")));
  EXPECT_THAT(with_prefix(lines, "SUMMARY:"),
              ElementsAre("Check in: Tiles\\, and she explains them — Student A", "Check in: Number talk — Student B"));
  EXPECT_THAT(with_prefix(lines, "DTSTART;VALUE=DATE:"), ElementsAre("20260110", "20260301"));
  EXPECT_THAT(with_prefix(lines, "DESCRIPTION:"), ElementsAre("Questions to ask:\\n- Did she use them?"));
  for (const auto* code : {"K7M2Q9XP4TDA", "WINTERCODE12", "INQUIRYID0000001"}) {
    EXPECT_THAT(ics, Not(HasSubstr(code)));
  }
  // The same check-in keeps its UID when the calendar is made again later.
  EXPECT_EQ(
      with_prefix(content_lines(inquiry_calendar(info, {{1, fall_session}, {2, winter}}, now + 86'400'000)), "UID:"),
      with_prefix(lines, "UID:"));
}

}  // namespace
}  // namespace debrief::protocol::inquiry_testing
