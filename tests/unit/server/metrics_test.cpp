// What the periodic refusal line reports (counts since the last line, only
// the limits that refused something), and the families /metrics renders.

#include <gtest/gtest.h>

#include <string>

#include "metrics.hpp"

namespace debrief::server {
namespace {

TEST(Metrics, RefusalsSinceLastCountEachLimitOnceAndLeaveOutTheQuiet) {
  auto& m = metrics::get();
  static_cast<void>(m.refusals_since_last());  // whatever came before
  for (int i = 0; i < 3; ++i) m.refused(limit_hit::participant_messages);
  m.refused(limit_hit::connections_full);
  const auto counts = m.refusals_since_last();
  EXPECT_EQ(counts, (log_fields{{"participant_messages", 3}, {"connections_full", 1}}));
  EXPECT_TRUE(m.refusals_since_last().empty());
}

TEST(Metrics, CutOffsSinceLastCountByReason) {
  auto& m = metrics::get();
  static_cast<void>(m.cut_offs_since_last());
  m.cut(cut_off::send_queue_full);
  m.cut(cut_off::send_queue_full);
  EXPECT_EQ(m.cut_offs_since_last(), (log_fields{{"send_queue_full", 2}}));
}

TEST(Metrics, RenderShowsTheScrapeTimeGaugesAndEveryLimitLabel) {
  const auto text = metrics::get().render({3, true});
  EXPECT_NE(text.find("debrief_sessions_live 3"), std::string::npos) << text;
  EXPECT_NE(text.find("debrief_storage_degraded 1"), std::string::npos) << text;
  EXPECT_NE(text.find("debrief_rate_limited_total{limit=\"websockets_per_address\"}"), std::string::npos) << text;
  EXPECT_NE(text.find("# TYPE debrief_commit_seconds histogram"), std::string::npos) << text;
  EXPECT_NE(text.find("# TYPE process_cpu_seconds_total counter"), std::string::npos) << text;
}

}  // namespace
}  // namespace debrief::server
