// Deck section cell: materials (by name, or name plus inline overrides), cathode loading, conditions.
#include "config/deck_sections.hpp"
#include "materials/database.hpp"

namespace afsim::config::detail {

namespace {

std::string join(const std::vector<std::string>& v) {
  std::string s;
  for (const auto& x : v) s += (s.empty() ? "" : ", ") + x;
  return s;
}

void note_unconfirmed(const Cursor& c, const std::string& name, const std::vector<std::string>& keys,
                      const char* file) {
  if (keys.empty()) return;
  c.warning(name + " uses unconfirmed values (" + join(keys) + "); see inputs/materials/" + file);
}

}  // namespace

void read_cell(const Cursor& c, const DeckContext& ctx, CellConfig& out) {
  if (!c.check_map({"metal", "electrolyte", "collector", "interlayer", "cathode", "temperature", "pressure",
                    "external_resistance"},
                   "a mapping of cell settings {metal, electrolyte, collector, cathode, ...}"))
    return;
  const materials::Database* db = ctx.materials;

  bool metal_ok = false;
  if (auto m = c.require("metal"); m && db) {
    if (auto p = db->resolve_metal(*m)) {
      out.metal = *p;
      metal_ok = true;
      note_unconfirmed(*m, p->name, p->unconfirmed, "metals.yaml");
    }
  }
  if (auto e = c.require("electrolyte"); e && db) {
    if (auto p = db->resolve_electrolyte(*e)) {
      out.electrolyte = *p;
      note_unconfirmed(*e, p->name, p->unconfirmed, "electrolytes.yaml");
      if (metal_ok && p->metal != out.metal.name)
        e->error("electrolyte " + p->name + " carries " + p->metal + " ions, but cell.metal is " +
                 out.metal.name);
    }
  }
  if (auto k = c.require("collector"); k && db) {
    if (auto p = db->resolve_collector(*k)) {
      out.collector = *p;
      note_unconfirmed(*k, p->name, p->unconfirmed, "collectors.yaml");
    }
  }
  if (auto il = c.get("interlayer")) {
    if (il->check_map({"material", "thickness"}, "a mapping {material, thickness}")) {
      InterlayerConfig layer;
      bool ok = true;
      if (auto m = il->require("material")) {
        auto name = m->name("an interlayer material name");
        ok = ok && name.has_value();
        if (name && db) {
          if (db->collector(*name) == nullptr) {
            m->error("unknown interlayer material \"" + *name + "\"" +
                     suggestion(*name, db->names(materials::Kind::Collector)) + " (materials from " +
                     db->directory() + "/collectors.yaml)");
            ok = false;
          }
        }
        if (name) layer.material = *name;
      } else {
        ok = false;
      }
      if (auto t = il->require("thickness")) {
        if (auto v = t->quantity(dim::length, Range::positive()))
          layer.thickness = *v;
        else
          ok = false;
      } else {
        ok = false;
      }
      if (ok) out.interlayer = layer;
    }
  }
  if (auto ca = c.require("cathode")) {
    if (ca->check_map({"material", "loading", "initial_soc"}, "a mapping {material, loading, initial_soc}")) {
      if (auto m = ca->require("material"); m && db) {
        if (auto p = db->resolve_cathode(*m)) {
          out.cathode.props = *p;
          note_unconfirmed(*m, p->name, p->unconfirmed, "cathodes.yaml");
          if (metal_ok && p->metal != out.metal.name)
            m->error("cathode " + p->name + " stores " + p->metal + ", but cell.metal is " + out.metal.name);
        }
      }
      if (auto l = ca->require("loading"))
        if (auto v = l->quantity(dim::areal_capacity, Range::positive())) out.cathode.loading = *v;
      if (auto s = ca->get("initial_soc"))
        if (auto v = s->quantity(dim::none, Range::closed(0, 1))) out.cathode.initial_soc = *v;
    }
  }
  if (auto t = c.get("temperature"))
    if (auto v = t->quantity(dim::temperature, Range::positive())) out.temperature = *v;
  if (auto p = c.get("pressure"))
    if (auto v = p->quantity(dim::pressure, Range::non_negative())) out.pressure = *v;
  if (auto r = c.get("external_resistance"))
    if (auto v = r->quantity(dim::area_resistance, Range::non_negative())) out.external_resistance = *v;
}

}  // namespace afsim::config::detail
