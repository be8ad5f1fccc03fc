#pragma once
// Token buckets: a burst allowance that refills at a steady rate. One bucket
// may be shared by many connections on many threads (a participant's
// sockets), so each guards itself with a mutex.

#include <chrono>
#include <cstddef>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

namespace debrief::server {

using rate_clock = std::chrono::steady_clock;

struct rate_limit {
  double burst = 1;       // tokens a full bucket holds
  double per_second = 1;  // tokens added each second, up to the burst
};

struct rate_verdict {
  bool taken = false;
  rate_clock::duration wait{};  // when refused: until a token is there
  explicit operator bool() const { return taken; }
};

// Whole seconds to announce in Retry-After: at least one, rounded up.
long retry_after_seconds(rate_clock::duration wait);

class token_bucket {
 public:
  // Starts full: a newcomer gets the whole burst.
  token_bucket(rate_limit limit, rate_clock::time_point now = rate_clock::now());

  rate_verdict take(rate_clock::time_point now = rate_clock::now());
  // A full bucket is the same as a new one, so it can be forgotten.
  bool full(rate_clock::time_point now = rate_clock::now()) const;

 private:
  double tokens_at(rate_clock::time_point now) const;

  const rate_limit limit_;
  mutable std::mutex mutex_;
  double tokens_;
  rate_clock::time_point at_;
};

// One bucket per key (a client address), made on first use. Buckets that
// have refilled and that nobody else holds are dropped now and then, so the
// map holds only keys active within the last refill time, however many
// addresses come and go.
class bucket_registry {
 public:
  explicit bucket_registry(rate_limit limit) : limit_(limit) {}

  // The key's bucket, to hold and take from later.
  std::shared_ptr<token_bucket> bucket(const std::string& key, rate_clock::time_point now = rate_clock::now());
  rate_verdict take(const std::string& key, rate_clock::time_point now = rate_clock::now());
  std::size_t size() const;

 private:
  void sweep(rate_clock::time_point now);

  static constexpr std::size_t first_sweep_at = 1024;
  const rate_limit limit_;
  mutable std::mutex mutex_;
  std::unordered_map<std::string, std::shared_ptr<token_bucket>> buckets_;
  std::size_t sweep_at_ = first_sweep_at;
};

}  // namespace debrief::server
