// The per-area stack model of one repeating unit (MODELS §9, seed §2): capacity, energy, mass and
// thickness per component at the charged state, gravimetric and volumetric energy density. SI throughout.
#pragma once

#include <string>
#include <vector>

#include "config/cell_deck.hpp"

namespace afsim::cell {

struct Component {
  std::string name;              // positive_collector, cathode, separator, graphite, metal_foil, ...
  std::string material;          // Al, NMC622, Celgard_H2010, Li, LiPF6_EC_DMC, ...
  double thickness_m = 0;        // per cell layer; 0 for the electrolyte (it fills the pores of the others)
  double volume_m3_m2 = 0;       // = thickness, except for the electrolyte (its pore volume)
  double mass_kg_m2 = 0;         // solids only; the electrolyte in the pores is its own component
  double pore_volume_m3_m2 = 0;  // part of this layer filled with electrolyte
  double volume_fraction = 0;    // volume / stack thickness
  double mass_fraction = 0;      // mass / stack mass
};

struct StackResult {
  std::string repeating_unit;      // double_sided | single_sided
  double areal_capacity_C_m2 = 0;  // Q_cell = Q_cath * utilisation (9.1)
  double mean_voltage_V = 0;       // Ū
  double energy_J_m2 = 0;          // E = Q_cell Ū (9.1)
  double mass_kg_m2 = 0;           // Σ m_i (9.3)
  double thickness_m = 0;          // Σ t_i at the charged state (9.3)
  double gravimetric_J_kg = 0;
  double volumetric_J_m3 = 0;
  double plated_dense_thickness_m = 0;     // t_m of (9.2)
  double plated_envelope_thickness_m = 0;  // t_m / (1 - deposit porosity)
  std::vector<Component> components;

  double gravimetric_Wh_kg() const { return gravimetric_J_kg / 3600.0; }
  double volumetric_Wh_L() const { return volumetric_J_m3 / 3.6e6; }
  double energy_Wh_m2() const { return energy_J_m2 / 3600.0; }
  double areal_capacity_mAh_cm2() const { return areal_capacity_C_m2 / 36000.0; }  // 1 mAh/cm2 = 36000 C/m2
  const Component* find(const std::string& name) const;
};

inline constexpr double kFaraday = 96485.33212;  // C/mol

// Ū of (9.1): mean cathode OCV over the cycled window [0, utilisation] minus the polarization, minus the
// graphite's mean potential for a Li-ion stack.
double mean_discharge_voltage(const config::CellConfig& cell, const config::StackConfig& stack);

// The stack at the charged state. `mean_voltage_V` > 0 replaces Ū (e.g. from a simulated discharge).
StackResult compute_stack(const config::CellConfig& cell, const config::StackConfig& stack,
                          double mean_voltage_V = 0);

const char* repeating_unit_name(config::RepeatingUnit u);

}  // namespace afsim::cell
