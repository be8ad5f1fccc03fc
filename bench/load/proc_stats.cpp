#include "proc_stats.hpp"

#include <sys/resource.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace debrief::bench {

namespace {

std::optional<std::uint64_t> cpu_ticks(int pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  std::string line;
  if (!std::getline(in, line)) return std::nullopt;
  // The command name (field 2) may hold spaces: count fields after its ')'.
  const auto close = line.rfind(')');
  if (close == std::string::npos) return std::nullopt;
  std::istringstream fields(line.substr(close + 2));
  std::string field;
  std::uint64_t utime = 0, stime = 0;
  // After ')': field 3 is state; utime is field 14 and stime field 15.
  for (int n = 3; n <= 15 && fields >> field; ++n) {
    if (n == 14) utime = std::stoull(field);
    if (n == 15) stime = std::stoull(field);
  }
  return utime + stime;
}

// Nanoseconds on CPU summed over the process's threads (schedstat), far
// finer than the 10 ms ticks of /proc/PID/stat. The server's and Node's
// threads live as long as the process, so none of their time is missed.
std::optional<std::uint64_t> schedstat_ns(int pid) {
  std::error_code ec;
  std::uint64_t total = 0;
  bool any = false;
  for (const auto& task : std::filesystem::directory_iterator("/proc/" + std::to_string(pid) + "/task", ec)) {
    std::ifstream in(task.path() / "schedstat");
    std::uint64_t ns = 0;
    if (in >> ns) {
      total += ns;
      any = true;
    }
  }
  if (ec || !any) return std::nullopt;
  return total;
}

std::optional<std::uint64_t> rss_bytes(int pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("VmRSS:", 0) == 0) {
      std::istringstream s(line.substr(6));
      std::uint64_t kb = 0;
      s >> kb;
      return kb * 1024;
    }
  }
  return std::nullopt;
}

}  // namespace

std::optional<process_sample> sample_process(int pid) {
  if (pid <= 0) return std::nullopt;
  const auto rss = rss_bytes(pid);
  if (!rss) return std::nullopt;
  if (const auto ns = schedstat_ns(pid)) return process_sample{*ns / 1000, *rss};
  const auto ticks = cpu_ticks(pid);
  if (!ticks) return std::nullopt;
  const auto hz = static_cast<std::uint64_t>(sysconf(_SC_CLK_TCK));
  return process_sample{*ticks * 1'000'000 / hz, *rss};
}

std::uint64_t self_cpu_us() {
  rusage u{};
  getrusage(RUSAGE_THREAD, &u);
  auto us = [](const timeval& t) {
    return static_cast<std::uint64_t>(t.tv_sec) * 1'000'000 + static_cast<std::uint64_t>(t.tv_usec);
  };
  return us(u.ru_utime) + us(u.ru_stime);
}

}  // namespace debrief::bench
