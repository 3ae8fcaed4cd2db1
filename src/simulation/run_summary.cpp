#include "simulation/run_summary.hpp"

#include <cmath>

#include "config/numerics_defaults.hpp"

namespace afsim {

void add_run_results(nlohmann::json& j, const config::Config& cfg, const DriverState& d,
                     const RunRecord& last, const std::vector<CycleCharge>& cycles) {
  nlohmann::json per_cycle = nlohmann::json::array();
  for (const CycleCharge& c : cycles)
    per_cycle.push_back({{"charge_in_C_m2", c.charge_in},
                         {"charge_out_C_m2", c.charge_out},
                         {"ce", c.ce()},
                         {"metal_connected_start_C_m2", c.connected_start},
                         {"metal_connected_end_C_m2", c.connected_end},
                         {"dead_metal_formed_C_m2", c.dead_formed()},
                         {"returned_fraction", c.returned_fraction()}});
  j["cycles"] = per_cycle;
  j["final"] = {{"V_e_V", last.value("V_e_V")},
                {"V_cell_V", last.value("V_cell_V")},
                {"current_density_A_m2", last.value("current_density_A_m2")},
                {"charge_C_m2", d.charge},
                {"c_surface_min_mol_m3", last.value("c_surface_min_mol_m3")},
                {"c_min_mol_m3", last.value("c_min_mol_m3")}};
  // The ledger's lines as the modules gave them (MODELS §5), the inventory at t = 0 and the error.
  nlohmann::json ledger = {{"initial_mol_m2", d.inventory0}};
  for (const LedgerLine& l : last.ledger.lines()) ledger[l.name + "_mol_m2"] = l.mol_m2;
  ledger["error_rel"] = last.ledger.error(d.inventory0);
  j["ledger"] = ledger;
  nlohmann::json deposit;
  for (const char* c : {"dense_thickness_m", "envelope_mean_m", "envelope_max_m", "tip_height_m", "porosity",
                        "interface_area"})
    deposit[c] = last.value(c);
  deposit["metal_connected_mol_m2"] = last.ledger.metal(MetalKind::Connected);
  deposit["metal_dead_mol_m2"] = last.ledger.metal(MetalKind::Dead);
  deposit["dead_islands"] = std::get<long long>(last.columns.at("dead_islands"));
  j["deposit"] = deposit;
  j["short"] =
      std::isfinite(d.short_time) ? nlohmann::json{{"time_s", d.short_time}} : nlohmann::json(nullptr);

  const bool reached = std::isfinite(d.sand_time);
  j["sand"] = {
      {"reached", reached},
      {"time_s", reached ? nlohmann::json(d.sand_time) : nlohmann::json(nullptr)},
      {"planar_estimate_s", d.first_current > 0 ? nlohmann::json(planar_sand_time(cfg, d.first_current))
                                                : nlohmann::json(nullptr)},
      {"note", reached ? "the concentration at the reaction front reached zero: the set current can no "
                         "longer be carried by the electrolyte"
                       : "the concentration at the reaction front stayed above zero during the run"}};
}

}  // namespace afsim
