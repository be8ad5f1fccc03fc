#pragma once
// How fast sessions may be created: per client, and by everyone together.
// Each session costs memory and disk until it is deleted, and all are
// reloaded at every start, so one script must not be able to fill the disk.

#include <optional>
#include <string>

#include "rate_limit.hpp"

namespace debrief::server {

struct creation_refused {
  long retry_after = 1;  // seconds
  std::string message;
};

class creation_limit {
 public:
  // The overall ceiling is never below one client's allowance: a server
  // tuned up for one busy client (a load test) must not stall on it.
  creation_limit(rate_limit per_client, rate_limit overall);

  // Spends a creation for `client` (a rate_key), or says how long to wait.
  std::optional<creation_refused> take(const std::string& client);

 private:
  bucket_registry per_client_;
  token_bucket overall_;
};

}  // namespace debrief::server
