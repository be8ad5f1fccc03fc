#include <cstdio>
#include <exception>
#include <iostream>
#include <string_view>

#include "debrief/server/admin.hpp"
#include "debrief/server/app.hpp"
#include "log.hpp"

int main(int argc, char* argv[]) {
  using namespace debrief::server;
  if (argc > 1 && std::string_view(argv[1]) == "admin") return run_admin(argc - 1, argv + 1, std::cout, std::cerr);
  const auto parsed = parse_arguments(argc, argv);
  if (const auto* help = std::get_if<show_help>(&parsed)) {
    std::fputs(help->text.c_str(), stdout);
    return 0;
  }
  if (const auto* bad = std::get_if<bad_arguments>(&parsed)) {
    std::fprintf(stderr, "debrief-server: %s\n", bad->message.c_str());
    return 2;
  }
  try {
    app server(std::get<config>(parsed));
    server.run(/*handle_signals=*/true);
    // Stopped while storage refused writes: changes were lost; say so.
    if (server.storage_failed()) {
      log_event(log_level::error, "changes_lost",
                "stopped while storage was unavailable; some changes were not stored");
      return 3;
    }
    return 0;
  } catch (const std::exception& e) {
    log_event(log_level::error, "start_failed", e.what());
    return 1;
  }
}
