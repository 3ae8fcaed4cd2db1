// Salt balance, MODELS §3 (3.1), backward Euler in the diffusion term, with the electrolyte fraction of
// the new and the old order parameter so that the salt content psi c is conserved exactly when the
// interface moves:
//   (psi^{n+1} / dt) c^{n+1} - div(psi^{n+1} D grad c^{n+1}) = (psi^n / dt) c^n - (1 - t+) R,  R = q / (nF).
// The counter-electrode top boundary adds the salt flux (1 - t+) i / (nF) entering through the top face.
#pragma once

#include "core/index.hpp"
#include "potential.hpp"
#include "reaction.hpp"

namespace afsim {

// Cell coefficients a = psi D and b = psi / dt of the implicit salt step (psi of the new order parameter).
struct SaltCoefficients {
  static constexpr int bytes_per_cell = 24;  // reads xi; writes a, b
  ConstView xi;
  View a, b;
  ElectrolyteParams p;
  Real dt;
  AFSIM_HD void operator()(int i, int j, int k) const {
    const Index n = xi.g.idx(i, j, k);
    const Real psi = electrolyte_fraction(xi[n], p.psi_min);
    a[n] = psi * p.diffusivity;
    b[n] = psi / dt;
  }
};

struct SaltRhs {
  static constexpr int bytes_per_cell = 32;  // reads xi_old, c, q; writes rhs
  ConstView xi_old, c, q;
  View rhs;
  Real inv_dt;
  Real psi_min;
  Real sink_factor;  // (1 - t+) / (nF)
  Real top_source;   // (1 - t+) i / (nF h) for the counter electrode, 0 for a reservoir
  AFSIM_HD void operator()(int i, int j, int k) const {
    const Grid& g = c.g;
    const Index n = g.idx(i, j, k);
    Real r = electrolyte_fraction(xi_old[n], psi_min) * inv_dt * c[n] - sink_factor * q[n];
    if (j == g.ny - 1) r += top_source;
    rhs[n] = r;
  }
};

// The salt balance (3.1) of a moving interface with the cathodic reaction implicit in c (docs/model-notes.md,
// "Reaction and salt within a step"). At the fixed eta of the potential solve the Butler–Volmer rate is
// linear in c, R = kc c - ra (kernels/reaction.hpp, reaction_parts), so
//   (psi*/dt + (1 - t+) kc) c - div(psi* D grad c) = psi^n c^n / dt + (1 - t+)(ra - c_s rate0) [+ top]
// keeps the operator SPD and the concentration at the interface cannot be over-consumed whatever the step.
// psi* is the electrolyte fraction of the predicted xi^{n+1} (the metal the step forms displaces salt).
// Cell coefficients b and right-hand side (a = psi* D from SaltCoefficients):
struct SaltImplicitReaction {
  static constexpr int bytes_per_cell =
      96;  // reads xi_star, xi_old, weight, plating_weight, limiter, rate0, phi, u_eq, c; writes b, rhs
  ConstView xi_star, xi_old, weight, plating_weight, limiter, rate0, phi, u_eq, c;
  View b, rhs;
  Real v_e, inv_dt, sink_factor, top_source;  // sink_factor = 1 - t+ (mol units); top_source mol/(m^3 s)
  ReactionParams p;
  Real psi_min;
  AFSIM_HD void operator()(int i, int j, int k) const {
    const Grid& g = c.g;
    const Index n = g.idx(i, j, k);
    Real kc = 0, ra = 0;
    if (weight[n] != Real(0) || plating_weight[n] != Real(0))
      reaction_parts(overpotential(v_e, phi[n], u_eq[n]), weight[n], plating_weight[n], limiter[n], p, kc,
                     ra);
    b[n] = electrolyte_fraction(xi_star[n], psi_min) * inv_dt + sink_factor * kc;
    Real r =
        electrolyte_fraction(xi_old[n], psi_min) * inv_dt * c[n] + sink_factor * (ra - p.c_site * rate0[n]);
    if (j == g.ny - 1) r += top_source;
    rhs[n] = r;
  }
};

// xi* = xi + dt q / (nF c_s): the order parameter a step would give, for the electrolyte fraction psi* of
// the implicit salt step.
struct PredictedOrderParameter {
  static constexpr int bytes_per_cell = 24;  // reads xi, q; writes out
  ConstView xi, q;
  View out;
  Real dt_over_nf_cs;
  AFSIM_HD void operator()(int i, int j, int k) const {
    const Index n = xi.g.idx(i, j, k);
    out[n] = xi[n] + dt_over_nf_cs * q[n];
  }
};

// Positivity of the salt after a step whose lagged reaction consumed more than a depleted cell held
// (docs/model-notes.md, "Reaction and salt within a step"): a cell with negative content psi c is set
// to 0 and its deficit is taken from its face neighbours in proportion to their positive content, which
// conserves the salt exactly as long as the neighbours hold enough (the host checks and repeats).
// Pass 1: per cell its deficit d = max(0, -psi c) and the positive content of its neighbours S.
struct SaltDeficit {
  static constexpr int bytes_per_cell = 32;  // reads xi, c (stencil); writes deficit, supply
  ConstView xi, c;
  View deficit, supply;
  Real psi_min;
  AFSIM_HD Real content(Index n) const {
    const Real v = electrolyte_fraction(xi[n], psi_min) * c[n];
    return v > Real(0) ? v : Real(0);
  }
  AFSIM_HD void operator()(int i, int j, int k) const {
    const Grid& g = c.g;
    const Index n = g.idx(i, j, k);
    const Real own = electrolyte_fraction(xi[n], psi_min) * c[n];
    deficit[n] = own < Real(0) ? -own : Real(0);
    const Index s[3] = {g.stride_x(), g.stride_y(), g.stride_z()};
    const int dims = g.is3d() ? 3 : 2;
    Real sum = 0;
    for (int d = 0; d < dims; ++d) sum += content(n - s[d]) + content(n + s[d]);
    supply[n] = sum;
  }
};

// Pass 2: each cell with positive content gives every deficient neighbour k the share
// deficit_k * content / supply_k (all of it when supply_k < deficit_k); deficient cells become 0.
// Reads the ghosts of deficit and supply (zero-flux ghosts: 0 beyond the domain; periodic wraps).
struct SaltRedistribute {
  static constexpr int bytes_per_cell = 40;  // reads xi, c, deficit, supply (stencil); writes c
  ConstView xi, c_in, deficit, supply;
  View c_out;
  Real psi_min;
  AFSIM_HD void operator()(int i, int j, int k) const {
    const Grid& g = c_in.g;
    const Index n = g.idx(i, j, k);
    const Real psi = electrolyte_fraction(xi[n], psi_min);
    const Real own = psi * c_in[n];
    if (own <= Real(0)) {
      c_out[n] = 0;
      return;
    }
    const Index s[3] = {g.stride_x(), g.stride_y(), g.stride_z()};
    const int dims = g.is3d() ? 3 : 2;
    Real give = 0;
    for (int d = 0; d < dims; ++d) {
      for (int sign = -1; sign <= 1; sign += 2) {
        const Index m = n + sign * s[d];
        if (deficit[m] > Real(0) && supply[m] > Real(0)) {
          const Real frac = deficit[m] < supply[m] ? deficit[m] / supply[m] : Real(1);
          give += frac * own;
        }
      }
    }
    const Real left = own - give;
    c_out[n] = (left > Real(0) ? left : Real(0)) / psi;
  }
};

// Top ghost of c for the counter electrode: the salt gradient that carries the flux (1 - t+) i / (nF)
// into the domain, so that the diffusion potential sees the same gradient as the salt balance.
struct SaltTopFluxGhost {
  View c;
  Real gradient;  // dc/dy at the top face = (1 - t+) i / (nF D): the top row is electrolyte (psi = 1)
  AFSIM_HD void operator()(int i, int, int k) const {
    const Grid& g = c.g;
    c(i, g.ny, k) = c(i, g.ny - 1, k) + gradient * Real(g.h);
  }
};

// Salt entering through a reservoir face (c = c0 at y = L_y) per unit face area and time, mol/(m^2 s):
// the face flux of the implicit operator, psi D (c0 - c) / (h / 2), evaluated on the top row. Summed
// independently of the salt content, it lets the inventory ledger check the solver's conservation.
struct ReservoirInflux {
  static constexpr int bytes_per_cell = 16;  // reads xi, c (top row only)
  ConstView xi, c;
  ElectrolyteParams p;
  Real c_top;
  AFSIM_HD Real operator()(int i, int j, int k) const {
    const Index n = c.g.idx(i, j, k);
    return electrolyte_fraction(xi[n], p.psi_min) * p.diffusivity * (c_top - c[n]) /
           (Real(0.5) * Real(c.g.h));
  }
};

// Salt held by the electrolyte: psi c (mol/m^3), with the same psi regularisation as the operators.
struct SaltContent {
  static constexpr int bytes_per_cell = 16;  // reads xi, c
  ConstView xi, c;
  Real psi_min;
  AFSIM_HD Real operator()(int i, int j, int k) const {
    const Index n = xi.g.idx(i, j, k);
    return electrolyte_fraction(xi[n], psi_min) * c[n];
  }
};

// Concentration at the reaction front: cells in the middle of the diffuse interface, where h'(xi) is
// largest; other cells return a large value so that a min-reduction ignores them.
struct SurfaceConcentration {
  static constexpr int bytes_per_cell = 16;  // reads xi, c
  ConstView xi, c;
  Real lo, hi;
  AFSIM_HD Real operator()(int i, int j, int k) const {
    const Index n = xi.g.idx(i, j, k);
    return (xi[n] >= lo && xi[n] <= hi) ? c[n] : Real(1e300);
  }
};

}  // namespace afsim
