#pragma once
// Reading the tables of PROTOCOL.md and README.md, for the tests that hold
// those documents to the code (permissions, limits, the wire contract).

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace debrief::protocol {

// The cells of a table row `| a | b |`, trimmed; `\|` is a bar inside a cell.
inline std::vector<std::string> cells_of(const std::string& row) {
  std::vector<std::string> cells;
  std::string cell;
  bool started = false;  // past the first bar
  for (std::size_t i = 0; i < row.size(); ++i) {
    if (row[i] == '\\' && i + 1 < row.size() && row[i + 1] == '|') {
      cell += '|';
      ++i;
    } else if (row[i] == '|') {
      if (started) {
        const auto first = cell.find_first_not_of(' ');
        const auto last = cell.find_last_not_of(' ');
        cells.push_back(first == std::string::npos ? "" : cell.substr(first, last - first + 1));
      }
      started = true;
      cell.clear();
    } else {
      cell += row[i];
    }
  }
  return cells;
}

struct markdown_table {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;  // below the `| --- |` line
};

// The first table in the section that starts at the line `heading` and ends
// at the next heading of any level. Empty (and a test failure) when there is
// no such section or table.
inline markdown_table first_table_under(const std::filesystem::path& path, const std::string& heading) {
  std::ifstream file(path);
  EXPECT_TRUE(file) << "cannot read " << path;
  markdown_table table;
  std::string line;
  bool in_section = false;
  bool in_table = false;
  while (std::getline(file, line)) {
    if (line == heading) {
      in_section = true;
      continue;
    }
    if (!in_section) continue;
    if (line.starts_with("#")) break;
    if (!line.starts_with("|")) {
      if (in_table) break;
      continue;
    }
    if (!in_table) {
      in_table = true;
      table.header = cells_of(line);
    } else if (!line.starts_with("| ---")) {
      table.rows.push_back(cells_of(line));
    }
  }
  EXPECT_FALSE(table.rows.empty()) << "no table under \"" << heading << "\" in " << path;
  return table;
}

}  // namespace debrief::protocol
