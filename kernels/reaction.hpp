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

// (2.4)–(2.5): metal formation rate R = -c_s L_eta h'(xi) B and charge source q = nF R (A/m^3) with the
// overpotential (2.3) eta = V_e - phi (no SEI, pure metal substrate here). Also stores dq/dphi (>= 0)
// for the Newton linearisation of the charge balance. Cells of disconnected metal would get L_eta = 0.
struct ReactionSource {
  static constexpr int bytes_per_cell = 40;  // reads xi, phi, c; writes q, dq
  ConstView xi, phi, c;
  View q, dq_dphi;
  Real v_e;
  ReactionParams p;
  AFSIM_HD void operator()(int i, int j, int k) const {
    const Index n = xi.g.idx(i, j, k);
    const Real w = p.nF * p.c_site * p.l_eta * interp_dh(xi[n]);
    const Real eta = v_e - phi[n];
    q[n] = -w * bv_drive(eta, c[n], p);
    dq_dphi[n] = w * bv_drive_slope(eta, c[n], p);
  }
};

}  // namespace afsim
