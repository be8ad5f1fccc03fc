#pragma once
// An io_context with a thread of its own, for connections whose handlers
// must not hold up the generator's main thread (the host consoles: parsing
// their big frames there would delay reading, and so stamping, the rooms'
// events).

#include <cstdint>
#include <functional>
#include <thread>

#include "beast.hpp"

namespace debrief::bench {

class io_thread {
 public:
  io_thread();
  ~io_thread();
  io_thread(const io_thread&) = delete;
  io_thread& operator=(const io_thread&) = delete;

  net::io_context& context() { return ioc_; }
  // Runs f on the thread and waits for it (rethrowing what it threw); once
  // the thread has stopped, runs f on the caller's. Never from the thread itself.
  void run(const std::function<void()>& f);
  // Stops the thread, abandoning the handlers still queued (they are
  // destroyed with the io_context). Idempotent.
  void stop();
  // CPU time the thread has used, in microseconds (0 once stopped).
  std::uint64_t cpu_us();

 private:
  net::io_context ioc_{1};
  net::executor_work_guard<net::io_context::executor_type> work_;
  std::thread thread_;
};

}  // namespace debrief::bench
