// Everything a run needs to continue (checkpoint/restart, MODELS §11 V15) and its mapping to and from
// the checkpoint file (io::Checkpoint). The driver's accumulators live here so that run.cpp saves and
// restores them in one piece.
#pragma once

#include <limits>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "config/config.hpp"
#include "io/checkpoint.hpp"
#include "physics/drive.hpp"
#include "protocol/protocol.hpp"
#include "simulation/engine.hpp"
#include "solvers/solver_options.hpp"

namespace afsim {

// The protocol loop's own state (run.cpp).
struct DriverState {
  double time = 0;
  long long step = 0;
  double charge = 0;      // C/m^2
  double throughput = 0;  // charge passed in either direction, C/m^2
  double inventory0 = 0;  // metal inventory at t = 0, mol/m^2
  double dt_last = 0;
  double surface_c_prev = 0, time_prev = 0;  // Sand's-time detection: the previous sample
  double sand_time = std::numeric_limits<double>::quiet_NaN();
  double short_time = std::numeric_limits<double>::quiet_NaN();  // connected metal reached the top
  double first_current = 0;
  double next_output_time = 0, next_output_charge = 0;
  double next_checkpoint_time = 0, next_checkpoint_charge = 0;  // output.checkpoint.every marks
  long long frames = 0;  // frames written so far (the next frame's number)
  double wall_s = 0;     // wall time of the earlier sessions of this run
  PotentialResult potential;
  SolveStats salt;
  long long phase_field_iterations = 0;  // of the last step's order-parameter solve
};

struct RunState {
  Grid grid;
  DriverState driver;
  ProtocolState protocol;
  double cathode_soc = 0;
  EngineState engine;  // the fields and the modules' bound members
};

// The physics of a deck: its SI echo without the output-only keys (run.name, run.output, run.device,
// output.*, the deck's path and the load warnings), and a hash of it. A restart requires equal hashes.
struct DeckIdentity {
  nlohmann::json physics;
  std::string hash;  // "fnv1a64:<16 hex digits>" of physics.dump()
};
DeckIdentity deck_identity(const config::Config& cfg);

// The keys (dotted paths) whose values differ between two physics echoes, one line each:
// "numerics.dt_s: 0.01 in the checkpoint, 0.02 in the deck".
std::vector<std::string> deck_differences(const nlohmann::json& checkpoint, const nlohmann::json& deck);

io::Checkpoint make_checkpoint(const RunState& s, const DeckIdentity& deck, const std::string& backend,
                               const std::string& status);
// Throws io::IoError naming the file when a value is missing or the fields do not fit the grid.
RunState run_state_from(const io::Checkpoint& c);

}  // namespace afsim
