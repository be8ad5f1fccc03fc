// The options for keeping data: retention and backups, by flag and by
// environment variable, their defaults, and the refusals.

#include <gtest/gtest.h>

#include <cstdlib>
#include <string>
#include <variant>
#include <vector>

#include "debrief/server/config.hpp"
#include "parse_support.hpp"

namespace debrief::server {
namespace {

using namespace test;

TEST(DataOptions, DefaultsKeepEndedSessions180DaysAndMakeNoBackups) {
  const auto cfg = std::get<config>(parse({}));
  EXPECT_EQ(cfg.retention_days, 180);
  EXPECT_EQ(cfg.backup_dir, "");
  EXPECT_EQ(cfg.backup_interval, std::chrono::milliseconds(0));
  EXPECT_EQ(cfg.backup_keep, 7);
}

TEST(DataOptions, FlagsAndVariablesSetThem) {
  const auto cfg = std::get<config>(
      parse({"--retention-days", "0", "--backup-dir", "/b", "--backup-every", "60", "--backup-keep", "30"}));
  EXPECT_EQ(cfg.retention_days, 0);
  EXPECT_EQ(cfg.backup_dir, "/b");
  EXPECT_EQ(cfg.backup_interval, std::chrono::minutes(60));
  EXPECT_EQ(cfg.backup_keep, 30);

  ::setenv("DEBRIEF_RETENTION_DAYS", "365", 1);
  ::setenv("DEBRIEF_BACKUP_DIR", "/var/backups/debrief", 1);
  ::setenv("DEBRIEF_BACKUP_EVERY", "15", 1);
  ::setenv("DEBRIEF_BACKUP_KEEP", "3", 1);
  const auto env = parse({});
  for (const auto* name :
       {"DEBRIEF_RETENTION_DAYS", "DEBRIEF_BACKUP_DIR", "DEBRIEF_BACKUP_EVERY", "DEBRIEF_BACKUP_KEEP"})
    ::unsetenv(name);
  const auto& from_env = std::get<config>(env);
  EXPECT_EQ(from_env.retention_days, 365);
  EXPECT_EQ(from_env.backup_dir, "/var/backups/debrief");
  EXPECT_EQ(from_env.backup_interval, std::chrono::minutes(15));
  EXPECT_EQ(from_env.backup_keep, 3);
}

TEST(DataOptions, BadValuesAreRefusedWithTheFlag) {
  EXPECT_NE(refusal({"--retention-days", "-1"}).find("--retention-days"), std::string::npos);
  EXPECT_NE(refusal({"--backup-keep", "0"}).find("--backup-keep"), std::string::npos);
  EXPECT_NE(refusal({"--backup-every", "x", "--backup-dir", "/b"}).find("--backup-every"), std::string::npos);
  // A schedule with nowhere to go.
  EXPECT_NE(refusal({"--backup-every", "60"}).find("--backup-every needs --backup-dir"), std::string::npos);
}

TEST(DataOptions, HelpListsThemAndTheAdminCommands) {
  const auto text = std::get<show_help>(parse({"--help"})).text;
  for (const auto* shown : {"--retention-days", "DEBRIEF_RETENTION_DAYS", "180", "--backup-dir", "--backup-every",
                            "DEBRIEF_BACKUP_EVERY", "--backup-keep", "debrief-server admin"}) {
    EXPECT_NE(text.find(shown), std::string::npos) << shown;
  }
}

}  // namespace
}  // namespace debrief::server
