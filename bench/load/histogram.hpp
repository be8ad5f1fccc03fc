#pragma once
// A log-linear latency histogram in the spirit of HdrHistogram: values below
// 256 are exact, larger ones fall into buckets no wider than 1/128 of their
// value, so every reported percentile is within 0.8% of the true sample.
// Fixed memory (a few thousand counters), O(1) record, no allocation after
// construction.

#include <cstdint>
#include <vector>

namespace debrief::bench {

class histogram {
 public:
  histogram();

  void record(std::uint64_t value);
  void merge(const histogram& other);
  void reset();

  std::uint64_t count() const { return count_; }
  std::uint64_t max() const { return max_; }
  // q in [0, 1]; returns a representative value of the bucket holding the
  // q-th sample (0 when empty). quantile(1.0) is the exact maximum.
  std::uint64_t quantile(double q) const;

 private:
  static constexpr unsigned sub_bits = 8;  // 2^8 exact values, then 128 sub-buckets per octave
  static std::size_t index_of(std::uint64_t value);
  static std::uint64_t middle_of(std::size_t index);

  std::vector<std::uint64_t> counts_;
  std::uint64_t count_ = 0;
  std::uint64_t max_ = 0;
};

}  // namespace debrief::bench
