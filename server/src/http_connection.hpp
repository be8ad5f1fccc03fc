#pragma once
// One HTTP connection: static files of the client, the small JSON API, and
// the upgrade to a WebSocket on /ws.

#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "beast.hpp"
#include "connection_count.hpp"
#include "debrief/storage/database.hpp"
#include "export_request.hpp"
#include "metrics.hpp"
#include "websocket_connection.hpp"

namespace debrief::server {

class hub;
class room;
class creation_limit;

struct http_options {
  std::filesystem::path static_root;
  std::vector<std::string> allowed_origins;
  std::vector<net::ip::address> trusted_proxies;  // whose X-Forwarded-For names the client
  std::shared_ptr<creation_limit> creations;
  std::string zoneinfo = "/usr/share/zoneinfo";  // compiled IANA zones, for exports' times
  std::shared_ptr<connection_count> connections;
  websocket_timeouts timeouts;
  // /metrics on this port answers requests bearing this Bearer token; empty:
  // 404, unless metrics_only.
  std::string metrics_token;
  // The --metrics-bind listener: /metrics without a token, and nothing else.
  bool metrics_only = false;
  // --threads 1: every handler runs on that thread in turn, so connections
  // need no strand of their own (see listener::accept_next).
  bool one_network_thread = false;
};

inline constexpr std::size_t max_http_body_bytes = 64 * 1024;

class http_connection : public std::enable_shared_from_this<http_connection> {
 public:
  // `place`: the socket's place in options.connections, held while it is open.
  http_connection(tcp::socket&& socket, hub& rooms, const http_options& options, connection_count::place place);
  void run();

 private:
  void read_next();
  void on_read(beast::error_code ec, std::size_t bytes);
  void handle(http::request<http::string_body> request);
  void serve_metrics(const http::request<http::string_body>& request);
  void create_session(http::request<http::string_body> request);
  void export_session(http::request<http::string_body> request, std::string code, export_request wanted);
  void delete_session(http::request<http::string_body> request, std::string code);
  // The inquiry routes (inquiry_routes.cpp).
  using reply_fn = std::function<void(http::response<http::string_body>)>;
  using inquiry_job = std::function<void(storage::database&, const storage::stored_inquiry&,
                                         const std::shared_ptr<http::request<http::string_body>>&, const reply_fn&)>;
  // Answers on this connection's executor, from any thread.
  reply_fn replier();
  void handle_inquiry(http::request<http::string_body> request);
  // Runs `job` on the reader thread once the Bearer key opened the inquiry;
  // answers the refusal itself otherwise. `reply` may be called from any thread.
  void with_inquiry(http::request<http::string_body> request, std::string id, inquiry_job job);
  void create_inquiry(http::request<http::string_body> request);
  void show_inquiry(http::request<http::string_body> request, std::string id);
  void export_inquiry(http::request<http::string_body> request, std::string id, export_request wanted);
  void add_inquiry_session(http::request<http::string_body> request, std::string id);
  void delete_inquiry(http::request<http::string_body> request, std::string id);
  // The event routes (event_routes.cpp), as the inquiry routes are made.
  using event_job = std::function<void(storage::database&, const storage::stored_event&,
                                       const std::shared_ptr<http::request<http::string_body>>&, const reply_fn&)>;
  void handle_event(http::request<http::string_body> request);
  void with_event(http::request<http::string_body> request, std::string id, event_job job);
  void create_event(http::request<http::string_body> request);
  void show_event(http::request<http::string_body> request, std::string id);
  void act_on_event(http::request<http::string_body> request, std::string id);
  void export_event(http::request<http::string_body> request, std::string id, export_request wanted);
  void delete_event(http::request<http::string_body> request, std::string id, bool keep_rooms);
  // The second halves, once the hub has the room (perhaps loaded from disk).
  void export_from(std::shared_ptr<room> room, std::shared_ptr<http::request<http::string_body>> request,
                   export_request wanted, std::string key, const std::string& code);
  void erase_room(const std::shared_ptr<room>& room, const std::shared_ptr<http::request<http::string_body>>& request,
                  std::string key, const std::string& code);
  void respond(http::message_generator response);
  void on_write(bool keep_alive, beast::error_code ec, std::size_t bytes);
  bool origin_allowed(const http::request<http::string_body>& request) const;

  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  hub& hub_;
  const http_options& options_;
  net::ip::address peer_;
  net::ip::address client_;  // of the request being handled: see client_address
  connection_count::place place_;
  counted_connection counted_{false};
};

}  // namespace debrief::server
