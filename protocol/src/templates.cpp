#include "debrief/protocol/templates.hpp"

#include <set>
#include <stdexcept>

#include "builtin_templates.hpp"
#include "debrief/protocol/limits.hpp"
#include "text.hpp"

namespace debrief::protocol {

namespace {

// Returns the string at j[key], or an error naming the field.
std::variant<std::string, template_error> text_field(const nlohmann::json& j, const std::string& pointer,
                                                     const char* key, std::size_t max_chars, bool required = true) {
  const auto field = pointer + "/" + key;
  if (!j.contains(key)) {
    if (!required) return std::string{};
    return template_error{field, "is missing"};
  }
  if (!j.at(key).is_string()) return template_error{field, "must be a string"};
  auto value = j.at(key).get<std::string>();
  if (required && text::trimmed(value).empty()) return template_error{field, "must not be empty"};
  if (text::char_count(value) > max_chars) {
    return template_error{field, "is longer than " + std::to_string(max_chars) + " characters"};
  }
  return value;
}

std::optional<template_error> optional_flag(const nlohmann::json& j, const std::string& pointer, const char* key,
                                            bool& out) {
  if (!j.contains(key)) return std::nullopt;
  if (!j.at(key).is_boolean()) return template_error{pointer + "/" + key, "must be true or false"};
  out = j.at(key).get<bool>();
  return std::nullopt;
}

}  // namespace

std::variant<phase_template, template_error> parse_phase(const nlohmann::json& j, const std::string& pointer) {
  if (!j.is_object()) return template_error{pointer, "must be an object"};
  phase_template p;
  for (auto [key, target] : {std::pair{"id", &p.id}, std::pair{"title", &p.title}}) {
    auto v = text_field(j, pointer, key, limits::max_title_chars);
    if (auto* e = std::get_if<template_error>(&v)) return *e;
    *target = std::get<std::string>(v);
  }
  if (!j.contains("kind")) return template_error{pointer + "/kind", "is missing"};
  p.kind = j.at("kind").is_string() ? j.at("kind").get<phase_kind>() : phase_kind::invalid;
  if (p.kind == phase_kind::invalid) {
    return template_error{
        pointer + "/kind",
        "must be one of opening, assumptions, transcript, adaptations, reflection, discussion, chart"};
  }
  if (!j.contains("minutes")) return template_error{pointer + "/minutes", "is missing"};
  const auto& minutes = j.at("minutes");
  if (!minutes.is_number_integer() || minutes.get<std::int64_t>() < limits::min_phase_minutes ||
      minutes.get<std::int64_t>() > limits::max_phase_minutes) {
    return template_error{pointer + "/minutes", "must be a whole number from " +
                                                    std::to_string(limits::min_phase_minutes) + " to " +
                                                    std::to_string(limits::max_phase_minutes)};
  }
  p.minutes = minutes.get<int>();
  if (j.contains("prompts")) {
    const auto& prompts = j.at("prompts");
    if (!prompts.is_array()) return template_error{pointer + "/prompts", "must be a list of strings"};
    if (prompts.size() > limits::max_prompts_per_phase) {
      return template_error{pointer + "/prompts",
                            "has more than " + std::to_string(limits::max_prompts_per_phase) + " prompts"};
    }
    for (std::size_t i = 0; i < prompts.size(); ++i) {
      const auto where = pointer + "/prompts/" + std::to_string(i);
      if (!prompts[i].is_string()) return template_error{where, "must be a string"};
      if (text::char_count(prompts[i].get<std::string>()) > limits::max_prompt_chars) {
        return template_error{where, "is longer than " + std::to_string(limits::max_prompt_chars) + " characters"};
      }
      p.prompts.push_back(prompts[i].get<std::string>());
    }
  }
  if (j.contains("writers")) {
    p.writers = j.at("writers").is_string() ? j.at("writers").get<writers>() : writers::invalid;
    if (p.writers == writers::invalid) {
      return template_error{pointer + "/writers", "must be everyone, presenter or colleagues"};
    }
  }
  for (auto [key, target] : {std::pair{"private", &p.is_private}, std::pair{"anonymous", &p.anonymous},
                             std::pair{"auto_advance", &p.auto_advance}}) {
    if (auto e = optional_flag(j, pointer, key, *target)) return *e;
  }
  return p;
}

std::variant<session_template, template_error> parse_template(const nlohmann::json& j) {
  if (!j.is_object()) return template_error{"", "a template must be a JSON object"};
  session_template t;
  for (auto [key, target, max] :
       {std::tuple{"id", &t.id, limits::max_title_chars}, std::tuple{"name", &t.name, limits::max_title_chars}}) {
    auto v = text_field(j, "", key, max);
    if (auto* e = std::get_if<template_error>(&v)) return *e;
    *target = std::get<std::string>(v);
  }
  auto description = text_field(j, "", "description", limits::max_prompt_chars, false);
  if (auto* e = std::get_if<template_error>(&description)) return *e;
  t.description = std::get<std::string>(description);

  if (!j.contains("phases")) return template_error{"/phases", "is missing"};
  const auto& phases = j.at("phases");
  if (!phases.is_array() || phases.empty()) return template_error{"/phases", "must be a non-empty list"};
  if (phases.size() > limits::max_phases)
    return template_error{"/phases", "has more than " + std::to_string(limits::max_phases) + " phases"};
  std::set<std::string> ids;
  for (std::size_t i = 0; i < phases.size(); ++i) {
    const auto pointer = "/phases/" + std::to_string(i);
    auto parsed = parse_phase(phases[i], pointer);
    if (auto* e = std::get_if<template_error>(&parsed)) return *e;
    auto& phase = std::get<phase_template>(parsed);
    if (!ids.insert(phase.id).second) return template_error{pointer + "/id", "repeats an earlier phase id"};
    t.phases.push_back(std::move(phase));
  }
  return t;
}

const std::vector<session_template>& builtin_templates() {
  static const std::vector<session_template> all = [] {
    std::vector<session_template> out;
    for (const auto* source : builtin_template_sources) {
      auto parsed = parse_template(nlohmann::json::parse(source));
      if (auto* e = std::get_if<template_error>(&parsed)) {
        throw std::logic_error("built-in template is invalid at " + e->field + ": " + e->message);
      }
      out.push_back(std::get<session_template>(std::move(parsed)));
    }
    return out;
  }();
  return all;
}

const session_template* find_builtin_template(const std::string& id) {
  for (const auto& t : builtin_templates()) {
    if (t.id == id) return &t;
  }
  return nullptr;
}

}  // namespace debrief::protocol
