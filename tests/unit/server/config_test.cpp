// debrief-server's options: flags, the DEBRIEF_* environment variables behind
// them, which wins, and what a bad value says.

#include <gtest/gtest.h>

#include <unistd.h>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <string>
#include <tuple>
#include <variant>
#include <vector>

#include "debrief/server/config.hpp"
#include "parse_support.hpp"

namespace debrief::server {
namespace {

using namespace test;

TEST(Config, NoFlagsGiveTheDefaults) {
  const auto cfg = parsed({});
  EXPECT_EQ(cfg.port, 8080);
  EXPECT_EQ(cfg.bind, "0.0.0.0");
  EXPECT_EQ(cfg.db, "data/debrief.db");
  EXPECT_EQ(cfg.static_dir, "client-web/dist");
  EXPECT_EQ(cfg.threads, 1);
  EXPECT_EQ(cfg.create_burst, 30);
  EXPECT_EQ(cfg.max_connections, 0);
  EXPECT_EQ(cfg.join_timeout, std::chrono::minutes(15));
  EXPECT_EQ(cfg.lobby_expiry_hours, 24);
  EXPECT_EQ(cfg.unload_after, std::chrono::seconds(60));
  EXPECT_TRUE(cfg.allowed_origins.empty());
}

TEST(Config, FlagsSetTheirFields) {
  const auto cfg = parsed({"--port", "9000", "--threads", "4", "--allow-origin", "http://a.example", "--allow-origin",
                           "http://b.example", "--trusted-proxy", "::ffff:10.0.0.1", "--create-burst", "5",
                           "--join-timeout-minutes", "2", "--unload-after-seconds", "7", "--db", "x.db"});
  EXPECT_EQ(cfg.port, 9000);
  EXPECT_EQ(cfg.threads, 4);
  EXPECT_EQ(cfg.allowed_origins, (std::vector<std::string>{"http://a.example", "http://b.example"}));
  EXPECT_EQ(cfg.trusted_proxies, std::vector<std::string>{"::ffff:10.0.0.1"});
  EXPECT_EQ(cfg.create_burst, 5);
  EXPECT_EQ(cfg.join_timeout, std::chrono::minutes(2));
  EXPECT_EQ(cfg.unload_after, std::chrono::seconds(7));
  EXPECT_EQ(cfg.db, "x.db");
}

TEST(Config, EveryFlagCanComeFromItsEnvironmentVariable) {
  const scoped_env port("DEBRIEF_PORT", "9001");
  const scoped_env dir("DEBRIEF_STATIC_DIR", "/srv/debrief");
  const scoped_env origins("DEBRIEF_ALLOW_ORIGIN", "http://a.example,http://b.example");
  const scoped_env expiry("DEBRIEF_LOBBY_EXPIRY_HOURS", "48");
  const scoped_env unload("DEBRIEF_UNLOAD_AFTER_SECONDS", "30");
  const auto cfg = parsed({});
  EXPECT_EQ(cfg.port, 9001);
  EXPECT_EQ(cfg.static_dir, "/srv/debrief");
  EXPECT_EQ(cfg.allowed_origins, (std::vector<std::string>{"http://a.example", "http://b.example"}));
  EXPECT_EQ(cfg.lobby_expiry_hours, 48);
  EXPECT_EQ(cfg.unload_after, std::chrono::seconds(30));
}

TEST(Config, AFlagBeatsItsEnvironmentVariable) {
  const scoped_env port("DEBRIEF_PORT", "9001");
  const scoped_env threads("DEBRIEF_THREADS", "not a number");  // never read: the flag is given
  const auto cfg = parsed({"--port", "9002", "--threads", "2"});
  EXPECT_EQ(cfg.port, 9002);
  EXPECT_EQ(cfg.threads, 2);
}

TEST(Config, ABadValueIsRefusedWithTheFlagAndTheRange) {
  for (const auto& [flag, value, says] : std::vector<std::tuple<const char*, const char*, std::string>>{
           {"--port", "70000", "--port: needs a number from 0 to 65535"},
           {"--port", "80x", "--port: needs a number from 0 to 65535"},
           {"--threads", "0", "--threads: needs a number from 1 to 64"},
           {"--create-burst", "-1", "--create-burst: needs a number from 1 to 1000000000"},
           {"--join-timeout-minutes", "1441", "--join-timeout-minutes: needs a number from 1 to 1440"},
           {"--unload-after-seconds", "0", "--unload-after-seconds: needs a number from 1 to 86400"},
           {"--trusted-proxy", "proxy.example", "--trusted-proxy: needs an IP address"},
       }) {
    EXPECT_NE(refusal({flag, value}).find(says), std::string::npos)
        << flag << " " << value << ": " << refusal({flag, value});
  }
}

TEST(Config, ABadEnvironmentValueIsRefusedLikeABadFlag) {
  const scoped_env threads("DEBRIEF_THREADS", "100");
  EXPECT_NE(refusal({}).find("--threads: needs a number from 1 to 64"), std::string::npos) << refusal({});
}

TEST(Config, UnknownFlagsAndMissingValuesAreRefused) {
  EXPECT_NE(refusal({"--prot", "80"}).find("--prot"), std::string::npos);
  EXPECT_NE(refusal({"--port"}), "(accepted)");
}

TEST(Config, HelpListsEveryFlagWithItsVariableAndDefault) {
  const auto result = parse({"--help"});
  ASSERT_TRUE(std::holds_alternative<show_help>(result));
  const auto& text = std::get<show_help>(result).text;
  for (const auto* shown : {"--port", "DEBRIEF_PORT", "8080", "--static-dir", "DEBRIEF_STATIC_DIR", "client-web/dist",
                            "--trusted-proxy", "DEBRIEF_TRUSTED_PROXY", "--create-burst", "--websockets-per-address",
                            "--unload-after-seconds", "DEBRIEF_UNLOAD_AFTER_SECONDS"}) {
    EXPECT_NE(text.find(shown), std::string::npos) << shown << " missing from:\n" << text;
  }
  EXPECT_TRUE(std::holds_alternative<show_help>(parse({"-h"})));
}

TEST(Config, ACodePrefixIsOneCharacterOfTheCodeAlphabet) {
  EXPECT_EQ(parsed({}).code_prefix, "");
  EXPECT_EQ(parsed({"--code-prefix", "B"}).code_prefix, "B");
  {
    const scoped_env prefix("DEBRIEF_CODE_PREFIX", "7");
    EXPECT_EQ(parsed({}).code_prefix, "7");
  }
  for (const auto* bad : {"b", "I", "O", "AB", "-", ""}) {
    EXPECT_NE(refusal({"--code-prefix", bad}).find("--code-prefix: needs one character of 0-9 or A-Z"),
              std::string::npos)
        << bad << ": " << refusal({"--code-prefix", bad});
  }
}

// A config file for one test, removed after it.
class config_file {
 public:
  explicit config_file(const std::string& text)
      : path_(std::filesystem::temp_directory_path() /
              ("debrief-config-" + std::to_string(::getpid()) + "-" + std::to_string(counter_++) + ".toml")) {
    std::ofstream(path_) << text;
  }
  ~config_file() { std::filesystem::remove(path_); }
  config_file(const config_file&) = delete;
  config_file& operator=(const config_file&) = delete;
  const char* path() const { return path_.c_str(); }

 private:
  static inline int counter_ = 0;
  std::filesystem::path path_;
};

TEST(Config, OptionsCanComeFromAConfigFile) {
  const config_file file(
      "# the district's settings\n"
      "port = 9100\n"
      "allow-origin = [\"https://a.example\", \"https://b.example\"]\n"
      "retention-days = 30\n"
      "log-format = \"logfmt\"\n");
  const auto cfg = parsed({"--config", file.path()});
  EXPECT_EQ(cfg.port, 9100);
  EXPECT_EQ(cfg.allowed_origins, (std::vector<std::string>{"https://a.example", "https://b.example"}));
  EXPECT_EQ(cfg.retention_days, 30);
  EXPECT_EQ(cfg.log_format, "logfmt");
  {
    const scoped_env named("DEBRIEF_CONFIG", file.path());
    EXPECT_EQ(parsed({}).port, 9100);
  }
}

TEST(Config, TheCommandLineBeatsTheFileAndTheFileBeatsTheEnvironment) {
  const config_file file("port = 9100\nthreads = 2\n");
  const scoped_env port("DEBRIEF_PORT", "9200");
  const scoped_env threads("DEBRIEF_THREADS", "3");
  const auto cfg = parsed({"--config", file.path(), "--port", "9300"});
  EXPECT_EQ(cfg.port, 9300);
  EXPECT_EQ(cfg.threads, 2);
}

TEST(Config, ABadConfigFileIsRefusedWithWhatIsWrong) {
  EXPECT_NE(refusal({"--config", "/nonexistent/debrief.toml"}).find("/nonexistent/debrief.toml"), std::string::npos)
      << refusal({"--config", "/nonexistent/debrief.toml"});
  const config_file typo("prot = 9100\n");
  EXPECT_NE(refusal({"--config", typo.path()}).find("prot"), std::string::npos) << refusal({"--config", typo.path()});
  const config_file range("threads = 100\n");
  EXPECT_NE(refusal({"--config", range.path()}).find("--threads: needs a number from 1 to 64"), std::string::npos)
      << refusal({"--config", range.path()});
}

}  // namespace
}  // namespace debrief::server
