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
#include "interface_geometry.hpp"
#include "potential.hpp"
#include "reaction.hpp"

namespace afsim {

struct PhaseFieldParams {
  Real l_sigma = 0;         // interface mobility L_sigma, m^3/(J s)
  Real kappa = 0;           // gradient coefficient kappa_0, J/m
  Real barrier = 0;         // W of g(xi) = W xi^2 (1 - xi)^2, J/m^3
  Real delta = 0;           // anisotropy strength delta_a (< 1/15)
  Real cos0 = 1, sin0 = 0;  // crystal axes rotated by theta_0 about z
  Real noise = 0;           // Langevin strength D_xi, 1/s (variance of xi per time at the interface centre)
  unsigned long long seed = 0;
  // Capillarity (docs/model-notes.md, "Capillarity"): false = the diffuse interface's own curvature flow
  // L_sigma kappa K (Allen–Cahn as written in (2.1), anisotropic through kappa(n)); true = the curvature part
  // of the gradient term is removed (the profile still relaxes) and capillarity enters the overpotential
  // (2.3) as the Gibbs–Thomson potential of the sharp interface, U = -gamma~(n) V_m K / (nF).
  bool gibbs_thomson = false;
  Real gt_coefficient = 0;  // gamma_0 V_m / (nF), V m
  Real max_curvature = 0;   // |K| cap, 1/m: radii below the interface width are not resolved
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
  Real qx, qy;
  to_crystal_frame(px, py, p.cos0, p.sin0, qx, qy);
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

// grad xi on the face between cell a = (i, j, k) and its neighbour a + e_axis: the normal derivative from
// the two cells, the tangential ones averaged from both cells' central differences (reads edge ghosts: fill
// them with fill_ghosts_with_edges); and the normal component of dF/d(grad xi) there.
AFSIM_HD inline void face_gradient(const ConstView& xi, int i, int j, int k, int axis, Real grad[3]) {
  const Grid& g = xi.g;
  const Index s[3] = {g.stride_x(), g.stride_y(), g.stride_z()};
  const int dims = g.is3d() ? 3 : 2;
  const Index a = g.idx(i, j, k);
  const Index b = a + s[axis];
  const Real inv_h = Real(1) / Real(g.h);
  grad[0] = grad[1] = grad[2] = 0;
  for (int d = 0; d < dims; ++d) {
    if (d == axis) {
      grad[d] = (xi[b] - xi[a]) * inv_h;
    } else {
      grad[d] = (xi[a + s[d]] - xi[a - s[d]] + xi[b + s[d]] - xi[b - s[d]]) * Real(0.25) * inv_h;
    }
  }
}
AFSIM_HD inline Real face_gradient_flux(const ConstView& xi, int i, int j, int k, int axis,
                                        const PhaseFieldParams& p) {
  Real grad[3];
  face_gradient(xi, i, j, k, axis, grad);
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

// (2.1) without the reaction and the noise: rate0 = -L_sigma (g'(xi) - div(dF/d grad xi)), 1/s. Cells of
// dead metal and its halo (frozen = 1) do not change (MODELS §2, §7).
// With Gibbs–Thomson capillarity the curvature part of the (isotropic) gradient term, kappa_0 |grad xi| div
// n, is subtracted: for xi = xi_0(d) of the signed distance d, lap xi = xi_0'' + xi_0' lap d, and the second
// term is exactly that part, so the profile keeps relaxing to its tanh shape while the interface itself
// moves only by the reaction (the curvature-free Allen–Cahn operator of Sun & Beckermann, J. Comput. Phys.
// 220 (2007) 626). Its tangential modes are neutral: the implicit Laplacian damps what the explicit counter
// term adds back.
struct AllenCahnRelaxation {
  static constexpr int bytes_per_cell = 24;  // reads xi (stencil, cached), frozen; writes rate
  ConstView xi, frozen;
  View rate;
  PhaseFieldParams p;
  AFSIM_HD void operator()(int i, int j, int k) const {
    const Index n = xi.g.idx(i, j, k);
    if (frozen[n] > Real(0.5)) {
      rate[n] = 0;
      return;
    }
    Real gradient_term;
    if (p.gibbs_thomson) {  // isotropic profile; the anisotropy is in the stiffness of the potential U
      PhaseFieldParams iso = p;
      iso.delta = 0;
      gradient_term = gradient_energy_divergence(xi, i, j, k, iso) -
                      p.kappa * gradient_magnitude(xi, i, j, k) * normal_divergence(xi, i, j, k);
    } else {
      gradient_term = gradient_energy_divergence(xi, i, j, k, p);
    }
    rate[n] = -p.l_sigma * (double_well_slope(xi[n], p.barrier) - gradient_term);
  }
};

// Gibbs–Thomson potential of the sharp interface, MODELS §2 (2.3) (docs/model-notes.md, "Capillarity"): the
// equilibrium potential of a curved metal surface against the flat one, U = -gamma~(n) V_m K / (nF) =
// (gamma~/gamma_0) G div n with G = gamma_0 V_m / (nF), K = -div n and the stiffness gamma~ of
// kernels/interface_geometry.hpp. It enters (2.3) as part of U_sub, eta = V_e - phi - U, so a convex tip
// (K > 0, U < 0) plates more slowly and strips more readily than a flat surface. K is capped at
// +-max_curvature; U is 0 in frozen cells and away from the interface (1e-3 < xi < 1 - 1e-3).
struct GibbsThomsonPotential {
  static constexpr int bytes_per_cell = 24;  // reads xi (stencil, cached), frozen; writes u
  ConstView xi, frozen;
  View u;
  PhaseFieldParams p;
  AFSIM_HD void operator()(int i, int j, int k) const {
    const Index n = xi.g.idx(i, j, k);
    const Real x = xi[n];
    if (frozen[n] > Real(0.5) || !(x > Real(1e-3) && x < Real(1) - Real(1e-3))) {
      u[n] = 0;
      return;
    }
    Real div_n = normal_divergence(xi, i, j, k);
    div_n = div_n > p.max_curvature ? p.max_curvature : (div_n < -p.max_curvature ? -p.max_curvature : div_n);
    u[n] = p.gt_coefficient * surface_stiffness_factor(xi, i, j, k, p.delta, p.cos0, p.sin0) * div_n;
  }
};

// Langevin noise of MODELS §2 as a Wiener increment: in a step dt the interface cells change by
// sqrt(2 D_xi dt) w(xi) (u - u_mean), u uniform with unit variance from the counter-based generator keyed
// by (seed, step, cell), w = 16 xi^2 (1 - xi)^2 (1 at xi = 1/2, 0 in the bulk phases and in frozen cells),
// u_mean the w-weighted mean of u over the domain. The mean is removed so that the noise redistributes
// metal along the interface without creating any: the charge passed stays the external circuit's.
// D_xi (the deck's `noise`, 1/s) is the rate at which the variance of xi grows at the interface centre.
AFSIM_HD inline Real noise_weight(Real xi) {
  const Real c = clamp01(xi);
  return Real(16) * c * c * (Real(1) - c) * (Real(1) - c);
}
AFSIM_HD inline Real unit_uniform(unsigned long long seed, unsigned long long step, const Grid& g, int i,
                                  int j, int k) {
  const unsigned long long cell =
      (unsigned long long)i +
      (unsigned long long)g.nx * ((unsigned long long)j + (unsigned long long)g.ny * k);
  return Real((uniform01(seed, step, cell) - 0.5) * 3.4641016151377544);  // sqrt(12): unit variance
}

// w and w u of a cell, for the weighted mean of u (summed as a pair).
struct NoiseMoments {
  static constexpr int bytes_per_cell = 16;  // reads xi, frozen
  ConstView xi, frozen;
  unsigned long long seed, step;
  AFSIM_HD Real weight(int i, int j, int k) const {
    const Index n = xi.g.idx(i, j, k);
    return frozen[n] > Real(0.5) ? Real(0) : noise_weight(xi[n]);
  }
};
struct NoiseWeightSum {
  static constexpr int bytes_per_cell = 16;
  NoiseMoments m;
  AFSIM_HD Real operator()(int i, int j, int k) const { return m.weight(i, j, k); }
};
struct NoiseWeightedSum {
  static constexpr int bytes_per_cell = 16;
  NoiseMoments m;
  AFSIM_HD Real operator()(int i, int j, int k) const {
    return m.weight(i, j, k) * unit_uniform(m.seed, m.step, m.xi.g, i, j, k);
  }
};
struct LangevinIncrement {
  static constexpr int bytes_per_cell = 24;  // reads xi, frozen; writes xi
  View xi;
  ConstView frozen;
  unsigned long long seed, step;
  Real amplitude;  // sqrt(2 D_xi dt)
  Real mean;       // w-weighted mean of u
  AFSIM_HD void operator()(int i, int j, int k) const {
    const Index n = xi.g.idx(i, j, k);
    if (frozen[n] > Real(0.5)) return;
    xi[n] += amplitude * noise_weight(xi[n]) * (unit_uniform(seed, step, xi.g, i, j, k) - mean);
  }
};

// Per-cell factors of the Butler–Volmer source (2.4): the stripping weight c_s L_eta h'(xi) (mol m^-3 s^-1
// per unit B; 0 in frozen cells: an island floats), the plating weight (the same, but 0 where the
// collector's electrons do not reach: outside connected metal, the collector row and their diffuse shell,
// docs/model-notes.md "Electronic reach") and the cell-Damköhler limiter g = (1 - t+) / A_ii, A_ii the
// diagonal psi/dt + sum_faces psi_f D / h^2 of the implicit salt operator (docs/model-notes.md, "Reaction
// and salt within a step"). h' is evaluated at xi clamped to [0, 1] so that a cell stripped past 0 (or
// filled past 1) stops reacting. Reads ghosts of xi.
struct ReactionWeights {
  static constexpr int bytes_per_cell = 48;  // reads xi (stencil), frozen, reactive; writes weight,
                                             // plating_weight, limiter
  ConstView xi, frozen, reactive;
  View weight, plating_weight, limiter;
  ReactionParams rp;
  ElectrolyteParams ep;
  Real dt;
  AFSIM_HD void operator()(int i, int j, int k) const {
    const Grid& g = xi.g;
    const Index n = g.idx(i, j, k);
    const bool dead = frozen[n] > Real(0.5);
    const Real w = dead ? Real(0) : rp.c_site * rp.l_eta * interp_dh(clamp01(xi[n]));
    weight[n] = w;
    plating_weight[n] = reactive[n] > Real(0.5) ? w : Real(0);
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

// The step of (2.1), semi-implicit in the isotropic gradient term (docs/model-notes.md, "Time step"):
//   xi^{n+1} / dt - div(a grad xi^{n+1}) = xi^n / dt + q / (nF c_s) - div(a grad xi^n),  a = L_sigma kappa_0,
// q the charge source of the potential solve (it holds the whole explicit rate: relaxation with anisotropy,
// noise and reaction). The two isotropic terms cancel in the sum over the domain (no-flux boundaries), so
// the metal formed is exactly dt sum(q) / (nF c_s). a is ~0 in frozen cells (dead metal does not change),
// and faces take the harmonic mean, as the multigrid operator does.
// (The multigrid needs a > 0: frozen cells get a_active * kFrozenMobility, and the module puts their xi^n
// back after the solve.)
constexpr double kFrozenMobility = 1e-9;

struct SemiImplicitCoefficients {
  static constexpr int bytes_per_cell = 24;  // reads frozen; writes a, b
  ConstView frozen;
  View a, b;
  Real a_active, inv_dt;
  AFSIM_HD void operator()(int i, int j, int k) const {
    const Index n = frozen.g.idx(i, j, k);
    a[n] = frozen[n] > Real(0.5) ? a_active * Real(kFrozenMobility) : a_active;
    b[n] = inv_dt;
  }
};

// Frozen cells (dead metal and its halo) keep xi^n exactly.
struct RestoreFrozen {
  static constexpr int bytes_per_cell = 24;  // reads frozen, xi_old; writes xi
  View xi;
  ConstView xi_old, frozen;
  AFSIM_HD void operator()(int i, int j, int k) const {
    const Index n = xi.g.idx(i, j, k);
    if (frozen[n] > Real(0.5)) xi[n] = xi_old[n];
  }
};

// Right-hand side of the semi-implicit step; reads ghosts of xi and a.
struct SemiImplicitRhs {
  static constexpr int bytes_per_cell = 32;  // reads xi (stencil), a (stencil), q; writes rhs
  ConstView xi, a, q;
  View rhs;
  Real inv_dt, inv_nf_cs;
  AFSIM_HD void operator()(int i, int j, int k) const {
    const Grid& g = xi.g;
    const Index n = g.idx(i, j, k);
    const Index s[3] = {g.stride_x(), g.stride_y(), g.stride_z()};
    const int dims = g.is3d() ? 3 : 2;
    Real div = 0;
    for (int d = 0; d < dims; ++d) {
      div += harmonic_mean(a[n], a[n - s[d]]) * (xi[n - s[d]] - xi[n]);
      div += harmonic_mean(a[n], a[n + s[d]]) * (xi[n + s[d]] - xi[n]);
    }
    rhs[n] = xi[n] * inv_dt + q[n] * inv_nf_cs - div / Real(g.h * g.h);
  }
};

// Where the linear solver's residual is put back so that sum(xi) is exact: the interface cells that
// react, h'(xi) (0 in frozen cells).
struct InterfaceWeight {
  static constexpr int bytes_per_cell = 16;  // reads xi, frozen
  ConstView xi, frozen;
  AFSIM_HD Real operator()(int i, int j, int k) const {
    const Index n = xi.g.idx(i, j, k);
    return frozen[n] > Real(0.5) ? Real(0) : interp_dh(clamp01(xi[n]));
  }
};

struct AddWeighted {
  static constexpr int bytes_per_cell = 24;  // reads xi, frozen; writes xi
  View xi;
  ConstView frozen;
  Real scale;
  AFSIM_HD void operator()(int i, int j, int k) const {
    const Index n = xi.g.idx(i, j, k);
    if (frozen[n] < Real(0.5)) xi[n] += scale * interp_dh(clamp01(xi[n]));
  }
};

// The time for the reaction to empty a stripping cell or to fill a plating one: xi / |R / c_s| where the
// reaction part R / c_s = q / (nF c_s) - rate0 is negative, (1 - xi) / (R / c_s) where it is positive;
// 1e300 elsewhere. A step of at most half of the smallest keeps every reacting cell's xi inside [0, 1]
// (h' vanishes quadratically at xi = 0 and 1, so this does not collapse the step).
struct ReactionFillTime {
  static constexpr int bytes_per_cell = 24;  // reads xi, q, rate0
  ConstView xi, q, rate0;
  Real inv_nf_cs;
  AFSIM_HD Real operator()(int i, int j, int k) const {
    const Index n = xi.g.idx(i, j, k);
    const Real react = q[n] * inv_nf_cs - rate0[n];
    if (react < Real(0) && xi[n] > Real(0)) return xi[n] / -react;
    if (react > Real(0) && xi[n] < Real(1)) return (Real(1) - xi[n]) / react;
    return Real(1e300);
  }
};

// Explicit stability of the part of (2.1) that stays explicit in the semi-implicit step: the double well
// (max g'' = 2W; the anisotropic remainder of the gradient term is stable for delta < 1/15 because the
// implicit isotropic part dominates it). Returns the step of eigenvalue x dt = 1 (half the forward-Euler
// limit of 2).
AFSIM_HD inline double allen_cahn_stable_dt(const PhaseFieldParams& p) {
  const double lambda = double(p.l_sigma) * 2.0 * double(p.barrier);
  return lambda > 0 ? 1.0 / lambda : 1e300;
}

// Metal held by the deposit: c_s xi (mol/m^3). The charge source is q = nF c_s dxi/dt, so this is the
// measure that Faraday's law and the ledger conserve exactly (MODELS §2 conservation note,
// docs/model-notes.md).
struct MetalContent {
  static constexpr int bytes_per_cell = 8;  // reads xi
  ConstView xi;
  Real c_site;
  AFSIM_HD Real operator()(int i, int j, int k) const { return c_site * xi(i, j, k); }
};

}  // namespace afsim
