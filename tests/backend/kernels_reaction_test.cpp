// The interpolation and Butler–Volmer kernels of kernels/phase_field.hpp and kernels/reaction.hpp (MODELS §2
// (2.2)–(2.5)), on tiny grids, on every backend, against values worked out by hand in the comments.
#include "kernels_support.hpp"

namespace afsim {
namespace {

using namespace afsim::test;  // the helpers of kernels_support.hpp

template <class B>
class ReactionKernels : public ::testing::Test {};
TYPED_TEST_SUITE(ReactionKernels, test::Backends);

TYPED_TEST(ReactionKernels, InterpolationAndItsDerivativeMatchThePolynomialAtFourPoints) {
  using B = TypeParam;
  AFSIM_REQUIRE_BACKEND(B);
  Grid g{4, 1, 1, 1.0};
  const double xs[4] = {0.0, 0.5, 1.0, 0.25};
  Field<B> x = indexed_field<B>(g, [&](int i, int, int) { return (i >= 0 && i < 4) ? xs[i] : 0.0; });
  Field<B> h(g), dh(g);
  for_each_cell<B>(interior(g), EvalInterpolation{x.cview(), h.view(), dh.view()});
  // h(xi) = 6 xi^5 - 15 xi^4 + 10 xi^3: h(0) = 0, h(1) = 6 - 15 + 10 = 1,
  // h(1/2) = 6/32 - 15/16 + 10/8 = (6 - 30 + 40)/32 = 1/2,
  // h(1/4) = 6/1024 - 15/256 + 10/64 = (6 - 60 + 160)/1024 = 106/1024.
  EXPECT_NEAR(at(h, 0, 0), 0.0, 1e-15);
  EXPECT_NEAR(at(h, 1, 0), 0.5, 1e-15);
  EXPECT_NEAR(at(h, 2, 0), 1.0, 1e-15);
  EXPECT_NEAR(at(h, 3, 0), 106.0 / 1024.0, 1e-15);
  // h'(xi) = 30 xi^2 (1 - xi)^2: 0 at both ends, 30/16 at 1/2, 30 (3/16)^2 = 270/256 at 1/4.
  EXPECT_NEAR(at(dh, 0, 0), 0.0, 1e-15);
  EXPECT_NEAR(at(dh, 1, 0), 30.0 / 16.0, 1e-14);
  EXPECT_NEAR(at(dh, 2, 0), 0.0, 1e-15);
  EXPECT_NEAR(at(dh, 3, 0), 270.0 / 256.0, 1e-14);
}

TYPED_TEST(ReactionKernels, DriveAtZeroOverpotentialIsOneMinusConcentrationRatio) {
  using B = TypeParam;
  AFSIM_REQUIRE_BACKEND(B);
  Grid g{3, 1, 1, 1.0};
  const double cs[3] = {1000.0, 250.0, 0.0};
  Field<B> eta(g, Real(0));
  Field<B> c = indexed_field<B>(g, [&](int i, int, int) { return (i >= 0 && i < 3) ? cs[i] : 1.0; });
  Field<B> b(g), slope(g);
  const ReactionParams p = symmetric_params(40.0);
  for_each_cell<B>(interior(g), EvalDrive{eta.cview(), c.cview(), b.view(), slope.view(), p});
  // (2.2) at eta = 0: B = 1 - c / c0 = 0, 0.75, 1; dB/deta = f ((1 - a) + a c / c0) = 40, 25, 20.
  EXPECT_NEAR(at(b, 0, 0), 0.0, 1e-15);
  EXPECT_NEAR(at(b, 1, 0), 0.75, 1e-15);
  EXPECT_NEAR(at(b, 2, 0), 1.0, 1e-15);
  EXPECT_NEAR(at(slope, 0, 0), 40.0, 1e-13);
  EXPECT_NEAR(at(slope, 1, 0), 25.0, 1e-13);
  EXPECT_NEAR(at(slope, 2, 0), 20.0, 1e-13);
}

TYPED_TEST(ReactionKernels, SymmetricDriveAtReferenceConcentrationIsTwiceSinhOfHalfFEta) {
  using B = TypeParam;
  AFSIM_REQUIRE_BACKEND(B);
  Grid g{3, 1, 1, 1.0};
  const double etas[3] = {-0.05, 0.01, 0.1};
  Field<B> eta = indexed_field<B>(g, [&](int i, int, int) { return (i >= 0 && i < 3) ? etas[i] : 0.0; });
  Field<B> c(g, Real(1000));
  Field<B> b(g), slope(g);
  const double f = 38.92;
  for_each_cell<B>(interior(g),
                   EvalDrive{eta.cview(), c.cview(), b.view(), slope.view(), symmetric_params(f)});
  // alpha = 1/2, c = c0: B = exp(f eta / 2) - exp(-f eta / 2) = 2 sinh(f eta / 2) (< 0 for eta < 0: plating),
  // dB/deta = f cosh(f eta / 2).
  for (int i = 0; i < 3; ++i) {
    const double expect_b = 2.0 * std::sinh(0.5 * f * etas[i]);
    EXPECT_NEAR(at(b, i, 0), expect_b, 1e-13 * (1 + std::abs(expect_b))) << "eta = " << etas[i];
    EXPECT_NEAR(at(slope, i, 0), f * std::cosh(0.5 * f * etas[i]), 1e-12 * f) << "eta = " << etas[i];
  }
  EXPECT_LT(at(b, 0, 0), 0.0);
}

TYPED_TEST(ReactionKernels, DriveSlopeAgreesWithCentralDifferenceOfTheDrive) {
  using B = TypeParam;
  AFSIM_REQUIRE_BACKEND(B);
  // Cells 0..2: eta0 - d, eta0, eta0 + d at an asymmetric alpha and a depleted c; the slope in the middle
  // must equal (B(eta0 + d) - B(eta0 - d)) / (2 d) to O(d^2) (d = 1e-5 V, f d = 4e-4: error ~ 1e-7 relative).
  Grid g{3, 1, 1, 1.0};
  const double eta0 = -0.03, d = 1e-5;
  Field<B> eta = indexed_field<B>(g, [&](int i, int, int) { return eta0 + (i - 1) * d; });
  Field<B> c(g, Real(400));
  Field<B> b(g), slope(g);
  ReactionParams p = symmetric_params(40.0);
  p.alpha = Real(0.3);
  for_each_cell<B>(interior(g), EvalDrive{eta.cview(), c.cview(), b.view(), slope.view(), p});
  const double fd = (at(b, 2, 0) - at(b, 0, 0)) / (2 * d);
  EXPECT_NEAR(at(slope, 1, 0), fd, 1e-6 * std::abs(fd));
  EXPECT_GT(at(slope, 1, 0), 0.0);
}

TYPED_TEST(ReactionKernels, ReactionSourceFollowsButlerVolmerAndPlatesWhereEtaIsNegative) {
  using B = TypeParam;
  AFSIM_REQUIRE_BACKEND(B);
  Grid g{3, 3, 1, 1e-6};
  // Interface cell (1, 1): xi = 1/2, phi = -0.01 V, c = 500; V_e = -0.05 V => eta = -0.04 V (plating).
  // Cell (2, 1): xi = 1/2, phi = -0.1 V => eta = +0.05 V (stripping). Cell (0, 1): bulk metal, xi = 1.
  Field<B> xi =
      indexed_field<B>(g, [](int i, int j, int) { return (j == 1 && i >= 1) ? 0.5 : (i == 0 ? 1.0 : 0.0); });
  Field<B> phi = indexed_field<B>(g, [](int i, int j, int) { return (i == 2 && j == 1) ? -0.1 : -0.01; });
  Field<B> c = indexed_field<B>(g, [](int i, int j, int) { return (i == 1 && j == 1) ? 500.0 : 1000.0; });
  Field<B> q(g), dq(g);
  ReactionParams p = symmetric_params(40.0);
  p.nF = Real(96485.33212);
  p.c_site = Real(1.0 / 1.3e-5);
  p.l_eta = Real(1e-3);
  const double v_e = -0.05;
  // The weight of (2.4), c_s L_eta h'(xi); no limiter and no potential-independent rate.
  Field<B> weight = indexed_field<B>(g, [&](int i, int j, int) {
    const double x = (j == 1 && i >= 1) ? 0.5 : (i == 0 ? 1.0 : 0.0);
    return double(p.c_site) * 1e-3 * 30.0 * x * x * (1 - x) * (1 - x);
  });
  Field<B> zero(g);
  for_each_cell<B>(interior(g),
                   ReactionSource{weight.cview(), weight.cview(), zero.cview(), zero.cview(), phi.cview(),
                                  zero.cview(), c.cview(), q.view(), dq.view(), Real(v_e), p});
  // w = nF c_s L_eta h'(1/2) = 96485.33212 / 1.3e-5 * 1e-3 * 1.875.
  const double w = 96485.33212 / 1.3e-5 * 1e-3 * 1.875;
  // eta = -0.04, f eta / 2 = -0.8: B = e^-0.8 - 0.5 e^0.8 = 0.449329 - 1.112770 = -0.663441 < 0, q = -w B >
  // 0.
  const double b_plate = std::exp(-0.8) - 0.5 * std::exp(0.8);
  EXPECT_NEAR(at(q, 1, 1), -w * b_plate, 1e-12 * w);
  EXPECT_GT(at(q, 1, 1), 0.0);
  // q = -w B(V_e - phi), so dq/dphi = w B'(eta) = w f (0.5 e^-0.8 + 0.5 * (c/c0 = 0.5) e^0.8).
  EXPECT_NEAR(at(dq, 1, 1), w * 40.0 * (0.5 * std::exp(-0.8) + 0.25 * std::exp(0.8)), 1e-12 * w * 40);
  // eta = +0.05 at c = c0: B = 2 sinh(1) > 0, q = -2 w sinh(1) < 0 (stripping).
  EXPECT_NEAR(at(q, 2, 1), -2.0 * w * std::sinh(1.0), 1e-12 * w);
  // h'(0) = h'(1) = 0: no reaction in bulk metal or bulk electrolyte.
  EXPECT_EQ(at(q, 0, 1), 0.0);
  EXPECT_EQ(at(q, 1, 0), 0.0);
  EXPECT_EQ(at(dq, 0, 1), 0.0);
}

TYPED_TEST(ReactionKernels, ReactionLimiterCapsTheCathodicRateAtTheCellsSupply) {
  using B = TypeParam;
  AFSIM_REQUIRE_BACKEND(B);
  Grid g{2, 1, 1, 1e-6};
  // One cell with weight w = 100 mol/(m^3 s), c = c0 = 1000, alpha = 1/2, f = 40, eta = -0.2 V (f eta = -8):
  // e^{-alpha f eta} = e^4, e^{(1-alpha) f eta} = e^-4; limiter g = 1e-3 s: g w e^4 / c0 = 1e-4 e^4 =
  // 0.0054598. R = w (e^4 - e^-4) / (1 + 1e-4 e^4). Cell 1 has g = 0: R = w (e^4 - e^-4), the plain -w B.
  Field<B> weight(g, Real(100)), c(g, Real(1000)), phi(g, Real(0.2)), zero(g), q(g), dq(g);
  Field<B> limiter = indexed_field<B>(g, [](int i, int, int) { return i == 0 ? 1e-3 : 0.0; });
  ReactionParams p = symmetric_params(40.0);
  p.nF = Real(1.0);  // q = R in mol units
  for_each_cell<B>(interior(g),
                   ReactionSource{weight.cview(), weight.cview(), limiter.cview(), zero.cview(), phi.cview(),
                                  zero.cview(), c.cview(), q.view(), dq.view(), Real(0), p});
  const double plain = 100.0 * (std::exp(4.0) - std::exp(-4.0));
  EXPECT_NEAR(at(q, 1, 0), plain, 1e-10 * plain);
  EXPECT_NEAR(at(q, 0, 0), plain / (1.0 + 1e-4 * std::exp(4.0)), 1e-10 * plain);
  // The slope stays positive (dq/dphi = -dR/deta) and matches a central difference.
  const double d = 1e-6;
  Field<B> up(g, Real(0.2 + d)), down(g, Real(0.2 - d)), qu(g), qd(g);
  for_each_cell<B>(interior(g),
                   ReactionSource{weight.cview(), weight.cview(), limiter.cview(), zero.cview(), up.cview(),
                                  zero.cview(), c.cview(), qu.view(), dq.view(), Real(0), p});
  for_each_cell<B>(interior(g),
                   ReactionSource{weight.cview(), weight.cview(), limiter.cview(), zero.cview(), down.cview(),
                                  zero.cview(), c.cview(), qd.view(), dq.view(), Real(0), p});
  for_each_cell<B>(interior(g),
                   ReactionSource{weight.cview(), weight.cview(), limiter.cview(), zero.cview(), phi.cview(),
                                  zero.cview(), c.cview(), q.view(), dq.view(), Real(0), p});
  for (int i = 0; i < 2; ++i) {
    const double fd = (at(qu, i, 0) - at(qd, i, 0)) / (2 * d);
    EXPECT_GT(at(dq, i, 0), 0.0);
    EXPECT_NEAR(at(dq, i, 0), fd, 1e-6 * fd);
  }
}

TYPED_TEST(ReactionKernels, CellWithoutPlatingWeightStripsButDoesNotPlate) {
  using B = TypeParam;
  AFSIM_REQUIRE_BACKEND(B);
  Grid g{2, 1, 1, 1e-6};
  // Both cells have the stripping weight w = 100 mol/(m^3 s), c = c0, alpha = 1/2, f = 40, eta = -0.2 V
  // (f eta = -8). Cell 1 may plate: R = w (e^4 - e^-4). Cell 0 lies where the collector's electrons do not
  // reach (plating weight 0): only its anodic part is left, R = -w e^-4, and dq/dphi = (1 - alpha) f w e^-4.
  Field<B> weight(g, Real(100)), c(g, Real(1000)), phi(g, Real(0.2)), zero(g), q(g), dq(g);
  Field<B> plating = indexed_field<B>(g, [](int i, int, int) { return i == 0 ? 0.0 : 100.0; });
  ReactionParams p = symmetric_params(40.0);
  p.nF = Real(1.0);  // q = R in mol units
  for_each_cell<B>(interior(g),
                   ReactionSource{weight.cview(), plating.cview(), zero.cview(), zero.cview(), phi.cview(),
                                  zero.cview(), c.cview(), q.view(), dq.view(), Real(0), p});
  EXPECT_NEAR(at(q, 1, 0), 100.0 * (std::exp(4.0) - std::exp(-4.0)), 1e-10 * 100.0 * std::exp(4.0));
  EXPECT_NEAR(at(q, 0, 0), -100.0 * std::exp(-4.0), 1e-10 * 100.0);
  EXPECT_NEAR(at(dq, 0, 0), 0.5 * 40.0 * 100.0 * std::exp(-4.0), 1e-10 * 100.0);
}

TYPED_TEST(ReactionKernels, SurfacePotentialLowersTheOverpotentialLikeARaisedElectrolytePotential) {
  using B = TypeParam;
  AFSIM_REQUIRE_BACKEND(B);
  // (2.3) eta = V_e - phi - U: a surface potential U = -3 mV on phi = 0 must give the source of phi = -3 mV
  // with U = 0 (a convex tip, U < 0, plates less at the same V_e: -B is smaller).
  Grid g{1, 1, 1, 1e-6};
  Field<B> weight(g, Real(100)), zero(g), c(g, Real(1000)), q_u(g), q_phi(g), dq(g);
  Field<B> u(g, Real(-3e-3)), phi(g, Real(-3e-3));
  ReactionParams p = symmetric_params(40.0);
  p.nF = Real(1.0);
  for_each_cell<B>(interior(g),
                   ReactionSource{weight.cview(), weight.cview(), zero.cview(), zero.cview(), zero.cview(),
                                  u.cview(), c.cview(), q_u.view(), dq.view(), Real(-0.05), p});
  for_each_cell<B>(interior(g),
                   ReactionSource{weight.cview(), weight.cview(), zero.cview(), zero.cview(), phi.cview(),
                                  zero.cview(), c.cview(), q_phi.view(), dq.view(), Real(-0.05), p});
  // eta = -0.05 + 0.003 = -0.047 V: R = 100 (e^{0.94} - e^{-0.94}) = 200 sinh(0.94).
  EXPECT_NEAR(at(q_u, 0, 0), 200 * std::sinh(0.94), 1e-10 * 200 * std::sinh(0.94));
  EXPECT_NEAR(at(q_u, 0, 0), at(q_phi, 0, 0), 1e-12 * at(q_phi, 0, 0));
}

TYPED_TEST(ReactionKernels, ReactionSourceAddsThePotentialIndependentRateAsMetalFormed) {
  using B = TypeParam;
  AFSIM_REQUIRE_BACKEND(B);
  Grid g{1, 1, 1, 1e-6};
  // No reaction weight: q = nF c_s rate0 = 2 * 3 * 0.5 = 3 A/m^3, dq/dphi = 0.
  Field<B> zero(g), rate0(g, Real(0.5)), phi(g), c(g, Real(1000)), q(g), dq(g, Real(7));
  ReactionParams p = symmetric_params(40.0);
  p.nF = Real(2);
  p.c_site = Real(3);
  for_each_cell<B>(interior(g),
                   ReactionSource{zero.cview(), zero.cview(), zero.cview(), rate0.cview(), phi.cview(),
                                  zero.cview(), c.cview(), q.view(), dq.view(), Real(0), p});
  EXPECT_DOUBLE_EQ(at(q, 0, 0), 3.0);
  EXPECT_EQ(at(dq, 0, 0), 0.0);
}

}  // namespace
}  // namespace afsim
