#pragma once
// Maps request targets to files of the built client, refusing anything that
// would climb out of its folder.

#include <boost/url/url_view.hpp>
#include <filesystem>
#include <optional>
#include <string_view>

namespace debrief::server {

// The file to serve for a GET target, or nullopt for a 404. Paths without a
// file extension (client routes such as /s/CODE) get index.html.
std::optional<std::filesystem::path> resolve_static(const std::filesystem::path& root,
                                                    const boost::urls::url_view& target);

std::string_view mime_type(const std::filesystem::path& file);

}  // namespace debrief::server
