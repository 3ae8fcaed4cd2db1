// Grid transfers and coarse-level coefficients of the multigrid preconditioner (MODELS §3: "coefficients
// averaged harmonically to faces and coarsened by face averaging").
//
// A coarse cell (I, J, K) has children (rx I + ci, ry J + cj, rz K + ck), ci < rx etc., where r_d is 2 in
// a coarsened direction and 1 otherwise (semi-coarsening). Operators are in finite-difference form (per
// unit volume), so
//   restriction R   = average of the children (a residual density stays a density),
//   prolongation P  = piecewise-constant injection = (rx ry rz) R^T, which keeps the V-cycle symmetric,
//   coarse b        = average of the children's b,
//   coarse face c_F = mean of the fine face coefficients lying on that face * (h_d / H_d)^2,
// i.e. the coarse operator is the rediscretisation with face-averaged coefficients on spacing H.
#pragma once

#include "linear/mg_operator.hpp"

namespace afsim {

// Coarsening factors (1 or 2) per direction between a level and the next coarser one.
struct Coarsening {
  int rx = 2, ry = 2, rz = 1;
  AFSIM_HD int children() const { return rx * ry * rz; }
};

// coarse = average of the children of fine; launched over the coarse interior.
struct RestrictAverage {
  ConstView fine;
  View coarse;
  Coarsening r;
  AFSIM_HD void operator()(int I, int J, int K) const {
    Real s = Real(0);
    for (int ck = 0; ck < r.rz; ++ck)
      for (int cj = 0; cj < r.ry; ++cj)
        for (int ci = 0; ci < r.rx; ++ci) s += fine(r.rx * I + ci, r.ry * J + cj, r.rz * K + ck);
    coarse(I, J, K) = s / Real(r.children());
  }
};

// Fused residual and restriction: fc = R (f - A u) on the fine level, without storing the fine residual;
// launched over the coarse interior. Periodic ghosts of u must be filled.
struct ResidualRestrict {
  FaceCoeffs c;  // fine level
  ConstView u, f;
  View fc;
  Coarsening r;
  AFSIM_HD void operator()(int I, int J, int K) const {
    const Grid& g = c.diag.g;
    Real s = Real(0);
    for (int ck = 0; ck < r.rz; ++ck)
      for (int cj = 0; cj < r.ry; ++cj)
        for (int ci = 0; ci < r.rx; ++ci) {
          const Index n = g.idx(r.rx * I + ci, r.ry * J + cj, r.rz * K + ck);
          s += f[n] - apply_operator(c, u, n);
        }
    fc(I, J, K) = s / Real(r.children());
  }
};

// u_fine += P u_coarse (piecewise constant); launched over the fine interior.
struct ProlongAdd {
  View fine;
  ConstView coarse;
  Coarsening r;
  AFSIM_HD void operator()(int i, int j, int k) const {
    fine(i, j, k) += coarse(i / r.rx, j / r.ry, k / r.rz);
  }
};

// Coarse face coefficients of direction dir (0: x, 1: y, 2: z) by face averaging. Launched over the coarse
// face box of that direction (e.g. Box{0, nx + 1, 0, ny, 0, nz} for x), which reads the fine boundary
// faces stored in the ghost layer.
struct CoarsenFaces {
  ConstView fine;
  View coarse;
  Coarsening r;
  int dir;
  AFSIM_HD void operator()(int I, int J, int K) const {
    const int ni = dir == 0 ? 1 : r.rx, nj = dir == 1 ? 1 : r.ry, nk = dir == 2 ? 1 : r.rz;
    const int rn = dir == 0 ? r.rx : (dir == 1 ? r.ry : r.rz);
    Real s = Real(0);
    for (int ck = 0; ck < nk; ++ck)
      for (int cj = 0; cj < nj; ++cj)
        for (int ci = 0; ci < ni; ++ci) s += fine(r.rx * I + ci, r.ry * J + cj, r.rz * K + ck);
    coarse(I, J, K) = s / Real(ni * nj * nk * rn * rn);
  }
};

}  // namespace afsim
