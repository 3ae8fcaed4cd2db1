#include "physics/model_parameters.hpp"

#include <cmath>
#include <stdexcept>
#include <string>

#include "core/constants.hpp"

namespace afsim {

ConductivityModel conductivity_model(const config::ElectrolyteProps& el, double temperature) {
  ConductivityModel m;
  m.floor = Real(kConductivityFloor);
  // A solid electrolyte is a single-ion conductor at fixed carrier concentration (MODELS §8).
  if (el.kind == "solid" || el.conductivity_form == "constant") return m;
  if (el.conductivity_form == "landesfeind2019") {
    if (el.conductivity_coefficients.size() != 6)
      throw std::invalid_argument("electrolyte " + el.name + ": landesfeind2019 needs six coefficients");
    const std::vector<double>& p = el.conductivity_coefficients;
    const double e = std::exp(1000.0 / temperature);
    m.form = ConductivityForm::Landesfeind;
    m.b1 = Real(p[2]);
    m.b2 = Real(p[3] * (1.0 + p[4] * e));
    m.b4 = Real(p[5] * e);
  } else {
    m.form = ConductivityForm::Dilute;
  }
  m.c_unit = Real(1000.0);  // the fits take mol/L
  const double shape = conductivity_shape(Real(el.concentration), m);
  if (!(shape > 0))
    throw std::invalid_argument("electrolyte " + el.name + ": the conductivity fit is not positive at c0 = " +
                                std::to_string(el.concentration) + " mol/m3");
  m.inv_shape_ref = Real(1.0 / shape);
  return m;
}

ModelParameters derive_model_parameters(const config::Config& cfg) {
  using namespace constants;
  const auto& metal = cfg.cell.metal;
  const auto& el = cfg.cell.electrolyte;
  const double temperature = cfg.cell.temperature;
  const double n = metal.charge_number > 0 ? metal.charge_number : 1;

  ModelParameters mp;
  mp.temperature = temperature;
  mp.c_ref = el.concentration;
  mp.interface_width = cfg.physics.phase_field.interface_width;

  // MODELS §2: gamma = sqrt(kappa W / 18) and l = sqrt(2 kappa / W)  =>  kappa = 3 gamma l, W = 6 gamma / l.
  const double gamma = metal.surface_energy;
  mp.kappa_gradient = 3.0 * gamma * mp.interface_width;
  mp.barrier = mp.interface_width > 0 ? 6.0 * gamma / mp.interface_width : 0.0;

  ReactionParams& r = mp.reaction;
  r.f = n * faraday / (gas * temperature);
  r.alpha = el.transfer_coefficient;
  r.c_ref = el.concentration;
  r.c_site = metal.molar_volume > 0 ? 1.0 / metal.molar_volume : 0.0;
  r.nF = n * faraday;
  const double interface_integral = kInterfaceReactionIntegral * mp.interface_width;
  if (cfg.physics.phase_field.reaction_mobility) {
    r.l_eta = *cfg.physics.phase_field.reaction_mobility;
  } else {
    r.l_eta = el.exchange_current / (r.nF * r.c_site * interface_integral);
  }
  mp.exchange_current = r.nF * r.c_site * r.l_eta * interface_integral;
  // L_sigma: unless the deck sets it, the diffuse profile relaxes kRelaxationToReaction times faster than
  // the reaction mobility, L_sigma W = 5 L_eta (docs/model-notes.md, "Interface mobility"): fast enough to
  // keep the profile while the interface moves at currents up to ~ i0, slow enough that the capillary
  // motion L_sigma kappa K of features a few l wide does not swamp their growth at 1 mA/cm2 (with
  // MODELS §10's 2.5e-6 m3/(J s) it would, by 10^3).
  mp.interface_mobility = cfg.physics.phase_field.interface_mobility.value_or(
      mp.barrier > 0 ? kRelaxationToReaction * r.l_eta / mp.barrier : 0.0);

  ElectrolyteParams& e = mp.electrolyte;
  e.kappa = el.conductivity;
  // MODELS §3: kappa_D = (2RT/F)(1 - t+) * thermodynamic factor * kappa_e.
  e.kappa_d = 2.0 * gas * temperature / faraday * (1.0 - el.transference) * el.thermodynamic_factor;
  e.diffusivity = el.diffusivity;
  e.t_plus = el.transference;
  e.psi_min = cfg.numerics.psi_min;
  e.c_floor = 1e-9 * el.concentration;
  e.conductivity = conductivity_model(el, temperature);
  e.conductivity.ohmic_floor = Real(cfg.numerics.ohmic_floor);
  return mp;
}

}  // namespace afsim
