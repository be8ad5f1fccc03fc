// Start time and memory against stored history: stores N small sessions
// straight through the storage library (fast: one transaction per
// thousand), starts the server on them, times how long until it accepts a
// connection, connects L live participants (one per session, each
// joined), then reads the server's VmRSS from /proc. See bench/README.md.
//
//   debrief-lazy-bench SERVER [--sessions N] [--live L] [--port P]

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "debrief/storage/database.hpp"

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
using tcp = net::ip::tcp;
using steady = std::chrono::steady_clock;

namespace {

struct options {
  std::string server;
  int sessions = 10'000;
  int live = 50;
  unsigned short port = 18093;
};

pid_t start_server(const options& o, const std::filesystem::path& db) {
  const pid_t pid = fork();
  if (pid == 0) {
    const auto port = std::to_string(o.port);
    const auto folder = db.parent_path().string();
    execl(o.server.c_str(), o.server.c_str(), "--port", port.c_str(), "--bind", "127.0.0.1", "--db", db.c_str(),
          "--static-dir", folder.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  return pid;
}

void stop_server(pid_t pid) {
  kill(pid, SIGTERM);
  int status = 0;
  waitpid(pid, &status, 0);
}

// Until the port accepts a connection: the server has opened its database
// (and, before lazy loading, built every room) by then.
double wait_until_listening(unsigned short port, steady::time_point since) {
  net::io_context ioc;
  for (;;) {
    tcp::socket s(ioc);
    beast::error_code ec;
    s.connect({net::ip::make_address("127.0.0.1"), port}, ec);
    if (!ec) return std::chrono::duration<double, std::milli>(steady::now() - since).count();
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
}

void post_session(unsigned short port) {
  net::io_context ioc;
  beast::tcp_stream stream(ioc);
  stream.connect({net::ip::make_address("127.0.0.1"), port});
  http::request<http::string_body> req{http::verb::post, "/api/sessions", 11};
  req.set(http::field::host, "127.0.0.1");
  req.set(http::field::content_type, "application/json");
  req.body() = R"({"template":"learning-partnership","title":"Bench"})";
  req.prepare_payload();
  http::write(stream, req);
  beast::flat_buffer buffer;
  http::response<http::string_body> res;
  http::read(stream, buffer, res);
  if (res.result() != http::status::created && res.result() != http::status::ok) {
    throw std::runtime_error("creating the template session failed: " + res.body());
  }
}

std::string replaced(std::string text, const std::string& from, const std::string& to) {
  for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
  return text;
}

std::string code_of(int i) {
  char code[13];
  std::snprintf(code, sizeof code, "BENCH%07d", i);
  return code;
}

// Copies the one stored session `n` times under new codes, and deletes it.
void clone_sessions(const std::filesystem::path& db, int n) {
  debrief::storage::database store(db.string());
  const auto stored = store.load_sessions();
  if (stored.size() != 1) throw std::runtime_error("expected one template session");
  const auto& tmpl = stored[0];
  std::vector<debrief::storage::write_batch> batches;
  for (int i = 0; i < n; ++i) {
    debrief::storage::write_batch b;
    b.session = code_of(i);
    b.create = debrief::storage::session_record{b.session, tmpl.record.facilitator_key, tmpl.record.created_at};
    for (const auto& e : tmpl.events) b.events.push_back({e.seq, e.time, replaced(e.body, tmpl.record.id, b.session)});
    batches.push_back(std::move(b));
    if (i + 1 == n) {
      debrief::storage::write_batch erase;
      erase.session = tmpl.record.id;
      erase.erase = true;
      batches.push_back(std::move(erase));
    }
    if (batches.size() >= 1000 || i + 1 == n) {
      store.commit(batches);
      batches.clear();
    }
  }
}

long rss_kib(pid_t pid) {
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.starts_with("VmRSS:")) return std::stol(line.substr(6));
  }
  return -1;
}

// Reads messages until one whose text contains `what`.
void read_until(websocket::stream<tcp::socket>& ws, const std::string& what) {
  for (;;) {
    beast::flat_buffer buffer;
    ws.read(buffer);
    if (beast::buffers_to_string(buffer.data()).find(what) != std::string::npos) return;
  }
}

std::unique_ptr<websocket::stream<tcp::socket>> join(net::io_context& ioc, unsigned short port, const std::string& code,
                                                     int i) {
  auto ws = std::make_unique<websocket::stream<tcp::socket>>(ioc);
  ws->next_layer().connect({net::ip::make_address("127.0.0.1"), port});
  ws->handshake("127.0.0.1:" + std::to_string(port), "/ws");
  ws->write(net::buffer(R"({"type":"hello","version":2,"session":")" + code + R"("})"));
  read_until(*ws, "\"lobby\"");
  char secret[33];
  std::snprintf(secret, sizeof secret, "%032d", i);
  ws->write(net::buffer(R"({"type":"join","id":"j)" + std::to_string(i) + R"(","name":"Live )" + std::to_string(i) +
                        R"(","role":"colleague","client_secret":")" + secret + R"("})"));
  read_until(*ws, "\"ack\"");
  return ws;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: debrief-lazy-bench SERVER [--sessions N] [--live L] [--port P]\n";
    return 2;
  }
  options o;
  o.server = argv[1];
  for (int i = 2; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    const int value = std::stoi(argv[i + 1]);
    if (flag == "--sessions")
      o.sessions = value;
    else if (flag == "--live")
      o.live = value;
    else if (flag == "--port")
      o.port = static_cast<unsigned short>(value);
    else {
      std::cerr << "unknown option " << flag << "\n";
      return 2;
    }
  }
  const auto folder = std::filesystem::temp_directory_path() / ("debrief-lazy-bench-" + std::to_string(getpid()));
  std::filesystem::create_directories(folder);
  const auto db = folder / "debrief.db";
  try {
    // One real session, made by the server, is the template for the others.
    auto pid = start_server(o, db);
    wait_until_listening(o.port, steady::now());
    post_session(o.port);
    stop_server(pid);
    const auto seeding = steady::now();
    clone_sessions(db, o.sessions);
    std::cerr << "stored " << o.sessions << " sessions in "
              << std::chrono::duration<double>(steady::now() - seeding).count() << " s\n";

    const auto started = steady::now();
    pid = start_server(o, db);
    const double start_ms = wait_until_listening(o.port, started);
    const long idle_rss = rss_kib(pid);
    net::io_context ioc;
    std::vector<std::unique_ptr<websocket::stream<tcp::socket>>> live;
    const auto joining = steady::now();
    for (int i = 0; i < o.live; ++i)
      live.push_back(join(ioc, o.port, code_of(i * (o.sessions / std::max(o.live, 1))), i));
    const double join_ms = std::chrono::duration<double, std::milli>(steady::now() - joining).count();
    const long live_rss = rss_kib(pid);
    std::printf("sessions stored     %d\n", o.sessions);
    std::printf("start (to listening) %.0f ms\n", start_ms);
    std::printf("RSS after start     %.1f MB\n", idle_rss / 1024.0);
    std::printf("live participants   %d (one per session, joined in %.0f ms)\n", o.live, join_ms);
    std::printf("RSS with them       %.1f MB\n", live_rss / 1024.0);
    live.clear();
    stop_server(pid);
  } catch (const std::exception& e) {
    std::cerr << "lazy bench failed: " << e.what() << "\n";
    std::filesystem::remove_all(folder);
    return 1;
  }
  std::filesystem::remove_all(folder);
  return 0;
}
