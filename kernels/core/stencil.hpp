// Finite-volume stencil helpers on the uniform grid (cell-centred, face fluxes).
#pragma once

#include "core/index.hpp"

namespace afsim {

// Harmonic mean of two cell coefficients: the face value of a series pair of resistors.
// MODELS §3: "coefficients averaged harmonically to faces".
AFSIM_HD inline Real harmonic_mean(Real a, Real b) {
  const Real s = a + b;
  return s > Real(0) ? Real(2) * a * b / s : Real(0);
}

// Standard 5-point (2-D) or 7-point (3-D) Laplacian of v at (i, j, k), divided by h^2.
template <class V>
AFSIM_HD inline Real laplacian(const V& v, int i, int j, int k) {
  const Index n = v.g.idx(i, j, k);
  const Real c = v[n];
  Real s = v[n - v.g.stride_x()] + v[n + v.g.stride_x()] + v[n - v.g.stride_y()] + v[n + v.g.stride_y()] -
           Real(4) * c;
  if (v.g.is3d()) s += v[n - v.g.stride_z()] + v[n + v.g.stride_z()] - Real(2) * c;
  return s / Real(v.g.h * v.g.h);
}

}  // namespace afsim
