#pragma once
// What the generator sends, and the hook for sending more kinds of command
// as the protocol grows.
//
// Every command the generator sends must be accepted: a rejection would be
// measured as an error, not as work. So each room keeps a model of the state
// its own commands lead to (the server validates pipelined commands against
// the state after the previous ones, in order), and each kind says when it
// is valid and how it changes that model. A mix is a cycle of kinds; the
// planner walks it and skips kinds that are not valid in the current model.
//
// To add a kind (say `item_add` once the board lands): add a `command_kind`
// to the table in commands.cpp (name, who may send it, when it is valid,
// how it is written, how it changes the model), then name it in --mix.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace debrief::bench {

enum class timer_state { idle, running, paused };

// The room's state as far as the generator's commands are concerned.
struct room_model {
  int phase = 0;
  timer_state timer = timer_state::idle;
  // The other phase's timer as it was left: the server keeps it (stopped)
  // and gives it back when the room steps back there.
  timer_state left = timer_state::idle;
};

enum class sender_role { facilitator, any_member };

struct command_kind {
  std::string_view name;
  sender_role who;
  bool (*valid)(const room_model&);
  // Appends the command's JSON (one text frame) to out, given the model
  // before the command.
  void (*write)(std::string& out, std::string_view id, const room_model& m);
  void (*evolve)(room_model&);
};

const command_kind* find_command_kind(std::string_view name);
std::vector<std::string_view> command_kind_names();

class command_mix {
 public:
  // names: a cycle of kind names; throws std::invalid_argument on unknown ones.
  explicit command_mix(const std::vector<std::string>& names);
  static command_mix standard();     // every kind the protocol has today
  static command_mix phase_steps();  // next/previous only (the burst)

  // Picks the next kind valid in m (advancing the cycle position), appends
  // its JSON with this id to out and applies it to m. Returns nullptr only
  // if no kind in the cycle is valid.
  const command_kind* next(room_model& m, std::size_t& position, std::string& out, std::string_view id) const;

  std::string describe() const;

 private:
  std::vector<const command_kind*> cycle_;
};

}  // namespace debrief::bench
