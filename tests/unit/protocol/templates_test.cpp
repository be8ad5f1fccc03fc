// Templates are data: the built-in ones parse, and a bad one is refused with
// the JSON pointer of the offending field.

#include <filesystem>
#include <fstream>
#include <functional>
#include <numeric>
#include <set>

#include "test_support.hpp"

#include "debrief/protocol/templates.hpp"

namespace debrief::protocol::test {
namespace {

using json = nlohmann::json;

// The template files the library compiles in, read from the source tree.
std::filesystem::path template_folder() { return DEBRIEF_TEMPLATES_DIR; }

int total_minutes(const session_template& t) {
  return std::accumulate(t.phases.begin(), t.phases.end(), 0,
                         [](int sum, const phase_template& p) { return sum + p.minutes; });
}

json a_valid_template() {
  return {{"id", "mini"},
          {"name", "Mini debrief"},
          {"description", "Two phases."},
          {"phases",
           {{{"id", "a"}, {"title", "First"}, {"kind", "opening"}, {"minutes", 3}, {"prompts", {"Why?"}}},
            {{"id", "b"}, {"title", "Second"}, {"kind", "chart"}, {"minutes", 4}}}}};
}

std::string error_field(const json& j) {
  const auto parsed = parse_template(j);
  if (const auto* e = std::get_if<template_error>(&parsed)) {
    EXPECT_FALSE(e->message.empty()) << "at " << e->field;
    return e->field;
  }
  return "(accepted)";
}

TEST(BuiltinTemplates, EveryTemplateFileIsBuiltIn) {
  std::size_t files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(template_folder())) {
    if (entry.path().extension() != ".json") continue;
    ++files;
    const auto source = json::parse(std::ifstream(entry.path()));
    SCOPED_TRACE(entry.path().filename().string());
    const auto* builtin = find_builtin_template(source.at("id").get<std::string>());
    ASSERT_NE(builtin, nullptr);
    EXPECT_EQ(builtin->name, source.at("name").get<std::string>());
    EXPECT_EQ(builtin->phases.size(), source.at("phases").size());
  }
  EXPECT_GT(files, 0u);
  EXPECT_EQ(builtin_templates().size(), files);
}

TEST(BuiltinTemplates, EachParsesAndItsMinutesSumAsTheJsonSays) {
  std::size_t checked = 0;
  for (const auto& entry : std::filesystem::directory_iterator(template_folder())) {
    if (entry.path().extension() != ".json") continue;
    SCOPED_TRACE(entry.path().filename().string());
    const auto source = json::parse(std::ifstream(entry.path()));
    int expected = 0;
    for (const auto& phase : source.at("phases")) expected += phase.at("minutes").get<int>();

    const auto parsed = parse_template(source);
    ASSERT_TRUE(std::holds_alternative<session_template>(parsed)) << std::get<template_error>(parsed).field;
    EXPECT_EQ(total_minutes(std::get<session_template>(parsed)), expected);
    const auto* builtin = find_builtin_template(source.at("id").get<std::string>());
    ASSERT_NE(builtin, nullptr);
    EXPECT_EQ(std::get<session_template>(parsed), *builtin);
    ++checked;
  }
  EXPECT_EQ(checked, builtin_templates().size());
}

TEST(BuiltinTemplates, TheLearningPartnershipTakes35MinutesInEightPhases) {
  const auto* t = find_builtin_template("learning-partnership");

  ASSERT_NE(t, nullptr);
  EXPECT_EQ(total_minutes(*t), 35);
  EXPECT_EQ(t->phases.size(), 8u);
  EXPECT_EQ(t->phases.front().kind, phase_kind::opening);
}

TEST(BuiltinTemplates, TheFollowUpChecksInAfterReadingTheNewConversation) {
  const auto* t = find_builtin_template("follow-up");

  ASSERT_NE(t, nullptr);
  EXPECT_EQ(t->name, "Follow-up check-in");
  EXPECT_EQ(total_minutes(*t), 48);
  std::vector<phase_kind> kinds;
  for (const auto& p : t->phases) kinds.push_back(p.kind);
  EXPECT_EQ(kinds, (std::vector<phase_kind>{phase_kind::opening, phase_kind::transcript, phase_kind::check_in,
                                            phase_kind::assumptions, phase_kind::adaptations, phase_kind::reflection}));
  EXPECT_EQ(t->phases[3].writers, writers::presenter);
  // Seed 001's last reflection prompt: the inquiry goes on.
  const auto& last = t->phases.back().prompts.back();
  EXPECT_NE(last.find("follow-up questions might I have for this learner over time"), std::string::npos);
  EXPECT_NE(last.find("other learners"), std::string::npos);
}

TEST(BuiltinTemplates, IdsAreUniqueAndFindable) {
  std::set<std::string> ids;
  for (const auto& t : builtin_templates()) {
    EXPECT_TRUE(ids.insert(t.id).second) << t.id;
    EXPECT_EQ(find_builtin_template(t.id), &t);
  }
  EXPECT_EQ(find_builtin_template("no-such-template"), nullptr);
}

TEST(ParseTemplate, AcceptsAValidTemplate) {
  const auto parsed = parse_template(a_valid_template());

  ASSERT_TRUE(std::holds_alternative<session_template>(parsed));
  EXPECT_EQ(std::get<session_template>(parsed), (session_template{"mini",
                                                                  "Mini debrief",
                                                                  "Two phases.",
                                                                  {{"a", "First", phase_kind::opening, 3, {"Why?"}},
                                                                   {"b", "Second", phase_kind::chart, 4, {}}}}));
}

TEST(ParseTemplate, AcceptsEveryPhaseKind) {
  for (const auto* kind :
       {"opening", "assumptions", "transcript", "adaptations", "reflection", "discussion", "chart", "check_in"}) {
    auto j = a_valid_template();
    j["phases"][0]["kind"] = kind;
    EXPECT_EQ(error_field(j), "(accepted)") << kind;
  }
}

TEST(ParseTemplate, AcceptsOneAnd240Minutes) {
  for (int minutes : {1, 240}) {
    auto j = a_valid_template();
    j["phases"][1]["minutes"] = minutes;
    EXPECT_EQ(error_field(j), "(accepted)") << minutes;
  }
}

TEST(ParseTemplate, AcceptsTwentyPromptsOf500Characters) {
  std::string longest;
  for (int i = 0; i < 500; ++i) longest += "\u00e9";  // 500 characters, 1000 bytes
  auto j = a_valid_template();
  j["phases"][0]["prompts"] = std::vector<std::string>(20, longest);

  EXPECT_EQ(error_field(j), "(accepted)");
}

struct bad_template {
  std::string what;
  std::function<void(json&)> spoil;
  std::string field;
};

void PrintTo(const bad_template& b, std::ostream* os) { *os << b.what; }

class ParseTemplateRejects : public ::testing::TestWithParam<bad_template> {};

TEST_P(ParseTemplateRejects, NamingTheField) {
  auto j = a_valid_template();
  GetParam().spoil(j);

  EXPECT_EQ(error_field(j), GetParam().field);
}

INSTANTIATE_TEST_SUITE_P(
    EachBadField, ParseTemplateRejects,
    ::testing::Values(
        bad_template{"MissingId", [](json& j) { j.erase("id"); }, "/id"},
        bad_template{"EmptyId", [](json& j) { j["id"] = "  "; }, "/id"},
        bad_template{"NumericName", [](json& j) { j["name"] = 7; }, "/name"},
        bad_template{"MissingName", [](json& j) { j.erase("name"); }, "/name"},
        bad_template{"NonStringDescription", [](json& j) { j["description"] = json::array(); }, "/description"},
        bad_template{"MissingPhases", [](json& j) { j.erase("phases"); }, "/phases"},
        bad_template{"EmptyPhases", [](json& j) { j["phases"] = json::array(); }, "/phases"},
        bad_template{"PhasesNotAList", [](json& j) { j["phases"] = json::object(); }, "/phases"},
        bad_template{
            "FortyOnePhases",
            [](json& j) {
              json phases = json::array();
              for (int i = 0; i < 41; ++i) {
                phases.push_back({{"id", "p" + std::to_string(i)}, {"title", "T"}, {"kind", "chart"}, {"minutes", 1}});
              }
              j["phases"] = phases;
            },
            "/phases"},
        bad_template{"PhaseNotAnObject", [](json& j) { j["phases"][1] = "b"; }, "/phases/1"},
        bad_template{"PhaseWithoutId", [](json& j) { j["phases"][1].erase("id"); }, "/phases/1/id"},
        bad_template{"PhaseWithoutTitle", [](json& j) { j["phases"][0].erase("title"); }, "/phases/0/title"},
        bad_template{"UnknownKind", [](json& j) { j["phases"][1]["kind"] = "lecture"; }, "/phases/1/kind"},
        bad_template{"NumericKind", [](json& j) { j["phases"][1]["kind"] = 3; }, "/phases/1/kind"},
        bad_template{"MissingKind", [](json& j) { j["phases"][0].erase("kind"); }, "/phases/0/kind"},
        bad_template{"ZeroMinutes", [](json& j) { j["phases"][1]["minutes"] = 0; }, "/phases/1/minutes"},
        bad_template{"NegativeMinutes", [](json& j) { j["phases"][1]["minutes"] = -3; }, "/phases/1/minutes"},
        bad_template{"Minutes241", [](json& j) { j["phases"][1]["minutes"] = 241; }, "/phases/1/minutes"},
        bad_template{"FractionalMinutes", [](json& j) { j["phases"][1]["minutes"] = 2.5; }, "/phases/1/minutes"},
        bad_template{"MinutesAsString", [](json& j) { j["phases"][1]["minutes"] = "5"; }, "/phases/1/minutes"},
        bad_template{"HugeMinutes", [](json& j) { j["phases"][1]["minutes"] = 18446744073709551615ull; },
                     "/phases/1/minutes"},
        bad_template{"MissingMinutes", [](json& j) { j["phases"][0].erase("minutes"); }, "/phases/0/minutes"},
        bad_template{"DuplicatePhaseId", [](json& j) { j["phases"][1]["id"] = "a"; }, "/phases/1/id"},
        bad_template{"PromptsNotAList", [](json& j) { j["phases"][0]["prompts"] = "Why?"; }, "/phases/0/prompts"},
        bad_template{"TwentyOnePrompts",
                     [](json& j) { j["phases"][1]["prompts"] = std::vector<std::string>(21, "Why?"); },
                     "/phases/1/prompts"},
        bad_template{"NumericPrompt",
                     [](json& j) {
                       j["phases"][0]["prompts"] = {"Why?", 2};
                     },
                     "/phases/0/prompts/1"},
        bad_template{"PromptOf501Characters",
                     [](json& j) {
                       j["phases"][0]["prompts"] = {"Why?", std::string(501, 'x')};
                     },
                     "/phases/0/prompts/1"}),
    [](const auto& info) { return info.param.what; });

TEST(ParseTemplate, ANonObjectIsRefusedAtTheRoot) {
  for (const auto& j : {json::array(), json("template"), json(3), json()}) {
    const auto parsed = parse_template(j);
    ASSERT_TRUE(std::holds_alternative<template_error>(parsed)) << j.dump();
    EXPECT_EQ(std::get<template_error>(parsed).field, "");
    EXPECT_FALSE(std::get<template_error>(parsed).message.empty());
  }
}

TEST(ParseTemplate, TheTemplateJsonOfAStateParsesBackToTheSameTemplate) {
  const auto parsed = parse_template(json(small_template()));

  ASSERT_TRUE(std::holds_alternative<session_template>(parsed));
  EXPECT_EQ(std::get<session_template>(parsed), small_template());
}

}  // namespace
}  // namespace debrief::protocol::test
