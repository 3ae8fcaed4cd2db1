// Butler–Volmer reaction at the diffuse metal/electrolyte interface. MODELS §2 (2.2)–(2.5).
#pragma once

#include <math.h>

#include "core/index.hpp"

namespace afsim {

struct ReactionParams {
  Real f = 0;         // nF/(RT), 1/V
  Real alpha = 0.5;   // transfer coefficient
  Real c_ref = 1000;  // c0, mol/m^3
  Real l_eta = 0;     // reaction mobility L_eta, 1/s
  Real c_site = 0;    // c_s = 1/V_m, mol/m^3
  Real nF = 0;        // n F, C/mol
};

// Interpolation h(xi) = xi^3 (6 xi^2 - 15 xi + 10) and its derivative h'(xi) = 30 xi^2 (1 - xi)^2.
AFSIM_HD inline Real interp_h(Real xi) {
  return xi * xi * xi * (xi * (Real(6) * xi - Real(15)) + Real(10));
}
AFSIM_HD inline Real interp_dh(Real xi) {
  const Real a = xi * (Real(1) - xi);
  return Real(30) * a * a;
}

// (2.3) without SEI: eta = V_e - phi - U, U the equilibrium potential of the surface against flat pure metal
// (the Gibbs–Thomson potential of a curved surface, kernels/phase_field.hpp; an interlayer's alloy potential
// will add here, MODELS §6). eta < 0 plates.
AFSIM_HD inline Real overpotential(Real v_e, Real phi, Real u_eq) {
  return v_e - phi - u_eq;
}

// Exponent arguments are capped so that an extreme trial overpotential never produces Inf.
AFSIM_HD inline Real safe_exp(Real a) {
  return exp(a < Real(200) ? a : Real(200));
}

// (2.2) B(eta, c) = exp((1 - alpha) f eta) - (c / c0) exp(-alpha f eta); B < 0 plates.
AFSIM_HD inline Real bv_drive(Real eta, Real c, const ReactionParams& p) {
  const Real cc = c > Real(0) ? c : Real(0);
  return safe_exp((Real(1) - p.alpha) * p.f * eta) - (cc / p.c_ref) * safe_exp(-p.alpha * p.f * eta);
}

// dB/deta (> 0).
AFSIM_HD inline Real bv_drive_slope(Real eta, Real c, const ReactionParams& p) {
  const Real cc = c > Real(0) ? c : Real(0);
  return p.f * ((Real(1) - p.alpha) * safe_exp((Real(1) - p.alpha) * p.f * eta) +
                p.alpha * (cc / p.c_ref) * safe_exp(-p.alpha * p.f * eta));
}

// The Butler–Volmer rate of (2.4) split into its cathodic and anodic parts at fixed eta (mol m^-3 s^-1):
// R = kc c - ra, with the plating and stripping weights w_p and w and the cell-Damköhler limiter g (0: plain
// Butler–Volmer) in both denominators:
//   kc = w_p e^{-alpha f eta} / (c0 den),  ra = w e^{(1-alpha) f eta} / den,  den = 1 + g w_p e^{-alpha f
//   eta} / c0.
// w = c_s L_eta h'(xi) is the reaction weight of stripping (0 where metal is dead) and w_p that of plating
// (also 0 where the collector's electrons do not reach, docs/model-notes.md "Electronic reach"); with g = 0
// and w_p = w, R is -w B(eta, c) of (2.2); with g > 0 the cathodic rate cannot exceed what the cell's salt
// and its diffusive supply can feed within a step (docs/model-notes.md).
AFSIM_HD inline void reaction_parts(Real eta, Real w, Real w_p, Real g, const ReactionParams& p, Real& kc,
                                    Real& ra) {
  const Real ea = safe_exp((Real(1) - p.alpha) * p.f * eta);
  const Real ec = safe_exp(-p.alpha * p.f * eta);
  const Real den = Real(1) + g * w_p * ec / p.c_ref;
  kc = w_p * ec / (p.c_ref * den);
  ra = w * ea / den;
}

// dR/deta of R = kc c - ra from its parts: with (den - 1)/den = g kc,
//   dkc/deta = -alpha f kc (1 - g kc),  dra/deta = f ra ((1 - alpha) + alpha g kc);  <= 0.
AFSIM_HD inline Real reaction_slope(Real kc, Real ra, Real c, Real g, const ReactionParams& p) {
  const Real gk = g * kc;
  return -p.f * (p.alpha * kc * c * (Real(1) - gk) + ra * ((Real(1) - p.alpha) + p.alpha * gk));
}

// (2.4)–(2.5): metal formation rate and charge source of one cell, with the overpotential (2.3)
// eta = V_e - phi - U (no SEI; U from u_eq): R = kc c - ra (reaction_parts) and q = nF (c_s rate0 + R)
// (A m^-3), rate0 the part of dxi/dt that does not depend on the potential (interface relaxation and noise,
// kernels/phase_field.hpp; 0 for a fixed deposit). R falls monotonically with eta, so dq/dphi =
// -nF dR/deta >= 0 is the positive diagonal of the Newton linearisation of the charge balance.
struct ReactionSource {
  static constexpr int bytes_per_cell = 72;  // reads weight, plating_weight, limiter, rate0, phi, u_eq, c;
                                             // writes q, dq
  ConstView weight, plating_weight, limiter, rate0, phi, u_eq, c;
  View q, dq_dphi;
  Real v_e;
  ReactionParams p;
  AFSIM_HD void operator()(int i, int j, int k) const {
    const Index n = phi.g.idx(i, j, k);
    const Real w = weight[n];
    const Real wp = plating_weight[n];
    const Real fixed = p.nF * p.c_site * rate0[n];
    if (w == Real(0) && wp == Real(0)) {
      q[n] = fixed;
      dq_dphi[n] = 0;
      return;
    }
    Real kc, ra;
    reaction_parts(overpotential(v_e, phi[n], u_eq[n]), w, wp, limiter[n], p, kc, ra);
    const Real cc = c[n] > Real(0) ? c[n] : Real(0);
    const Real dr = reaction_slope(kc, ra, cc, limiter[n], p);
    q[n] = fixed + p.nF * (kc * cc - ra);
    dq_dphi[n] = dr < Real(0) ? -p.nF * dr : Real(0);  // >= 0 analytically; round-off at extreme eta
  }
};

// The charge source of a step whose salt was solved with the reaction implicit in c (kernels/transport.hpp,
// SaltImplicitReaction): q = nF (c_s rate0 + kc c_new - ra) with the same kc, ra as the salt solve, so
// that the metal formed, the salt consumed and the charge counted are the same number (Faraday).
struct ImplicitReactionSource {
  static constexpr int bytes_per_cell = 72;  // reads weight, plating_weight, limiter, rate0, phi, u_eq,
                                             // c_new; writes q
  ConstView weight, plating_weight, limiter, rate0, phi, u_eq, c_new;
  View q;
  Real v_e;
  ReactionParams p;
  AFSIM_HD void operator()(int i, int j, int k) const {
    const Index n = phi.g.idx(i, j, k);
    Real r = 0;
    if (weight[n] != Real(0) || plating_weight[n] != Real(0)) {
      Real kc, ra;
      reaction_parts(overpotential(v_e, phi[n], u_eq[n]), weight[n], plating_weight[n], limiter[n], p, kc,
                     ra);
      r = kc * c_new[n] - ra;
    }
    q[n] = p.nF * (p.c_site * rate0[n] + r);
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

}  // namespace afsim
