// Charge balance in the electrolyte, MODELS §3 (3.2):
//   div(psi kappa_e grad phi) - div(psi kappa_D grad ln c) = q,   kappa_D = (2RT/F)(1 - t+) TDF kappa_e,
// written for the linear solver as  q' phi - div(sigma grad phi) = rhs  (Newton linearisation of q).
#pragma once

#include <math.h>

#include "core/stencil.hpp"

namespace afsim {

struct ElectrolyteParams {
  Real kappa = 0;        // kappa_e, S/m
  Real kappa_d = 0;      // kappa_D / kappa_e = (2RT/F)(1 - t+) TDF, V
  Real diffusivity = 0;  // D, m^2/s
  Real t_plus = 0;       // cation transference number
  Real psi_min = 1e-6;   // floor of the electrolyte fraction in the operators
  Real c_floor = 1e-9;   // floor of c inside ln c (mol/m^3)
};

// psi = max(1 - xi, psi_min): MODELS §3 regularisation that keeps the operators definite in the metal.
AFSIM_HD inline Real electrolyte_fraction(Real xi, Real psi_min) {
  const Real psi = Real(1) - xi;
  return psi > psi_min ? psi : psi_min;
}

// Cell coefficients of the charge balance: sigma = psi kappa_e and sigma_D = psi kappa_D.
struct ChargeBalanceCoefficients {
  static constexpr int bytes_per_cell = 24;  // reads xi; writes sigma, sigma_d
  ConstView xi;
  View sigma, sigma_d;
  ElectrolyteParams p;
  AFSIM_HD void operator()(int i, int j, int k) const {
    const Index n = xi.g.idx(i, j, k);
    const Real psi = electrolyte_fraction(xi[n], p.psi_min);
    sigma[n] = psi * p.kappa;
    sigma_d[n] = psi * p.kappa * p.kappa_d;
  }
};

AFSIM_HD inline Real log_conc(Real c, Real floor) {
  return log(c > floor ? c : floor);
}

// div(sigma_D grad ln c) at a cell, with harmonic face coefficients; reads ghosts of c and sigma_D.
AFSIM_HD inline Real diffusion_potential_divergence(const ConstView& sd, const ConstView& c, Index n,
                                                    Real c_floor) {
  const Grid& g = c.g;
  const Real lc = log_conc(c[n], c_floor);
  const Index s[3] = {g.stride_x(), g.stride_y(), g.stride_z()};
  Real acc = 0;
  const int dims = g.is3d() ? 3 : 2;
  for (int d = 0; d < dims; ++d) {
    const Index m0 = n - s[d], m1 = n + s[d];
    acc += harmonic_mean(sd[n], sd[m0]) * (log_conc(c[m0], c_floor) - lc);
    acc += harmonic_mean(sd[n], sd[m1]) * (log_conc(c[m1], c_floor) - lc);
  }
  return acc / Real(g.h * g.h);
}

// Right-hand side of the linearised charge balance for the new potential:
//   rhs = -div(sigma_D grad ln c) - q0 + q' phi0.
struct ChargeBalanceRhs {
  static constexpr int bytes_per_cell = 48;  // reads sigma_d, c, q, dq, phi; writes rhs
  ConstView sigma_d, c, q, dq, phi;
  View rhs;
  Real c_floor;
  AFSIM_HD void operator()(int i, int j, int k) const {
    const Index n = c.g.idx(i, j, k);
    rhs[n] = -diffusion_potential_divergence(sigma_d, c, n, c_floor) - q[n] + dq[n] * phi[n];
  }
};

// Ionic current density i_l = -sigma grad phi + sigma_D grad ln c at the cell centre (A/m^2, central
// differences), stored as three components.
struct IonicCurrentDensity {
  static constexpr int bytes_per_cell = 56;  // reads sigma, sigma_d, phi, c; writes 3 components
  ConstView sigma, sigma_d, phi, c;
  View ix, iy, iz;
  Real c_floor;
  AFSIM_HD void operator()(int i, int j, int k) const {
    const Grid& g = phi.g;
    const Index n = g.idx(i, j, k);
    const Real inv2h = Real(0.5) / Real(g.h);
    const Index s[3] = {g.stride_x(), g.stride_y(), g.stride_z()};
    Real out[3] = {0, 0, 0};
    const int dims = g.is3d() ? 3 : 2;
    for (int d = 0; d < dims; ++d) {
      const Real dphi = (phi[n + s[d]] - phi[n - s[d]]) * inv2h;
      const Real dlc = (log_conc(c[n + s[d]], c_floor) - log_conc(c[n - s[d]], c_floor)) * inv2h;
      out[d] = -sigma[n] * dphi + sigma_d[n] * dlc;
    }
    ix[n] = out[0];
    iy[n] = out[1];
    iz[n] = out[2];
  }
};

}  // namespace afsim
