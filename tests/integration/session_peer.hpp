#pragma once
// One participant as a careful client sees it, across connections: its
// token, the last event seq it applied, and every command it sent with the
// answer it got. It checks what the protocol promises on the way: events
// arrive in seq order with no gap and no duplicate, a snapshot never goes
// back in time, an ack comes after its events, and a resumed token is the
// same participant. Anything else is written down in `problems`.

#include <cstdint>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "async_client.hpp"

namespace debrief::testing {

class session_peer {
 public:
  using json = nlohmann::json;
  enum class status { unsent, sent, acked };
  struct command_state {
    json message;  // with its "id"
    status state = status::unsent;
    std::int64_t ack_seq = 0;
    int times_sent = 0;
  };

  session_peer(server::net::io_context& ioc, std::string session, std::string name, std::string role,
               std::string facilitator_key = {});

  // Opens a connection: hello with the token and the last seq applied, once
  // there are any; then every command still unanswered is sent again with
  // its id. A peer that has no token yet joins.
  void connect(std::uint16_t port);
  // Opens a connection that asks for a fresh snapshot (no last_seq).
  void connect_for_snapshot(std::uint16_t port);
  void drop();

  // Records the command under `id` and sends it if connected.
  void command(json message, const std::string& id);

  // Sends the oldest command refused with rate_limited (nothing was applied),
  // if there is one.
  bool send_next_unsent();

  bool connected() const { return link_ && link_->is_open(); }
  bool welcomed() const { return welcomed_; }
  bool joined() const { return !token.empty(); }
  std::size_t in_flight() const;
  std::size_t answered() const;
  bool all_answered() const { return answered() == commands.size(); }

  std::string session;
  std::string name;
  std::string role;
  std::string facilitator_key;
  std::string you;
  std::string token;
  std::optional<std::int64_t> last_seq;
  json snapshot;  // the state of the last snapshot received
  std::map<std::string, command_state> commands;
  std::vector<std::string> order;  // command ids, in the order first sent
  std::vector<json> events;        // every event received, in order
  std::vector<std::string> problems;
  std::size_t rate_limited = 0;
  std::size_t snapshots = 0;
  std::size_t bytes_received = 0;

 private:
  void open(std::uint16_t port, bool with_last_seq);
  void on_message(const json& m);
  void on_event(const json& m);
  void on_ack(const json& m);
  void on_error(const json& m);
  void problem(std::string what);

  server::net::io_context& ioc_;
  std::shared_ptr<async_client> link_;
  int generation_ = 0;
  bool welcomed_ = false;
  bool in_lobby_ = false;  // this connection has not joined (yet): lobby messages only
  std::string join_id_;
  std::string client_secret_;
};

}  // namespace debrief::testing
