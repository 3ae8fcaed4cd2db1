// Settings and result of a linear solve (solvers/multigrid.hpp), in a header of their own so that the
// backend-neutral face of the engine (simulation/engine.hpp) can name them without Thrust.
#pragma once

namespace afsim {

struct SolverOptions {
  double rtol = 1e-8;           // on ||f_total - A u|| / ||f_total||
  int max_iterations = 200;     // CG iterations (one V-cycle each)
  int pre_smooth = 2;           // red-black sweeps before the coarse correction
  int post_smooth = 2;          // ... and after; must equal pre_smooth (symmetric preconditioner)
  int coarsest_max_cells = 64;  // stop coarsening at or below this many cells
};

struct SolveStats {
  int iterations = 0;
  double relative_residual = 0;  // final, recomputed from the solution (not the CG recurrence)
  double initial_residual = 0;   // ||f_total - A u0||, absolute
  bool converged = false;
};

}  // namespace afsim
