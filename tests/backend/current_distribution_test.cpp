// Module invariants of CurrentDistribution<B> (MODELS §1 control modes, §2 (2.2)–(2.6), §3 (3.1)–(3.2)) on
// every backend: small grids, hand-built parameters (no YAML: this file is compiled by nvcc).
#include "physics/current_distribution.hpp"

#include <cmath>
#include <vector>

#include "backends.hpp"
#include "deposit.hpp"

namespace afsim {
namespace {

template <class B>
class CurrentDistributionModule : public ::testing::Test {};
TYPED_TEST_SUITE(CurrentDistributionModule, test::Backends);

constexpr double kH = 0.5e-6;  // cell size (m)
constexpr int kNx = 8, kNy = 32;
constexpr double kC0 = 1000.0;

// 1 M LiPF6 in EC/DMC at 298 K, i0 = 71 A/m^2 (the set of src/bench/bench_impl.hpp bench_model).
ModelParameters model() {
  ModelParameters mp;
  mp.c_ref = kC0;
  mp.interface_width = 2 * kH;
  mp.temperature = 298.15;
  mp.reaction.f = 38.92;
  mp.reaction.alpha = 0.5;
  mp.reaction.c_ref = kC0;
  mp.reaction.nF = 96485.33212;
  mp.reaction.c_site = 1.0 / 1.3e-5;
  mp.reaction.l_eta =
      71.0 / (mp.reaction.nF * mp.reaction.c_site * kInterfaceReactionIntegral * mp.interface_width);
  mp.exchange_current = 71.0;
  mp.electrolyte.kappa = 1.18;
  mp.electrolyte.kappa_d = 2 * 0.025693 * 0.67;
  mp.electrolyte.diffusivity = 2.91e-10;
  mp.electrolyte.t_plus = 0.33;
  mp.electrolyte.psi_min = 1e-6;
  mp.electrolyte.c_floor = 1e-6;
  return mp;
}

// 8 x 32 cells of 0.5 um (4 um x 16 um): a 3 um film with a bump of radius 1.5 um on it, so that the
// current distribution is not trivially uniform.
// The module reads the order parameter of the phase-field module; here it is a plain field.
template <class B>
struct Module {
  std::unique_ptr<Field<B>> xi, xi_old;
  std::unique_ptr<CurrentDistribution<B>> cd;
};

template <class B>
Module<B> make_module(config::TopBoundary top) {
  const Grid g{kNx, kNy, 1, kH};
  const ModelParameters mp = model();
  Module<B> m;
  m.xi = std::make_unique<Field<B>>(g);
  m.xi_old = std::make_unique<Field<B>>(g);
  m.cd = std::make_unique<CurrentDistribution<B>>(g, mp, config::Lateral::Periodic, top, SolverOptions{}, 30,
                                                  1e-9, *m.xi, *m.xi_old);
  CurrentDistribution<B>& cd = *m.cd;
  DepositGeometry geo;
  geo.film = Real(3e-6);
  geo.width = Real(mp.interface_width);
  geo.length_x = Real(kNx * kH);
  geo.length_z = Real(kH);
  geo.count = 1;
  geo.shapes[0] = DepositShape{DepositShape::Bump, Real(2e-6), Real(0), Real(1.5e-6), Real(0)};
  for_each_cell<B>(interior(g), InitDepositOrderParameter{cd.order_parameter().view(), geo});
  cd.update_geometry();
  return m;
}

Drive galvanostatic(double i) {
  return Drive{Drive::Mode::Galvanostatic, i, 0.0};
}

TYPED_TEST(CurrentDistributionModule, GalvanostaticSolveDeliversTheSetCurrent) {
  using B = TypeParam;
  AFSIM_REQUIRE_BACKEND(B);
  auto m = make_module<B>(config::TopBoundary::Reservoir);
  auto& cd = *m.cd;
  const double i = 10.0;  // A/m^2 (1 mA/cm^2)
  const PotentialResult r = cd.solve_potential(galvanostatic(i));
  ASSERT_TRUE(r.converged);
  EXPECT_NEAR(r.current, i, 1e-9 * i);  // MODELS §1: tolerance 1e-9 relative
  EXPECT_EQ(r.v_e, cd.electrode_potential());
}

TYPED_TEST(CurrentDistributionModule, PotentiostaticSolveKeepsTheSetElectrodePotential) {
  using B = TypeParam;
  AFSIM_REQUIRE_BACKEND(B);
  auto m = make_module<B>(config::TopBoundary::Reservoir);
  auto& cd = *m.cd;
  const PotentialResult r = cd.solve_potential(Drive{Drive::Mode::Potentiostatic, 0.0, -0.02});
  ASSERT_TRUE(r.converged);
  EXPECT_EQ(r.v_e, -0.02);
  EXPECT_EQ(cd.electrode_potential(), -0.02);
  EXPECT_GT(r.current, 0.0);  // V_e below the electrolyte: eta < 0 plates
}

TYPED_TEST(CurrentDistributionModule, ZeroCurrentFindsTheOpenCircuitPotentialAtReferenceConcentration) {
  using B = TypeParam;
  AFSIM_REQUIRE_BACKEND(B);
  auto m = make_module<B>(config::TopBoundary::Reservoir);
  auto& cd = *m.cd;
  // Start away from equilibrium; at c = c0 and i = 0 the electrolyte carries no current, phi = 0, and
  // B(eta, c0) = 0 only at eta = V_e = 0.
  cd.set_electrode_potential(-0.05);
  const PotentialResult r = cd.solve_potential(galvanostatic(0.0));
  ASSERT_TRUE(r.converged);
  EXPECT_NEAR(r.v_e, 0.0, 1e-9);
  EXPECT_NEAR(r.current, 0.0, 1e-9);
}

TYPED_TEST(CurrentDistributionModule, PlatingDrivesTheElectrodeNegativeAndStrippingPositive) {
  using B = TypeParam;
  AFSIM_REQUIRE_BACKEND(B);
  auto m = make_module<B>(config::TopBoundary::Reservoir);
  auto& cd = *m.cd;
  const PotentialResult plate = cd.solve_potential(galvanostatic(10.0));
  ASSERT_TRUE(plate.converged);
  EXPECT_LT(plate.v_e, 0.0);
  const PotentialResult strip = cd.solve_potential(galvanostatic(-10.0));
  ASSERT_TRUE(strip.converged);
  EXPECT_GT(strip.v_e, 0.0);
  // Linear kinetics + ohmic drop at the same |i| and c = c0: the two potentials are nearly symmetric.
  // Hand estimate of the size: ohmic i L / kappa = 10 * 13e-6 / 1.18 = 0.11 mV, kinetic (2/f) asinh(10/142)
  // = 3.6 mV for a flat film; together ~3.7 mV, a little less with the bump's extra interface area, so both
  // lie well inside 1 .. 10 mV.
  EXPECT_GT(-plate.v_e, 1e-3);
  EXPECT_LT(-plate.v_e, 1e-2);
  EXPECT_GT(strip.v_e, 1e-3);
  EXPECT_LT(strip.v_e, 1e-2);
}

TYPED_TEST(CurrentDistributionModule, SaltStepWithCounterElectrodeConservesSaltInTheClosedCell) {
  using B = TypeParam;
  AFSIM_REQUIRE_BACKEND(B);
  auto m = make_module<B>(config::TopBoundary::CounterElectrode);
  auto& cd = *m.cd;
  // MODELS §3: the plating sink (1 - t+) q / (nF) summed over the cells equals the (1 - t+) i / (nF) that
  // enters through the top face, so sum(psi c) V is constant up to the linear solver's residual (1e-8).
  const double before = cd.salt_content();
  // before = sum psi c0 h^3 / (nx h^2) ~ c0 (L_y - deposit) ~ 1000 * 13e-6 = 0.013 mol/m^2
  EXPECT_GT(before, 0.010);
  EXPECT_LT(before, 0.016);
  for (int step = 0; step < 3; ++step) {
    const PotentialResult r = cd.solve_potential(galvanostatic(50.0));
    ASSERT_TRUE(r.converged);
    const SolveStats s = cd.advance_salt(1.0);
    ASSERT_TRUE(s.converged);
  }
  EXPECT_NEAR(cd.salt_content(), before, 1e-8 * before);
  // ... while the salt was redistributed: depleted at the deposit (the minimum moved below c0).
  EXPECT_LT(cd.concentration_min(), kC0 - 1.0);
  EXPECT_EQ(cd.last_bulk_exchange(), 0.0);
}

TYPED_TEST(CurrentDistributionModule, ReservoirTopAtZeroCurrentKeepsTheReferenceConcentration) {
  using B = TypeParam;
  AFSIM_REQUIRE_BACKEND(B);
  auto m = make_module<B>(config::TopBoundary::Reservoir);
  auto& cd = *m.cd;
  for (int step = 0; step < 3; ++step) {
    cd.solve_potential(galvanostatic(0.0));
    cd.advance_salt(1.0);
  }
  const std::vector<double> c = cd.concentration().interior_to_host();
  double worst = 0;
  for (double v : c) worst = std::max(worst, std::abs(v - kC0));
  EXPECT_LE(worst, 1e-9 * kC0);
  EXPECT_NEAR(cd.last_bulk_exchange(), 0.0, 1e-15);
  EXPECT_TRUE(cd.fields_finite());
}

}  // namespace
}  // namespace afsim
