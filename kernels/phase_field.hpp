// Metal/electrolyte order parameter, MODELS §2 (2.1): the part of the rate that does not depend on the
// electrochemistry (interface relaxation with anisotropic gradient energy, Langevin noise), the reaction
// weights that the Butler–Volmer source of kernels/reaction.hpp multiplies, and the explicit update.
//
//   dxi/dt = -L_sigma ( g'(xi) - div( dF/d(grad xi) ) ) + noise  -  L_eta h'(xi) B(eta, c)
//            \______________ AllenCahnRelaxation ______________/    \___ ReactionWeights + ReactionSource
//
// The whole of dxi/dt is the metal formed: the charge source of the potential and salt equations is
// q = nF c_s dxi/dt (docs/model-notes.md, "Conservation"), so Faraday's law holds to round-off.
#pragma once

#include <math.h>

#include "core/index.hpp"
#include "core/rng.hpp"
#include "potential.hpp"
#include "reaction.hpp"

namespace afsim {

struct PhaseFieldParams {
  Real l_sigma = 0;         // interface mobility L_sigma, m^3/(J s)
  Real kappa = 0;           // gradient coefficient kappa_0, J/m
  Real barrier = 0;         // W of g(xi) = W xi^2 (1 - xi)^2, J/m^3
  Real delta = 0;           // anisotropy strength delta_a (< 1/15)
  Real cos0 = 1, sin0 = 0;  // crystal axes rotated by theta_0 about z
  Real noise = 0;           // Langevin amplitude A_n, 1/s
  unsigned long long seed = 0;
};

// g'(xi) for the double well g(xi) = W xi^2 (1 - xi)^2.
AFSIM_HD inline Real double_well_slope(Real xi, Real w) {
  return Real(2) * w * xi * (Real(1) - xi) * (Real(1) - Real(2) * xi);
}

AFSIM_HD inline Real clamp01(Real x) {
  return x < Real(0) ? Real(0) : (x > Real(1) ? Real(1) : x);
}

// dF/dp of the gradient energy F = 1/2 kappa(n) |p|^2, p = grad xi, n = p/|p|, with the cubic form of
// MODELS §2, kappa(n) = kappa_0 (1 - 3 delta + 4 delta sum_i n_i^4), evaluated in the crystal frame
// q = R(theta_0) p. In 2-D (p_z = 0) this is exactly the 4-fold kappa_0 (1 + delta cos 4(theta - theta_0)).
// dF/dq_j = kappa q_j + (|q|^2 / 2) dkappa/dq_j = kappa q_j + 8 kappa_0 delta (q_j^3 - S q_j / |q|^2) / |q|^2
// with S = sum q_i^4; the result is rotated back to the lab frame.
AFSIM_HD inline void gradient_energy_flux(Real px, Real py, Real pz, const PhaseFieldParams& p, Real f[3]) {
  const Real qx = p.cos0 * px + p.sin0 * py;
  const Real qy = -p.sin0 * px + p.cos0 * py;
  const Real qz = pz;
  const Real q2 = qx * qx + qy * qy + qz * qz;
  if (p.delta == Real(0) || !(q2 > Real(1e-100))) {  // q2^2 must not underflow below
    // Isotropic, or a flat region where the orientation is undefined (the flux vanishes with p anyway).
    f[0] = p.kappa * px;
    f[1] = p.kappa * py;
    f[2] = p.kappa * pz;
    return;
  }
  const Real s4 = qx * qx * qx * qx + qy * qy * qy * qy + qz * qz * qz * qz;
  const Real kap = p.kappa * (Real(1) - Real(3) * p.delta + Real(4) * p.delta * s4 / (q2 * q2));
  const Real a = Real(8) * p.kappa * p.delta / q2;
  const Real fx = kap * qx + a * (qx * qx * qx - s4 * qx / q2);
  const Real fy = kap * qy + a * (qy * qy * qy - s4 * qy / q2);
  const Real fz = kap * qz + a * (qz * qz * qz - s4 * qz / q2);
  f[0] = p.cos0 * fx - p.sin0 * fy;
  f[1] = p.sin0 * fx + p.cos0 * fy;
  f[2] = fz;
}

// Normal component of dF/d(grad xi) on the face between cell a = (i, j, k) and its neighbour a + e_axis:
// the normal derivative from the two cells, the tangential ones averaged from both cells' central
// differences (reads edge ghosts: fill them with fill_ghosts_with_edges).
AFSIM_HD inline Real face_gradient_flux(const ConstView& xi, int i, int j, int k, int axis,
                                        const PhaseFieldParams& p) {
  const Grid& g = xi.g;
  const Index s[3] = {g.stride_x(), g.stride_y(), g.stride_z()};
  const int dims = g.is3d() ? 3 : 2;
  const Index a = g.idx(i, j, k);
  const Index b = a + s[axis];
  const Real inv_h = Real(1) / Real(g.h);
  Real grad[3] = {0, 0, 0};
  for (int d = 0; d < dims; ++d) {
    if (d == axis) {
      grad[d] = (xi[b] - xi[a]) * inv_h;
    } else {
      grad[d] = (xi[a + s[d]] - xi[a - s[d]] + xi[b + s[d]] - xi[b - s[d]]) * Real(0.25) * inv_h;
    }
  }
  Real f[3];
  gradient_energy_flux(grad[0], grad[1], grad[2], p, f);
  return f[axis];
}

// div(dF/d(grad xi)) at a cell: the (anisotropic) Laplacian term of (2.1), conservative face form. With
// delta = 0 it is kappa_0 times the 5-point (7-point) Laplacian.
AFSIM_HD inline Real gradient_energy_divergence(const ConstView& xi, int i, int j, int k,
                                                const PhaseFieldParams& p) {
  const int dims = xi.g.is3d() ? 3 : 2;
  const int e[3][3] = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}};
  Real div = 0;
  for (int d = 0; d < dims; ++d)
    div += face_gradient_flux(xi, i, j, k, d, p) -
           face_gradient_flux(xi, i - e[d][0], j - e[d][1], k - e[d][2], d, p);
  return div / Real(xi.g.h);
}

// (2.1) without the reaction: rate0 = -L_sigma (g'(xi) - div(dF/d grad xi)) + A_n u w(xi), 1/s.
// Noise (MODELS §2): u uniform in [-1/2, 1/2] from the counter-based generator keyed by (seed, step, cell),
// weighted by w = 16 xi^2 (1 - xi)^2 (1 at xi = 1/2, 0 in the bulk phases) so that it acts only inside
// the interface. Cells of dead metal and its halo (frozen = 1) do not change (MODELS §2, §7).
struct AllenCahnRelaxation {
  static constexpr int bytes_per_cell = 24;  // reads xi (stencil, cached), frozen; writes rate
  ConstView xi, frozen;
  View rate;
  PhaseFieldParams p;
  unsigned long long step;
  AFSIM_HD void operator()(int i, int j, int k) const {
    const Grid& g = xi.g;
    const Index n = g.idx(i, j, k);
    if (frozen[n] > Real(0.5)) {
      rate[n] = 0;
      return;
    }
    const Real x = xi[n];
    Real r = -p.l_sigma * (double_well_slope(x, p.barrier) - gradient_energy_divergence(xi, i, j, k, p));
    if (p.noise > Real(0)) {
      const Real c = clamp01(x);
      const Real w = Real(16) * c * c * (Real(1) - c) * (Real(1) - c);
      const unsigned long long cell =
          (unsigned long long)i +
          (unsigned long long)g.nx * ((unsigned long long)j + (unsigned long long)g.ny * k);
      r += p.noise * w * Real(uniform01(p.seed, step, cell) - 0.5);
    }
    rate[n] = r;
  }
};

// Per-cell factors of the Butler–Volmer source (2.4): the weight c_s L_eta h'(xi) (mol m^-3 s^-1 per unit
// B; 0 in frozen cells: an island floats) and the cell-Damköhler limiter g = (1 - t+) / A_ii, A_ii the
// diagonal psi/dt + sum_faces psi_f D / h^2 of the implicit salt operator (docs/model-notes.md, "Reaction
// and salt within a step"). h' is evaluated at xi clamped to [0, 1] so that a cell stripped past 0 (or
// filled past 1) stops reacting. Reads ghosts of xi.
struct ReactionWeights {
  static constexpr int bytes_per_cell = 32;  // reads xi (stencil), frozen; writes weight, limiter
  ConstView xi, frozen;
  View weight, limiter;
  ReactionParams rp;
  ElectrolyteParams ep;
  Real dt;
  AFSIM_HD void operator()(int i, int j, int k) const {
    const Grid& g = xi.g;
    const Index n = g.idx(i, j, k);
    const bool dead = frozen[n] > Real(0.5);
    weight[n] = dead ? Real(0) : rp.c_site * rp.l_eta * interp_dh(clamp01(xi[n]));
    const Real psi = electrolyte_fraction(xi[n], ep.psi_min);
    const Index s[3] = {g.stride_x(), g.stride_y(), g.stride_z()};
    const int dims = g.is3d() ? 3 : 2;
    Real faces = 0;
    for (int d = 0; d < dims; ++d) {
      faces += harmonic_mean(psi, electrolyte_fraction(xi[n - s[d]], ep.psi_min));
      faces += harmonic_mean(psi, electrolyte_fraction(xi[n + s[d]], ep.psi_min));
    }
    const Real diag = psi / dt + faces * ep.diffusivity / Real(g.h * g.h);
    limiter[n] = (Real(1) - ep.t_plus) / diag;
  }
};

// The explicit step of (2.1): xi += dt q / (nF c_s), q the charge source of the converged potential solve
// (it holds the relaxation, the noise and the reaction: dxi/dt = q / (nF c_s)).
struct OrderParameterUpdate {
  static constexpr int bytes_per_cell = 24;  // reads xi, q; writes xi
  View xi;
  ConstView q;
  Real dt_over_nf_cs;
  AFSIM_HD void operator()(int i, int j, int k) const {
    const Index n = xi.g.idx(i, j, k);
    xi[n] += dt_over_nf_cs * q[n];
  }
};

// Explicit stability of the relaxation part of (2.1) (forward Euler): the largest eigenvalue of its
// linearisation is L_sigma (max g'' + kappa_max 4 d / h^2) with max g'' = 2W and kappa_max bounding the
// anisotropic stiffness kappa + kappa'' <= kappa_0 (1 + 15 delta). Returns the step of eigenvalue x dt = 1
// (half the forward-Euler limit of 2).
AFSIM_HD inline double allen_cahn_stable_dt(const PhaseFieldParams& p, double h, int dims) {
  const double kappa_max = double(p.kappa) * (1.0 + 15.0 * double(p.delta));
  const double lambda = double(p.l_sigma) * (2.0 * double(p.barrier) + kappa_max * 4.0 * dims / (h * h));
  return lambda > 0 ? 1.0 / lambda : 1e300;
}

}  // namespace afsim
