// Small per-cell functors of the host current-distribution module (src/physics/current_distribution.hpp):
// Newton updates, the galvanostatic scaling of the implicit reaction (MODELS §1), the electrolyte fraction
// psi and the plain reaction weight of (2.4) for a fixed deposit (MODELS §2, §3).
#pragma once

#include "potential.hpp"
#include "reaction.hpp"

namespace afsim {

// At namespace scope: nvcc cannot launch kernels whose functor type is private to a class.
namespace cd_detail {

struct Axpy {
  static constexpr int bytes_per_cell = 24;  // reads y, x; writes y
  View y;
  ConstView x;
  Real a;
  AFSIM_HD void operator()(int i, int j, int k) const { y(i, j, k) += a * x(i, j, k); }
};
// Newton step limiting of the charge balance (MODELS §3 (3.2)): p = phi0 + clamp(p - phi0, -limit, limit) in
// every cell. The Butler–Volmer source is exponential in phi, and a cell whose linearised slope is tiny
// (little salt, little conductance) would otherwise be thrown volts away, where the capped exponentials stall
// Newton.
struct LimitChange {
  static constexpr int bytes_per_cell = 24;  // reads p, phi0; writes p
  View p;
  ConstView phi0;
  Real limit;
  AFSIM_HD void operator()(int i, int j, int k) const {
    const Real d = p(i, j, k) - phi0(i, j, k);
    if (d > limit) p(i, j, k) = phi0(i, j, k) + limit;
    if (d < -limit) p(i, j, k) = phi0(i, j, k) - limit;
  }
};
struct AbsDifference {
  static constexpr int bytes_per_cell = 16;
  ConstView a, b;
  AFSIM_HD Real operator()(int i, int j, int k) const {
    const Real d = a(i, j, k) - b(i, j, k);
    return d < 0 ? -d : d;
  }
};
// q = fixed + factor (q - fixed), fixed = nF c_s rate0: the reaction part of a charge source scaled.
struct ScaleReaction {
  static constexpr int bytes_per_cell = 24;  // reads q, rate0; writes q
  View q;
  ConstView rate0;
  Real factor, nf_cs;
  AFSIM_HD void operator()(int i, int j, int k) const {
    const Index n = q.g.idx(i, j, k);
    const Real fixed = nf_cs * rate0[n];
    q[n] = fixed + factor * (q[n] - fixed);
  }
};
struct PsiValue {
  static constexpr int bytes_per_cell = 8;  // reads xi
  ConstView xi;
  Real psi_min;
  AFSIM_HD Real operator()(int i, int j, int k) const { return electrolyte_fraction(xi(i, j, k), psi_min); }
};
struct AddConstant {
  static constexpr int bytes_per_cell = 16;  // reads and writes v
  View v;
  Real value;
  AFSIM_HD void operator()(int i, int j, int k) const { v(i, j, k) += value; }
};
// The plain reaction weight of (2.4), c_s L_eta h'(xi), of a deposit that does not move (the same for
// plating and stripping: all of a fixed deposit is at V_e).
struct PlainReactionWeight {
  static constexpr int bytes_per_cell = 24;  // reads xi; writes weight, plating_weight
  ConstView xi;
  View weight, plating_weight;
  ReactionParams p;
  AFSIM_HD void operator()(int i, int j, int k) const {
    const Real w = p.c_site * p.l_eta * interp_dh(xi(i, j, k));
    weight(i, j, k) = w;
    plating_weight(i, j, k) = w;
  }
};
struct PsiField {
  static constexpr int bytes_per_cell = 16;
  ConstView xi;
  View out;
  Real psi_min;
  AFSIM_HD void operator()(int i, int j, int k) const {
    out(i, j, k) = electrolyte_fraction(xi(i, j, k), psi_min);
  }
};

// Side reactions (physics/module.hpp, SideReaction): their source and slope added to the metal's.
struct AddSide {
  static constexpr int bytes_per_cell = 48;  // reads q, dq, q_side, dq_side; writes q, dq
  View q, dq;
  ConstView q_side, dq_side;
  AFSIM_HD void operator()(int i, int j, int k) const {
    const Index n = q.g.idx(i, j, k);
    q[n] += q_side[n];
    dq[n] += dq_side[n];
  }
};

// The salt a side reaction consumes, explicit in the implicit salt step: rhs -= (1 - t+) q_side / nF.
struct SideSaltSink {
  static constexpr int bytes_per_cell = 24;  // reads q_side, rhs; writes rhs
  ConstView q_side;
  View rhs;
  Real factor;  // (1 - t+) / nF
  AFSIM_HD void operator()(int i, int j, int k) const { rhs(i, j, k) -= factor * q_side(i, j, k); }
};

}  // namespace cd_detail

}  // namespace afsim
