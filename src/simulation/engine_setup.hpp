// Deck -> EngineSetup: the grid, the derived model parameters, solver options and the initial deposit.
#pragma once

#include "config/config.hpp"
#include "simulation/engine.hpp"

namespace afsim {

Grid make_grid(const config::DomainConfig& d);
// Reads physics.initial.file when set (a .vti with a metal_fraction cell array matching the grid).
EngineSetup make_engine_setup(const config::Config& cfg);

}  // namespace afsim
