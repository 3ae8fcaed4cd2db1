// Vector kernels of the preconditioned CG for the implicit solves of MODELS §3, and the exact solve on
// the coarsest multigrid level. Reductions accumulate in double (DESIGN.md §3).
#pragma once

#include "core/index.hpp"

namespace afsim {

// x . y of one cell (summed with sum_cells over the interior).
struct DotCells {
  ConstView x, y;
  AFSIM_HD double operator()(int i, int j, int k) const {
    const Index n = x.g.idx(i, j, k);
    return double(x[n]) * double(y[n]);
  }
};

// dst = src on the interior (ghosts of dst untouched).
struct CopyInterior {
  ConstView src;
  View dst;
  AFSIM_HD void operator()(int i, int j, int k) const { dst(i, j, k) = src(i, j, k); }
};

// p = z + beta p (new CG search direction).
struct UpdateDirection {
  ConstView z;
  View p;
  Real beta;
  AFSIM_HD void operator()(int i, int j, int k) const {
    const Index n = z.g.idx(i, j, k);
    p[n] = z[n] + beta * p[n];
  }
};

// The CG update x' = x + alpha p, r' = r - alpha q into separate buffers, fused with |r'|^2 of the cell.
// Writing to x', r' keeps the functor free of read-modify-write, so it is safe in a reduction.
struct CgUpdate {
  ConstView x, r, p, q;
  View x_next, r_next;
  Real alpha;
  AFSIM_HD double operator()(int i, int j, int k) const {
    const Index n = x.g.idx(i, j, k);
    x_next[n] = x[n] + alpha * p[n];
    const Real rn = r[n] - alpha * q[n];
    r_next[n] = rn;
    return double(rn) * double(rn);
  }
};

// u = A^{-1} f on the coarsest level with the dense, symmetric inverse (row-major, cells numbered x fastest
// then y then z); launched over the interior, one row per cell.
struct DenseCoarseSolve {
  const double* inverse;
  ConstView f;
  View u;
  AFSIM_HD void operator()(int i, int j, int k) const {
    const Grid& g = f.g;
    const Index n_cells = g.cells();
    const double* row = inverse + ((Index(k) * g.ny + j) * g.nx + i) * n_cells;
    double s = 0;
    Index col = 0;
    for (int kk = 0; kk < g.nz; ++kk)
      for (int jj = 0; jj < g.ny; ++jj)
        for (int ii = 0; ii < g.nx; ++ii) s += row[col++] * double(f(ii, jj, kk));
    u(i, j, k) = Real(s);
  }
};

}  // namespace afsim
