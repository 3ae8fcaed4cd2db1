// Parameters of the kernels derived once from the deck (SI): MODELS §2 and §3.
#pragma once

#include "config/config.hpp"
#include "potential.hpp"
#include "reaction.hpp"

namespace afsim {

struct ModelParameters {
  ReactionParams reaction;
  ElectrolyteParams electrolyte;
  double interface_width = 0;     // l (m)
  double kappa_gradient = 0;      // kappa of the free energy, J/m  (kappa = 3 gamma l)
  double barrier = 0;             // W, J/m^3                      (W = 6 gamma / l)
  double interface_mobility = 0;  // L_sigma, m^3/(J s)
  double exchange_current = 0;    // i0 at c0 (A/m^2) that the diffuse interface reproduces
  double c_ref = 0;               // c0
  double temperature = 0;
};

// The diffuse interface integrates h'(xi) across a flat equilibrium profile to 2.5 l (MODELS §2 profile),
// so a sharp-interface exchange current density i0 corresponds to L_eta = i0 / (nF c_s 2.5 l).
constexpr double kInterfaceReactionIntegral = 2.5;

// Default ratio L_sigma W / L_eta of the profile relaxation rate to the reaction mobility (model-notes).
constexpr double kRelaxationToReaction = 5.0;

// Smallest kappa_e(c) / kappa_e(c0) (kernels/potential.hpp): an emptied cell conducts like psi_min metal.
constexpr double kConductivityFloor = 1e-6;

// kappa_e(c) of an electrolyte at a temperature (K), from its material entry (MODELS §3).
ConductivityModel conductivity_model(const config::ElectrolyteProps& el, double temperature);

ModelParameters derive_model_parameters(const config::Config& cfg);

}  // namespace afsim
