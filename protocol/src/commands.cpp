#include "debrief/protocol/commands.hpp"

#include <concepts>
#include <string_view>

namespace debrief::protocol {

std::string command_name(const command& c) { return std::string(wire_name_of(c)); }

namespace {
template <class C>
concept phase_bound = requires(C& c) {
  { c.written_in } -> std::same_as<std::string&>;
};
}  // namespace

std::string* written_in(command& c) {
  return std::visit(
      [](auto& alternative) -> std::string* {
        if constexpr (phase_bound<std::remove_reference_t<decltype(alternative)>>) {
          return &alternative.written_in;
        } else {
          return nullptr;
        }
      },
      c);
}

const std::string* written_in(const command& c) { return written_in(const_cast<command&>(c)); }

}  // namespace debrief::protocol
