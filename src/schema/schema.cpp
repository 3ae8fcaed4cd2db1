#include "schema/schema.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <set>

namespace afsim::schema {

// ---- Source, Range ------------------------------------------------------------------------------

const std::string* Source::override_for(const std::string& path) const {
  const std::string* best = nullptr;
  std::size_t best_len = 0;
  for (const auto& [key, text] : overrides) {
    const bool match = path == key || (path.size() > key.size() && path.compare(0, key.size(), key) == 0 &&
                                       (path[key.size()] == '.' || path[key.size()] == '['));
    if (match && key.size() >= best_len) {
      best = &text;
      best_len = key.size();
    }
  }
  return best;
}

bool Range::contains(double v) const {
  if (lo_open ? !(v > lo) : !(v >= lo)) return false;
  if (hi_open ? !(v < hi) : !(v <= hi)) return false;
  return true;
}

namespace {
std::string number_text(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", v);
  return buf;
}
}  // namespace

std::string Range::text(const std::string& unit) const {
  const std::string u = unit.empty() ? "" : " " + unit;
  const bool has_lo = std::isfinite(lo), has_hi = std::isfinite(hi);
  if (has_lo && has_hi)
    return std::string("in ") + (lo_open ? "(" : "[") + number_text(lo) + ", " + number_text(hi) +
           (hi_open ? ")" : "]") + u;
  if (has_lo) return std::string(lo_open ? "> " : ">= ") + number_text(lo) + u;
  if (has_hi) return std::string(hi_open ? "< " : "<= ") + number_text(hi) + u;
  return "finite";
}

// ---- paths --------------------------------------------------------------------------------------

std::string child_path(const std::string& parent, const std::string& key) {
  return parent.empty() ? key : parent + "." + key;
}

std::string item_path(const std::string& parent, std::size_t index) {
  return parent + "[" + std::to_string(index) + "]";
}

// ---- Cursor -------------------------------------------------------------------------------------

Cursor::Cursor(YAML::Node node, std::string path, std::shared_ptr<const Source> source, Diagnostics* diag,
               YAML::Mark key_mark)
    : node_(std::move(node)),
      path_(std::move(path)),
      source_(std::move(source)),
      diag_(diag),
      key_mark_(key_mark) {}

Cursor Cursor::child(YAML::Node n, std::string path, YAML::Mark key_mark) const {
  return Cursor(std::move(n), std::move(path), source_, diag_, key_mark);
}

std::string Cursor::location() const {
  if (const std::string* o = source_->override_for(path_)) return "--set " + *o;
  YAML::Mark m = YAML::Mark::null_mark();
  if (node_.IsDefined() && !node_.IsNull()) m = node_.Mark();
  if (m.line < 0) m = key_mark_;
  if (m.line < 0 && node_.IsDefined()) m = node_.Mark();
  return file_location(source_->file, m.line, m.column);
}

void Cursor::error(const std::string& message) const {
  diag_->error(location(), path_, message);
}
void Cursor::warning(const std::string& message) const {
  diag_->warning(location(), path_, message);
}

std::string Cursor::describe_value() const {
  if (is_null()) return "nothing";
  if (is_map()) return "a mapping";
  if (is_list()) return "a list";
  std::string s = node_.Scalar();
  if (s.size() > 40) s = s.substr(0, 37) + "...";
  return "\"" + s + "\"";
}

std::string Cursor::hint(const std::string& word, const std::vector<std::string>& names) {
  const std::string near = nearest(word, names);
  return near.empty() ? "" : " (did you mean \"" + near + "\"?)";
}

bool Cursor::check_map(const std::vector<std::string>& known, const std::string& what) const {
  if (!is_map()) {
    error("expected " + what + ", got " + describe_value());
    return false;
  }
  std::map<std::string, int> seen;  // key -> 1-based line of first occurrence
  for (const auto& kv : node_) {    // (range-for: yaml-cpp's iterator-> trips GCC 12's -Wdangling-pointer)
    const YAML::Node& k = kv.first;
    if (!k.IsScalar()) {
      diag_->error(file_location(source_->file, k.Mark().line, k.Mark().column), path_,
                   "keys must be plain names, got " + std::string(k.IsMap() ? "a mapping" : "a list"));
      continue;
    }
    const std::string key = k.Scalar();
    const Cursor kc = child(k, child_path(path_, key), k.Mark());
    if (auto s = seen.find(key); s != seen.end()) {
      kc.error("duplicate key \"" + key + "\" (first given on line " + std::to_string(s->second) + ")");
      continue;
    }
    seen[key] = k.Mark().line + 1;
    if (std::find(known.begin(), known.end(), key) == known.end())
      kc.error("unknown key \"" + key + "\"" + suggestion(key, known));
  }
  return true;
}

std::optional<Cursor> Cursor::get(const std::string& key) const {
  if (!is_map()) return std::nullopt;
  for (const auto& kv : node_) {
    if (kv.first.IsScalar() && kv.first.Scalar() == key)
      return child(kv.second, child_path(path_, key), kv.first.Mark());
  }
  return std::nullopt;
}

std::optional<Cursor> Cursor::require(const std::string& key) const {
  if (!is_map()) return std::nullopt;
  auto c = get(key);
  if (!c)
    error(std::string(path_.empty() ? "missing required section \"" : "missing required key \"") + key +
          "\"");
  return c;
}

std::vector<std::pair<std::string, Cursor>> Cursor::entries() const {
  std::vector<std::pair<std::string, Cursor>> out;
  if (!is_map()) return out;
  std::set<std::string> seen;
  for (const auto& kv : node_) {
    if (!kv.first.IsScalar()) continue;
    const std::string key = kv.first.Scalar();
    if (!seen.insert(key).second) continue;
    out.emplace_back(key, child(kv.second, child_path(path_, key), kv.first.Mark()));
  }
  return out;
}

std::optional<std::vector<Cursor>> Cursor::items(const std::string& what) const {
  if (!is_list()) {
    error("expected " + what + ", got " + describe_value());
    return std::nullopt;
  }
  std::vector<Cursor> out;
  std::size_t i = 0;
  for (const auto& item : node_) {
    out.push_back(child(item, item_path(path_, i), item.Mark()));
    ++i;
  }
  return out;
}

std::optional<std::string> Cursor::text(const std::string& what) const {
  if (!is_scalar() || is_null()) {
    error("expected " + what + ", got " + describe_value());
    return std::nullopt;
  }
  return node_.Scalar();
}

std::optional<std::string> Cursor::name(const std::string& what) const {
  auto s = text(what);
  if (!s) return std::nullopt;
  const bool ok = !s->empty() && std::all_of(s->begin(), s->end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '-' || c == '.' || c == '+';
  });
  if (!ok) {
    error("expected " + what + " (letters, digits, _ - . +), got " + describe_value());
    return std::nullopt;
  }
  return s;
}

namespace {
std::string unit_text(const Dimension& d) {
  if (d.dimensionless()) return "";
  std::string u = d.key_suffix();
  if (u.rfind("per_", 0) == 0) return "1/" + u.substr(4);
  const auto us = u.find('_');
  if (us != std::string::npos) u = u.substr(0, us) + "/" + u.substr(us + 1);
  std::replace(u.begin(), u.end(), '_', ' ');
  return u;
}
}  // namespace

std::optional<double> Cursor::quantity(const Dimension& d, const Range& r) const {
  const auto s = text(d.dimensionless() ? std::string("a number") : with_article(describe(d)));
  if (!s) return std::nullopt;
  std::string err;
  const double v = to_si(*s, d, &err);
  if (!err.empty()) {
    error(err);
    return std::nullopt;
  }
  if (!r.contains(v)) {
    error("must be " + r.text(unit_text(d)) + ", got \"" + *s + "\"");
    return std::nullopt;
  }
  return v;
}

std::optional<std::pair<double, std::size_t>> Cursor::quantity_of(const std::vector<Dimension>& dims,
                                                                  const Range& r) const {
  std::string what;
  for (std::size_t i = 0; i < dims.size(); ++i)
    what += (i == 0 ? "" : " or ") + with_article(describe(dims[i]));
  const auto s = text(what);
  if (!s) return std::nullopt;
  Quantity q;
  try {
    q = parse_quantity(*s);
  } catch (const UnitError& e) {
    error("expected " + what + ", got " + e.what());
    return std::nullopt;
  }
  for (std::size_t i = 0; i < dims.size(); ++i) {
    if (q.dimension != dims[i]) continue;
    if (!r.contains(q.value)) {
      error("must be " + r.text(unit_text(dims[i])) + ", got \"" + *s + "\"");
      return std::nullopt;
    }
    return std::make_pair(q.value, i);
  }
  error("expected " + what + ", got \"" + *s + "\" (" + dimension_name(q.dimension) + ")");
  return std::nullopt;
}

std::optional<long long> Cursor::integer(long long lo, long long hi) const {
  const std::string range = hi == std::numeric_limits<long long>::max()
                                ? ">= " + std::to_string(lo)
                                : "in [" + std::to_string(lo) + ", " + std::to_string(hi) + "]";
  const auto s = text("an integer " + range);
  if (!s) return std::nullopt;
  const std::string& t = *s;
  const char* b = t.data() + (!t.empty() && t[0] == '+' ? 1 : 0);
  const char* e = t.data() + t.size();
  long long v = 0;
  auto res = std::from_chars(b, e, v);
  if (res.ec == std::errc::result_out_of_range) {
    error("must be an integer " + range + ", got \"" + t + "\"");
    return std::nullopt;
  }
  if (res.ec != std::errc() || res.ptr != e) {
    // Accept integral values written as floating point ("1e3"), nothing else.
    double d = 0;
    auto rd = std::from_chars(b, e, d);
    if (rd.ec != std::errc() || rd.ptr != e || !std::isfinite(d) || d != std::floor(d)) {
      error("expected an integer " + range + ", got \"" + t + "\"");
      return std::nullopt;
    }
    if (d < static_cast<double>(lo) || d > static_cast<double>(hi)) {
      error("must be an integer " + range + ", got \"" + t + "\"");
      return std::nullopt;
    }
    v = static_cast<long long>(d);
  }
  if (v < lo || v > hi) {
    error("must be an integer " + range + ", got \"" + t + "\"");
    return std::nullopt;
  }
  return v;
}

std::optional<bool> Cursor::boolean() const {
  const auto s = text("true or false");
  if (!s) return std::nullopt;
  std::string t = *s;
  std::transform(t.begin(), t.end(), t.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (t == "true" || t == "yes" || t == "on") return true;
  if (t == "false" || t == "no" || t == "off") return false;
  error("expected true or false, got \"" + *s + "\"");
  return std::nullopt;
}

}  // namespace afsim::schema
