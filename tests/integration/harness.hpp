#pragma once
// A real server on an ephemeral port and real clients speaking to it over
// loopback: the pieces every integration test is built from.

#include <chrono>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "beast.hpp"
#include "debrief/server/app.hpp"

namespace debrief::testing {

using json = nlohmann::json;
using namespace std::chrono_literals;
namespace net = server::net;
namespace beast = server::beast;
namespace http = server::http;
namespace websocket = server::websocket;
using tcp = server::tcp;

// A fresh folder for one test's database, removed afterwards.
class temp_dir {
 public:
  temp_dir();
  ~temp_dir();
  std::filesystem::path path() const { return path_; }

 private:
  std::filesystem::path path_;
};

class test_server {
 public:
  // `adjust` may change the configuration (limits, flags) before the start.
  explicit test_server(std::filesystem::path db, std::filesystem::path static_dir = {},
                       std::function<std::int64_t()> clock = {},
                       const std::function<void(server::config&)>& adjust = {});
  ~test_server();
  std::uint16_t port() const { return port_; }
  // Sessions the server holds in memory now.
  std::size_t loaded_sessions() const { return app_->loaded_sessions(); }

 private:
  std::unique_ptr<server::app> app_;
  std::uint16_t port_ = 0;
  std::thread thread_;
};

struct http_reply {
  unsigned status = 0;
  std::string body;
  std::string content_type;
  std::string retry_after;
  std::string content_disposition;
  std::string content_security_policy;
};

using header_list = std::vector<std::pair<std::string, std::string>>;

http_reply http_request(std::uint16_t port, http::verb method, const std::string& target, const std::string& body = {},
                        const std::string& bearer = {}, const header_list& headers = {});

struct created {
  std::string code;
  std::string facilitator_key;
};
created create_session(std::uint16_t port, const std::string& template_id = "learning-partnership");

// 32 hex digits of a fresh random value: a join's client_secret, or a prefix
// that keeps one client's command ids apart from everyone else's.
std::string random_hex(std::size_t digits = 32);

class ws_client {
 public:
  explicit ws_client(std::uint16_t port, const std::string& origin = {});
  ~ws_client();

  void send(const json& message);
  void send_raw(const std::string& text, bool binary = false);
  // The next message; throws if none arrives within the timeout.
  json receive(std::chrono::milliseconds timeout = 5s);
  // Reads messages until one of the given type; returns it. Others are dropped.
  json receive_type(const std::string& type, std::chrono::milliseconds timeout = 5s);
  // Sends a command and reads through its ack (or error), collecting the
  // events that arrived before it.
  json command(json message, std::vector<json>* events_before = nullptr);
  // Like command, but throws unless the answer is an ack; the events that
  // came before the ack are in its "events".
  json ok(json message);
  // Every raw frame received so far (for checks that text never arrived).
  const std::string& transcript_of_frames() const { return frames_; }
  // The last snapshot received (null before any).
  const json& last_snapshot() const { return snapshot_; }
  // The resume token its join was acknowledged with (empty before).
  const std::string& join_token() const { return token_; }
  // True if the server closed the connection; the close code in *code.
  bool closed_by_server(websocket::close_code* code, std::chrono::milliseconds timeout = 5s);
  void close();

  // hello (protocol version 2) + welcome; returns the welcome.
  json hello(const std::string& session, const json& extra = json::object());
  // hello + welcome + lobby + join with a fresh client secret; returns the
  // answer. An ack must come after the snapshot that shows the session to
  // the new participant (last_snapshot()); this throws if it does not.
  json join(const std::string& session, const std::string& name, const std::string& role,
            const std::string& facilitator_key = {});

 private:
  net::io_context ioc_;
  websocket::stream<tcp::socket> ws_{ioc_};
  // Joins are recognised by their id alone, so no two clients may share ids.
  std::string id_prefix_ = random_hex(8) + "-";
  int next_id_ = 1;
  std::string frames_;
  json snapshot_;
  std::string token_;
};

// Reads lobby messages until one lists a participant called `name`, and
// returns it. Anything else on the way throws: a connection that has not
// joined is shown nothing but the lobby. (Someone joining is how a test
// knows that everything committed before has reached such a connection.)
json receive_lobby_naming(ws_client& c, const std::string& name);

// The session as the participant holding `token` sees it: the snapshot a new
// connection of theirs receives.
json snapshot_of(std::uint16_t port, const std::string& session, const std::string& token);

// The ids of every session stored in the database file, sorted.
std::vector<std::string> stored_sessions(const std::filesystem::path& db);

// Checks `done` until it holds or `limit` passes (a ceiling for a stuck
// server, not a timing claim); false if it never held.
template <typename Condition>
bool eventually(Condition done, std::chrono::milliseconds limit = std::chrono::seconds(10)) {
  const auto give_up = std::chrono::steady_clock::now() + limit;
  while (!done()) {
    if (std::chrono::steady_clock::now() > give_up) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return true;
}

}  // namespace debrief::testing
