// Helpers of the kernel tests (tests/backend/kernels_*_test.cpp): fields filled from a formula of the cell
// indices, a value at a cell, and functors that evaluate the kernels' scalar helpers inside a launched
// kernel (so the GPU instance checks the device code path too).
#pragma once

#include <cmath>
#include <limits>
#include <vector>

#include "backend/algorithms.hpp"
#include "backend/boundary.hpp"
#include "backend/field.hpp"
#include "backends.hpp"
#include "current_distribution_ops.hpp"
#include "deposit.hpp"
#include "potential.hpp"
#include "reaction.hpp"
#include "reduce.hpp"
#include "transport.hpp"

namespace afsim::test {

// A field whose every stored value (ghosts included) is fn(i, j, k) of its cell indices; ghosts get the
// indices -1 and n, so a formula linear in the indices holds across the boundary too.
template <class B, class Fn>
Field<B> indexed_field(const Grid& g, Fn fn) {
  std::vector<Real> v(size_t(g.storage()), Real(0));
  for (int k = -g.gz(); k < g.nz + g.gz(); ++k)
    for (int j = -Grid::ng; j < g.ny + Grid::ng; ++j)
      for (int i = -Grid::ng; i < g.nx + Grid::ng; ++i) v[size_t(g.idx(i, j, k))] = Real(fn(i, j, k));
  Field<B> f(g);
  f.from_host(v);
  return f;
}

template <class B>
double at(const Field<B>& f, int i, int j, int k = 0) {
  return double(f.to_host()[size_t(f.grid().idx(i, j, k))]);
}

// ---- device evaluation of the scalar helpers ----

struct EvalInterpolation {
  ConstView x;
  View h, dh;
  AFSIM_HD void operator()(int i, int j, int k) const {
    h(i, j, k) = interp_h(x(i, j, k));
    dh(i, j, k) = interp_dh(x(i, j, k));
  }
};

struct EvalDrive {
  ConstView eta, c;
  View b, slope;
  ReactionParams p;
  AFSIM_HD void operator()(int i, int j, int k) const {
    b(i, j, k) = bv_drive(eta(i, j, k), c(i, j, k), p);
    slope(i, j, k) = bv_drive_slope(eta(i, j, k), c(i, j, k), p);
  }
};

struct EvalFraction {
  ConstView xi;
  View psi;
  Real psi_min;
  AFSIM_HD void operator()(int i, int j, int k) const {
    psi(i, j, k) = electrolyte_fraction(xi(i, j, k), psi_min);
  }
};

struct EvalDivergence {
  ConstView sd, c;
  View out;
  Real c_floor;
  AFSIM_HD void operator()(int i, int j, int k) const {
    out(i, j, k) = diffusion_potential_divergence(sd, c, c.g.idx(i, j, k), c_floor);
  }
};

inline ReactionParams symmetric_params(double f) {
  ReactionParams p;
  p.f = Real(f);
  p.alpha = Real(0.5);
  p.c_ref = Real(1000);
  return p;
}

}  // namespace afsim::test
