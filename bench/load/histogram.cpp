#include "histogram.hpp"

#include <algorithm>
#include <bit>
#include <cmath>

namespace debrief::bench {

namespace {
constexpr std::size_t exact = std::size_t{1} << 8;
constexpr std::size_t half = exact / 2;      // sub-buckets per octave
constexpr std::size_t octaves = 64 - 8 + 1;  // covers the whole uint64 range
constexpr std::size_t bucket_count = exact + octaves * half;
}  // namespace

histogram::histogram() : counts_(bucket_count, 0) {}

std::size_t histogram::index_of(std::uint64_t value) {
  if (value < exact) return static_cast<std::size_t>(value);
  const unsigned shift = static_cast<unsigned>(std::bit_width(value)) - sub_bits;  // >= 1
  const auto sub = static_cast<std::size_t>(value >> shift);                       // in [128, 256)
  return exact + (shift - 1) * half + (sub - half);
}

std::uint64_t histogram::middle_of(std::size_t index) {
  if (index < exact) return index;
  const std::size_t shift = (index - exact) / half + 1;
  const std::uint64_t sub = (index - exact) % half + half;
  const std::uint64_t low = sub << shift;
  return low + ((std::uint64_t{1} << shift) >> 1);
}

void histogram::record(std::uint64_t value) {
  ++counts_[index_of(value)];
  ++count_;
  max_ = std::max(max_, value);
}

void histogram::merge(const histogram& other) {
  for (std::size_t i = 0; i < counts_.size(); ++i) counts_[i] += other.counts_[i];
  count_ += other.count_;
  max_ = std::max(max_, other.max_);
}

void histogram::reset() {
  std::fill(counts_.begin(), counts_.end(), 0);
  count_ = 0;
  max_ = 0;
}

std::uint64_t histogram::quantile(double q) const {
  if (count_ == 0) return 0;
  if (q >= 1.0) return max_;
  const auto rank = std::max<std::uint64_t>(1, static_cast<std::uint64_t>(std::ceil(q * static_cast<double>(count_))));
  std::uint64_t seen = 0;
  for (std::size_t i = 0; i < counts_.size(); ++i) {
    seen += counts_[i];
    if (seen >= rank) return std::min(middle_of(i), max_);
  }
  return max_;
}

}  // namespace debrief::bench
