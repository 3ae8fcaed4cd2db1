// The finite-volume operator of the implicit solves of MODELS §3 (eq. 3.1 backward Euler, eq. 3.2):
//
//     (A u)_n = b_n u_n + sum over the faces f of cell n of  c_f (u_n - u_nb(f))
//
// with c_f = a_f / h_d^2, a_f the harmonic mean of the two cell coefficients ("coefficients averaged
// harmonically to faces", MODELS §3) and h_d the spacing normal to the face. On a Dirichlet face the
// coefficient is the cell's own a at distance h/2 (c_f = 2 a_n / h^2), on a no-flux face c_f = 0, and a
// periodic face couples the cells on both sides of the domain. Unknowns are corrections with homogeneous
// boundary data, so a Dirichlet neighbour reads a ghost that holds 0; the inhomogeneous part of the
// boundary data is a right-hand side term (DirichletRowRhs). The kernels never branch on boundaries:
// periodic ghosts are filled before a stencil is applied, all other ghosts stay 0.
//
// Face coefficients are stored cell-wise on the level's grid: cx(i, j, k) belongs to the face between
// cells (i-1, j, k) and (i, j, k) for i in [0, nx] (i = nx lives in the ghost column), likewise cy
// (j in [0, ny]) and, in 3-D, cz (k in [0, nz]). diag = b + the sum of the 4 (6) face coefficients.
#pragma once

#include "core/boundary.hpp"
#include "core/stencil.hpp"

namespace afsim {

// The coefficients of one multigrid level (POD, by value into kernels).
struct FaceCoeffs {
  ConstView cx, cy, cz;  // cz is unused (and may be empty) on a 2-D grid
  ConstView diag;
};

// sum_f c_f u_nb(f) at storage index n; V is View or ConstView with the coefficients' grid.
template <class V>
AFSIM_HD inline Real neighbour_sum(const FaceCoeffs& c, const V& u, Index n) {
  const Grid& g = c.diag.g;
  const Index sy = g.stride_y();
  Real s = c.cx[n] * u[n - 1] + c.cx[n + 1] * u[n + 1] + c.cy[n] * u[n - sy] + c.cy[n + sy] * u[n + sy];
  if (g.is3d()) {
    const Index sz = g.stride_z();
    s += c.cz[n] * u[n - sz] + c.cz[n + sz] * u[n + sz];
  }
  return s;
}

// (A u)_n.
template <class V>
AFSIM_HD inline Real apply_operator(const FaceCoeffs& c, const V& u, Index n) {
  return c.diag[n] * u[n] - neighbour_sum(c, u, n);
}

// ---- assembly of the finest level from cell coefficients a (> 0) -------------------------------------

// x faces; launched over Box{0, nx + 1, 0, ny, 0, nz}. Reads only interior cells of a.
struct FaceCoefficientX {
  ConstView a;
  View cx;
  BcKind lateral;
  Real inv_h2;
  AFSIM_HD void operator()(int i, int j, int k) const {
    const int nx = a.g.nx;
    Real c = Real(0);
    if (i > 0 && i < nx) {
      c = harmonic_mean(a(i - 1, j, k), a(i, j, k));
    } else if (lateral == BcKind::Periodic && nx > 1) {
      c = harmonic_mean(a(nx - 1, j, k), a(0, j, k));
    }
    cx(i, j, k) = c * inv_h2;
  }
};

// y faces; launched over Box{0, nx, 0, ny + 1, 0, nz}. The collector face (j = 0) and the top face
// (j = ny) carry 2 a / h^2 when Dirichlet, 0 when no-flux.
struct FaceCoefficientY {
  ConstView a;
  View cy;
  BcKind bottom, top;
  Real inv_h2;
  AFSIM_HD void operator()(int i, int j, int k) const {
    const int ny = a.g.ny;
    Real c = Real(0);
    if (j > 0 && j < ny) {
      c = harmonic_mean(a(i, j - 1, k), a(i, j, k));
    } else if (j == 0) {
      c = bottom == BcKind::Dirichlet ? Real(2) * a(i, 0, k) : Real(0);
    } else {
      c = top == BcKind::Dirichlet ? Real(2) * a(i, ny - 1, k) : Real(0);
    }
    cy(i, j, k) = c * inv_h2;
  }
};

// z faces of a 3-D grid; launched over Box{0, nx, 0, ny, 0, nz + 1}.
struct FaceCoefficientZ {
  ConstView a;
  View cz;
  BcKind lateral;
  Real inv_h2;
  AFSIM_HD void operator()(int i, int j, int k) const {
    const int nz = a.g.nz;
    Real c = Real(0);
    if (k > 0 && k < nz) {
      c = harmonic_mean(a(i, j, k - 1), a(i, j, k));
    } else if (lateral == BcKind::Periodic && nz > 1) {
      c = harmonic_mean(a(i, j, nz - 1), a(i, j, 0));
    }
    cz(i, j, k) = c * inv_h2;
  }
};

// diag = b + sum of the face coefficients of the cell; launched over the interior.
struct DiagonalFromFaces {
  ConstView cx, cy, cz, b;
  View diag;
  AFSIM_HD void operator()(int i, int j, int k) const {
    const Grid& g = diag.g;
    const Index n = g.idx(i, j, k);
    Real d = b(i, j, k) + cx[n] + cx[n + 1] + cy[n] + cy[n + g.stride_y()];
    if (g.is3d()) d += cz[n] + cz[n + g.stride_z()];
    diag[n] = d;
  }
};

// The inhomogeneous Dirichlet data as a right-hand side term: rhs(i, j_cell, k) += c_face * value for the
// row of cells under a Dirichlet face; launched over Box{0, nx, j_cell, j_cell + 1, 0, nz}.
struct DirichletRowRhs {
  ConstView cy;
  View rhs;
  int j_face;
  Real value;
  AFSIM_HD void operator()(int i, int j, int k) const { rhs(i, j, k) += cy(i, j_face, k) * value; }
};

// ---- residuals --------------------------------------------------------------------------------------

// A pair of double sums, for reductions that produce two norms in one pass.
struct SumPair {
  double first = 0, second = 0;
};
struct SumPairPlus {
  AFSIM_HD SumPair operator()(const SumPair& x, const SumPair& y) const {
    return SumPair{x.first + y.first, x.second + y.second};
  }
};

// r = f + g - A x (g: the Dirichlet term) and, fused, (|r|^2, |f + g|^2) of the cell. Writes r only as
// a function of inputs it does not modify, so it is safe in a reduction.
struct ResidualAndNorms {
  FaceCoeffs c;
  ConstView x, f, g;
  View r;
  AFSIM_HD SumPair operator()(int i, int j, int k) const {
    const Index n = c.diag.g.idx(i, j, k);
    const double ft = double(f[n]) + double(g[n]);
    const Real rn = Real(ft) - apply_operator(c, x, n);
    r[n] = rn;
    return SumPair{double(rn) * double(rn), ft * ft};
  }
};

// q = A p and, fused, p_n q_n of the cell (the CG curvature p.Ap).
struct ApplyAndDot {
  FaceCoeffs c;
  ConstView p;
  View q;
  AFSIM_HD double operator()(int i, int j, int k) const {
    const Index n = c.diag.g.idx(i, j, k);
    const Real qn = apply_operator(c, p, n);
    q[n] = qn;
    return double(p[n]) * double(qn);
  }
};

}  // namespace afsim
