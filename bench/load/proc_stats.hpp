#pragma once
// CPU time and resident memory of a process, read from /proc, and the
// generator's own CPU from getrusage.

#include <cstdint>
#include <optional>

namespace debrief::bench {

struct process_sample {
  std::uint64_t cpu_us = 0;     // time on CPU, all threads (schedstat, else utime + stime)
  std::uint64_t rss_bytes = 0;  // VmRSS
};

// nullopt when the process is gone or /proc is unreadable.
std::optional<process_sample> sample_process(int pid);

// utime + stime of the calling thread, in microseconds: called from the
// generator's main thread, which reads every room client, it says whether
// that thread kept up (the host consoles' thread is counted apart).
std::uint64_t self_cpu_us();

}  // namespace debrief::bench
