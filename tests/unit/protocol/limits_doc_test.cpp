// The limits exist in code (limits.hpp) and in two tables for people: the
// Limits sections of PROTOCOL.md and README.md. These tests hold the rows
// that state a limits.hpp value to it, cell by cell. (Rows about the server's
// transport, such as message size and rates, are not protocol limits.)

#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "debrief/protocol/limits.hpp"
#include "markdown_table.hpp"

namespace debrief::protocol {
namespace {

using namespace limits;

std::string n(auto value) { return std::to_string(value); }

// The rows of the two-column table under `heading`: what → limit.
std::map<std::string, std::string> limits_table(const std::filesystem::path& path, const std::string& heading) {
  std::map<std::string, std::string> rows;
  for (const auto& cells : first_table_under(path, heading).rows) {
    EXPECT_EQ(cells.size(), 2u) << "a row of \"" << heading << "\" in " << path;
    if (cells.size() == 2) rows.emplace(cells[0], cells[1]);
  }
  return rows;
}

void expect_rows(const std::map<std::string, std::string>& table,
                 const std::vector<std::pair<std::string, std::string>>& expected) {
  ASSERT_FALSE(table.empty());
  for (const auto& [what, limit] : expected) {
    const auto row = table.find(what);
    ASSERT_NE(row, table.end()) << "no row \"" << what << "\"";
    EXPECT_EQ(row->second, limit) << "row \"" << what << "\"";
  }
}

TEST(LimitsDoc, ProtocolMdStatesTheLimitsOfLimitsHpp) {
  expect_rows(limits_table(DEBRIEF_PROTOCOL_MD, "### Limits"),
              {
                  {"participant name", n(max_name_chars) + " characters"},
                  {"session title", n(max_title_chars) + " characters"},
                  {"participants per session", n(max_participants)},
                  {"command id", n(max_command_id_chars) + " characters"},
                  {"`client_secret`",
                   n(min_client_secret_chars) + "–" + n(max_client_secret_chars) + " characters of `A–Z a–z 0–9 - _`"},
                  {"`timer_add` seconds", n(min_timer_add_seconds) + "–" + n(max_timer_add_seconds)},
                  {"board items (all four lists)", n(max_board_items)},
                  {"proposals", n(max_proposals)},
                  {"entries", n(max_entries) + ", each 1–" + n(max_entry_chars) + " characters"},
                  {"adaptations", n(max_adaptations) + "; change 1–" + n(max_adaptation_chars) +
                                      " characters, `for_whom` " + n(max_for_whom_chars) + ", " + n(max_follow_ups) +
                                      " follow-ups of " + n(max_follow_up_chars)},
                  {"annotations", n(max_annotations) + "; comment " + n(max_entry_chars) + " characters; " +
                                      n(max_replies) + " replies each"},
                  {"evidence per item or adaptation", n(max_evidence)},
                  {"transcript", n(max_transcript_lines) + " lines; speaker " + n(max_speaker_chars) +
                                     " characters; line text " + n(max_line_chars)},
              });
}

TEST(LimitsDoc, ProtocolMdStatesTheLimitsOfFollowUpSessions) {
  expect_rows(
      limits_table(DEBRIEF_PROTOCOL_MD, "### Limits"),
      {
          {"focal learners of a session", n(max_learners) + ", each " + n(max_for_whom_chars) + " characters"},
          {"items carried into a session", n(max_carried) + " (at most " + n(max_board_items) +
                                               " of them assumptions); thread " + n(max_thread_chars) + " characters"},
          {"check-in", "what happened and note " + n(max_check_in_chars) +
                           " characters each; adjusted text as the change (" + n(max_adaptation_chars) +
                           ") or question (" + n(max_follow_up_chars) + ") it adjusts"},
      });
}

TEST(LimitsDoc, ProtocolMdStatesTheLimitsOfEvents) {
  expect_rows(limits_table(DEBRIEF_PROTOCOL_MD, "### Limits"),
              {
                  {"rooms per event", "1–" + n(max_event_rooms) + " (and at most " + n(max_event_rooms) +
                                          " rooms named in one host action)"},
                  {"notices per room", n(max_notices) + ", each 1–" + n(max_notice_chars) + " characters"},
              });
}

TEST(LimitsDoc, ReadmeStatesTheLimitsOfEvents) {
  const auto readme = std::filesystem::path(DEBRIEF_PROTOCOL_MD).parent_path().parent_path() / "README.md";
  expect_rows(
      limits_table(readme, "## Limits"),
      {
          {"rooms per event", "1–" + n(max_event_rooms)},
          {"notices from an event's host", n(max_notices) + " per room, each 1–" + n(max_notice_chars) + " characters"},
      });
}

TEST(LimitsDoc, ReadmeStatesTheLimitsOfLimitsHpp) {
  const auto readme = std::filesystem::path(DEBRIEF_PROTOCOL_MD).parent_path().parent_path() / "README.md";
  expect_rows(limits_table(readme, "## Limits"),
              {
                  {"participant name", n(max_name_chars) + " characters"},
                  {"session title", n(max_title_chars) + " characters"},
                  {"participants per session", n(max_participants) + " (every limit breached answers `too_large`)"},
                  {"phases per template", n(max_phases) + ", each " + n(min_phase_minutes) + "–" +
                                              n(max_phase_minutes) + " minutes, at most " + n(max_prompts_per_phase) +
                                              " prompts of " + n(max_prompt_chars) + " characters"},
                  {"`+ time` per step", n(min_timer_add_seconds) + "–" + n(max_timer_add_seconds) + " seconds"},
                  {"board items / proposals / entries / adaptations / annotations",
                   n(max_board_items) + " / " + n(max_proposals) + " / " + n(max_entries) + " / " + n(max_adaptations) +
                       " / " + n(max_annotations) + " per session"},
                  {"entry, comment or reply", n(max_entry_chars) + " characters"},
                  {"transcript", n(max_transcript_lines) + " lines of at most " + n(max_line_chars) +
                                     " characters; speakers " + n(max_speaker_chars) + " characters"},
              });
}

}  // namespace
}  // namespace debrief::protocol
