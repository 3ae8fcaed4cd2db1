// The backend-independent face of the numerical engine. The driver (protocol, outputs) talks to an Engine;
// EngineOn<B> (engine_impl.hpp) implements it on a backend and is compiled once per backend:
// engine_cpu.cpp (g++, Thrust OMP) and engine_cuda.cu (nvcc). No VTK, YAML or JSON here.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "config/config.hpp"
#include "deposit.hpp"
#include "physics/current_distribution.hpp"
#include "physics/model_parameters.hpp"

namespace afsim {

// Everything needed to build an engine.
struct EngineSetup {
  Grid grid;
  ModelParameters model;
  config::Lateral lateral = config::Lateral::Periodic;
  config::TopBoundary top = config::TopBoundary::Reservoir;
  SolverOptions solver;
  int newton_max_iterations = 30;
  double newton_tolerance = 1e-9;
  // The deposit: either a shape description or a metal_fraction field (interior cells, x fastest).
  DepositGeometry deposit;
  std::vector<double> metal_fraction;
};

// A field copied to the host for output: interior cells, x fastest; `components` values per cell.
struct HostArray {
  std::string name;
  int components = 1;
  std::vector<double> values;
};

struct EngineObservables {
  double salt_mol_m2 = 0;                // electrolyte inventory (psi c), mol/m^2
  double deposit_metal_mol_m2 = 0;       // metal of the fixed deposit, mol/m^2
  double surface_concentration_min = 0;  // mol/m^3 (NaN if no interface cell)
  double concentration_min = 0;          // mol/m^3
  double bulk_exchange_mol_m2 = 0;  // Li from the bulk beyond y = L_y in the last step, beyond the cathode's
  bool finite = true;
};

// The engine's complete state (checkpoint/restart): whole field storage (ghosts included, the grid's linear
// order) by name, and the scalars of the current distribution. Restoring it into an engine built from the
// same deck continues bit for bit.
struct EngineState {
  std::vector<std::pair<std::string, std::vector<double>>> fields;
  double electrode_potential = 0;
  double last_current = 0;
  double last_bulk_exchange = 0;
};

// Admissible field values (the divergence guard): a value outside, NaN or Inf is a fault.
struct FieldBounds {
  double xi_min = -0.1, xi_max = 1.1;  // order parameter
  double c_min = 0;                    // concentration, mol/m^3 (a small negative tolerance)
};

// The first offending cell (lowest linear interior index, x fastest) of the first field that fails.
struct FieldFault {
  std::string field;  // metal_fraction | concentration | potential
  int i = 0, j = 0, k = 0;
  double value = 0;
  double lower = 0, upper = 0;  // the admissible range
};

class Engine {
 public:
  virtual ~Engine() = default;
  virtual std::string backend_name() const = 0;
  virtual PotentialResult solve_potential(const Drive& drive) = 0;
  virtual SolveStats advance_salt(double dt) = 0;
  virtual EngineObservables observe() const = 0;
  // Known names: metal_fraction, electrolyte_fraction, concentration, potential, reaction_current_density,
  // reaction_rate, current_density (3 components). Unknown names are ignored.
  virtual std::vector<HostArray> host_fields(const std::vector<std::string>& names) = 0;
  virtual double electrode_potential() const = 0;

  virtual EngineState save_state() const = 0;
  // Throws std::invalid_argument when a field is missing or has the wrong size for this engine's grid.
  virtual void restore_state(const EngineState& state) = 0;
  // Scans the fields on the device (one reduction each); nullopt when all are admissible.
  virtual std::optional<FieldFault> check_fields(const FieldBounds& bounds) const = 0;
};

// The names host_fields() understands.
const std::vector<std::string>& engine_field_names();

std::unique_ptr<Engine> make_cpu_engine(const EngineSetup& setup);
#if defined(AFSIM_HAVE_CUDA)
std::unique_ptr<Engine> make_cuda_engine(const EngineSetup& setup);
#endif

}  // namespace afsim
