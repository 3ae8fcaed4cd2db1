// inputs/materials/stack_layers.yaml: separators and graphite electrodes, each number with its source.
#include <memory>

#include "config/cell_deck_detail.hpp"
#include "schema/yaml_source.hpp"
#include "materials/properties.hpp"

namespace afsim::config::detail {

namespace {

// `{value: X, source: "...", confidence: TAG}` -> X in SI; notes unconfirmed tags in `unconfirmed`.
std::optional<double> sourced_value(const Cursor& c, const Dimension& d, const Range& r,
                                    std::vector<std::string>& unconfirmed, const std::string& key) {
  if (!c.is_map()) {
    c.error("every value in a material file needs its source: write {value: " +
            (c.is_scalar() ? c.node().Scalar() : std::string("...")) + ", source: \"...\", confidence: TAG}");
    return std::nullopt;
  }
  c.check_map({"value", "source", "confidence", "note"}, "a mapping {value, source, confidence}");
  if (auto s = c.require("source")) s->text("a source (text)");
  if (auto t = c.require("confidence")) {
    std::vector<std::pair<std::string, std::string>> opts;
    for (const auto& tag : materials::confidence_tags()) opts.emplace_back(tag, tag);
    if (auto tag = t->choice(opts); tag && materials::is_unconfirmed_tag(*tag)) unconfirmed.push_back(key);
  }
  auto v = c.require("value");
  if (!v) return std::nullopt;
  return v->quantity(d, r);
}

template <class T>
void read_number(const Cursor& entry, const char* key, const Dimension& d, const Range& r, T& out,
                 std::vector<std::string>& unconfirmed) {
  if (auto c = entry.require(key))
    if (auto v = sourced_value(*c, d, r, unconfirmed, key)) out = *v;
}

}  // namespace

StackLayers load_stack_layers(const std::string& dir, Diagnostics& diag) {
  StackLayers out;
  const std::string path = dir + "/stack_layers.yaml";
  auto root = read_yaml_file(path, diag);
  if (!root) return out;
  auto source = std::make_shared<Source>();
  source->file = path;
  const Cursor top(*root, "", source, &diag, YAML::Mark());
  std::vector<std::string> names;
  for (const auto& [name, entry] : top.entries()) names.push_back(name);
  if (!top.check_map(names, "a mapping from layer names to properties")) return out;
  for (const auto& [name, entry] : top.entries()) {
    auto& unc = out.unconfirmed[name];
    const auto kind = entry.is_map() ? entry.require("kind") : std::nullopt;
    if (!kind) {
      if (!entry.is_map()) entry.error("expected a mapping {kind, ...}, got " + entry.describe_value());
      continue;
    }
    const auto k = kind->choice<int>({{"separator", 0}, {"graphite", 1}});
    if (!k) continue;
    out.names.push_back(name);
    if (*k == 0) {
      entry.check_map({"kind", "description", "thickness", "porosity", "density"});
      LayerSpec s;
      s.name = name;
      read_number(entry, "thickness", dim::length, Range::positive(), s.thickness, unc);
      read_number(entry, "porosity", dim::none, Range::closed(0, 0.99), s.porosity, unc);
      read_number(entry, "density", dim::mass_density, Range::positive(), s.density, unc);
      out.separators[name] = s;
    } else {
      entry.check_map({"kind", "description", "density", "porosity", "active_fraction", "specific_capacity",
                       "mean_voltage", "np_ratio"});
      GraphiteSpec g;
      g.name = name;
      read_number(entry, "density", dim::mass_density, Range::positive(), g.density, unc);
      read_number(entry, "porosity", dim::none, Range::closed(0, 0.99), g.porosity, unc);
      read_number(entry, "active_fraction", dim::none, Range::open_closed(0, 1), g.active_fraction, unc);
      read_number(entry, "specific_capacity", dim::specific_capacity, Range::positive(), g.specific_capacity,
                  unc);
      read_number(entry, "mean_voltage", dim::voltage, Range::closed(0, 3), g.mean_voltage, unc);
      read_number(entry, "np_ratio", dim::none, Range::positive(), g.np_ratio, unc);
      out.graphites[name] = g;
    }
  }
  return out;
}

}  // namespace afsim::config::detail
