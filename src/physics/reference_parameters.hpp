// A fixed, deck-free parameter set for benchmarks and backend tests: Li in 1 M LiPF6 EC/DMC at 298 K
// (PARAMETERS.md §2, §4: D = 2.91e-10 m^2/s, kappa = 1.18 S/m, t+ = 0.33, TDF 2.2, i0 = 71 A/m^2,
// V_m = 1.3e-5 m^3/mol, gamma = 0.5 J/m^2), with the interface width l (default 2 cells) and the default
// interface mobility L_sigma W = 5 L_eta (docs/model-notes.md). Files compiled by nvcc use it where they
// cannot read a deck.
#pragma once

#include "phase_field.hpp"
#include "physics/model_parameters.hpp"

namespace afsim {

inline ModelParameters lp30_on_li_reference(double h, double width = 0) {
  ModelParameters mp;
  mp.c_ref = 1000;
  mp.interface_width = width > 0 ? width : 2 * h;
  mp.reaction.f = 38.92;  // F/(RT) at 298.15 K
  mp.reaction.alpha = 0.5;
  mp.reaction.c_ref = 1000;
  mp.reaction.nF = 96485.33212;
  mp.reaction.c_site = 1.0 / 1.3e-5;
  mp.exchange_current = 71.0;
  mp.reaction.l_eta = mp.exchange_current /
                      (mp.reaction.nF * mp.reaction.c_site * kInterfaceReactionIntegral * mp.interface_width);
  mp.kappa_gradient = 3 * 0.5 * mp.interface_width;  // kappa = 3 gamma l (MODELS §2)
  mp.barrier = 6 * 0.5 / mp.interface_width;         // W = 6 gamma / l
  mp.interface_mobility = kRelaxationToReaction * mp.reaction.l_eta / mp.barrier;
  mp.temperature = 298.15;
  mp.electrolyte.kappa = 1.18;
  mp.electrolyte.kappa_d = 2 * 0.025693 * (1 - 0.33) * 2.2;  // (2RT/F)(1 - t+) TDF
  mp.electrolyte.diffusivity = 2.91e-10;
  mp.electrolyte.t_plus = 0.33;
  mp.electrolyte.psi_min = 1e-6;
  mp.electrolyte.c_floor = 1e-6;
  return mp;
}

// The phase-field parameters of a moving interface for these model parameters: isotropic, no noise
// (tests and benchmarks set anisotropy and noise themselves).
inline PhaseFieldParams reference_phase_field(const ModelParameters& mp) {
  PhaseFieldParams p;
  p.l_sigma = Real(mp.interface_mobility);
  p.kappa = Real(mp.kappa_gradient);
  p.barrier = Real(mp.barrier);
  return p;
}

}  // namespace afsim
