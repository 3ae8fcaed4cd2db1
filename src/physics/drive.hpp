// What the protocol asks of one time step, and what the potential solve returns (MODELS §1).
#pragma once

namespace afsim {

// A mean current density over the collector (A/m^2, plating > 0) or a fixed electrode potential V_e (V).
struct Drive {
  enum class Mode { Galvanostatic, Potentiostatic } mode = Mode::Galvanostatic;
  double current = 0;
  double potential = 0;
};

struct PotentialResult {
  double v_e = 0;      // V
  double current = 0;  // mean current density over the collector, A/m^2 (plating > 0)
  int newton_iterations = 0;
  int linear_iterations = 0;   // summed over all MG-PCG solves
  double linear_residual = 0;  // worst final relative residual
  bool converged = false;
};

}  // namespace afsim
