#include "simulation/run_summary.hpp"

#include <cmath>

#include "core/constants.hpp"

namespace afsim {

double planar_sand_time(const config::Config& cfg, double i) {
  const auto& e = cfg.cell.electrolyte;
  const double nF = cfg.cell.metal.charge_number * constants::faraday;
  const double a = e.concentration * nF / (i * (1 - e.transference));
  return constants::pi * e.diffusivity * a * a / 4.0;
}

void add_run_results(nlohmann::json& j, const config::Config& cfg, const DriverState& d,
                     const SeriesRow& last, const std::vector<CycleCharge>& cycles) {
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
  j["final"] = {{"V_e_V", last.v_e},
                {"V_cell_V", last.v_cell},
                {"current_density_A_m2", last.current},
                {"charge_C_m2", d.charge},
                {"c_surface_min_mol_m3", last.c_surface_min},
                {"c_min_mol_m3", last.c_min}};
  j["ledger"] = {{"initial_mol_m2", d.inventory0},         {"cathode_mol_m2", last.cathode},
                 {"electrolyte_mol_m2", last.electrolyte}, {"metal_connected_mol_m2", last.metal_connected},
                 {"metal_dead_mol_m2", last.metal_dead},   {"reservoir_in_mol_m2", d.reservoir_in},
                 {"error_rel", last.ledger_error}};
  const DepositStats& s = last.deposit;
  j["deposit"] = {{"dense_thickness_m", s.dense_thickness},
                  {"envelope_mean_m", s.envelope_mean},
                  {"envelope_max_m", s.envelope_max},
                  {"tip_height_m", s.tip_height},
                  {"porosity", s.porosity},
                  {"interface_area", s.interface_area},
                  {"metal_connected_mol_m2", last.metal_connected},
                  {"metal_dead_mol_m2", last.metal_dead},
                  {"dead_islands", s.dead_islands}};
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
