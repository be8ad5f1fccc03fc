#include "secrets.hpp"

#include <sys/random.h>

#include <array>
#include <cstdint>
#include <stdexcept>

namespace debrief::server::secrets {

namespace {

template <std::size_t N>
std::array<std::uint8_t, N> random_bytes() {
  std::array<std::uint8_t, N> out{};
  std::size_t filled = 0;
  while (filled < N) {
    const auto n = getrandom(out.data() + filled, N - filled, 0);
    if (n < 0) throw std::runtime_error("getrandom failed");
    filled += static_cast<std::size_t>(n);
  }
  return out;
}

}  // namespace

std::string session_code(std::string_view prefix) {
  // No I, L, O or U: nothing to misread when a code is read aloud or typed.
  // The prefix adds no secrecy: all 60 random bits follow it.
  const auto bytes = random_bytes<12>();
  std::string out(prefix);
  for (auto b : bytes) out += code_alphabet[b % 32];  // 256 is a multiple of 32: no bias
  return out;
}

bool is_session_code(std::string_view s) {
  if (s.size() != 12 && s.size() != 13) return false;
  return s.find_first_not_of(code_alphabet) == std::string_view::npos;
}

std::string inquiry_id() {
  const auto bytes = random_bytes<16>();
  std::string out;
  for (auto b : bytes) out += code_alphabet[b % 32];
  return out;
}

bool is_inquiry_id(std::string_view s) {
  return s.size() == 16 && s.find_first_not_of(code_alphabet) == std::string_view::npos;
}

std::string key() {
  constexpr std::string_view hex = "0123456789abcdef";
  const auto bytes = random_bytes<16>();
  std::string out;
  for (auto b : bytes) {
    out += hex[b >> 4];
    out += hex[b & 0xF];
  }
  return out;
}

}  // namespace debrief::server::secrets
