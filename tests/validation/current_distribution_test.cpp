// Current distribution above a fixed deposit (MODELS §3) against analytic primary/secondary results.
#include <cmath>
#include <cstdio>

#include <gtest/gtest.h>

#include "config/deck.hpp"
#include "core/constants.hpp"
#include "simulation/engine.hpp"
#include "simulation/engine_setup.hpp"
#include "temp_dir.hpp"

namespace afsim {
namespace {

// Thin wrapper: the deck of the 1-D Sand case, re-sized for each test.
config::Config load(const std::vector<std::string>& overrides) {
  return config::load_deck(test::data_path("validation/decks/sand_1d.yaml"), overrides);
}

// Column-integrated current density (A/m^2 of collector) per x column from the reaction-rate field.
std::vector<double> column_currents(Engine& e, const Grid& g, double nF) {
  const auto fields = e.host_fields({"reaction_rate"});
  std::vector<double> col(g.nx, 0.0);
  for (int j = 0; j < g.ny; ++j)
    for (int i = 0; i < g.nx; ++i) col[i] += fields[0].values[static_cast<size_t>(j) * g.nx + i] * nF * g.h;
  return col;
}

TEST(CurrentDistribution, FlatFilm_ElectrodePotentialIsOhmicDropPlusButlerVolmerOverpotential) {
  const config::Config cfg = load({});
  const EngineSetup s = make_engine_setup(cfg);
  auto engine = make_cpu_engine(s);
  const double i = 100.0;  // A/m^2, plating
  const PotentialResult r = engine->solve_potential(Drive{Drive::Mode::Galvanostatic, i, 0});
  ASSERT_TRUE(r.converged);
  EXPECT_NEAR(r.current, i, 1e-9 * i);
  // Independent value: the uniform electrolyte between the film surface (y = film) and the reference at
  // y = L_y carries i, so phi(surface) = -i (L_y - film) / kappa; the Butler–Volmer overpotential with
  // alpha = 1/2 at c = c0 is eta = -(2 / f) asinh(i / (2 i0)).
  const auto& e = cfg.cell.electrolyte;
  const double ly = cfg.domain.cells[1] * cfg.domain.spacing;
  const double f = constants::faraday / (constants::gas * cfg.cell.temperature);
  const double expected = -i * (ly - cfg.physics.initial.film) / e.conductivity -
                          (2.0 / f) * std::asinh(i / (2.0 * e.exchange_current));
  std::printf("flat film: V_e %.6f V, ohmic + Butler-Volmer %.6f V\n", r.v_e, expected);
  // Tolerance 0.1 %: the diffuse interface (l = 4 um) shifts the effective surface by O(l i / kappa) = 0.3
  // mV.
  EXPECT_NEAR(r.v_e, expected, 1e-3 * std::abs(expected));
}

// Small-amplitude sinusoidal electrode y = y0 + a cos(kx) under a uniform far field: to first order in ak
// the local current is i (1 + m cos kx) with m = a k / (1 + k kappa R_ct), R_ct = RT/(F i0 ) for
// linearised symmetric kinetics (secondary distribution); m -> a k when R_ct -> 0 (primary).
double modulation(double i0_override, double* expected) {
  config::Config cfg =
      load({"domain.cells=[64, 128]", "domain.spacing=10 um", "physics.phase_field.interface_width=20 um"});
  cfg.cell.electrolyte.exchange_current = i0_override;
  EngineSetup s = make_engine_setup(cfg);
  const Grid& g = s.grid;
  const double y0 = 200e-6, a = 20e-6, l = 20e-6;
  const double k = 2 * constants::pi / (g.nx * g.h);
  s.metal_fraction.resize(static_cast<size_t>(g.cells()));
  for (int j = 0; j < g.ny; ++j)
    for (int i = 0; i < g.nx; ++i)
      s.metal_fraction[static_cast<size_t>(j) * g.nx + i] =
          0.5 * (1 - std::tanh((g.y(j) - y0 - a * std::cos(k * g.x(i))) / l));
  auto engine = make_cpu_engine(s);
  const PotentialResult r = engine->solve_potential(Drive{Drive::Mode::Galvanostatic, 1.0, 0});
  EXPECT_TRUE(r.converged);
  const auto col = column_currents(*engine, g, s.model.reaction.nF);
  double mean = 0, c1 = 0;
  for (int i = 0; i < g.nx; ++i) {
    mean += col[i] / g.nx;
    c1 += 2.0 * col[i] * std::cos(k * g.x(i)) / g.nx;
  }
  const double f = constants::faraday / (constants::gas * cfg.cell.temperature);
  const double r_ct = 1.0 / (f * i0_override);
  *expected = a * k / (1 + k * cfg.cell.electrolyte.conductivity * r_ct);
  return c1 / mean;
}

TEST(CurrentDistribution, SinusoidalSurface_SecondaryCurrentModulationMatchesFirstOrderTheory) {
  double expected = 0;
  const double m = modulation(71.0, &expected);
  std::printf("secondary modulation: simulated %.5f, first-order theory %.5f\n", m, expected);
  // Second-order terms are O((ak)^2 / (1 + k kappa R_ct)) ~ 1 % of m here.
  EXPECT_NEAR(m, expected, 0.02 * expected);
}

TEST(CurrentDistribution, SinusoidalSurface_PrimaryCurrentModulationApproachesAK) {
  double expected = 0;
  const double m = modulation(1e5, &expected);
  std::printf("primary modulation: simulated %.5f, first-order theory %.5f\n", m, expected);
  // ak = 0.196: the neglected second-order terms are O((ak)^2) ~ 4 % of m.
  EXPECT_NEAR(m, expected, 0.04 * expected);
}

}  // namespace
}  // namespace afsim
