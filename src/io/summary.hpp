// summary.json and other JSON outputs: pretty-printed (2-space indent), written atomically.
#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>

namespace afsim::io {

// A number for JSON: NaN and ±Inf (which JSON cannot hold) become null.
nlohmann::json json_number(double value);

// A copy of `value` with every non-finite floating-point number (at any depth) replaced by null.
nlohmann::json replace_non_finite_with_null(const nlohmann::json& value);

// The text written by write_json_atomically: non-finite numbers as null, 2-space indent, trailing
// newline; invalid UTF-8 in strings is replaced (U+FFFD) rather than throwing.
std::string json_text(const nlohmann::json& value);

// Writes json_text(value) to `path` atomically. Throws IoError naming the path.
void write_json_atomically(const std::filesystem::path& path, const nlohmann::json& value);

}  // namespace afsim::io
