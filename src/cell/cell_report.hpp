// What `afsim cell` writes: cell.json (results, components, the stack inputs in SI), cell.csv (one row per
// component) and the sweep table (one row per deck and swept value). Text only; callers write atomically.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "cell/stack_model.hpp"

namespace afsim::cell {

// The results of (9.1)-(9.3) with SI-suffixed keys plus the customary units: areal_capacity_mAh_cm2,
// energy_Wh_m2, gravimetric_Wh_kg, volumetric_Wh_L, mean_voltage_V, mass_kg_m2, thickness_m, components.
nlohmann::json result_json(const StackResult& r);

// The stack inputs of a deck in SI (repeating unit, layers, anode), for cell.json's "stack" echo.
nlohmann::json stack_echo_json(const config::CellDeck& deck);

// Header + one row per component: name,material,thickness_m,volume_m3_m2,mass_kg_m2,volume_fraction,
// mass_fraction.
std::string components_csv(const StackResult& r);

// One row of a sweep table; `labels` are extra leading columns (deck, case, swept values).
std::string sweep_csv_header(const std::vector<std::string>& label_names);
std::string sweep_csv_row(const std::vector<std::string>& labels, const StackResult& r);

// The one-screen text summary printed by `afsim cell`.
std::string text_summary(const std::string& title, const StackResult& r);

}  // namespace afsim::cell
