#include "debrief/protocol/events.hpp"

#include <array>
#include <string_view>

namespace debrief::protocol {

namespace {

// Wire names, in the order of the event variant's alternatives.
constexpr std::array<std::string_view, std::variant_size_v<event>> event_names = {
    "session_created", "participant_joined", "participant_left", "presence_changed", "session_started",
    "phase_changed",   "timer_started",      "timer_paused",     "timer_resumed",    "timer_extended",
    "timer_reset",     "timer_expired",      "session_ended",
};

template <std::size_t I = 0>
event default_event_named(std::string_view name) {
  if constexpr (I == std::variant_size_v<event>) {
    throw nlohmann::json::other_error::create(501, "unknown event type: " + std::string(name), nullptr);
  } else {
    if (event_names[I] == name) return event{std::in_place_index<I>};
    return default_event_named<I + 1>(name);
  }
}

template <class T>
constexpr bool is_timer_event = false;
template <int Tag>
constexpr bool is_timer_event<evt::timer_changed<Tag>> = true;

}  // namespace

std::string event_type(const event& e) { return std::string(event_names[e.index()]); }

namespace evt {

void to_json(nlohmann::json& j, const event& e) {
  j = {{"type", event_type(e)}};
  std::visit(
      [&j]<class E>(const E& ev) {
        if constexpr (std::is_same_v<E, evt::session_created>) {
          j["session"] = ev.session;
          j["title"] = ev.title;
          j["template"] = ev.tmpl;
          j["created_at"] = ev.created_at;
        } else if constexpr (std::is_same_v<E, evt::participant_joined>) {
          j["participant"] = ev.participant;
        } else if constexpr (std::is_same_v<E, evt::participant_left>) {
          j["participant"] = ev.participant;
        } else if constexpr (std::is_same_v<E, evt::presence_changed>) {
          j["participant"] = ev.participant;
          j["online"] = ev.online;
        } else if constexpr (std::is_same_v<E, evt::session_started> || std::is_same_v<E, evt::phase_changed>) {
          j["phase"] = ev.phase;
          j["timer"] = ev.timer;
        } else {
          static_assert(is_timer_event<E> || std::is_same_v<E, evt::session_ended>);
          j["timer"] = ev.timer;
        }
      },
      e);
}

void from_json(const nlohmann::json& j, event& e) {
  e = default_event_named(j.at("type").get<std::string>());
  std::visit(
      [&j]<class E>(E& ev) {
        if constexpr (std::is_same_v<E, evt::session_created>) {
          j.at("session").get_to(ev.session);
          j.at("title").get_to(ev.title);
          j.at("template").get_to(ev.tmpl);
          j.at("created_at").get_to(ev.created_at);
        } else if constexpr (std::is_same_v<E, evt::participant_joined>) {
          j.at("participant").get_to(ev.participant);
        } else if constexpr (std::is_same_v<E, evt::participant_left>) {
          j.at("participant").get_to(ev.participant);
        } else if constexpr (std::is_same_v<E, evt::presence_changed>) {
          j.at("participant").get_to(ev.participant);
          j.at("online").get_to(ev.online);
        } else if constexpr (std::is_same_v<E, evt::session_started> || std::is_same_v<E, evt::phase_changed>) {
          j.at("phase").get_to(ev.phase);
          j.at("timer").get_to(ev.timer);
        } else {
          j.at("timer").get_to(ev.timer);
        }
      },
      e);
}

}  // namespace evt

}  // namespace debrief::protocol
