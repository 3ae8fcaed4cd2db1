// The `stack:` section of a cell deck (MODELS §9). Defaults are the seed's §2 stack (PARAMETERS.md §11):
// double-sided electrodes, Al 15 um, NMC coating 31 % porous with 95.5 wt% active material, Celgard H2010
// (liquid cells) or a 30 um layer of the solid electrolyte (solid cells), an 8 um negative collector,
// anode-free, dense plated metal.
#include "config/cell_deck_detail.hpp"
#include "materials/database.hpp"

namespace afsim::config::detail {

namespace {

constexpr double kDefaultPositiveCollector = 15e-6;  // m, seed §2 Al foil
constexpr double kDefaultNegativeCollector = 8e-6;   // m, seed cases 5-7 Cu foil
constexpr double kDefaultCathodePorosity = 0.31;     // seed §2 NMC622
constexpr double kDefaultActiveFraction = 0.955;     // seed §2 NMC622
constexpr double kDefaultSolidLayer = 30e-6;         // m, the 30 um solid-electrolyte layer of issue 5
const char* const kDefaultSeparator = "Celgard_H2010";
const char* const kDefaultGraphite = "graphite";

void read_positive_collector(const Cursor& c, const materials::Database* db, StackConfig& out) {
  if (!c.check_map({"material", "thickness"}, "a mapping {material, thickness}")) return;
  if (auto m = c.get("material"); m && db)
    if (auto p = db->resolve_collector(*m)) out.positive_collector = *p;
  if (auto t = c.get("thickness"))
    if (auto v = t->quantity(dim::length, Range::positive())) out.positive_collector_thickness = *v;
}

void read_cathode(const Cursor& c, StackConfig& out) {
  if (!c.check_map({"porosity", "active_fraction", "utilisation", "polarization"},
                   "a mapping {porosity, active_fraction, utilisation, polarization}"))
    return;
  if (auto p = c.get("porosity"))
    if (auto v = p->quantity(dim::none, Range::closed(0, 0.99))) out.cathode_porosity = *v;
  if (auto a = c.get("active_fraction"))
    if (auto v = a->quantity(dim::none, Range::open_closed(0, 1))) out.cathode_active_fraction = *v;
  if (auto u = c.get("utilisation"))
    if (auto v = u->quantity(dim::none, Range::open_closed(0, 1))) out.utilisation = *v;
  if (auto p = c.get("polarization"))
    if (auto v = p->quantity(dim::voltage, Range::closed(0, 1))) out.polarization = *v;
}

// `separator: NAME` or `{name: NAME, thickness, porosity, density}` (each key overrides the named layer;
// without a name all three are required).
void read_separator(const Cursor& c, const StackLayers* layers, StackConfig& out) {
  auto named = [&](const Cursor& n) {
    auto name = n.name("a separator name");
    if (!name || !layers) return;
    const auto it = layers->separators.find(*name);
    if (it == layers->separators.end()) {
      std::vector<std::string> known;
      for (const auto& [k, v] : layers->separators) known.push_back(k);
      n.error("unknown separator \"" + *name + "\"" + suggestion(*name, known) +
              " (separators from stack_layers.yaml)");
      return;
    }
    out.separator = it->second;
  };
  if (c.is_scalar()) return named(c);
  if (!c.check_map({"name", "thickness", "porosity", "density"},
                   "a separator name or a mapping {name, thickness, porosity, density}"))
    return;
  if (auto n = c.get("name")) {
    named(*n);
  } else {
    out.separator = LayerSpec{"separator", 0, 0, 0};
    for (const char* k : {"thickness", "porosity", "density"}) c.require(k);
  }
  if (auto t = c.get("thickness"))
    if (auto v = t->quantity(dim::length, Range::positive())) out.separator.thickness = *v;
  if (auto p = c.get("porosity"))
    if (auto v = p->quantity(dim::none, Range::closed(0, 0.99))) out.separator.porosity = *v;
  if (auto d = c.get("density"))
    if (auto v = d->quantity(dim::mass_density, Range::positive())) out.separator.density = *v;
}

void read_anode(const Cursor& c, const StackLayers* layers, StackConfig& out) {
  if (!c.check_map({"type", "thickness", "material", "np_ratio"},
                   "a mapping {type, thickness, material, np_ratio}"))
    return;
  if (auto t = c.require("type"))
    if (auto k = t->choice<AnodeKind>({{"anode_free", AnodeKind::AnodeFree},
                                       {"foil", AnodeKind::Foil},
                                       {"graphite", AnodeKind::Graphite}}))
      out.anode = *k;
  const auto thickness = c.get("thickness");
  if (out.anode == AnodeKind::Foil) {
    if (!thickness) c.error("missing required key \"thickness\" (the metal foil, e.g. \"50 um\")");
  } else if (thickness) {
    thickness->error("a thickness is given only for type: foil (graphite follows from np_ratio)");
  }
  if (thickness && out.anode == AnodeKind::Foil)
    if (auto v = thickness->quantity(dim::length, Range::non_negative())) out.foil_thickness = *v;
  const auto material = c.get("material");
  const auto np = c.get("np_ratio");
  if (out.anode != AnodeKind::Graphite) {
    if (material) material->error("a material is given only for type: graphite");
    if (np) np->error("np_ratio is given only for type: graphite");
    return;
  }
  if (material) {
    if (auto name = material->name("a graphite name"); name && layers) {
      const auto it = layers->graphites.find(*name);
      if (it == layers->graphites.end())
        material->error("unknown graphite \"" + *name + "\" (graphite electrodes from stack_layers.yaml)");
      else
        out.graphite = it->second;
    }
  }
  if (np)
    if (auto v = np->quantity(dim::none, Range::positive())) out.graphite.np_ratio = *v;
}

}  // namespace

void read_stack(const Cursor* c, const CellConfig& cell, const materials::Database* db,
                const StackLayers* layers, StackConfig& out) {
  // Defaults first (see the file comment), then whatever the deck says.
  if (db)
    if (const auto* al = db->collector("Al")) out.positive_collector = *al;
  out.positive_collector_thickness = kDefaultPositiveCollector;
  out.cathode_porosity = kDefaultCathodePorosity;
  out.cathode_active_fraction = kDefaultActiveFraction;
  out.negative_collector_thickness = kDefaultNegativeCollector;
  if (cell.electrolyte.kind == "solid") {
    out.separator = LayerSpec{cell.electrolyte.name, kDefaultSolidLayer, 0.0, cell.electrolyte.density};
  } else if (layers) {
    if (auto it = layers->separators.find(kDefaultSeparator); it != layers->separators.end())
      out.separator = it->second;
  }
  if (layers)
    if (auto it = layers->graphites.find(kDefaultGraphite); it != layers->graphites.end())
      out.graphite = it->second;
  if (db && cell.interlayer)
    if (const auto* il = db->collector(cell.interlayer->material)) out.interlayer_density = il->density;
  if (c == nullptr) return;
  if (!c->check_map({"repeating_unit", "positive_collector", "cathode", "separator", "negative_collector",
                     "anode", "deposit_porosity"},
                    "a mapping of stack settings {repeating_unit, positive_collector, cathode, separator, "
                    "negative_collector, anode, deposit_porosity}"))
    return;
  if (auto r = c->get("repeating_unit"))
    if (auto v = r->choice<RepeatingUnit>(
            {{"double_sided", RepeatingUnit::DoubleSided}, {"single_sided", RepeatingUnit::SingleSided}}))
      out.repeating_unit = *v;
  if (auto p = c->get("positive_collector")) read_positive_collector(*p, db, out);
  if (auto k = c->get("cathode")) read_cathode(*k, out);
  if (auto s = c->get("separator")) read_separator(*s, layers, out);
  if (auto n = c->get("negative_collector")) {
    if (n->check_map({"thickness"}, "a mapping {thickness} (the material is cell.collector)"))
      if (auto t = n->require("thickness"))
        if (auto v = t->quantity(dim::length, Range::non_negative())) out.negative_collector_thickness = *v;
  }
  if (auto a = c->get("anode")) read_anode(*a, layers, out);
  if (auto d = c->get("deposit_porosity"))
    if (auto v = d->quantity(dim::none, Range::closed(0, 0.99))) out.deposit_porosity = *v;
}

}  // namespace afsim::config::detail
