// Turning bytes into a YAML tree safely: size cap, UTF-8 check, nesting cap, and yaml-cpp's syntax errors
// re-worded as `file:line:col: ...` (1-based). yaml-cpp accepts duplicate keys silently; the schema walker
// (config/schema.hpp) reports them.
#pragma once

#include <optional>
#include <string>

#include <yaml-cpp/yaml.h>

#include "schema/diagnostics.hpp"

namespace afsim::schema {

inline constexpr std::size_t kMaxInputBytes = 16u << 20;  // 16 MiB
inline constexpr int kMaxFlowNesting = 64;

// Reads and parses `path`; reports problems (labelled with `path`) and returns nullopt on failure. An
// empty or comment-only file parses to a Null node.
std::optional<YAML::Node> read_yaml_file(const std::string& path, Diagnostics& diag);

// Parses `text`; messages are labelled `label:line:col` (or just `label` with `with_position` false, as
// for --set values whose positions mean nothing to the user).
std::optional<YAML::Node> parse_yaml_text(const std::string& text, const std::string& label,
                                          Diagnostics& diag, bool with_position = true);

// Position (0-based line, column) of the first byte that is not valid UTF-8 (or a NUL), or line -1.
struct BytePosition {
  int line = -1;
  int column = -1;
  unsigned char byte = 0;
};
BytePosition find_invalid_utf8(const std::string& text);

}  // namespace afsim::schema
