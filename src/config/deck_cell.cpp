// Deck section cell: materials (by name, or name plus inline overrides), cathode loading, conditions; their
// SI echo beside their readers.
#include "config/deck_sections.hpp"
#include "config/section.hpp"
#include "materials/database.hpp"

namespace afsim::config::detail {

namespace {

using json = nlohmann::json;
using N = Section<CellConfig>::Need;

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

const materials::Database* database(const DeckContext* ctx) {
  return ctx ? ctx->materials : nullptr;
}

json metal_json(const MetalProps& m) {
  return {{"name", m.name},
          {"molar_mass_kg_mol", m.molar_mass},
          {"density_kg_m3", m.density},
          {"molar_volume_m3_mol", m.molar_volume},
          {"surface_energy_J_m2", m.surface_energy},
          {"charge_number", m.charge_number},
          {"unconfirmed", m.unconfirmed}};
}

json electrolyte_json(const ElectrolyteProps& e) {
  return {
      {"name", e.name},
      {"kind", e.kind},
      {"metal", e.metal},
      {"concentration_mol_m3", e.concentration},
      {"diffusivity_m2_s", e.diffusivity},
      {"conductivity_S_m", e.conductivity},
      {"transference", e.transference},
      {"thermodynamic_factor", e.thermodynamic_factor},
      {"density_kg_m3", e.density},
      {"exchange_current_A_m2", e.exchange_current},
      {"transfer_coefficient", e.transfer_coefficient},
      {"youngs_modulus_Pa", e.youngs_modulus},
      {"poisson_ratio", e.poisson_ratio},
      {"conductivity_fit", {{"form", e.conductivity_form}, {"coefficients", e.conductivity_coefficients}}},
      {"unconfirmed", e.unconfirmed}};
}

json cathode_json(const CathodeConfig& c) {
  json ocv = json::array();
  for (const auto& p : c.props.ocv) ocv.push_back({p.soc, p.voltage});
  return {{"material", c.props.name},
          {"metal", c.props.metal},
          {"specific_capacity_C_kg", c.props.specific_capacity},
          {"density_kg_m3", c.props.density},
          {"ocv_soc_V", ocv},
          {"loading_C_m2", c.loading},
          {"initial_soc", c.initial_soc},
          {"unconfirmed", c.props.unconfirmed}};
}

void read_interlayer(const Cursor& il, CellConfig& out, const DeckContext* ctx) {
  // A simulation deck refuses the interlayer until its model is built; the cell-stack model (afsim cell)
  // counts it as a layer of the stack.
  if (ctx && ctx->simulation) {
    il.error(
        "lithiophilic interlayers (MODELS §6) are not available yet in a simulation deck; remove the key "
        "(the "
        "cell-stack model, afsim cell, takes an interlayer as a layer of the stack)");
    return;
  }
  if (!il.check_map({"material", "thickness"}, "a mapping {material, thickness}")) return;
  const materials::Database* db = database(ctx);
  InterlayerConfig layer;
  bool ok = true;
  if (auto m = il.require("material")) {
    auto name = m->name("an interlayer material name");
    ok = ok && name.has_value();
    if (name && db && db->collector(*name) == nullptr) {
      m->error("unknown interlayer material \"" + *name + "\"" +
               suggestion(*name, db->names(materials::Kind::Collector)) + " (materials from " +
               db->directory() + "/collectors.yaml)");
      ok = false;
    }
    if (name) layer.material = *name;
  } else {
    ok = false;
  }
  if (auto t = il.require("thickness")) {
    if (auto v = t->quantity(dim::length, Range::positive()))
      layer.thickness = *v;
    else
      ok = false;
  } else {
    ok = false;
  }
  if (ok) out.interlayer = layer;
}

void read_cathode(const Cursor& ca, CellConfig& out, const DeckContext* ctx) {
  if (!ca.check_map({"material", "loading", "initial_soc"}, "a mapping {material, loading, initial_soc}"))
    return;
  const materials::Database* db = database(ctx);
  if (auto m = ca.require("material"); m && db) {
    if (auto p = db->resolve_cathode(*m)) {
      out.cathode.props = *p;
      note_unconfirmed(*m, p->name, p->unconfirmed, "cathodes.yaml");
    }
  }
  if (auto l = ca.require("loading"))
    if (auto v = l->quantity(dim::areal_capacity, Range::positive())) out.cathode.loading = *v;
  if (auto s = ca.get("initial_soc"))
    if (auto v = s->quantity(dim::none, Range::closed(0, 1))) out.cathode.initial_soc = *v;
}

}  // namespace

const Section<CellConfig>& cell_section() {
  static const Section<CellConfig> s = [] {
    Section<CellConfig> c("cell", "a mapping of cell settings {metal, electrolyte, collector, cathode, ...}");
    c.custom(
         "metal", N::Required,
         {"Li | Na (inputs/materials/metals.yaml), or {name, property: value ...}", "", "required"},
         "the plated metal",
         [](const Cursor& m, CellConfig& out, const DeckContext* ctx) {
           if (const materials::Database* db = database(ctx))
             if (auto p = db->resolve_metal(m)) {
               out.metal = *p;
               note_unconfirmed(m, p->name, p->unconfirmed, "metals.yaml");
             }
         },
         [](const CellConfig& v, json& j) { j["metal"] = metal_json(v.metal); })
        .custom(
            "electrolyte", N::Required,
            {"a name in inputs/materials/electrolytes.yaml, or {name, property: value ...}", "liquid",
             "required"},
            "the electrolyte (a simulation deck takes liquids only until MODELS §8 is built)",
            [](const Cursor& e, CellConfig& out, const DeckContext* ctx) {
              if (const materials::Database* db = database(ctx))
                if (auto p = db->resolve_electrolyte(e)) {
                  out.electrolyte = *p;
                  note_unconfirmed(e, p->name, p->unconfirmed, "electrolytes.yaml");
                  if (p->kind == "solid" && ctx->simulation)
                    e.error(
                        p->name +
                        " is a solid electrolyte: contact, voids and stack pressure at a solid electrolyte "
                        "(MODELS §8) are not available yet; choose a liquid electrolyte");
                }
            },
            [](const CellConfig& v, json& j) { j["electrolyte"] = electrolyte_json(v.electrolyte); })
        .custom(
            "collector", N::Required,
            {"a name in inputs/materials/collectors.yaml, or {name, property: value ...}", "", "required"},
            "the negative current collector the metal plates on",
            [](const Cursor& k, CellConfig& out, const DeckContext* ctx) {
              if (const materials::Database* db = database(ctx))
                if (auto p = db->resolve_collector(k)) {
                  out.collector = *p;
                  note_unconfirmed(k, p->name, p->unconfirmed, "collectors.yaml");
                }
            },
            [](const CellConfig& v, json& j) {
              j["collector"] = {{"name", v.collector.name},
                                {"density_kg_m3", v.collector.density},
                                {"molar_volume_m3_mol", v.collector.molar_volume},
                                {"unconfirmed", v.collector.unconfirmed}};
            })
        .custom("interlayer", N::Optional, {"mapping {material, thickness}", "", "none"},
                "a coating on the collector: a layer of the stack in afsim cell; refused in a simulation "
                "deck until "
                "MODELS §6 is built",
                read_interlayer,
                [](const CellConfig& v, json& j) {
                  j["interlayer"] = v.interlayer ? json{{"material", v.interlayer->material},
                                                        {"thickness_m", v.interlayer->thickness}}
                                                 : json(nullptr);
                })
        .custom("cathode", N::Required,
                {"mapping {material, loading (C/m^2), initial_soc}", "loading > 0, initial_soc in [0, 1]",
                 "required"},
                "the cathode that supplies the metal: a name in inputs/materials/cathodes.yaml and its areal "
                "capacity; initial_soc 0 = fully lithiated (anode-free)",
                read_cathode, [](const CellConfig& v, json& j) { j["cathode"] = cathode_json(v.cathode); })
        .quantity("temperature", dim::temperature, Range::positive(), &CellConfig::temperature, N::Optional,
                  "the cell's temperature (\"25 degC\")")
        .refused("pressure",
                 "stack pressure acts on solid electrolytes (MODELS §8), which are not available yet; remove "
                 "the key")
        .quantity("external_resistance", dim::area_resistance, Range::non_negative(),
                  &CellConfig::external_resistance, N::Optional,
                  "R_ext of MODELS (1.1) in series with the cell")
        .check([](const Cursor& c, CellConfig& out, const DeckContext*) {
          // The cation the electrolyte carries and the metal the cathode stores must be the cell's metal.
          if (out.metal.name.empty()) return;
          if (auto e = c.get("electrolyte");
              e && !out.electrolyte.metal.empty() && out.electrolyte.metal != out.metal.name)
            e->error("electrolyte " + out.electrolyte.name + " carries " + out.electrolyte.metal +
                     " ions, but cell.metal is " + out.metal.name);
          if (auto ca = c.get("cathode"))
            if (auto m = ca->get("material");
                m && !out.cathode.props.metal.empty() && out.cathode.props.metal != out.metal.name)
              m->error("cathode " + out.cathode.props.name + " stores " + out.cathode.props.metal +
                       ", but cell.metal is " + out.metal.name);
        });
    return c;
  }();
  return s;
}

void read_cell(const Cursor& c, const DeckContext& ctx, CellConfig& out) {
  cell_section().read(c, out, &ctx);
}

}  // namespace afsim::config::detail
