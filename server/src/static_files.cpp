#include "static_files.hpp"

#include <array>
#include <string>
#include <utility>

namespace debrief::server {

std::optional<std::filesystem::path> resolve_static(const std::filesystem::path& root,
                                                    const boost::urls::url_view& target) {
  if (!target.is_path_absolute()) return std::nullopt;
  std::filesystem::path relative;
  for (const std::string segment : target.segments()) {  // percent-decoded
    if (segment.empty() || segment == ".") continue;
    // No climbing out, no NUL, and no slashes or backslashes inside a segment
    // ("..%2F", or what another OS might read as a separator).
    if (segment == ".." || segment.find_first_of(std::string_view("/\\\0", 3)) != std::string::npos) {
      return std::nullopt;
    }
    relative /= segment;
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
