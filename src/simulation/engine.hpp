// The backend-independent face of the numerical engine. The driver (protocol, outputs) talks to an Engine;
// EngineOn<B> (engine_impl.hpp) composes the physics modules on a backend and is compiled once per backend:
// engine_cpu.cpp (g++, Thrust OMP) and engine_cuda.cu (nvcc). No VTK, YAML, JSON or Thrust here.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "config/config.hpp"
#include "physics/drive.hpp"
#include "physics/engine_setup.hpp"
#include "physics/host_array.hpp"
#include "physics/observation.hpp"
#include "physics/state_bag.hpp"
#include "solvers/solver_options.hpp"

namespace afsim {

// What the driver itself decides with (the rest of the observations goes to the columns and the ledger).
struct EngineObservables {
  double salt_mol_m2 = 0;                // electrolyte inventory (psi c), mol/m^2
  double deposit_metal_mol_m2 = 0;       // metal in the fields, c_s * integral of xi, mol/m^2
  double dead_metal_mol_m2 = 0;          // of which disconnected from the collector (MODELS §7)
  double surface_concentration_min = 0;  // mol/m^3 (NaN if no interface cell): Sand's time
  double other_held_mol_m2 = 0;          // metal the modules beyond the liquid model hold (their ledger)
};

// The engine's complete state (checkpoint/restart): whole field storage (ghosts included, the grid's linear
// order) by checkpoint name, and every module's bound members. Restoring it into an engine built from the
// same deck continues bit for bit.
struct EngineState {
  std::vector<std::pair<std::string, std::vector<double>>> fields;
  StateValues values;
};

// What one time step did (MODELS §1-§3). A moving interface chooses dt <= the driver's cap itself.
struct StepReport {
  double dt = 0;              // the step taken, s
  PotentialResult potential;  // the charge balance of the step (iterations summed over its passes)
  SolveStats salt;            // the salt balance of the step (iterations summed over its solves)
  SolveStats phase_field;     // the semi-implicit order-parameter solve of the step
  double max_rate = 0;        // largest |dxi/dt| of the step, 1/s
};

// The first offending cell (lowest linear interior index, x fastest) of the first field that fails its
// declared range (the field registry's order).
struct FieldFault {
  std::string field;  // metal_fraction | concentration | potential
  int i = 0, j = 0, k = 0;
  double value = 0;
  double lower = 0, upper = 0;  // the admissible range
};

// A field the engine can write, as the registry declares it (for `afsim info`, the deck reference and the
// check of output.fields).
struct OutputFieldInfo {
  std::string name, unit, doc;
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
  // One step of at most dt_max (the stages of simulation/engine_impl.hpp); step_index keys the noise
  // (counter-based, MODELS §2).
  virtual StepReport step(const Drive& drive, double dt_max, long long step_index) = 0;

  // Every module observes the present state (reductions on the device); what the driver decides with.
  virtual EngineObservables observe() = 0;
  // The last observation as time-series columns and ledger lines, module by module.
  virtual void columns(ColumnSink& sink) const = 0;
  virtual void ledger(LedgerSink& sink) const = 0;
  // A module's reason to end the run (short circuit ...), from the last observation.
  virtual std::optional<StopRequest> stop_reason() const = 0;

  // The fields output.fields may name; host copies of those asked for (unknown names are ignored).
  virtual std::vector<OutputFieldInfo> output_fields() const = 0;
  virtual std::vector<HostArray> host_fields(const std::vector<std::string>& names) = 0;
  virtual double electrode_potential() const = 0;

  // Bytes per cell moved so far by every kernel and linear-solver iteration of this engine, in the
  // accounting of afsim bench (each kernel's declared bytes_per_cell, the multigrid's bytes per iteration).
  virtual double traffic_bytes_per_cell() const = 0;
  // Bytes of every field, scratch array and solver level the modules hold (the field registry).
  virtual double storage_bytes() const = 0;

  virtual EngineState save_state() = 0;
  // Throws std::invalid_argument when a field or value is missing or a field has the wrong size.
  virtual void restore_state(const EngineState& state) = 0;
  // Scans the fields with a declared range on the device (one reduction each); nullopt when all are
  // admissible.
  virtual std::optional<FieldFault> check_fields() const = 0;
};

std::unique_ptr<Engine> make_cpu_engine(const EngineSetup& setup);
#if defined(AFSIM_HAVE_CUDA)
std::unique_ptr<Engine> make_cuda_engine(const EngineSetup& setup);
#endif

}  // namespace afsim
