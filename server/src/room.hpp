#pragma once
// One live session. Every change goes one way: a command arrives on the
// room's strand, the pure core applies it, storage commits the events, then
// the room acknowledges the sender and broadcasts the events, in seq order.

#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>

#include "beast.hpp"
#include "connection.hpp"
#include "debrief/protocol/apply.hpp"
#include "debrief/protocol/wire.hpp"
#include "debrief/storage/records.hpp"
#include "debrief/storage/writer.hpp"

namespace debrief::server {

struct room_seed {
  storage::session_record record;
  protocol::session_state state;  // as of seq
  std::int64_t seq = 0;
  std::deque<storage::event_record> recent;  // the last stored events, ending at seq
  std::vector<storage::credential> credentials;
};

class room : public std::enable_shared_from_this<room> {
 public:
  room(net::any_io_executor executor, storage::writer& store, room_seed seed);

  const std::string& id() const { return id_; }

  // Each may be called from any thread; the work runs on the room's strand.
  void attach(std::shared_ptr<connection> c, protocol::hello hello);
  void detach(const connection* c);
  void submit(const connection* c, protocol::client_command command);
  // Closes every connection with "going away" (server shutdown).
  void close_all();

  // Restarts the expiry timer of a running phase timer (after load).
  void start();

 private:
  struct member {
    std::weak_ptr<connection> link;
    std::string participant;  // empty until joined
  };
  struct pending_reply {
    const connection* to = nullptr;
    std::weak_ptr<connection> link;
    std::string command_id;
    std::string token;  // for a join: the new participant's resume token
    std::string participant;
  };

  void do_attach(const std::shared_ptr<connection>& c, const protocol::hello& hello);
  void do_detach(const connection* c);
  void do_submit(const connection* c, protocol::client_command command);
  void execute(const std::string& participant, const protocol::command& command, pending_reply reply);
  void on_committed(std::vector<shared_text> messages,
                    std::vector<protocol::event> events, pending_reply reply,
                    const std::optional<std::string>& error);
  void fail(const std::string& why);
  void send_catch_up(connection& c, std::optional<std::int64_t> last_seq);
  void broadcast(const shared_text& message);
  void reply_to(const pending_reply& reply, const nlohmann::json& message);
  void schedule_expiry();
  std::size_t connections_of(const std::string& participant) const;

  net::strand<net::any_io_executor> strand_;
  storage::writer& store_;
  std::string id_;
  std::string facilitator_key_;

  // applied_: every accepted event, stored or not yet; decides new commands.
  // committed_: only stored events; what clients may see.
  protocol::session_state applied_;
  std::int64_t applied_seq_ = 0;
  protocol::session_state committed_;
  std::int64_t committed_seq_ = 0;
  std::int64_t snapshot_seq_ = 0;

  // Recently committed event messages, for clients catching up.
  std::deque<std::pair<std::int64_t, shared_text>> recent_;
  std::unordered_map<std::string, std::string> token_to_participant_;
  std::map<const connection*, member> members_;
  net::steady_timer expiry_;
  bool failed_ = false;
};

}  // namespace debrief::server
