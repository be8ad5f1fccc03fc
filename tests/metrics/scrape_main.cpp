// Runs a small debrief on an in-process server and prints what its /metrics
// serves, for check_metrics.py to parse with Prometheus' own parser.

#include <cstdio>
#include <exception>

#include "harness.hpp"

using namespace debrief::testing;

int main() {
  try {
    const std::string token = "metrics-token-for-the-scrape-0123456789";
    temp_dir dir;
    test_server server(dir.path() / "debrief.db", {}, {}, [&](debrief::server::config& c) { c.metrics_token = token; });
    const auto session = create_session(server.port());
    ws_client facilitator(server.port());
    facilitator.join(session.code, "Maya", "facilitator", session.facilitator_key);
    ws_client colleague(server.port());
    colleague.join(session.code, "Lena", "colleague");
    facilitator.ok({{"type", "start_session"}});
    facilitator.ok({{"type", "next_phase"}});
    // Refused: only the facilitator moves the session on.
    if (colleague.command({{"type", "next_phase"}}).at("type") != "error") throw std::runtime_error("not refused");
    const auto scraped = http_request(server.port(), http::verb::get, "/metrics", {}, token);
    if (scraped.status != 200) throw std::runtime_error("/metrics answered " + std::to_string(scraped.status));
    std::fputs(scraped.body.c_str(), stdout);
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "scrape failed: %s\n", e.what());
    return 1;
  }
}
