#include "host_connection.hpp"

#include <atomic>

#include "debrief/protocol/access.hpp"
#include "debrief/protocol/wire.hpp"
#include "hub.hpp"
#include "log.hpp"
#include "secrets.hpp"

namespace debrief::server {

namespace {

using protocol::error_code;

std::string string_field(const nlohmann::json& message, const char* name) {
  const auto it = message.find(name);
  return it != message.end() && it->is_string() ? it->get<std::string>() : std::string{};
}

}  // namespace

bool is_host_message(const nlohmann::json& message) {
  return message.is_object() && message.contains("type") && message.at("type") == "host";
}

host_subscription::host_subscription(hub& rooms, std::weak_ptr<connection> out) : hub_(rooms), out_(std::move(out)) {}

host_subscription::~host_subscription() {
  if (board_) board_->unsubscribe(key_);
  if (counted_) metrics::get().host_subscribed(false);
}

void host_subscription::refuse(error_code code, const std::string& message, unsigned short close_code,
                               const std::string& reason) {
  auto out = out_.lock();
  if (!out) return;
  out->send(make_text(protocol::error_message({code, message}).dump()));
  out->close_after_send(close_code, reason);
}

void host_subscription::start(const nlohmann::json& first) {
  if (auto out = out_.lock()) key_ = out.get();
  const auto version = first.find("version");
  if (version == first.end() || !version->is_number_integer() || *version != protocol::protocol_version) {
    return refuse(error_code::unsupported_version,
                  "This server speaks protocol version " + std::to_string(protocol::protocol_version) +
                      " only; reload the page to get a client that does.",
                  1002, "unsupported version");
  }
  auto event = string_field(first, "event");
  auto key = string_field(first, "key");
  // Not an id's form, or no key: refused as a wrong key is, with no lookup.
  if (!secrets::is_event_id(event) || key.empty()) {
    return refuse(error_code::forbidden, "The event or its host key is wrong.", 1008, "forbidden");
  }
  hub_.reads().post([self = shared_from_this(), event = std::move(event), key = std::move(key)](storage::database& db) {
    std::optional<storage::stored_event> stored;
    try {
      stored = db.load_event(event);
    } catch (const std::exception& e) {
      log_event(log_level::error, "event_read_failed", "an event could not be read",
                {{"event", event_ref(event)}, {"error", e.what()}});
      return self->refuse(error_code::unavailable, "This event cannot be read right now.", 1011, "storage unavailable");
    }
    // An unknown event is refused exactly as a wrong key: nothing is revealed.
    if (!stored || !protocol::secrets_equal(key, stored->record.host_key)) {
      return self->refuse(error_code::forbidden, "The event or its host key is wrong.", 1008, "forbidden");
    }
    auto board = self->hub_.board_for(event);
    // Every room opened (loaded if it is not in memory) has published its
    // summary to the board by the time its open answers.
    auto waiting = std::make_shared<std::atomic<std::size_t>>(stored->rooms.size() + 1);
    auto one_done = [self, board, waiting, title = stored->record.title] {
      if (waiting->fetch_sub(1) == 1) self->opened(title, board);
    };
    for (const auto& room : stored->rooms) {
      self->hub_.open(room.session, [one_done](const open_result&) { one_done(); });
    }
    one_done();
  });
}

void host_subscription::opened(const std::string& title, std::shared_ptr<summary_board> board) {
  auto out = out_.lock();
  if (!out) return;  // gone while its rooms were opened
  // Counted first: whoever reads the welcome finds the console counted.
  counted_ = true;
  metrics::get().host_subscribed(true);
  board->subscribe(out, title);
  board_ = std::move(board);
}

}  // namespace debrief::server
