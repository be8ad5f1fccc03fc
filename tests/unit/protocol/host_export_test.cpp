// A room of an event keeps its host's notices in its record: a section of
// the Markdown and HTML (only when there are any) and a list in the JSON,
// each notice with its time in the export's zone.

#include "activity_support.hpp"
#include "debrief/protocol/export.hpp"
#include "debrief/protocol/host.hpp"
#include "tzif_bytes.hpp"

namespace debrief::protocol::activity {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

constexpr millis exported_at = t0 + 3'600'000;

time_zone paris() { return *parse_tzif("Europe/Paris", testing::paris_bytes()); }

session_state hosted(const session_state& s, const host_action& a, millis now) {
  const auto o = apply_host(s, a, now);
  if (const auto* why = std::get_if<rejection>(&o)) {
    ADD_FAILURE() << why->message;
    return s;
  }
  return replay(std::get<events>(o), s);
}

// Live, the host's message at t0 + 1 min, then they pause the timer at t0 + 2 min.
session_state a_room_spoken_to() {
  auto s = given(in_phase(opening), cmd::timer_start{}, maya);
  s = hosted(s, host_act::notice{"Five minutes left <b>now</b>\nthen lunch"}, t0 + 60'000);
  return hosted(s, host_act::pause{}, t0 + 120'000);
}

TEST(HostNoticeExport, TheMarkdownListsEachNoticeWithItsTimeEscaped) {
  const auto md = export_markdown(a_room_spoken_to(), exported_at, paris());

  EXPECT_THAT(md, HasSubstr("\n## Notices from the event host\n\n"
                            "- 22 Nov 2025, 23:21 CET: Five minutes left \\<b\\>now\\</b\\>\n  then lunch\n"
                            "- 22 Nov 2025, 23:22 CET: The event host paused the timer.\n"));
}

TEST(HostNoticeExport, TheHtmlListsEachNoticeEscaped) {
  const auto html = export_html(a_room_spoken_to(), exported_at, paris());

  EXPECT_THAT(html, HasSubstr("<h2 id=\"notices\">Notices from the event host</h2>"));
  EXPECT_THAT(html, HasSubstr("<li>22 Nov 2025, 23:21 CET: <span class=\"text\">Five minutes left &lt;b&gt;now"));
  EXPECT_THAT(html, Not(HasSubstr("<b>now")));
  EXPECT_THAT(html, HasSubstr("23:22 CET: <span class=\"text\">The event host paused the timer.</span></li>"));
}

TEST(HostNoticeExport, TheJsonListsEachNoticeWithItsKind) {
  const auto j = export_json(a_room_spoken_to(), exported_at, paris());

  EXPECT_EQ(j.at("notices"), json::parse(R"([
    {"kind":"message","text":"Five minutes left <b>now</b>\nthen lunch",
     "at":{"at":1763850060000,"text":"22 Nov 2025, 23:21 CET"}},
    {"kind":"action","text":"The event host paused the timer.",
     "at":{"at":1763850120000,"text":"22 Nov 2025, 23:22 CET"}}])"));
}

TEST(HostNoticeExport, ARoomWithoutNoticesHasNoSection) {
  const auto s = in_phase(opening);

  EXPECT_THAT(export_markdown(s, exported_at), Not(HasSubstr("event host")));
  EXPECT_THAT(export_html(s, exported_at), Not(HasSubstr("event host")));
  EXPECT_EQ(export_json(s, exported_at).at("notices"), json::array());
}

}  // namespace
}  // namespace debrief::protocol::activity
