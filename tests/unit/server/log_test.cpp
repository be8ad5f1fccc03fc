// The log's two formats: one JSON object a line, or logfmt with quoting that
// keeps every event on one line; and the reference that stands for a session.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "log.hpp"

namespace debrief::server {
namespace {

constexpr std::int64_t dec_6_2026_21h = 1796590800123;  // 2026-12-06T21:00:00.123Z

const std::string awkward = "a \"quoted\" word,\nthen a new line\tand a tab \\ back=slash";

TEST(LogLine, JsonIsOneObjectPerLineWithTimeLevelEventAndFieldsInOrder) {
  const auto line = format_log_line(log_format::json, dec_6_2026_21h, log_level::warn, "rate_limited", "refused",
                                    {{"participant_messages", 12}, {"error", awkward}, {"ok", true}});
  EXPECT_EQ(line.find('\n'), std::string::npos);
  const auto parsed = nlohmann::ordered_json::parse(line);
  EXPECT_EQ(parsed.at("time"), "2026-12-06T21:00:00.123Z");
  EXPECT_EQ(parsed.at("level"), "warn");
  EXPECT_EQ(parsed.at("event"), "rate_limited");
  EXPECT_EQ(parsed.at("msg"), "refused");
  EXPECT_EQ(parsed.at("participant_messages"), 12);
  EXPECT_EQ(parsed.at("error"), awkward);
  EXPECT_EQ(parsed.at("ok"), true);
  EXPECT_EQ(parsed.begin().key(), "time");
}

TEST(LogLine, JsonReplacesInvalidUtf8InsteadOfThrowing) {
  const auto line = format_log_line(log_format::json, 0, log_level::error, "storage_failed", "x",
                                    {{"error", std::string("\xff\xfe")}});
  const auto parsed = nlohmann::json::parse(line, nullptr, false);
  ASSERT_FALSE(parsed.is_discarded()) << line;
  EXPECT_EQ(parsed.at("time"), "1970-01-01T00:00:00.000Z");
}

TEST(LogLine, LogfmtQuotesSpacesQuotesAndNewLines) {
  const auto line = format_log_line(log_format::logfmt, dec_6_2026_21h, log_level::info, "start",
                                    "listening on http://127.0.0.1:8080",
                                    {{"port", 8080}, {"db", "data/debrief.db"}, {"error", awkward}, {"empty", ""}});
  EXPECT_EQ(line,
            "time=2026-12-06T21:00:00.123Z level=info event=start msg=\"listening on http://127.0.0.1:8080\" "
            "port=8080 db=data/debrief.db "
            "error=\"a \\\"quoted\\\" word,\\nthen a new line\\tand a tab \\\\ back=slash\" empty=\"\"");
  EXPECT_EQ(line.find('\n'), std::string::npos);
}

TEST(LogLine, LogfmtEscapesOtherControlCharacters) {
  const auto line = format_log_line(log_format::logfmt, 0, log_level::info, "e", "m", {{"x", std::string("a\x01z")}});
  EXPECT_NE(line.find("x=\"a\\u0001z\""), std::string::npos) << line;
}

TEST(SessionRef, IsShortStableAndNotTheCode) {
  const std::string code = "7K3M9QXRT2WP";
  const auto ref = session_ref(code);
  EXPECT_EQ(ref.size(), 8u);
  EXPECT_EQ(ref.find_first_not_of("0123456789abcdef"), std::string::npos);
  EXPECT_EQ(ref, session_ref(code));
  EXPECT_NE(ref, session_ref("7K3M9QXRT2WQ"));
  for (std::size_t i = 0; i + 3 <= code.size(); ++i) {
    EXPECT_EQ(ref.find(code.substr(i, 3)), std::string::npos) << "a piece of the code shows in " << ref;
  }
}

TEST(InquiryRef, IsShortStableAndNotTheId) {
  const std::string id = "K7M2Q9XP4TDAB7C8";
  const auto ref = inquiry_ref(id);
  EXPECT_EQ(ref.size(), 8u);
  EXPECT_EQ(ref.find_first_not_of("0123456789abcdef"), std::string::npos);
  EXPECT_EQ(ref, inquiry_ref(id));
  EXPECT_NE(ref, inquiry_ref("K7M2Q9XP4TDAB7C9"));
  for (std::size_t i = 0; i + 3 <= id.size(); ++i) {
    EXPECT_EQ(ref.find(id.substr(i, 3)), std::string::npos) << "a piece of the id shows in " << ref;
  }
}

TEST(LogSink, ReceivesEachLineAndStderrComesBack) {
  std::vector<std::string> lines;
  set_log_sink([&lines](const std::string& line) { lines.push_back(line); });
  log_event(log_level::info, "session_created", "a session was created", {{"session", "0badf00d"}});
  set_log_sink({});
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(nlohmann::json::parse(lines[0]).at("session"), "0badf00d");
}

}  // namespace
}  // namespace debrief::server
