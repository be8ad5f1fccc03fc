// Each command's wire_fields() (commands.hpp) is what the client's TypeScript
// and PROTOCOL.md are held to; wire.cpp reads commands by hand, with its own
// checks and messages. These tests hold that reader to the lists: a message
// with every listed key is read into the listed members, a listed required
// key is refused when missing (naming it), and a listed optional key takes
// the member's default.

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <tuple>
#include <type_traits>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

#include "debrief/protocol/commands.hpp"
#include "debrief/protocol/fields.hpp"
#include "debrief/protocol/wire.hpp"

namespace debrief::protocol {
namespace {

using json = nlohmann::json;

template <class T>
struct is_vector : std::false_type {};
template <class T>
struct is_vector<std::vector<T>> : std::true_type {};
template <class T>
struct is_flattened : std::false_type {};
template <class Owner, class Member>
struct is_flattened<flattened_of<Owner, Member>> : std::true_type {};

// A value every reader accepts for a key of type T: 40 letters pass as a
// name, a text, an id and a client secret; 1 is inside every range.
template <class T>
json sample();

template <class Tuple>
void add_samples(json& j, const Tuple& fields) {
  const auto add = [&j](const auto& f) {
    using F = std::remove_cvref_t<decltype(f)>;
    if constexpr (is_flattened<F>::value) {
      add_samples(j, F::type::wire_fields());
    } else {
      j[std::string(f.key)] = sample<typename F::type>();
    }
  };
  std::apply([&add](const auto&... f) { (add(f), ...); }, fields);
}

template <class T>
json sample() {
  if constexpr (std::is_same_v<T, std::string>) {
    return std::string(40, 'a');
  } else if constexpr (std::is_same_v<T, bool>) {
    return true;
  } else if constexpr (std::is_integral_v<T>) {
    return 1;
  } else if constexpr (std::is_enum_v<T>) {
    return json(static_cast<T>(1));  // the first value after the invalid sentinel
  } else if constexpr (is_vector<T>::value) {
    return json::array({sample<typename T::value_type>()});
  } else {
    json j = json::object();
    add_samples(j, T::wire_fields());
    return j;
  }
}

// The listed keys of a command, with their flattened members' keys, each with
// whether it may be left out.
struct listed_key {
  std::string key;
  bool optional = false;
};
template <class Tuple>
void add_keys(std::vector<listed_key>& out, const Tuple& fields) {
  const auto add = [&out](const auto& f) {
    using F = std::remove_cvref_t<decltype(f)>;
    if constexpr (is_flattened<F>::value) {
      add_keys(out, F::type::wire_fields());
    } else {
      out.push_back({std::string(f.key), f.optional()});
    }
  };
  std::apply([&add](const auto&... f) { (add(f), ...); }, fields);
}

template <class C>
json full_message() {
  json j = {{"type", C::wire_name}, {"id", "c1"}};
  add_samples(j, C::wire_fields());
  return j;
}

std::variant<client_message, parse_error> parse(const json& j) { return parse_client_message(j.dump()); }

// The members read, for fields whose JSON has the member's own form, as JSON.
template <class C>
void expect_members(const C& got, const C& want, const std::string& what) {
  const auto check = [&](const auto& f, const auto& owner_got, const auto& owner_want) {
    using F = std::remove_cvref_t<decltype(f)>;
    if constexpr (!is_flattened<F>::value && requires { f.member; }) {
      if constexpr (std::is_same_v<typename F::type, std::remove_cvref_t<decltype(owner_got.*(f.member))>>) {
        EXPECT_EQ(json(owner_got.*(f.member)), json(owner_want.*(f.member))) << what << ": \"" << f.key << "\"";
      }
    }
  };
  std::apply([&](const auto&... f) { (check(f, got, want), ...); }, C::wire_fields());
  // Flattened members, one level down.
  std::apply(
      [&](const auto&... f) {
        [[maybe_unused]] const auto nested = [&](const auto& g) {
          using G = std::remove_cvref_t<decltype(g)>;
          if constexpr (is_flattened<G>::value) {
            const auto& in_got = got.*(g.member);
            const auto& in_want = want.*(g.member);
            std::apply([&](const auto&... h) { (check(h, in_got, in_want), ...); }, G::type::wire_fields());
          }
        };
        (nested(f), ...);
      },
      C::wire_fields());
}

// The command a reader made of `j`, or a failure naming why it refused.
template <class C>
std::optional<C> read(const json& j, const std::string& what) {
  const auto parsed = parse(j);
  if (const auto* refused = std::get_if<parse_error>(&parsed)) {
    ADD_FAILURE() << what << " was refused: " << refused->why.message;
    return std::nullopt;
  }
  const auto* c = std::get_if<client_command>(&std::get<client_message>(parsed));
  if (c == nullptr || !std::holds_alternative<C>(c->command)) {
    ADD_FAILURE() << what << " was not read as " << C::wire_name;
    return std::nullopt;
  }
  return std::get<C>(c->command);
}

template <class C>
void check_command() {
  const std::string name(C::wire_name);
  const auto full = full_message<C>();

  // Every listed key lands in its member.
  C want{};
  [&] {
    const auto set = [&](const auto& f, auto& owner) {
      using F = std::remove_cvref_t<decltype(f)>;
      if constexpr (requires { f.member; }) {
        if constexpr (std::is_same_v<typename F::type, std::remove_cvref_t<decltype(owner.*(f.member))>>) {
          full.at(std::string(f.key)).get_to(owner.*(f.member));
        }
      }
    };
    std::apply(
        [&](const auto&... f) {
          [[maybe_unused]] const auto one = [&](const auto& g) {
            using G = std::remove_cvref_t<decltype(g)>;
            if constexpr (is_flattened<G>::value) {
              auto& nested = want.*(g.member);
              std::apply([&](const auto&... h) { (set(h, nested), ...); }, G::type::wire_fields());
            } else {
              set(g, want);
            }
          };
          (one(f), ...);
        },
        C::wire_fields());
  }();
  if (const auto got = read<C>(full, name + " with every listed key")) expect_members(*got, want, name);

  std::vector<listed_key> keys;
  add_keys(keys, C::wire_fields());
  for (const auto& [key, optional] : keys) {
    json without = full;
    without.erase(key);
    if (optional) {
      // Left out, it takes the member's default.
      C defaulted = want;
      const C blank{};
      std::apply(
          [&](const auto&... f) {
            [[maybe_unused]] const auto reset = [&](const auto& g) {
              using G = std::remove_cvref_t<decltype(g)>;
              if constexpr (is_flattened<G>::value) {
                std::apply(
                    [&](const auto&... h) {
                      (
                          [&] {
                            if (std::string(h.key) == key)
                              defaulted.*(g.member).*(h.member) = blank.*(g.member).*(h.member);
                          }(),
                          ...);
                    },
                    G::type::wire_fields());
              } else if constexpr (requires { g.member; }) {
                if (std::string(g.key) == key) defaulted.*(g.member) = blank.*(g.member);
              }
            };
            (reset(f), ...);
          },
          C::wire_fields());
      if (const auto got = read<C>(without, name + " without optional \"" + key + "\"")) {
        expect_members(*got, defaulted, name + " without \"" + key + "\"");
      }
    } else {
      const auto parsed = parse(without);
      const auto* refused = std::get_if<parse_error>(&parsed);
      ASSERT_NE(refused, nullptr) << name << " without required \"" << key << "\" was accepted";
      EXPECT_NE(refused->why.message.find("\"" + key + "\""), std::string::npos)
          << name << " without \"" << key << "\" was refused without naming it: " << refused->why.message;
    }
  }
}

template <class... Commands>
void check_client_commands(const std::variant<Commands...>* /*unused*/) {
  (
      [] {
        if constexpr (!requires { Commands::server_only; }) check_command<Commands>();
      }(),
      ...);
}

TEST(CommandFields, WireReaderFollowsEachCommandsFieldList) {
  check_client_commands(static_cast<const command*>(nullptr));
}

template <class... Commands>
std::vector<std::string> server_only(const std::variant<Commands...>* /*unused*/) {
  std::vector<std::string> out;
  (
      [&out] {
        if constexpr (requires { Commands::server_only; }) out.emplace_back(Commands::wire_name);
      }(),
      ...);
  return out;
}

TEST(CommandFields, CommandsMarkedServerOnlyAreRefusedAsUnknownByTheReader) {
  const auto names = server_only(static_cast<const command*>(nullptr));
  ASSERT_FALSE(names.empty());
  for (const auto& name : names) {
    const auto parsed = parse(json{{"type", name}, {"id", "c1"}});
    const auto* refused = std::get_if<parse_error>(&parsed);
    ASSERT_NE(refused, nullptr) << name;
    EXPECT_EQ(refused->why.code, error_code::bad_message) << name << ": " << refused->why.message;
  }
}

}  // namespace
}  // namespace debrief::protocol
