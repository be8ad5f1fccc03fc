#pragma once
// The four network scenarios, as one coroutine each on the generator's
// single io_context thread.

#include <nlohmann/json.hpp>

#include "beast.hpp"
#include "options.hpp"

namespace debrief::bench {

// Fills `run` with the figures; returns the process exit code (0 ok, 1 lost
// or broken, 2 could not set up).
net::awaitable<int> run_scenario(const options& o, nlohmann::json& run);

}  // namespace debrief::bench
