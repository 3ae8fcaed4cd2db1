// The charge-balance kernels of kernels/potential.hpp (MODELS §3 (3.2)), on tiny grids, on every backend,
// against values worked out by hand in the comments.
#include "kernels_support.hpp"

namespace afsim {
namespace {

using namespace afsim::test;  // the helpers of kernels_support.hpp

template <class B>
class PotentialKernels : public ::testing::Test {};
TYPED_TEST_SUITE(PotentialKernels, test::Backends);

// ---- charge balance (potential.hpp) ----

TYPED_TEST(PotentialKernels, ElectrolyteFractionIsOneMinusXiFlooredAtPsiMin) {
  using B = TypeParam;
  AFSIM_REQUIRE_BACKEND(B);
  Grid g{4, 1, 1, 1.0};
  const double xs[4] = {0.0, 0.3, 1.0, 1.2};
  Field<B> xi = indexed_field<B>(g, [&](int i, int, int) { return (i >= 0 && i < 4) ? xs[i] : 0.0; });
  Field<B> psi(g);
  for_each_cell<B>(interior(g), EvalFraction{xi.cview(), psi.view(), Real(1e-6)});
  EXPECT_DOUBLE_EQ(at(psi, 0, 0), 1.0);
  EXPECT_DOUBLE_EQ(at(psi, 1, 0), 0.7);
  EXPECT_DOUBLE_EQ(at(psi, 2, 0), 1e-6);  // metal: the floor
  EXPECT_DOUBLE_EQ(at(psi, 3, 0), 1e-6);  // overshoot xi > 1 is floored too
}

TYPED_TEST(PotentialKernels, ChargeBalanceCoefficientsArePsiTimesKappaAndPsiTimesKappaD) {
  using B = TypeParam;
  AFSIM_REQUIRE_BACKEND(B);
  Grid g{3, 1, 1, 1.0};
  const double xs[3] = {0.0, 0.25, 1.0};
  Field<B> xi = indexed_field<B>(g, [&](int i, int, int) { return (i >= 0 && i < 3) ? xs[i] : 0.0; });
  Field<B> sigma(g), sigma_d(g), c(g, Real(1000));
  ElectrolyteParams p;
  p.kappa = Real(1.2);
  p.kappa_d = Real(0.05);
  p.psi_min = Real(1e-6);
  for_each_cell<B>(interior(g),
                   ChargeBalanceCoefficients{xi.cview(), c.cview(), sigma.view(), sigma_d.view(), p});
  // psi = 1, 0.75, 1e-6: sigma = 1.2, 0.9, 1.2e-6; sigma_D = sigma * 0.05 = 0.06, 0.045, 6e-8.
  EXPECT_NEAR(at(sigma, 0, 0), 1.2, 1e-15);
  EXPECT_NEAR(at(sigma, 1, 0), 0.9, 1e-15);
  EXPECT_NEAR(at(sigma, 2, 0), 1.2e-6, 1e-20);
  EXPECT_NEAR(at(sigma_d, 0, 0), 0.06, 1e-16);
  EXPECT_NEAR(at(sigma_d, 1, 0), 0.045, 1e-16);
  EXPECT_NEAR(at(sigma_d, 2, 0), 6e-8, 1e-22);
}

TYPED_TEST(PotentialKernels, ChargeBalanceCoefficientsOfADiluteElectrolyteFollowTheSaltDownToTheFloor) {
  using B = TypeParam;
  AFSIM_REQUIRE_BACKEND(B);
  Grid g{3, 1, 1, 1.0};
  const double cs[3] = {1000.0, 250.0, 0.0};
  Field<B> c = indexed_field<B>(g, [&](int i, int, int) { return (i >= 0 && i < 3) ? cs[i] : 0.0; });
  Field<B> xi(g, Real(0)), sigma(g), sigma_d(g);
  ElectrolyteParams p;
  p.kappa = Real(1.2);
  p.kappa_d = Real(0.05);
  p.conductivity.form = ConductivityForm::Dilute;
  p.conductivity.inv_shape_ref = Real(1);  // c0 = 1 mol/L
  p.conductivity.floor = Real(1e-6);
  for_each_cell<B>(interior(g),
                   ChargeBalanceCoefficients{xi.cview(), c.cview(), sigma.view(), sigma_d.view(), p});
  // kappa proportional to c: 1.2 at c0, 0.3 at c0/4, and the floor 1.2e-6 with no salt at all.
  EXPECT_NEAR(at(sigma, 0, 0), 1.2, 1e-15);
  EXPECT_NEAR(at(sigma, 1, 0), 0.3, 1e-15);
  EXPECT_NEAR(at(sigma, 2, 0), 1.2e-6, 1e-20);
  EXPECT_NEAR(at(sigma_d, 1, 0), 0.015, 1e-16);
}

TYPED_TEST(PotentialKernels,
           ChargeBalanceCoefficientsKeepTheResidualOhmicConductivityButNotTheDiffusionPotential) {
  using B = TypeParam;
  AFSIM_REQUIRE_BACKEND(B);
  Grid g{2, 1, 1, 1.0};
  const double cs[2] = {10.0, 500.0};
  Field<B> c = indexed_field<B>(g, [&](int i, int, int) { return (i >= 0 && i < 2) ? cs[i] : 0.0; });
  Field<B> xi(g, Real(0.5)), sigma(g), sigma_d(g);
  ElectrolyteParams p;
  p.kappa = Real(1.0);
  p.kappa_d = Real(0.1);
  p.conductivity.form = ConductivityForm::Dilute;
  p.conductivity.ohmic_floor = Real(0.05);
  for_each_cell<B>(interior(g),
                   ChargeBalanceCoefficients{xi.cview(), c.cview(), sigma.view(), sigma_d.view(), p});
  // psi = 1/2. c = 10 mmol/L: kappa_e(c)/kappa_e(c0) = 0.01 < 0.05, so sigma = 0.5 * 0.05 while
  // sigma_D = 0.5 * 0.01 * 0.1; c = 0.5 mol/L is above the floor: 0.25 and 0.025.
  EXPECT_NEAR(at(sigma, 0, 0), 0.025, 1e-15);
  EXPECT_NEAR(at(sigma_d, 0, 0), 5e-4, 1e-16);
  EXPECT_NEAR(at(sigma, 1, 0), 0.25, 1e-15);
  EXPECT_NEAR(at(sigma_d, 1, 0), 0.025, 1e-16);
}

TYPED_TEST(PotentialKernels, DiffusionPotentialDivergenceVanishesForLinearLnC) {
  using B = TypeParam;
  AFSIM_REQUIRE_BACKEND(B);
  // c = c0 exp(a x) (ghosts included): ln c is linear, its discrete Laplacian with constant sigma_D is 0.
  const double h = 1e-6, a = 2e4;  // a h = 0.02 per cell
  Grid g{3, 3, 1, h};
  Field<B> c = indexed_field<B>(g, [&](int i, int, int) { return 1000.0 * std::exp(a * (i + 0.5) * h); });
  Field<B> sd(g, Real(0.05));
  Field<B> out(g);
  for_each_cell<B>(interior(g), EvalDivergence{sd.cview(), c.cview(), out.view(), Real(1e-6)});
  // Each x pair contributes 0.05 (+a h) + 0.05 (-a h) = 0; one term alone is 0.05 * 0.02 / h^2 = 1e9, so
  // round-off in ln c (~1e-15) leaves at most ~1e-4.
  for (int j = 0; j < 3; ++j)
    for (int i = 0; i < 3; ++i) EXPECT_NEAR(at(out, i, j), 0.0, 1e-2) << i << "," << j;
}

TYPED_TEST(PotentialKernels, DiffusionPotentialDivergenceIsTheDiscreteLaplacianOfQuadraticLnC) {
  using B = TypeParam;
  AFSIM_REQUIRE_BACKEND(B);
  // ln c = ln c0 + b (i - 1)^2: at the centre (1, 1) the x neighbours differ by +b each, the y neighbours by
  // 0, so div(sigma_D grad ln c) = S (b + b) / h^2 = 2 S b / h^2 = 2 * 0.05 * 0.1 / 1e-12 = 1e10.
  const double h = 1e-6, b = 0.1, s = 0.05;
  Grid g{3, 3, 1, h};
  Field<B> c = indexed_field<B>(g, [&](int i, int, int) { return 1000.0 * std::exp(b * (i - 1) * (i - 1)); });
  Field<B> sd(g, Real(s));
  Field<B> out(g);
  for_each_cell<B>(interior(g), EvalDivergence{sd.cview(), c.cview(), out.view(), Real(1e-6)});
  EXPECT_NEAR(at(out, 1, 1), 1e10, 1e-9 * 1e10);
}

TYPED_TEST(PotentialKernels, DiffusionPotentialDivergenceUsesTheHarmonicMeanOnEachFace) {
  using B = TypeParam;
  AFSIM_REQUIRE_BACKEND(B);
  // Only the right neighbour (2, 1) differs: ln c there is ln c0 + b and sigma_D there is 3 S. The face
  // coefficient is 2 S 3S / (S + 3S) = 1.5 S, so the divergence at (1, 1) is 1.5 S b / h^2
  // = 1.5 * 0.05 * 0.1 / 1e-12 = 7.5e9.
  const double h = 1e-6, b = 0.1, s = 0.05;
  Grid g{3, 3, 1, h};
  auto right = [](int i, int j) { return i == 2 && j == 1; };
  Field<B> c =
      indexed_field<B>(g, [&](int i, int j, int) { return right(i, j) ? 1000.0 * std::exp(b) : 1000.0; });
  Field<B> sd = indexed_field<B>(g, [&](int i, int j, int) { return right(i, j) ? 3 * s : s; });
  Field<B> out(g);
  for_each_cell<B>(interior(g), EvalDivergence{sd.cview(), c.cview(), out.view(), Real(1e-6)});
  EXPECT_NEAR(at(out, 1, 1), 7.5e9, 1e-9 * 7.5e9);
}

TYPED_TEST(PotentialKernels, DiffusionPotentialDivergenceIn3DIncludesTheZNeighbours) {
  using B = TypeParam;
  AFSIM_REQUIRE_BACKEND(B);
  // 4 x 4 x 2 grid: only cell (1, 1, 1) has ln c = ln c0 + b; at (1, 1, 0) it is the upper z neighbour,
  // so the divergence there is S b / h^2 = 0.05 * 0.1 / 1e-12 = 5e9.
  const double h = 1e-6, b = 0.1, s = 0.05;
  Grid g{4, 4, 2, h};
  Field<B> c = indexed_field<B>(
      g, [&](int i, int j, int k) { return (i == 1 && j == 1 && k == 1) ? 1000.0 * std::exp(b) : 1000.0; });
  Field<B> sd(g, Real(s));
  Field<B> out(g);
  for_each_cell<B>(interior(g), EvalDivergence{sd.cview(), c.cview(), out.view(), Real(1e-6)});
  EXPECT_NEAR(at(out, 1, 1, 0), 5e9, 1e-9 * 5e9);
  EXPECT_EQ(at(out, 2, 2, 0), 0.0);  // no neighbour differs: exact zero
}

TYPED_TEST(PotentialKernels, ChargeBalanceRhsIsMinusDivergenceMinusSourcePlusSlopeTimesPotential) {
  using B = TypeParam;
  AFSIM_REQUIRE_BACKEND(B);
  // Same c as the quadratic case: div = 1e10 at (1, 1) and, with q = 3e9, q' = 2e9, phi = 0.5,
  // rhs = -1e10 - 3e9 + 2e9 * 0.5 = -1.2e10.
  const double h = 1e-6, b = 0.1;
  Grid g{3, 3, 1, h};
  Field<B> c = indexed_field<B>(g, [&](int i, int, int) { return 1000.0 * std::exp(b * (i - 1) * (i - 1)); });
  Field<B> sd(g, Real(0.05)), q(g, Real(3e9)), dq(g, Real(2e9)), phi(g, Real(0.5)), rhs(g);
  for_each_cell<B>(interior(g), ChargeBalanceRhs{sd.cview(), c.cview(), q.cview(), dq.cview(), phi.cview(),
                                                 rhs.view(), Real(1e-6)});
  EXPECT_NEAR(at(rhs, 1, 1), -1.2e10, 1e-9 * 1.2e10);
  // At (1, 0) the x neighbours (0, 0), (2, 0) also differ by b each (ln c depends on i only) and the y
  // neighbours (1, -1), (1, 1) by 0: the same 1e10, so the same rhs.
  EXPECT_NEAR(at(rhs, 1, 0), -1.2e10, 1e-9 * 1.2e10);
}

TYPED_TEST(PotentialKernels, IonicCurrentOfLinearPotentialIsMinusSigmaGradPhiPlusDiffusionTerm) {
  using B = TypeParam;
  AFSIM_REQUIRE_BACKEND(B);
  // phi = Ex x + Ey y and ln c = ln c0 + a y on a 3 x 3 grid (ghosts included): central differences are
  // exact. i_x = -sigma Ex = -2 * 100 = -200; i_y = -sigma Ey + sigma_D a = -2 * (-50) + 0.1 * 1e4 = 100 +
  // 1000 = 1100.
  const double h = 1e-6, ex = 100.0, ey = -50.0, a = 1e4;
  Grid g{3, 3, 1, h};
  Field<B> phi =
      indexed_field<B>(g, [&](int i, int j, int) { return ex * (i + 0.5) * h + ey * (j + 0.5) * h; });
  Field<B> c = indexed_field<B>(g, [&](int, int j, int) { return 1000.0 * std::exp(a * (j + 0.5) * h); });
  Field<B> sigma(g, Real(2)), sd(g, Real(0.1)), ix(g), iy(g), iz(g, Real(7));
  for_each_cell<B>(interior(g), IonicCurrentDensity{sigma.cview(), sd.cview(), phi.cview(), c.cview(),
                                                    ix.view(), iy.view(), iz.view(), Real(1e-6)});
  for (int j = 0; j < 3; ++j)
    for (int i = 0; i < 3; ++i) {
      EXPECT_NEAR(at(ix, i, j), -200.0, 1e-6);
      EXPECT_NEAR(at(iy, i, j), 1100.0, 1e-6);
      EXPECT_EQ(at(iz, i, j), 0.0);  // 2-D: no z component
    }
}

}  // namespace
}  // namespace afsim
