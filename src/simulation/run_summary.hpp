// The physics part of summary.json (DESIGN.md §6): per-cycle charge and CE, final observables, the
// inventory ledger and Sand's time. run.cpp adds the run's bookkeeping (status, device, deck echo ...).
#pragma once

#include <vector>

#include <nlohmann/json.hpp>

#include "config/config.hpp"
#include "protocol/protocol.hpp"
#include "simulation/run_loop.hpp"
#include "simulation/run_state.hpp"

namespace afsim {

// Adds `cycles`, `final`, `ledger`, `deposit`, `short` and `sand` to j from the driver state and the record
// of the last state (its time-series row and ledger lines).
void add_run_results(nlohmann::json& j, const config::Config& cfg, const DriverState& d,
                     const RunRecord& last, const std::vector<CycleCharge>& cycles);

}  // namespace afsim
