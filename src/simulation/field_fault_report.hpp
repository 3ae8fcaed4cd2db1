// The divergence guard's report of a field out of bounds (issue 4): a sentence for the log and the
// summary's message, and the `diagnosis` block of summary.json.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "core/index.hpp"
#include "simulation/engine.hpp"

namespace afsim {

// "concentration = -12.5 mol/m^3 (admissible: >= -1 mol/m^3) in cell (i, j, k) = (3, 7, 0) at x = ..."
std::string describe_fault(const FieldFault& f, const Grid& g);

// {field, value, cell, position_m (cell centre), time_s, step}
nlohmann::json fault_diagnosis(const FieldFault& f, const Grid& g, double time, long long step);

// %.6g, the precision of the run's messages.
std::string format_number(double v);

}  // namespace afsim
