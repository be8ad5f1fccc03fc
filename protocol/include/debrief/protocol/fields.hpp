#pragma once
// Field lists beside the types: a type that declares
//
//   static constexpr auto wire_fields() { return std::tuple{field<"key">(&T::member), ...}; }
//
// gets its JSON conversion from that list (every key written; every key
// required on reading unless marked field_or_default), and the contract tool
// (tools/debrief_contract.cpp) prints its TypeScript type from the same list,
// so a field is added in one place.

#include <string>
#include <string_view>
#include <tuple>

#include <nlohmann/json.hpp>

#include "debrief/protocol/wire_names.hpp"

namespace debrief::protocol {

// One JSON key of Owner and the member that holds it. `Shown` is the type the
// JSON has when it differs from the member's (a command's input form).
template <fixed_name Key, class Owner, class Member, class Shown = Member>
struct field_of {
  using owner = Owner;
  using type = Shown;
  static constexpr std::string_view key = Key;
  Member Owner::*member;
  // A missing key keeps the member's default: for keys added after data was
  // stored without them, and a command's optional fields. Still always written.
  bool default_when_missing = false;
  [[nodiscard]] constexpr bool optional() const { return default_when_missing; }
};

template <fixed_name Key, class Owner, class Member>
constexpr field_of<Key, Owner, Member> field(Member Owner::*member) {
  return {member};
}

template <fixed_name Key, class Owner, class Member>
constexpr field_of<Key, Owner, Member> field_or_default(Member Owner::*member) {
  return {member, true};
}

// A field whose JSON has the form of `Shown` rather than of the member (a
// client sends transcript lines without ids; apply assigns them).
template <fixed_name Key, class Shown, class Owner, class Member>
constexpr field_of<Key, Owner, Member, Shown> field_shown_as(Member Owner::*member, bool optional = false) {
  return {member, optional};
}

// The fields of a described member, written beside the owner's own rather
// than as an object under a key (a command's adaptation fields).
template <class Owner, class Member>
struct flattened_of {
  using type = Member;
  Member Owner::*member;
};
template <class Owner, class Member>
constexpr flattened_of<Owner, Member> flattened(Member Owner::*member) {
  return {member};
}

// A key read beside a command by the shell and kept out of it (join's
// client_secret): described for the contract only.
template <fixed_name Key, class Type, bool Optional = false>
struct beside_field {
  using type = Type;
  static constexpr std::string_view key = Key;
  [[nodiscard]] constexpr bool optional() const { return Optional; }
};

// A key that the JSON shown to clients carries beyond the stored type's own
// (added by visibility.cpp from the state); described for the contract only.
template <fixed_name Key, class Type>
struct shown_field {
  using type = Type;
  static constexpr std::string_view key = Key;
  [[nodiscard]] constexpr bool optional() const { return false; }
};

template <class T>
concept described = requires {
  T::wire_fields();
};

// The keys only clients are shown, or none.
template <class T>
constexpr auto shown_fields_of() {
  if constexpr (requires { T::shown_fields(); }) {
    return T::shown_fields();
  } else {
    return std::tuple{};
  }
}

template <described T>
void write_fields(nlohmann::json& j, const T& value) {
  j = nlohmann::json::object();
  std::apply([&](const auto&... f) { ((j[std::string(f.key)] = value.*(f.member)), ...); }, T::wire_fields());
}

template <described T>
void read_fields(const nlohmann::json& j, T& value) {
  const auto read = [&](const auto& f) {
    const std::string key(f.key);
    if (f.default_when_missing && !j.contains(key)) return;
    j.at(key).get_to(value.*(f.member));
  };
  std::apply([&](const auto&... f) { (read(f), ...); }, T::wire_fields());
}

// Found by argument-dependent lookup for the described types of this
// namespace (nlohmann's "arbitrary types" conversion).
template <described T>
void to_json(nlohmann::json& j, const T& value) {
  write_fields(j, value);
}
template <described T>
void from_json(const nlohmann::json& j, T& value) {
  read_fields(j, value);
}

}  // namespace debrief::protocol
