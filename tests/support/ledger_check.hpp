// The metal ledger recomputed in a test from a run's time series, independently of the program's own
// ledger_error_rel (MODELS §5): the inventory columns summed as the test reads them, and the cathode's line
// against the charge the time series says passed (Faraday).
#pragma once

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "csv_table.hpp"

namespace afsim::test {

// max over rows of |inventory(row) - inventory(row 0)| / inventory(row 0), with inventory = cathode +
// electrolyte + connected + dead (+ SEI + alloy) - what the reservoir top let in.
inline double recomputed_ledger_error(const CsvTable& t) {
  const auto cathode = t.column("cathode_mol_m2"), salt = t.column("electrolyte_mol_m2"),
             connected = t.column("metal_connected_mol_m2"), dead = t.column("metal_dead_mol_m2"),
             sei = t.column("sei_mol_m2"), alloy = t.column("alloy_mol_m2"),
             inflow = t.column("reservoir_in_mol_m2");
  const auto inventory = [&](size_t r) {
    return cathode[r] + salt[r] + connected[r] + dead[r] + sei[r] + alloy[r] - inflow[r];
  };
  double worst = 0;
  for (size_t r = 0; r < t.rows(); ++r)
    worst = std::max(worst, std::abs(inventory(r) - inventory(0)) / inventory(0));
  return worst;
}

// max over rows of |(cathode(row 0) - cathode(row)) nF - (charge(row) - charge(row 0))| / the cathode's
// capacity: the cathode gives up exactly the metal the external circuit carries (nF = n F of the metal).
inline double cathode_faraday_error(const CsvTable& t, double nF) {
  const auto cathode = t.column("cathode_mol_m2"), charge = t.column("charge_C_m2");
  double worst = 0;
  for (size_t r = 0; r < t.rows(); ++r)
    worst = std::max(worst,
                     std::abs((cathode[0] - cathode[r]) * nF - (charge[r] - charge[0])) / (cathode[0] * nF));
  return worst;
}

}  // namespace afsim::test
