// Salt balance, MODELS §3 (3.1), backward Euler in the diffusion term, with the electrolyte fraction of
// the new and the old order parameter so that the salt content psi c is conserved exactly when the
// interface moves:
//   (psi^{n+1} / dt) c^{n+1} - div(psi^{n+1} D grad c^{n+1}) = (psi^n / dt) c^n - (1 - t+) R,  R = q / (nF).
// The counter-electrode top boundary adds the salt flux (1 - t+) i / (nF) entering through the top face.
#pragma once

#include "core/index.hpp"
#include "potential.hpp"

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

}  // namespace afsim
