// Charge balance in the electrolyte, MODELS §3 (3.2):
//   div(psi kappa_e grad phi) - div(psi kappa_D grad ln c) = q,   kappa_D = (2RT/F)(1 - t+) TDF kappa_e,
// written for the linear solver as  q' phi - div(sigma grad phi) = rhs  (Newton linearisation of q).
#pragma once

#include <math.h>

#include "core/stencil.hpp"

namespace afsim {

// Concentration dependence of the conductivity, MODELS §3 ("kappa_e may depend on c"; PARAMETERS.md §2 fits):
// kappa_e(c) = kappa_e(c0) * s(c) / s(c0). Any real electrolyte loses its conductivity with its carriers, and
// that is what keeps the diffusion-potential current kappa_D grad ln c = kappa_D(c) grad c / c finite where a
// growing tip empties the salt around it (docs/model-notes.md, "Conductivity of a depleted electrolyte"):
//  * Constant:     s = 1 (tests with analytic constant-kappa solutions);
//  * Dilute:       s = c (Nernst–Einstein: kappa = F^2 c (D+ + D-) / RT), the default where no fit is known;
//  * Landesfeind:  the Landesfeind & Gasteiger 2019 fit, c in mol/L,
//                  s = c (1 + p3 sqrt(c) + p4 (1 + p5 e^{1000/T}) c) / (1 + p6 e^{1000/T} c^4)
//                  (its prefactor p1 (1 + (T - p2)) cancels in the ratio).
enum class ConductivityForm : int { Constant = 0, Dilute = 1, Landesfeind = 2 };

struct ConductivityModel {
  ConductivityForm form = ConductivityForm::Constant;
  Real b1 = 0, b2 = 0,
       b4 = 0;             // Landesfeind at the cell temperature: p3, p4 (1 + p5 e^{1000/T}), p6 e^{1000/T}
  Real c_unit = 1000;      // mol/m^3 per mol/L of the fit
  Real inv_shape_ref = 1;  // 1 / s(c0)
  Real floor = 1e-6;       // smallest kappa_e(c) / kappa_e(c0): keeps the potential operator definite
  Real ohmic_floor = 0;    // residual ohmic conductivity fraction r_ohm (ChargeBalanceCoefficients)
};

AFSIM_HD inline Real conductivity_shape(Real c, const ConductivityModel& m) {
  const Real x = (c > Real(0) ? c : Real(0)) / m.c_unit;
  switch (m.form) {
    case ConductivityForm::Dilute:
      return x;
    case ConductivityForm::Landesfeind:
      return x * (Real(1) + m.b1 * sqrt(x) + m.b2 * x) / (Real(1) + m.b4 * x * x * x * x);
    default:
      return Real(1);
  }
}

// kappa_e(c) / kappa_e(c0), floored.
AFSIM_HD inline Real relative_conductivity(Real c, const ConductivityModel& m) {
  const Real r = conductivity_shape(c, m) * m.inv_shape_ref;
  return r > m.floor ? r : m.floor;
}

struct ElectrolyteParams {
  Real kappa = 0;  // kappa_e at the reference concentration c0, S/m
  ConductivityModel conductivity;
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

// Cell coefficients of the charge balance with c of the start of the step (the conductivity lags one step,
// as the electrolyte fraction does):
//   sigma_D = psi kappa_D(c) = psi kappa_e(c) kappa_d: exact, so the diffusion-potential current
//             kappa_D(c) grad ln c stays finite as c -> 0 (kappa_e ~ c);
//   sigma   = psi kappa_e(c0) max(kappa_e(c) / kappa_e(c0), r_ohm): the ohmic conductivity keeps a residual
//             fraction r_ohm of its value at c0, because the phase field books all of its rate, relaxation
//             included, as charge (MODELS §2 conservation note) and that charge must be able to leave a
//             cell whose salt the reaction has used up (docs/model-notes.md, "Conductivity of a depleted
//             electrolyte").
// Both are floored at psi_min kappa_e(c0), the conditioning of the constant-kappa smoothed boundary.
struct ChargeBalanceCoefficients {
  static constexpr int bytes_per_cell = 32;  // reads xi, c; writes sigma, sigma_d
  ConstView xi, c;
  View sigma, sigma_d;
  ElectrolyteParams p;
  AFSIM_HD void operator()(int i, int j, int k) const {
    const Index n = xi.g.idx(i, j, k);
    const Real psi = electrolyte_fraction(xi[n], p.psi_min);
    const Real r = relative_conductivity(c[n], p.conductivity);
    const Real r_ohm = r > p.conductivity.ohmic_floor ? r : p.conductivity.ohmic_floor;
    const Real s = psi * r_ohm, sd = psi * r;
    sigma[n] = (s > p.psi_min ? s : p.psi_min) * p.kappa;
    sigma_d[n] = (sd > p.psi_min ? sd : p.psi_min) * p.kappa * p.kappa_d;
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
