// What the physics modules are built from (physics/module.hpp). Plain C++, no Thrust: the backend-neutral
// engine face (simulation/engine.hpp) names it.
#pragma once

#include <vector>

#include "config/config.hpp"
#include "deposit.hpp"
#include "phase_field.hpp"
#include "physics/model_parameters.hpp"
#include "physics/seeds.hpp"
#include "solvers/solver_options.hpp"

namespace afsim {

// Everything needed to build an engine's modules: the grid, the liquid model's derived parameters, and the
// SI deck itself, from which a further module (physics/module_list.hpp) reads its own section.
struct EngineSetup {
  Grid grid;
  ModelParameters model;
  config::Lateral lateral = config::Lateral::Periodic;
  config::TopBoundary top = config::TopBoundary::Reservoir;
  SolverOptions solver;
  int newton_max_iterations = 30;
  double newton_tolerance = 1e-9;
  double molar_volume = 0;  // of the metal, m^3/mol (the dense-equivalent thickness)
  // The deposit: either a shape description or a metal_fraction field (interior cells, x fastest), plus
  // random nuclei on the collector (physics.initial.seeds).
  DepositGeometry deposit;
  std::vector<double> metal_fraction;
  std::vector<Nucleus> nuclei;
  // The moving interface (MODELS §2): false holds the deposit fixed (current distribution only).
  bool evolve = false;
  PhaseFieldParams phase_field;
  double max_xi_change = 0.05;  // largest |dxi| of one step (adaptive dt)
  int halo_cells = 3;           // cells of the diffuse shell that float with a dead island (MODELS §7)
  config::Config deck;          // the deck in SI (config/config.hpp); default for engines built without one
};

}  // namespace afsim
