#include "io/summary.hpp"

#include <cmath>

#include "io/atomic_file.hpp"

namespace afsim::io {

nlohmann::json json_number(double value) {
  if (!std::isfinite(value)) return nullptr;
  return value;
}

nlohmann::json replace_non_finite_with_null(const nlohmann::json& value) {
  if (value.is_number_float()) return json_number(value.get<double>());
  if (value.is_object()) {
    nlohmann::json out = nlohmann::json::object();
    for (auto it = value.begin(); it != value.end(); ++it) out[it.key()] = replace_non_finite_with_null(*it);
    return out;
  }
  if (value.is_array()) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& item : value) out.push_back(replace_non_finite_with_null(item));
    return out;
  }
  return value;
}

std::string json_text(const nlohmann::json& value) {
  return replace_non_finite_with_null(value).dump(2, ' ', false, nlohmann::json::error_handler_t::replace) +
         "\n";
}

void write_json_atomically(const std::filesystem::path& path, const nlohmann::json& value) {
  write_file_atomically(path, json_text(value));
}

}  // namespace afsim::io
