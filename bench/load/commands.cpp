#include "commands.hpp"

#include <array>
#include <stdexcept>

namespace debrief::bench {

namespace {

void write_simple(std::string& out, std::string_view type, std::string_view id) {
  out += R"({"type":")";
  out += type;
  out += R"(","id":")";
  out += id;
  out += R"("})";
}

// The learning-partnership template has eight phases; the generator moves
// between the first two, whose timers (3 and 7 minutes) never run out while
// the mix keeps pausing and resetting them.
const std::array<command_kind, 6> kinds{{
    {"timer_start", sender_role::facilitator, [](const room_model& m) { return m.timer == timer_state::idle; },
     [](std::string& out, std::string_view id, const room_model&) { write_simple(out, "timer_start", id); },
     [](room_model& m) { m.timer = timer_state::running; }},
    {"timer_pause", sender_role::facilitator, [](const room_model& m) { return m.timer == timer_state::running; },
     [](std::string& out, std::string_view id, const room_model&) { write_simple(out, "timer_pause", id); },
     [](room_model& m) { m.timer = timer_state::paused; }},
    {"timer_resume", sender_role::facilitator, [](const room_model& m) { return m.timer == timer_state::paused; },
     [](std::string& out, std::string_view id, const room_model&) { write_simple(out, "timer_resume", id); },
     [](room_model& m) { m.timer = timer_state::running; }},
    {"timer_add", sender_role::facilitator, [](const room_model&) { return true; },
     [](std::string& out, std::string_view id, const room_model&) {
       out += R"({"type":"timer_add","id":")";
       out += id;
       out += R"(","seconds":1})";
     },
     [](room_model&) {}},
    {"timer_reset", sender_role::facilitator, [](const room_model&) { return true; },
     [](std::string& out, std::string_view id, const room_model&) { write_simple(out, "timer_reset", id); },
     [](room_model& m) { m.timer = timer_state::idle; }},
    // next_phase from the first phase, previous_phase from the second.
    {"phase_step", sender_role::facilitator, [](const room_model&) { return true; },
     [](std::string& out, std::string_view id, const room_model& m) {
       write_simple(out, m.phase == 0 ? "next_phase" : "previous_phase", id);
     },
     [](room_model& m) {
       const auto leaving = m.timer == timer_state::running ? timer_state::paused : m.timer;
       m.phase = 1 - m.phase;
       m.timer = m.left;
       m.left = leaving;
     }},
}};

}  // namespace

const command_kind* find_command_kind(std::string_view name) {
  for (const auto& k : kinds) {
    if (k.name == name) return &k;
  }
  return nullptr;
}

std::vector<std::string_view> command_kind_names() {
  std::vector<std::string_view> out;
  for (const auto& k : kinds) out.push_back(k.name);
  return out;
}

command_mix::command_mix(const std::vector<std::string>& names) {
  for (const auto& n : names) {
    const auto* k = find_command_kind(n);
    if (k == nullptr) throw std::invalid_argument("unknown command kind: " + n);
    cycle_.push_back(k);
  }
  if (cycle_.empty()) throw std::invalid_argument("an empty command mix");
}

command_mix command_mix::standard() {
  return command_mix({"timer_start", "timer_add", "timer_pause", "timer_add", "timer_resume", "timer_add",
                      "timer_pause", "timer_resume", "phase_step"});
}

command_mix command_mix::phase_steps() { return command_mix({"phase_step"}); }

const command_kind* command_mix::next(room_model& m, std::size_t& position, std::string& out,
                                      std::string_view id) const {
  for (std::size_t tried = 0; tried < cycle_.size(); ++tried) {
    const auto* k = cycle_[position % cycle_.size()];
    position = (position + 1) % cycle_.size();
    if (k->valid(m)) {
      k->write(out, id, m);
      k->evolve(m);
      return k;
    }
  }
  return nullptr;
}

std::string command_mix::describe() const {
  std::string out;
  for (const auto* k : cycle_) {
    if (!out.empty()) out += ',';
    out += k->name;
  }
  return out;
}

}  // namespace debrief::bench
