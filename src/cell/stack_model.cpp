// MODELS §9 equations (9.1)-(9.3) for one repeating unit at the charged state. Metal inventory is
// conserved: the metal plated on the negative side (or inserted into graphite) is taken from the cathode,
// so the stack mass equals the as-built mass and only the thickness grows on charge.
#include "cell/stack_model.hpp"

#include <stdexcept>

#include "cell/cathode_ocv.hpp"

namespace afsim::cell {

using config::AnodeKind;
using config::RepeatingUnit;

const char* repeating_unit_name(RepeatingUnit u) {
  return u == RepeatingUnit::DoubleSided ? "double_sided" : "single_sided";
}

const Component* StackResult::find(const std::string& name) const {
  for (const auto& c : components)
    if (c.name == name) return &c;
  return nullptr;
}

double mean_discharge_voltage(const config::CellConfig& cell, const config::StackConfig& stack) {
  double u = mean_open_circuit_voltage(cell.cathode.props, 0.0, stack.utilisation) - stack.polarization;
  if (stack.anode == AnodeKind::Graphite) u -= stack.graphite.mean_voltage;
  return u;
}

StackResult compute_stack(const config::CellConfig& cell, const config::StackConfig& stack,
                          double mean_voltage_V) {
  const auto& cath = cell.cathode.props;
  const auto& metal = cell.metal;
  if (!(cath.specific_capacity > 0 && cath.density > 0 && stack.cathode_active_fraction > 0))
    throw std::invalid_argument("compute_stack: the cathode needs a specific capacity and a density");
  if (!(metal.density > 0 && metal.molar_mass > 0))
    throw std::invalid_argument("compute_stack: the metal needs a density and a molar mass");

  StackResult r;
  r.repeating_unit = repeating_unit_name(stack.repeating_unit);
  // A double-sided electrode's foil serves two cell layers: half of it belongs to this one.
  const double share = stack.repeating_unit == RepeatingUnit::DoubleSided ? 0.5 : 1.0;
  const double loading = cell.cathode.loading;          // Q_cath, C/m^2
  r.areal_capacity_C_m2 = loading * stack.utilisation;  // (9.1)
  r.mean_voltage_V = mean_voltage_V > 0 ? mean_voltage_V : mean_discharge_voltage(cell, stack);
  r.energy_J_m2 = r.areal_capacity_C_m2 * r.mean_voltage_V;  // (9.1)
  const double nF = metal.charge_number * kFaraday;
  const double moved_mass = r.areal_capacity_C_m2 / nF * metal.molar_mass;  // kg/m^2 of metal shuttled

  auto layer = [&](std::string name, std::string material, double thickness, double solid_mass,
                   double porosity) {
    Component c;
    c.name = std::move(name);
    c.material = std::move(material);
    c.thickness_m = thickness;
    c.volume_m3_m2 = thickness;
    c.mass_kg_m2 = solid_mass;
    c.pore_volume_m3_m2 = porosity * thickness;
    r.components.push_back(c);
  };

  const double t_pcc = share * stack.positive_collector_thickness;
  layer("positive_collector", stack.positive_collector.name, t_pcc, stack.positive_collector.density * t_pcc,
        0);
  // Coating thickness from the loading: L = q_sp * w_AM * rho_coating * t  (seed §2).
  const double t_cath = loading / (cath.specific_capacity * stack.cathode_active_fraction * cath.density);
  layer("cathode", cath.name, t_cath, cath.density * t_cath - moved_mass, stack.cathode_porosity);
  const auto& sep = stack.separator;
  layer("separator", sep.name, sep.thickness, (1 - sep.porosity) * sep.density * sep.thickness, sep.porosity);

  if (stack.anode == AnodeKind::Graphite) {
    const auto& g = stack.graphite;
    const double t_g = g.np_ratio * loading / (g.specific_capacity * g.active_fraction * g.density);
    layer("graphite", g.name, t_g, g.density * t_g + moved_mass, g.porosity);
  } else {
    // (9.2) t_m = Q M / (n F rho); a porous deposit occupies t_m / (1 - p), its pores filled with
    // electrolyte.
    r.plated_dense_thickness_m = r.areal_capacity_C_m2 / nF * metal.molar_mass / metal.density;
    r.plated_envelope_thickness_m = r.plated_dense_thickness_m / (1 - stack.deposit_porosity);
    layer("plated_metal", metal.name, r.plated_envelope_thickness_m, moved_mass, stack.deposit_porosity);
    if (stack.anode == AnodeKind::Foil && stack.foil_thickness > 0)
      layer("metal_foil", metal.name, stack.foil_thickness, metal.density * stack.foil_thickness, 0);
  }
  if (cell.interlayer && cell.interlayer->thickness > 0) {
    // The interlayer's density is its host's (collectors.yaml); read by the caller into the deck.
    layer("interlayer", cell.interlayer->material, cell.interlayer->thickness,
          stack.interlayer_density * cell.interlayer->thickness, 0);
  }
  const double t_ncc = share * stack.negative_collector_thickness;
  if (t_ncc > 0) layer("negative_collector", cell.collector.name, t_ncc, cell.collector.density * t_ncc, 0);

  double pores = 0;
  for (const auto& c : r.components) pores += c.pore_volume_m3_m2;
  Component e;
  e.name = "electrolyte";
  e.material = cell.electrolyte.name;
  e.volume_m3_m2 = pores;
  e.mass_kg_m2 = cell.electrolyte.density * pores;  // fills all pores exactly, no excess (seed §2)
  r.components.push_back(e);

  for (const auto& c : r.components) {
    r.thickness_m += c.thickness_m;
    r.mass_kg_m2 += c.mass_kg_m2;
  }
  for (auto& c : r.components) {
    c.volume_fraction = c.volume_m3_m2 / r.thickness_m;
    c.mass_fraction = c.mass_kg_m2 / r.mass_kg_m2;
  }
  r.gravimetric_J_kg = r.energy_J_m2 / r.mass_kg_m2;  // (9.3)
  r.volumetric_J_m3 = r.energy_J_m2 / r.thickness_m;  // (9.3)
  return r;
}

}  // namespace afsim::cell
