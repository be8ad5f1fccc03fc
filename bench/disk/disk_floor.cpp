// debrief-disk-floor: the disk's floor for a durable server — how long one
// small append followed by fdatasync takes on a file in --dir (the folder the
// benchmark's databases and logs use). A server that commits each change
// before showing it cannot deliver faster than this; the benchmark prints it
// beside the table so "how close to the floor" is a number.
//
// It appends a --record-bytes record (a JSON line) and calls fdatasync,
// --count times or for --seconds, whichever ends first, timing each
// append + sync on its own, and reports p50/p99/p99.9/max and syncs per
// second (also as a JSON line with --json-out). The file is removed at the end.

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <string>
#include <string_view>
#include <vector>

namespace {

using clock_type = std::chrono::steady_clock;

struct settings {
  std::string dir;
  std::size_t count = 2000;
  double seconds = 0;  // 0: no time limit
  std::size_t record_bytes = 200;
  std::string json_out;
};

bool parse(int argc, char** argv, settings& s) {
  for (int i = 1; i < argc; ++i) {
    const std::string_view f = argv[i];
    if (i + 1 >= argc) return false;
    const char* v = argv[++i];
    if (f == "--dir")
      s.dir = v;
    else if (f == "--count")
      s.count = std::strtoull(v, nullptr, 10);
    else if (f == "--seconds")
      s.seconds = std::atof(v);
    else if (f == "--record-bytes")
      s.record_bytes = std::strtoull(v, nullptr, 10);
    else if (f == "--json-out")
      s.json_out = v;
    else
      return false;
  }
  return !s.dir.empty() && s.count > 0 && s.seconds >= 0 && s.record_bytes >= 16;
}

// A JSON line of exactly `bytes` bytes, newline included.
std::string record(std::size_t bytes) {
  const std::string head = R"({"type":"event","body":")";
  const std::string tail = "\"}\n";
  return head + std::string(bytes - std::min(bytes, head.size() + tail.size()), 'x') + tail;
}

// Nearest rank on sorted samples.
double percentile_ms(const std::vector<double>& sorted_ms, double p) {
  const auto rank = static_cast<std::size_t>(p / 100.0 * static_cast<double>(sorted_ms.size()) + 0.999999);
  return sorted_ms[std::clamp<std::size_t>(rank, 1, sorted_ms.size()) - 1];
}

}  // namespace

int main(int argc, char** argv) {
  settings s;
  if (!parse(argc, argv, s)) {
    std::fputs(
        "Usage: debrief-disk-floor --dir DIR [--count 2000] [--seconds S] [--record-bytes 200] [--json-out FILE]\n",
        stderr);
    return 2;
  }
  const std::string path = s.dir + "/disk-floor.log";
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_APPEND | O_CLOEXEC, 0600);
  if (fd < 0) {
    std::fprintf(stderr, "debrief-disk-floor: cannot open %s: %s\n", path.c_str(), std::strerror(errno));
    return 1;
  }
  const auto line = record(s.record_bytes);
  std::vector<double> ms;
  ms.reserve(s.count);
  const auto start = clock_type::now();
  const auto deadline =
      start + std::chrono::duration_cast<clock_type::duration>(std::chrono::duration<double>(s.seconds));
  int failed = 0;
  while (ms.size() < s.count && (s.seconds == 0 || clock_type::now() < deadline)) {
    const auto t0 = clock_type::now();
    if (::write(fd, line.data(), line.size()) != static_cast<ssize_t>(line.size()) || ::fdatasync(fd) != 0) {
      failed = errno;
      break;
    }
    ms.push_back(std::chrono::duration<double, std::milli>(clock_type::now() - t0).count());
  }
  const double seconds = std::chrono::duration<double>(clock_type::now() - start).count();
  ::close(fd);
  ::unlink(path.c_str());
  if (failed != 0 || ms.empty()) {
    std::fprintf(stderr, "debrief-disk-floor: append + fdatasync failed: %s\n", std::strerror(failed));
    return 1;
  }

  std::sort(ms.begin(), ms.end());
  const double p50 = percentile_ms(ms, 50), p99 = percentile_ms(ms, 99), p999 = percentile_ms(ms, 99.9);
  const double max = ms.back(), per_s = static_cast<double>(ms.size()) / seconds;
  std::printf(
      "== disk floor: %zu appends of %zu bytes + fdatasync in %.2f s: p50 %.3f ms, p99 %.3f ms, p99.9 %.3f ms, "
      "max %.3f ms, %.0f syncs/s\n",
      ms.size(), s.record_bytes, seconds, p50, p99, p999, max, per_s);
  if (!s.json_out.empty()) {
    std::ofstream(s.json_out, std::ios::app)
        << R"({"target":"disk","scenario":"disk","records":)" << ms.size() << R"(,"record_bytes":)" << s.record_bytes
        << R"(,"seconds":)" << seconds << R"(,"syncs_per_s":)" << per_s << R"(,"fdatasync_ms":{"p50":)" << p50
        << R"(,"p99":)" << p99 << R"(,"p999":)" << p999 << R"(,"max":)" << max << "}}\n";
  }
  return 0;
}
