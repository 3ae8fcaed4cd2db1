// Per-cell integrands of the observables (MODELS §1, §3, §5 ledger); summed in double by the host.
#pragma once

#include "potential.hpp"
#include "reaction.hpp"

namespace afsim {

struct CellValue {
  static constexpr int bytes_per_cell = 8;  // reads v
  ConstView v;
  AFSIM_HD Real operator()(int i, int j, int k) const { return v(i, j, k); }
};

// a * (b - offset) per cell.
struct CellProduct {
  static constexpr int bytes_per_cell = 16;  // reads a, b
  ConstView a, b;
  Real offset;
  AFSIM_HD Real operator()(int i, int j, int k) const {
    const Index n = a.g.idx(i, j, k);
    return a[n] * (b[n] - offset);
  }
};

// a * (b - c) per cell.
struct CellProductOfDifference {
  static constexpr int bytes_per_cell = 24;  // reads a, b, c
  ConstView a, b, c;
  AFSIM_HD Real operator()(int i, int j, int k) const {
    const Index n = a.g.idx(i, j, k);
    return a[n] * (b[n] - c[n]);
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

// Metal held by the deposit: c_s xi (mol/m^3). The charge source is q = nF c_s dxi/dt, so this is the
// measure that Faraday's law and the ledger conserve exactly (MODELS §2 conservation note,
// docs/model-notes.md).
struct MetalContent {
  static constexpr int bytes_per_cell = 8;  // reads xi
  ConstView xi;
  Real c_site;
  AFSIM_HD Real operator()(int i, int j, int k) const { return c_site * xi(i, j, k); }
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

// Local reaction current density (A/m^2 of interface, plating positive) of the interface cells: the
// Butler–Volmer current at the cell's own overpotential and concentration, i_loc = -i0_eff B(eta, c),
// with i0_eff = nF c_s L_eta * (integral of h' across a flat interface = 2.5 l). Zero off the interface
// and where the metal does not react (dead metal: weight 0); only the anodic part where the collector's
// electrons do not reach (plating weight 0).
struct ReactionCurrentDensity {
  static constexpr int bytes_per_cell = 56;  // reads xi, weight, plating_weight, phi, u_eq, c; writes out
  ConstView xi, weight, plating_weight, phi, u_eq, c;
  View out;
  Real v_e;
  Real i0_eff;
  ReactionParams p;
  AFSIM_HD void operator()(int i, int j, int k) const {
    const Index n = xi.g.idx(i, j, k);
    const Real x = xi[n];
    out[n] = (x > Real(0.05) && x < Real(0.95) && weight[n] > Real(0))
                 ? -i0_eff * bv_drive(overpotential(v_e, phi[n], u_eq[n]),
                                      plating_weight[n] > Real(0) ? c[n] : Real(0), p)
                 : Real(0);
  }
};

// |v| per cell (max-reductions of rates).
struct AbsValue {
  static constexpr int bytes_per_cell = 8;  // reads v
  ConstView v;
  AFSIM_HD Real operator()(int i, int j, int k) const {
    const Real x = v(i, j, k);
    return x < Real(0) ? -x : x;
  }
};

// NaN/Inf detector: 1 for a non-finite value.
struct NonFinite {
  static constexpr int bytes_per_cell = 8;  // reads v
  ConstView v;
  AFSIM_HD Real operator()(int i, int j, int k) const {
    const Real x = v(i, j, k);
    return (x == x && x - x == Real(0)) ? Real(0) : Real(1);
  }
};

}  // namespace afsim
