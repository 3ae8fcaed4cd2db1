// Red-black Gauss-Seidel smoother of the multigrid preconditioner for the implicit solves of MODELS §3.
// One colour update is a Jacobi step on the cells of that colour,
//     u_n <- (f_n + sum_f c_f u_nb(f)) / diag_n,
// which is self-adjoint in the energy inner product; a sweep red-then-black followed, after the coarse
// correction, by black-then-red is therefore the adjoint pair that keeps the V-cycle symmetric.
#pragma once

#include "linear/mg_operator.hpp"

namespace afsim {

// Launched with for_each_coloured_cell over the interior. Periodic ghosts of u must hold the current
// values of the other colour; all other ghosts are 0.
struct GaussSeidelColour {
  FaceCoeffs c;
  ConstView f;
  View u;
  AFSIM_HD void operator()(int i, int j, int k) const {
    const Index n = c.diag.g.idx(i, j, k);
    u[n] = (f[n] + neighbour_sum(c, u, n)) / c.diag[n];
  }
};

}  // namespace afsim
