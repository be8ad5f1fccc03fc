#pragma once
// Wire names beside their types: every alternative of the command and event
// variants declares `static constexpr std::string_view wire_name`, and the
// tables between names and alternatives are derived from the variant here, at
// compile time, instead of being typed out a second time.

#include <algorithm>
#include <array>
#include <cstddef>
#include <optional>
#include <string_view>
#include <utility>
#include <variant>

namespace debrief::protocol {

// A string usable as a template argument, for types that differ only in name.
template <std::size_t N>
struct fixed_name {
  char chars[N] = {};
  constexpr fixed_name(const char (&s)[N]) { std::copy_n(s, N, chars); }  // NOLINT: implicit on purpose
  constexpr operator std::string_view() const { return {chars, N - 1}; }
};

template <class Variant>
struct wire_names_of;
template <class... Alternatives>
struct wire_names_of<std::variant<Alternatives...>> {
  static constexpr std::array<std::string_view, sizeof...(Alternatives)> value = {Alternatives::wire_name...};
};

// The wire names of a variant's alternatives, in their order.
template <class Variant>
inline constexpr auto wire_names = wire_names_of<Variant>::value;

template <std::size_t N>
constexpr bool all_distinct(const std::array<std::string_view, N>& names) {
  for (std::size_t i = 0; i < N; ++i) {
    for (std::size_t j = i + 1; j < N; ++j) {
      if (names[i] == names[j]) return false;
    }
  }
  return true;
}

template <class Variant>
constexpr std::string_view wire_name_of(const Variant& v) {
  return wire_names<Variant>[v.index()];
}

// The default-constructed alternative with that wire name; nullopt for a name
// no alternative has.
template <class Variant>
std::optional<Variant> alternative_named(std::string_view name) {
  return [name]<std::size_t... I>(std::index_sequence<I...>) {
    std::optional<Variant> out;
    (void)((wire_names<Variant>[I] == name && (out.emplace(std::in_place_index<I>), true)) || ...);
    return out;
  }
  (std::make_index_sequence<std::variant_size_v<Variant>>{});
}

}  // namespace debrief::protocol
