// Writes a session's and an inquiry's check-in calendars for a fixture rich
// in what iCalendar must escape and fold (long UTF-8 text, commas,
// semicolons, backslashes, line breaks, dates at a month's, a year's and a
// leap day's edge), with what each event must say, for check_ics.py to read
// with a real iCalendar parser.
//
// Usage: calendar_fixture DIR  (writes DIR/session.ics, DIR/inquiry.ics and
// DIR/expected.json)

#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "debrief/protocol/calendar.hpp"

namespace {

using namespace debrief::protocol;
using json = nlohmann::json;

constexpr millis now = 1'763'850'000'000;  // 2025-11-22 22:20 UTC

adaptation accepted(std::string id, std::string change, std::string for_whom, std::string check_in,
                    std::vector<std::string> follow_ups) {
  adaptation a;
  a.id = std::move(id);
  a.change = std::move(change);
  a.for_whom = std::move(for_whom);
  a.check_in = std::move(check_in);
  a.follow_ups = std::move(follow_ups);
  a.status = adaptation_status::accepted;
  return a;
}

json event(const std::string& summary, const std::string& start, const std::string& end,
           const std::vector<std::string>& questions) {
  json e = {{"summary", summary}, {"start", start}, {"end", end}, {"description", nullptr}};
  if (!questions.empty()) {
    std::string description = "Questions to ask:";
    for (const auto& q : questions) description += "\n- " + q;
    e["description"] = description;
  }
  return e;
}

bool write(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
  return static_cast<bool>(out);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: calendar_fixture DIR\n";
    return 2;
  }
  const std::string dir = argv[1];

  std::string tiles;
  for (int i = 0; i < 4; ++i)
    tiles += "Fraction tiles, then pairs; Élodie’s “halves” \\ wholes — 分数 🧩 ";
  const std::string tiles_changed = tiles + "\nand she explains them, in her words; to a partner";
  const std::vector<std::string> questions = {"Did she use them; how, how often?\nWhat did she build \\ draw?",
                                              "Which 分数 did she name first, and why?"};

  session_state fall;
  fall.session = "K7M2Q9XP4TDA";
  fall.title = "Fall debrief; Grade 7, fractions";
  fall.created_at = now;
  fall.date = "2025-11-22";
  fall.adaptations = {accepted("a1", tiles, "Élodie, B.", "2026-01-31", questions),
                      accepted("a2", "Sentence frames", "", "2026-12-31", {}),
                      accepted("a3", "Seat by the window;\r\nnear the door", "Student C", "2028-02-28", {})};

  session_state winter;
  winter.session = "WINTERCODE12";
  winter.title = "Winter check-in";
  winter.created_at = now + 50LL * 86'400'000;
  winter.date = "2026-01-31";
  winter.carried = carry_forward({{1, fall}}, utc_zone());
  check_in adjust_tiles;
  adjust_tiles.id = "c1";
  adjust_tiles.thread = "1.a1";
  adjust_tiles.tried = tried_state::yes;
  adjust_tiles.decision = check_in_decision::adjust;
  adjust_tiles.adjusted = tiles_changed;
  check_in drop_frames = adjust_tiles;
  drop_frames.id = "c2";
  drop_frames.thread = "1.a2";
  drop_frames.decision = check_in_decision::drop;
  drop_frames.adjusted.clear();
  check_in drop_question = drop_frames;
  drop_question.id = "c3";
  drop_question.thread = "1.a1.q1";
  winter.check_ins = {adjust_tiles, drop_frames, drop_question};
  winter.adaptations = {accepted("a4", "Number talk, twice a week", "Élodie, B.", "2026-03-01", {"Who spoke first?"})};

  const inquiry_info info{"INQUIRYID0000001", "Élodie; fractions, over the year", {"Élodie, B.", "Student C"}, now};

  const json expected = {
      {"forbidden", {fall.session, winter.session, info.id}},
      {"files",
       {{"session.ics",
         {event("Check in: " + tiles + " — Élodie, B.", "2026-01-31", "2026-02-01", questions),
          event("Check in: Sentence frames — all learners", "2026-12-31", "2027-01-01", {}),
          event("Check in: Seat by the window;\nnear the door — Student C", "2028-02-28", "2028-02-29", {})}},
        {"inquiry.ics",
         {event("Check in: " + tiles_changed + " — Élodie, B.", "2026-01-31", "2026-02-01", {questions[1]}),
          event("Check in: Seat by the window;\nnear the door — Student C", "2028-02-28", "2028-02-29", {}),
          event("Check in: Number talk, twice a week — Élodie, B.", "2026-03-01", "2026-03-02",
                {"Who spoke first?"})}}}}};

  const bool ok = write(dir + "/session.ics", session_calendar(fall, now)) &&
                  write(dir + "/inquiry.ics", inquiry_calendar(info, {{1, fall}, {2, winter}}, now)) &&
                  write(dir + "/expected.json", expected.dump(2));
  if (!ok) std::cerr << "calendar_fixture: cannot write to " << dir << "\n";
  return ok ? 0 : 1;
}
