#include "rate_limit.hpp"

#include <algorithm>
#include <cmath>

namespace debrief::server {

long retry_after_seconds(rate_clock::duration wait) {
  const std::chrono::duration<double> seconds = wait;
  return std::max(1L, static_cast<long>(std::ceil(seconds.count())));
}

token_bucket::token_bucket(rate_limit limit, rate_clock::time_point now)
    : limit_(limit), tokens_(limit.burst), at_(now) {}

double token_bucket::tokens_at(rate_clock::time_point now) const {
  // A clock read on another thread just before ours may be a little older.
  const std::chrono::duration<double> elapsed = std::max(now, at_) - at_;
  return std::min(limit_.burst, tokens_ + elapsed.count() * limit_.per_second);
}

rate_verdict token_bucket::take(rate_clock::time_point now) {
  std::lock_guard lock(mutex_);
  tokens_ = tokens_at(now);
  at_ = std::max(now, at_);
  if (tokens_ >= 1) {
    tokens_ -= 1;
    return {true, {}};
  }
  const std::chrono::duration<double> wait((1 - tokens_) / limit_.per_second);
  return {false, std::chrono::ceil<rate_clock::duration>(wait)};
}

bool token_bucket::full(rate_clock::time_point now) const {
  std::lock_guard lock(mutex_);
  return tokens_at(now) >= limit_.burst;
}

std::shared_ptr<token_bucket> bucket_registry::bucket(const std::string& key, rate_clock::time_point now) {
  std::lock_guard lock(mutex_);
  auto it = buckets_.find(key);
  if (it == buckets_.end()) {
    if (buckets_.size() >= sweep_at_) sweep(now);
    it = buckets_.emplace(key, std::make_shared<token_bucket>(limit_, now)).first;
  }
  return it->second;
}

rate_verdict bucket_registry::take(const std::string& key, rate_clock::time_point now) {
  return bucket(key, now)->take(now);
}

std::size_t bucket_registry::size() const {
  std::lock_guard lock(mutex_);
  return buckets_.size();
}

void bucket_registry::sweep(rate_clock::time_point now) {
  // Only this map can hand out a bucket, and it is locked: a use count of
  // one means no connection holds it.
  std::erase_if(buckets_,
                [now](const auto& entry) { return entry.second.use_count() == 1 && entry.second->full(now); });
  // Doubling the threshold keeps sweeps rare whatever the number of
  // active keys: their cost is spread over as many insertions.
  sweep_at_ = std::max(first_sweep_at, buckets_.size() * 2);
}

}  // namespace debrief::server
