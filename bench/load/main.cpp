// debrief-load: the benchmark's load generator. One process, asynchronous,
// one thread for every room client (the host scenario's consoles have their
// own: hosts.hpp); see options.cpp for the flags and bench/README.md for what
// the figures mean.

#include <cstdio>
#include <fstream>

#include "options.hpp"
#include "report.hpp"
#include "scenarios.hpp"

int main(int argc, char** argv) {
  using namespace debrief::bench;
  const auto parsed = parse_options(argc, argv);
  if (const auto* usage = std::get_if<show_usage>(&parsed)) {
    std::fputs(usage->text.c_str(), stdout);
    return 0;
  }
  if (const auto* bad = std::get_if<usage_error>(&parsed)) {
    std::fprintf(stderr, "debrief-load: %s (see --help)\n", bad->message.c_str());
    return 2;
  }
  const auto& o = std::get<options>(parsed);
  boost::system::error_code ec;
  const auto address = net::ip::make_address(o.host, ec);
  if (ec || !address.is_loopback()) {
    std::fprintf(stderr, "debrief-load: --host must be a loopback address, not %s\n", o.host.c_str());
    return 2;
  }

  net::io_context ioc(1);
  nlohmann::json run;
  int code = 2;
  net::co_spawn(ioc, run_scenario(o, run), [&](std::exception_ptr error, int rc) {
    if (error) {
      try {
        std::rethrow_exception(error);
      } catch (const std::exception& e) {
        std::fprintf(stderr, "debrief-load: %s\n", e.what());
      }
      rc = 2;
    }
    code = rc;
    ioc.stop();
  });
  ioc.run();

  if (run.contains("ok")) print_summary(run);
  if (!o.json_out.empty() && !run.is_null()) {
    run["exit_code"] = code;
    std::ofstream(o.json_out, std::ios::app) << run.dump() << '\n';
  }
  return code;
}
