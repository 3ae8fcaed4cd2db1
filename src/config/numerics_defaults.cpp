#include "config/numerics_defaults.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>

#include "core/constants.hpp"

namespace afsim::config {

namespace {

// Every protocol step is resolved by at least this many steps.
constexpr double kStepsPerProtocolStep = 100;

std::string number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3g", v);
  return buf;
}

const char* kind_word(StepKind k) {
  return k == StepKind::Charge ? "charge" : k == StepKind::Rest ? "rest" : "discharge";
}

}  // namespace

double planar_sand_time(const Config& cfg, double i) {
  const auto& e = cfg.cell.electrolyte;
  const double nF = cfg.cell.metal.charge_number * constants::faraday;
  const double a = e.concentration * nF / (i * (1 - e.transference));
  return constants::pi * e.diffusivity * a * a / 4.0;
}

DerivedTimeStep default_time_step(const Config& cfg) {
  const double nF = cfg.cell.metal.charge_number * constants::faraday;
  const double f = nF / (constants::gas * cfg.cell.temperature);
  const ElectrolyteProps& el = cfg.cell.electrolyte;
  const double ell = cfg.physics.phase_field.interface_width;
  const bool moving = cfg.physics.phase_field.evolve;
  DerivedTimeStep best{std::numeric_limits<double>::infinity(), ""};
  const auto bound = [&](double dt, const std::string& why) {
    if (dt > 0 && std::isfinite(dt) && dt < best.dt) best = DerivedTimeStep{dt, why};
  };
  for (std::size_t n = 0; n < cfg.protocol.steps.size(); ++n) {
    const ProtocolStep& s = cfg.protocol.steps[n];
    const std::string step = "protocol step " + std::to_string(n + 1) + " (" + kind_word(s.kind) + ")";
    double current = 0;  // A/m^2, magnitude
    if (s.control == Control::Galvanostatic) current = s.current;
    if (s.control == Control::Potentiostatic) {
      // At most the kinetic current at V_e, the ohmic current of V_e across the domain, and on a charge the
      // limiting current of the salt across it (a transference below 1).
      const double height = cfg.domain.cells[1] * cfg.domain.spacing;
      const double v = std::abs(s.potential);
      current = 2.0 * el.exchange_current * std::sinh(el.transfer_coefficient * f * v);
      if (height > 0) {
        current = std::min(current, el.conductivity * v / height);
        if (s.kind == StepKind::Charge && el.transference < 1)
          current =
              std::min(current, nF * el.diffusivity * el.concentration / ((1 - el.transference) * height));
      }
    }
    double duration = std::numeric_limits<double>::infinity();
    if (s.until_time) duration = *s.until_time;
    if (s.until_capacity && current > 0) duration = std::min(duration, *s.until_capacity / current);
    if (!std::isfinite(duration) && current > 0) duration = cfg.cell.cathode.loading / current;
    bound(duration / kStepsPerProtocolStep,
          step + ": its duration " + number(duration) + " s / " + number(kStepsPerProtocolStep));
    if (moving && current > 0 && cfg.cell.metal.molar_volume > 0)
      bound(ell * nF / (current * cfg.cell.metal.molar_volume),
            step + ": the front advances one interface width " + number(ell) + " m");
    if (s.kind == StepKind::Charge && s.control == Control::Galvanostatic && current > 0 &&
        el.transference < 1)
      bound(planar_sand_time(cfg, current) / kStepsPerProtocolStep,
            step + ": Sand's time / " + number(kStepsPerProtocolStep));
  }
  return best;
}

}  // namespace afsim::config
