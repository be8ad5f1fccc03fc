#include "harness.hpp"

#include <algorithm>
#include <random>
#include <stdexcept>

#include "debrief/storage/database.hpp"

namespace debrief::testing {

temp_dir::temp_dir() {
  std::random_device rd;
  path_ = std::filesystem::temp_directory_path() / ("debrief-test-" + std::to_string(rd()) + std::to_string(rd()));
  std::filesystem::create_directories(path_);
}

temp_dir::~temp_dir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

test_server::test_server(std::filesystem::path db, std::filesystem::path static_dir,
                         std::function<std::int64_t()> clock, const std::function<void(server::config&)>& adjust) {
  server::config cfg;
  cfg.bind = "127.0.0.1";
  cfg.port = 0;
  cfg.db = db.string();
  cfg.static_dir = static_dir.empty() ? db.parent_path().string() : static_dir.string();
  cfg.clock = std::move(clock);
  if (adjust) adjust(cfg);
  app_ = std::make_unique<server::app>(cfg);
  port_ = app_->port();
  thread_ = std::thread([this] { app_->run(); });
}

test_server::~test_server() {
  app_->stop();
  thread_.join();
}

http_reply http_request(std::uint16_t port, http::verb method, const std::string& target, const std::string& body,
                        const std::string& bearer, const header_list& headers) {
  net::io_context ioc;
  beast::tcp_stream stream(ioc);
  stream.connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), port));
  http::request<http::string_body> req{method, target, 11};
  req.set(http::field::host, "127.0.0.1:" + std::to_string(port));
  if (!bearer.empty()) req.set(http::field::authorization, "Bearer " + bearer);
  for (const auto& [name, value] : headers) req.insert(name, value);
  if (!body.empty()) {
    req.set(http::field::content_type, "application/json");
    req.body() = body;
  }
  req.prepare_payload();
  http::write(stream, req);
  beast::flat_buffer buffer;
  http::response_parser<http::string_body> parser;
  parser.body_limit(16 * 1024 * 1024);
  http::read(stream, buffer, parser);
  beast::error_code ec;
  stream.socket().shutdown(tcp::socket::shutdown_both, ec);
  const auto& res = parser.get();
  return {res.result_int(),
          res.body(),
          std::string(res[http::field::content_type]),
          std::string(res[http::field::retry_after]),
          std::string(res[http::field::content_disposition]),
          std::string(res["Content-Security-Policy"])};
}

created create_session(std::uint16_t port, const std::string& template_id) {
  const auto reply = http_request(port, http::verb::post, "/api/sessions", json{{"template", template_id}}.dump());
  if (reply.status != 201) throw std::runtime_error("create failed: " + reply.body);
  const auto j = json::parse(reply.body);
  return {j.at("session"), j.at("facilitator_key")};
}

std::string random_hex(std::size_t digits) {
  static constexpr std::string_view hex = "0123456789abcdef";
  std::random_device rd;
  std::string out;
  while (out.size() < digits) out += hex[rd() % 16];
  return out;
}

ws_client::ws_client(std::uint16_t port, const std::string& origin) {
  ws_.next_layer().connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), port));
  if (!origin.empty()) {
    ws_.set_option(websocket::stream_base::decorator(
        [origin](websocket::request_type& req) { req.set(http::field::origin, origin); }));
  }
  ws_.handshake("127.0.0.1:" + std::to_string(port), "/ws");
}

ws_client::~ws_client() {
  beast::error_code ec;
  ws_.next_layer().close(ec);
}

void ws_client::send(const json& message) { send_raw(message.dump()); }

void ws_client::send_raw(const std::string& text, bool binary) {
  ws_.binary(binary);
  ws_.write(net::buffer(text));
}

json ws_client::receive(std::chrono::milliseconds timeout) {
  beast::flat_buffer buffer;
  beast::error_code result;
  bool done = false;
  ws_.async_read(buffer, [&](beast::error_code ec, std::size_t) {
    result = ec;
    done = true;
  });
  ioc_.restart();
  ioc_.run_for(timeout);
  if (!done) {
    ws_.next_layer().cancel();
    ioc_.restart();
    ioc_.run();
    throw std::runtime_error("no message within the timeout");
  }
  if (result) throw beast::system_error(result);
  auto text = beast::buffers_to_string(buffer.data());
  frames_ += text;
  frames_ += '\n';
  auto message = json::parse(text);
  if (message.at("type") == "snapshot") snapshot_ = message;
  return message;
}

json ws_client::receive_type(const std::string& type, std::chrono::milliseconds timeout) {
  for (;;) {
    auto m = receive(timeout);
    if (m.at("type") == type) return m;
  }
}

json ws_client::ok(json message) {
  const auto type = message.at("type").get<std::string>();
  std::vector<json> events;
  auto answer = command(std::move(message), &events);
  if (answer.at("type") != "ack") throw std::runtime_error(type + " was refused: " + answer.dump());
  answer["events"] = events;
  return answer;
}

json ws_client::command(json message, std::vector<json>* events_before) {
  const auto id = id_prefix_ + std::to_string(next_id_++);
  message["id"] = id;
  send(message);
  for (;;) {
    auto m = receive();
    if ((m.at("type") == "ack" || m.at("type") == "error") && m.value("id", "") == id) return m;
    if (events_before && m.at("type") == "event") events_before->push_back(m);
  }
}

bool ws_client::closed_by_server(websocket::close_code* code, std::chrono::milliseconds timeout) {
  try {
    for (;;) receive(timeout);
  } catch (const beast::system_error& e) {
    if (code) *code = static_cast<websocket::close_code>(ws_.reason().code);
    return e.code() == websocket::error::closed || e.code() == net::error::eof ||
           e.code() == net::error::connection_reset;
  } catch (const std::runtime_error&) {
    return false;
  }
}

void ws_client::close() {
  beast::error_code ec;
  ws_.close(websocket::close_code::normal, ec);
}

json ws_client::hello(const std::string& session, const json& extra) {
  json h = {{"type", "hello"}, {"version", 2}, {"session", session}};
  h.update(extra);
  send(h);
  return receive_type("welcome");
}

json ws_client::join(const std::string& session, const std::string& name, const std::string& role,
                     const std::string& facilitator_key) {
  hello(session);
  receive_type("lobby");
  json j = {{"type", "join"}, {"name", name}, {"role", role}, {"client_secret", random_hex()}};
  if (!facilitator_key.empty()) j["facilitator_key"] = facilitator_key;
  snapshot_ = nullptr;
  auto answer = command(j);
  if (answer.at("type") == "ack" && (snapshot_.is_null() || snapshot_.at("seq") != answer.at("seq"))) {
    throw std::runtime_error("the join of " + name +
                             " was acknowledged without a snapshot as of it first: " + answer.dump());
  }
  if (answer.at("type") == "ack") token_ = answer.at("token");
  return answer;
}

json snapshot_of(std::uint16_t port, const std::string& session, const std::string& token) {
  ws_client c(port);
  c.hello(session, {{"token", token}});
  return c.receive_type("snapshot");
}

json receive_lobby_naming(ws_client& c, const std::string& name) {
  for (;;) {
    auto m = c.receive();
    if (m.at("type") != "lobby") throw std::runtime_error("a connection in the lobby received " + m.dump());
    for (const auto& p : m.at("participants")) {
      if (p.at("name") == name) return m;
    }
  }
}

std::vector<std::string> stored_sessions(const std::filesystem::path& db) {
  storage::database reopened(db.string());
  std::vector<std::string> ids;
  for (const auto& s : reopened.load_sessions()) ids.push_back(s.record.id);
  std::sort(ids.begin(), ids.end());
  return ids;
}

}  // namespace debrief::testing
