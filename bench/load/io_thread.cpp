#include "io_thread.hpp"

#include <pthread.h>

#include <ctime>
#include <exception>
#include <future>

namespace debrief::bench {

io_thread::io_thread() : work_(ioc_.get_executor()), thread_([this] { ioc_.run(); }) {}

io_thread::~io_thread() { stop(); }

void io_thread::run(const std::function<void()>& f) {
  if (!thread_.joinable()) return f();
  std::promise<void> done;
  auto finished = done.get_future();
  net::post(ioc_, [&] {
    try {
      f();
      done.set_value();
    } catch (...) {
      done.set_exception(std::current_exception());
    }
  });
  finished.get();
}

void io_thread::stop() {
  if (!thread_.joinable()) return;
  work_.reset();
  ioc_.stop();
  thread_.join();
}

std::uint64_t io_thread::cpu_us() {
  if (!thread_.joinable()) return 0;
  clockid_t clock{};
  timespec t{};
  if (pthread_getcpuclockid(thread_.native_handle(), &clock) != 0 || clock_gettime(clock, &t) != 0) {
    return 0;
  }
  return static_cast<std::uint64_t>(t.tv_sec) * 1'000'000 + static_cast<std::uint64_t>(t.tv_nsec) / 1000;
}

}  // namespace debrief::bench
