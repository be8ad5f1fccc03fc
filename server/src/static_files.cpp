#include "static_files.hpp"

#include <array>
#include <string>
#include <utility>

namespace debrief::server {

namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Percent-decodes a path; nullopt if malformed or if it holds a NUL.
std::optional<std::string> decode(std::string_view path) {
  std::string out;
  for (std::size_t i = 0; i < path.size(); ++i) {
    char c = path[i];
    if (c == '%') {
      if (i + 2 >= path.size()) return std::nullopt;
      const int hi = hex_value(path[i + 1]);
      const int lo = hex_value(path[i + 2]);
      if (hi < 0 || lo < 0) return std::nullopt;
      c = static_cast<char>(hi * 16 + lo);
      i += 2;
    }
    if (c == '\0') return std::nullopt;
    out += c;
  }
  return out;
}

}  // namespace

std::optional<std::filesystem::path> resolve_static(const std::filesystem::path& root, std::string_view target) {
  const auto path_end = target.find_first_of("?#");
  auto decoded = decode(target.substr(0, path_end));
  if (!decoded || decoded->empty() || decoded->front() != '/') return std::nullopt;

  std::filesystem::path relative;
  std::string_view rest = *decoded;
  while (!rest.empty()) {
    const auto slash = rest.find('/');
    const auto segment = rest.substr(0, slash);
    rest = slash == std::string_view::npos ? std::string_view{} : rest.substr(slash + 1);
    if (segment.empty() || segment == ".") continue;
    // No climbing out, and no backslashes that another OS might read as separators.
    if (segment == ".." || segment.find('\\') != std::string_view::npos) return std::nullopt;
    relative /= std::string(segment);
  }
  if (relative.empty()) return root / "index.html";
  if (!relative.has_extension()) return root / "index.html";
  auto file = root / relative;
  std::error_code ec;
  if (!std::filesystem::is_regular_file(file, ec)) return std::nullopt;
  return file;
}

std::string_view mime_type(const std::filesystem::path& file) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 12> types{{
      {".html", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".json", "application/json"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".ico", "image/x-icon"},
      {".woff2", "font/woff2"},
      {".txt", "text/plain; charset=utf-8"},
      {".map", "application/json"},
      {".webmanifest", "application/manifest+json"},
  }};
  const auto ext = file.extension().string();
  for (const auto& [suffix, type] : types) {
    if (ext == suffix) return type;
  }
  return "application/octet-stream";
}

}  // namespace debrief::server
