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
#include "phase_field.hpp"
#include "physics/current_distribution.hpp"
#include "physics/model_parameters.hpp"
#include "physics/seeds.hpp"

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
};

// A field copied to the host for output: interior cells, x fastest; `components` values per cell.
struct HostArray {
  std::string name;
  int components = 1;
  std::vector<double> values;
};

struct EngineObservables {
  double salt_mol_m2 = 0;                // electrolyte inventory (psi c), mol/m^2
  double deposit_metal_mol_m2 = 0;       // metal in the fields, c_s * integral of xi, mol/m^2
  double dead_metal_mol_m2 = 0;          // of which disconnected from the collector (MODELS §7)
  long long dead_islands = 0;            // disconnected components
  double envelope_mean_m = 0;            // mean over columns of the top of the highest metal cell
  double envelope_max_m = 0;             // highest metal anywhere
  double tip_height_m = 0;               // highest metal connected to the collector
  double interface_area = 0;             // interface area per collector area (1: flat)
  bool collector_metal = false;          // connected metal touches the collector
  bool short_circuit = false;            // connected metal reaches the top of the domain (MODELS §2)
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
  double previous_dt = 0;        // the step the reaction limiter of the next step assumes
  double salt_step_cap = 1e300;  // the step the salt allowed lately (after a salt retry)
  long long predict_steps = 0;   // steps left that start with the salt predictor
};

// What one time step did (MODELS §1-§3). A moving interface chooses dt <= the driver's cap itself.
struct StepReport {
  double dt = 0;              // the step taken, s
  PotentialResult potential;  // the charge balance of the step (iterations summed over its passes)
  SolveStats salt;            // the salt balance of the step (iterations summed over its solves)
  SolveStats phase_field;     // the semi-implicit order-parameter solve of the step
  double max_rate = 0;        // largest |dxi/dt| of the step, 1/s
};

// Admissible field values (the divergence guard): a value outside, NaN or Inf is a fault.
struct FieldBounds {
  double xi_min = -0.1, xi_max = 1.1;  // order parameter
  double c_min = 0;                    // salt content psi c, mol/m^3 (a small negative tolerance)
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
  // True when the deposit moves (plating and stripping); false for a fixed deposit.
  virtual bool evolves() const = 0;
  // Metal of the nuclei placed at t = 0 (physics.initial.seeds), mol/m^2: in an anode-free cell they
  // nucleated on the first charge, so the driver books them as charge passed (MODELS §4).
  virtual double nuclei_metal_mol_m2() const = 0;
  // The charge balance for the present state (used for the state at t = 0).
  virtual PotentialResult solve_potential(const Drive& drive) = 0;
  // One step of at most dt_max: potential, then (moving interface) the order parameter, then the salt.
  // step_index keys the noise (counter-based, MODELS §2).
  virtual StepReport step(const Drive& drive, double dt_max, long long step_index) = 0;
  virtual EngineObservables observe() const = 0;
  // Known names: metal_fraction, electrolyte_fraction, concentration, potential, reaction_current_density,
  // reaction_rate, current_density (3 components), dead_metal. Unknown names are ignored.
  virtual std::vector<HostArray> host_fields(const std::vector<std::string>& names) = 0;
  virtual double electrode_potential() const = 0;

  // Bytes per cell moved so far by every kernel and linear-solver iteration of this engine, in the
  // accounting of afsim bench (each kernel's declared bytes_per_cell, the multigrid's bytes per iteration).
  virtual double traffic_bytes_per_cell() const = 0;

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
