#include "session_api.hpp"

#include <nlohmann/json.hpp>

namespace debrief::bench {

namespace {

struct shared_progress {
  std::size_t requested = 0;
  std::size_t created = 0;
  std::size_t workers = 0;
  bool failed = false;
  session_api_config cfg;
  std::function<void(created_session)> on_created;
  std::function<void(std::string)> on_done;

  void worker_finished(const std::string& error) {
    if (failed) return;
    if (!error.empty()) {
      failed = true;
      on_done(error);
      return;
    }
    if (--workers == 0) on_done({});
  }
};

class creator : public std::enable_shared_from_this<creator> {
 public:
  creator(net::io_context& ioc, std::shared_ptr<shared_progress> progress)
      : stream_(ioc), progress_(std::move(progress)) {}

  void run() {
    stream_.expires_after(std::chrono::seconds(10));
    stream_.async_connect(progress_->cfg.server, [self = shared_from_this()](const beast::error_code& ec) {
      if (ec) return self->progress_->worker_finished("connect to POST /api/sessions: " + ec.message());
      beast::error_code ignored;
      self->stream_.socket().set_option(tcp::no_delay(true), ignored);
      self->next();
    });
  }

 private:
  void next() {
    auto& p = *progress_;
    if (p.failed) return;
    if (p.requested >= p.cfg.count) {
      beast::error_code ignored;
      stream_.socket().shutdown(tcp::socket::shutdown_both, ignored);
      return p.worker_finished({});
    }
    ++p.requested;
    req_ = {http::verb::post, "/api/sessions", 11};
    req_.set(http::field::host, p.cfg.host);
    req_.set(http::field::content_type, "application/json");
    req_.keep_alive(true);
    req_.body() =
        nlohmann::json{{"template", p.cfg.template_id}, {"title", "bench " + std::to_string(p.requested)}}.dump();
    req_.prepare_payload();
    stream_.expires_after(std::chrono::seconds(30));
    http::async_write(stream_, req_, [self = shared_from_this()](const beast::error_code& ec, std::size_t) {
      if (ec) return self->progress_->worker_finished("POST /api/sessions: " + ec.message());
      self->read();
    });
  }

  void read() {
    res_ = {};
    http::async_read(stream_, buffer_, res_, [self = shared_from_this()](const beast::error_code& ec, std::size_t) {
      if (ec) return self->progress_->worker_finished("reading POST /api/sessions: " + ec.message());
      self->on_response();
    });
  }

  void on_response() {
    if (res_.result() != http::status::created && res_.result() != http::status::ok) {
      return progress_->worker_finished("POST /api/sessions answered " + std::to_string(res_.result_int()) + ": " +
                                        res_.body());
    }
    const auto body = nlohmann::json::parse(res_.body(), nullptr, false);
    if (!body.is_object() || !body.contains("session") || !body.contains("facilitator_key")) {
      return progress_->worker_finished("POST /api/sessions answered an unexpected body: " + res_.body());
    }
    ++progress_->created;
    progress_->on_created({body.at("session").get<std::string>(), body.at("facilitator_key").get<std::string>()});
    next();
  }

  beast::tcp_stream stream_;
  std::shared_ptr<shared_progress> progress_;
  beast::flat_buffer buffer_;
  http::request<http::string_body> req_;
  http::response<http::string_body> res_;
};

}  // namespace

void create_sessions(net::io_context& ioc, const session_api_config& cfg,
                     std::function<void(created_session)> on_created, std::function<void(std::string)> on_done) {
  auto progress = std::make_shared<shared_progress>();
  progress->cfg = cfg;
  progress->on_created = std::move(on_created);
  progress->on_done = std::move(on_done);
  const auto workers = std::max<std::size_t>(1, std::min(cfg.connections, cfg.count));
  if (cfg.count == 0) return progress->on_done({});
  progress->workers = workers;
  for (std::size_t i = 0; i < workers; ++i) std::make_shared<creator>(ioc, progress)->run();
}

}  // namespace debrief::bench
