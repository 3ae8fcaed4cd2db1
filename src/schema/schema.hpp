// The schema walker: a YAML node together with its key path ("physics.initial.needles[0].x") and where it
// came from, with checked accessors that report every problem to a Diagnostics and return nullopt, so a
// walk goes on and collects all errors of a file. Shared by the deck parser and the materials loader.
#pragma once

#include <limits>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "schema/diagnostics.hpp"
#include "schema/units.hpp"

namespace afsim::schema {

// Where nodes come from: a file, plus the key paths that --set overrides replaced (their values were
// parsed from the command line, so they are located by the override text, not by line and column).
struct Source {
  std::string file;
  std::map<std::string, std::string> overrides;  // key path -> "KEY=VALUE" as given

  // The override that supplied `path` (itself or an ancestor), or nullptr.
  const std::string* override_for(const std::string& path) const;
};

// Accepted interval for a number; bounds are in SI.
struct Range {
  double lo = -std::numeric_limits<double>::infinity();
  double hi = std::numeric_limits<double>::infinity();
  bool lo_open = false;
  bool hi_open = false;

  static Range any() { return {}; }
  static Range positive() { return {0, std::numeric_limits<double>::infinity(), true, false}; }
  static Range non_negative() { return {0, std::numeric_limits<double>::infinity(), false, false}; }
  static Range closed(double a, double b) { return {a, b, false, false}; }
  static Range open_closed(double a, double b) { return {a, b, true, false}; }
  static Range open(double a, double b) { return {a, b, true, true}; }
  bool contains(double v) const;
  // "> 0", "in [0, 0.5]", "in (0, 0.1]"; `unit` is appended to finite bounds.
  std::string text(const std::string& unit = "") const;
};

class Cursor {
 public:
  Cursor(YAML::Node node, std::string path, std::shared_ptr<const Source> source, Diagnostics* diag,
         YAML::Mark key_mark = YAML::Mark::null_mark());

  const YAML::Node& node() const { return node_; }
  const std::string& path() const { return path_; }
  const Source& source() const { return *source_; }
  Diagnostics& diagnostics() const { return *diag_; }
  // "file:line:col" (1-based), "--set KEY=VALUE", or the file name when no position is known.
  std::string location() const;
  bool from_override() const { return source_->override_for(path_) != nullptr; }
  void error(const std::string& message) const;
  void warning(const std::string& message) const;

  bool is_null() const { return !node_.IsDefined() || node_.IsNull(); }
  bool is_map() const { return node_.IsMap(); }
  bool is_list() const { return node_.IsSequence(); }
  bool is_scalar() const { return node_.IsScalar(); }
  // "a mapping", "a list", "nothing", or `"text"` for a scalar (for "got ..." messages).
  std::string describe_value() const;

  // ---- mappings ----
  // Checks this node is a mapping whose keys are all in `known` (unknown keys are reported with the nearest
  // known one) and that no key repeats. Returns false (after reporting) when it is not a mapping; unknown
  // or repeated keys are reported but do not make it return false. `what` names the mapping in messages
  // ("a mapping of run settings").
  bool check_map(const std::vector<std::string>& known, const std::string& what = "a mapping") const;
  // The value of `key`, or nullopt when absent. (A present key with an empty value is returned: it is Null.)
  std::optional<Cursor> get(const std::string& key) const;
  // As get, but a missing key is reported ("missing required key "x"") at this mapping's position.
  std::optional<Cursor> require(const std::string& key) const;
  // Keys in document order (for tables such as material files).
  std::vector<std::pair<std::string, Cursor>> entries() const;

  // ---- lists ----
  // The items, each with path "path[i]"; reports and returns nullopt when this is not a list.
  std::optional<std::vector<Cursor>> items(const std::string& what = "a list") const;

  // ---- scalars ----
  std::optional<std::string> text(const std::string& what = "a value") const;
  // A name made of letters, digits, '_', '-', '.', '+' (materials, run names).
  std::optional<std::string> name(const std::string& what = "a name") const;
  // A quantity of dimension `d` in range `r` (plain numbers are accepted for dimensionless values).
  std::optional<double> quantity(const Dimension& d, const Range& r = Range::any()) const;
  // A quantity of any of the dimensions in `dims`; returns the value and the index of the dimension.
  std::optional<std::pair<double, std::size_t>> quantity_of(const std::vector<Dimension>& dims,
                                                            const Range& r = Range::any()) const;
  std::optional<long long> integer(long long lo, long long hi) const;
  std::optional<bool> boolean() const;
  // One of the listed words (exact, case-sensitive); suggests the nearest otherwise.
  template <class E>
  std::optional<E> choice(const std::vector<std::pair<std::string, E>>& options) const {
    const auto word = text("one of " + join_options(options));
    if (!word) return std::nullopt;
    std::vector<std::string> names;
    for (const auto& [n, v] : options) {
      if (n == *word) return v;
      names.push_back(n);
    }
    error("expected one of " + join_options(options) + ", got \"" + *word + "\"" + hint(*word, names));
    return std::nullopt;
  }

 private:
  template <class E>
  static std::string join_options(const std::vector<std::pair<std::string, E>>& options) {
    std::string s;
    for (std::size_t i = 0; i < options.size(); ++i)
      s += (i == 0 ? "" : i + 1 == options.size() ? " or " : ", ") + options[i].first;
    return s;
  }
  static std::string hint(const std::string& word, const std::vector<std::string>& names);
  Cursor child(YAML::Node n, std::string path, YAML::Mark key_mark) const;

  YAML::Node node_;
  std::string path_;
  std::shared_ptr<const Source> source_;
  Diagnostics* diag_;
  YAML::Mark key_mark_;
};

// Key path of a child: "a.b" (or "b" under the root), "a[3]".
std::string child_path(const std::string& parent, const std::string& key);
std::string item_path(const std::string& parent, std::size_t index);

}  // namespace afsim::schema
