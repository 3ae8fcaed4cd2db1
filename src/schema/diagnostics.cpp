#include "schema/diagnostics.hpp"

#include <algorithm>
#include <cctype>

namespace afsim::schema {

std::string Diagnostics::format(const std::string& where, const std::string& path,
                                const std::string& message) {
  std::string out;
  if (!where.empty()) out += where + ": ";
  if (!path.empty()) out += path + ": ";
  return out + message;
}

void Diagnostics::error(const std::string& where, const std::string& path, const std::string& message) {
  const std::string line = format(where, path, message);
  if (std::find(errors_.begin(), errors_.end(), line) != errors_.end()) return;
  if (errors_.size() >= kMaxMessages) {
    ++dropped_;
    return;
  }
  errors_.push_back(line);
}

void Diagnostics::warning(const std::string& where, const std::string& path, const std::string& message) {
  const std::string line = format(where, path, message);
  if (std::find(warnings_.begin(), warnings_.end(), line) == warnings_.end()) warnings_.push_back(line);
}

std::string Diagnostics::text() const {
  std::string out;
  for (const auto& e : errors_) {
    if (!out.empty()) out += '\n';
    out += e;
  }
  if (dropped_ > 0) out += "\n... and " + std::to_string(dropped_) + " more errors";
  return out;
}

void Diagnostics::throw_if_errors() const {
  if (!ok()) throw DeckError(text());
}

std::string file_location(const std::string& file, int line0, int column0) {
  if (line0 < 0) return file;
  return file + ":" + std::to_string(line0 + 1) + ":" + std::to_string(std::max(column0, 0) + 1);
}

std::size_t edit_distance(const std::string& a, const std::string& b) {
  const auto low = [](char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); };
  const std::size_t n = a.size(), m = b.size();
  std::vector<std::vector<std::size_t>> d(n + 1, std::vector<std::size_t>(m + 1));
  for (std::size_t i = 0; i <= n; ++i) d[i][0] = i;
  for (std::size_t j = 0; j <= m; ++j) d[0][j] = j;
  for (std::size_t i = 1; i <= n; ++i) {
    for (std::size_t j = 1; j <= m; ++j) {
      const std::size_t cost = low(a[i - 1]) == low(b[j - 1]) ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && low(a[i - 1]) == low(b[j - 2]) && low(a[i - 2]) == low(b[j - 1]))
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[n][m];
}

std::string nearest(const std::string& word, const std::vector<std::string>& candidates) {
  std::string best;
  std::size_t best_d = static_cast<std::size_t>(-1);
  for (const auto& c : candidates) {
    const std::size_t d = edit_distance(word, c);
    if (d < best_d) {
      best_d = d;
      best = c;
    }
  }
  const std::size_t limit = std::max<std::size_t>(2, std::min(word.size(), best.size()) / 2);
  return best_d <= limit ? best : std::string();
}

std::string suggestion(const std::string& word, const std::vector<std::string>& candidates) {
  const std::string near = nearest(word, candidates);
  if (!near.empty()) return ", did you mean \"" + near + "\"?";
  std::string list;
  for (const auto& c : candidates) list += (list.empty() ? "" : ", ") + c;
  return " (known: " + list + ")";
}

}  // namespace afsim::schema
