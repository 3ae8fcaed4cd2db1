// `afsim cell --from RUN_DIR` (MODELS (9.4)): what a finished run tells the stack model — the deposit's
// dense-equivalent thickness and envelope from the last field frame, its porosity, the cell block of the
// deck echo, and the per-cycle coulombic efficiencies of summary.json.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace afsim::cell {

struct DepositMorphology {
  std::string frame;      // the .vti it was measured on
  double dense_m = 0;     // Σ_j ξ h, averaged over the columns (collector along x, z; growth along y)
  double envelope_m = 0;  // per column the top of the highest cell with ξ > 0.5, averaged
  double porosity = 0;    // 1 - dense / envelope (0 when there is no deposit)
  long long columns = 0;
};

// Measures metal_fraction of one .vti. Throws io::IoError for an unreadable file.
DepositMorphology measure_deposit(const std::filesystem::path& vti);

// The last fields/step_*.vti of a run directory (highest step number); empty when there is none.
std::filesystem::path last_frame(const std::filesystem::path& run_dir);

struct CycleRecord {
  int cycle = 0;  // 1-based
  double charge_in_C_m2 = 0;
  double charge_out_C_m2 = 0;
  double ce = 0;
};

// The cycles of summary.json with discharge data (charge_out > 0).
std::vector<CycleRecord> cycles_with_discharge(const nlohmann::json& summary);

// Mean cell voltage of the run's discharge, MODELS (9.1) "from the simulated discharge curve": the
// charge-weighted mean of V_cell over consecutive `discharge` rows of timeseries.csv (trapezoid rule in
// the charge passed). NaN when the run has fewer than two discharge rows or passed no discharge charge.
double simulated_mean_discharge_voltage(const std::filesystem::path& timeseries_csv);

// A cell deck (YAML text: the `cell:` block) rebuilt from summary.json's deck echo: the materials by name,
// the loading and the interlayer. Throws std::invalid_argument when the echo lacks them.
std::string cell_deck_from_summary(const nlohmann::json& summary);

}  // namespace afsim::cell
