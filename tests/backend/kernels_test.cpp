// Every kernel of kernels/*.hpp on tiny grids, on every backend, against values worked out by hand in the
// comments (MODELS §2 and §3). Scalar helpers are evaluated inside a launched kernel so that the GPU
// instance checks the device code path too.
#include <cmath>
#include <limits>
#include <vector>

#include "backend/algorithms.hpp"
#include "backend/boundary.hpp"
#include "backend/field.hpp"
#include "backends.hpp"
#include "current_distribution_ops.hpp"
#include "deposit.hpp"
#include "potential.hpp"
#include "reaction.hpp"
#include "reduce.hpp"
#include "transport.hpp"

namespace afsim {
namespace {

template <class B>
class Kernels : public ::testing::Test {};
TYPED_TEST_SUITE(Kernels, test::Backends);

// A field whose every stored value (ghosts included) is fn(i, j, k) of its cell indices; ghosts get the
// indices -1 and n, so a formula linear in the indices holds across the boundary too.
template <class B, class Fn>
Field<B> indexed_field(const Grid& g, Fn fn) {
  std::vector<Real> v(size_t(g.storage()), Real(0));
  for (int k = -g.gz(); k < g.nz + g.gz(); ++k)
    for (int j = -Grid::ng; j < g.ny + Grid::ng; ++j)
      for (int i = -Grid::ng; i < g.nx + Grid::ng; ++i) v[size_t(g.idx(i, j, k))] = Real(fn(i, j, k));
  Field<B> f(g);
  f.from_host(v);
  return f;
}

template <class B>
double at(const Field<B>& f, int i, int j, int k = 0) {
  return double(f.to_host()[size_t(f.grid().idx(i, j, k))]);
}

// ---- device evaluation of the scalar helpers ----

struct EvalInterpolation {
  ConstView x;
  View h, dh;
  AFSIM_HD void operator()(int i, int j, int k) const {
    h(i, j, k) = interp_h(x(i, j, k));
    dh(i, j, k) = interp_dh(x(i, j, k));
  }
};

struct EvalDrive {
  ConstView eta, c;
  View b, slope;
  ReactionParams p;
  AFSIM_HD void operator()(int i, int j, int k) const {
    b(i, j, k) = bv_drive(eta(i, j, k), c(i, j, k), p);
    slope(i, j, k) = bv_drive_slope(eta(i, j, k), c(i, j, k), p);
  }
};

struct EvalFraction {
  ConstView xi;
  View psi;
  Real psi_min;
  AFSIM_HD void operator()(int i, int j, int k) const {
    psi(i, j, k) = electrolyte_fraction(xi(i, j, k), psi_min);
  }
};

struct EvalDivergence {
  ConstView sd, c;
  View out;
  Real c_floor;
  AFSIM_HD void operator()(int i, int j, int k) const {
    out(i, j, k) = diffusion_potential_divergence(sd, c, c.g.idx(i, j, k), c_floor);
  }
};

ReactionParams symmetric_params(double f) {
  ReactionParams p;
  p.f = Real(f);
  p.alpha = Real(0.5);
  p.c_ref = Real(1000);
  return p;
}

TYPED_TEST(Kernels, InterpolationAndItsDerivativeMatchThePolynomialAtFourPoints) {
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

TYPED_TEST(Kernels, DriveAtZeroOverpotentialIsOneMinusConcentrationRatio) {
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

TYPED_TEST(Kernels, SymmetricDriveAtReferenceConcentrationIsTwiceSinhOfHalfFEta) {
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

TYPED_TEST(Kernels, DriveSlopeAgreesWithCentralDifferenceOfTheDrive) {
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

TYPED_TEST(Kernels, ReactionSourceFollowsButlerVolmerAndPlatesWhereEtaIsNegative) {
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

TYPED_TEST(Kernels, ReactionLimiterCapsTheCathodicRateAtTheCellsSupply) {
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

TYPED_TEST(Kernels, CellWithoutPlatingWeightStripsButDoesNotPlate) {
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

TYPED_TEST(Kernels, SurfacePotentialLowersTheOverpotentialLikeARaisedElectrolytePotential) {
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

TYPED_TEST(Kernels, ReactionSourceAddsThePotentialIndependentRateAsMetalFormed) {
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

// ---- initial deposit (deposit.hpp) ----

DepositGeometry geometry(double width, double lx) {
  DepositGeometry geo;
  geo.width = Real(width);
  geo.length_x = Real(lx);
  geo.length_z = Real(lx);
  return geo;
}

TYPED_TEST(Kernels, FlatFilmIsHalfAtItsSurfaceAndFollowsTheTanhProfile) {
  using B = TypeParam;
  AFSIM_REQUIRE_BACKEND(B);
  const double h = 1e-6;
  Grid g{3, 8, 1, h};
  DepositGeometry geo = geometry(h, 3 * h);
  geo.film = Real(3.5 * h);  // the centre of row j = 3
  Field<B> xi(g);
  for_each_cell<B>(interior(g), InitDepositOrderParameter{xi.view(), geo});
  // xi = 1/2 (1 - tanh((y - film) / l)), l = h: rows j sit at d = (j - 3) h.
  for (int i = 0; i < 3; ++i) {
    EXPECT_NEAR(at(xi, i, 3), 0.5, 1e-14);
    EXPECT_NEAR(at(xi, i, 5), 0.5 * (1 - std::tanh(2.0)), 1e-14);  // 0.017986
    EXPECT_NEAR(at(xi, i, 0), 0.5 * (1 + std::tanh(3.0)), 1e-14);  // 0.997527
  }
}

TYPED_TEST(Kernels, BumpIsHalfAtItsApexAndMetalBelowIt) {
  using B = TypeParam;
  AFSIM_REQUIRE_BACKEND(B);
  const double h = 1e-6;
  Grid g{5, 6, 1, h};
  DepositGeometry geo = geometry(h, 5 * h);
  geo.count = 1;
  // Hemisphere of radius 2.5 h on the bare collector, axis at the centre of column 2: its apex (x(2), 2.5 h)
  // is the centre of cell (2, 2).
  geo.shapes[0] = DepositShape{DepositShape::Bump, Real(2.5 * h), Real(0), Real(2.5 * h), Real(0)};
  Field<B> xi(g);
  for_each_cell<B>(interior(g), InitDepositOrderParameter{xi.view(), geo});
  EXPECT_NEAR(at(xi, 2, 2), 0.5, 1e-12);
  // Cell (2, 3) is h above the apex: d = h. Cell (2, 0) at y = h/2: d = h/2 - 2.5 h = -2 h.
  EXPECT_NEAR(at(xi, 2, 3), 0.5 * (1 - std::tanh(1.0)), 1e-12);
  EXPECT_NEAR(at(xi, 2, 0), 0.5 * (1 + std::tanh(2.0)), 1e-12);
  // Cell (0, 0): dx = -2 h, dy = h/2, d = sqrt(4 + 1/4) h - 2.5 h.
  EXPECT_NEAR(at(xi, 0, 0), 0.5 * (1 - std::tanh(std::sqrt(4.25) - 2.5)), 1e-12);
}

TYPED_TEST(Kernels, NeedleIsHalfAtItsTipAndAtItsFlank) {
  using B = TypeParam;
  AFSIM_REQUIRE_BACKEND(B);
  const double h = 1e-6;
  Grid g{5, 8, 1, h};
  DepositGeometry geo = geometry(h, 5 * h);
  geo.count = 1;
  // Capsule of half-width h on the axis x(1) = 1.5 h, tip at y = 4.5 h (the centre of row 4).
  geo.shapes[0] = DepositShape{DepositShape::Needle, Real(1.5 * h), Real(0), Real(h), Real(4.5 * h)};
  Field<B> xi(g);
  for_each_cell<B>(interior(g), InitDepositOrderParameter{xi.view(), geo});
  EXPECT_NEAR(at(xi, 1, 4), 0.5, 1e-12);                         // tip: d = 0
  EXPECT_NEAR(at(xi, 1, 5), 0.5 * (1 - std::tanh(1.0)), 1e-12);  // h above the tip
  EXPECT_NEAR(at(xi, 1, 0), 0.5 * (1 + std::tanh(1.0)), 1e-12);  // on the axis: d = -h
  EXPECT_NEAR(at(xi, 2, 2), 0.5, 1e-12);                         // flank: dx = h = radius
  EXPECT_NEAR(at(xi, 3, 2), 0.5 * (1 - std::tanh(1.0)), 1e-12);  // dx = 2 h: d = h
  EXPECT_NEAR(at(xi, 1, 6), 0.5 * (1 - std::tanh(2.0)), 1e-12);  // 2 h above the tip
}

TYPED_TEST(Kernels, BumpNearTheLeftEdgeAppearsInTheRightColumnThroughItsPeriodicImage) {
  using B = TypeParam;
  AFSIM_REQUIRE_BACKEND(B);
  const double h = 0.1e-6;  // 10 columns: L_x = 1 um
  Grid g{10, 4, 1, h};
  DepositGeometry geo = geometry(0.05e-6, 1e-6);
  geo.count = 1;
  geo.shapes[0] = DepositShape{DepositShape::Bump, Real(0.1e-6), Real(0), Real(0.3e-6), Real(0)};
  Field<B> xi(g);
  for_each_cell<B>(interior(g), InitDepositOrderParameter{xi.view(), geo});
  // Column 9 (x = 0.95 um), row 0 (y = 0.05 um): the image at x = 1.1 um is 0.15 um away, so
  // d = sqrt(0.15^2 + 0.05^2) - 0.3 = 0.158114 - 0.3 = -0.141886 um, xi = 1/2 (1 + tanh(2.8377)) = 0.99658.
  const double d = std::sqrt(0.15 * 0.15 + 0.05 * 0.05) - 0.3;
  EXPECT_NEAR(at(xi, 9, 0), 0.5 * (1 - std::tanh(d / 0.05)), 1e-9);
  EXPECT_GT(at(xi, 9, 0), 0.5);

  // Without periodicity the same cell is 0.85 um from the axis: d = sqrt(0.85^2 + 0.05^2) - 0.3 = 0.55147 um.
  geo.periodic = 0;
  for_each_cell<B>(interior(g), InitDepositOrderParameter{xi.view(), geo});
  const double d_far = std::sqrt(0.85 * 0.85 + 0.05 * 0.05) - 0.3;
  EXPECT_NEAR(at(xi, 9, 0), 0.5 * (1 - std::tanh(d_far / 0.05)), 1e-12);
  EXPECT_LT(at(xi, 9, 0), 1e-9);
}

TYPED_TEST(Kernels, BumpIn3DUsesTheDistanceInXAndZ) {
  using B = TypeParam;
  AFSIM_REQUIRE_BACKEND(B);
  const double h = 1e-6;
  Grid g{4, 4, 2, h};
  DepositGeometry geo = geometry(h, 4 * h);
  geo.count = 1;
  // Axis at (x(1), z(0)) = (1.5 h, 0.5 h), radius 2 h, no film.
  geo.shapes[0] = DepositShape{DepositShape::Bump, Real(1.5 * h), Real(0.5 * h), Real(2 * h), Real(0)};
  Field<B> xi(g);
  for_each_cell<B>(interior(g), InitDepositOrderParameter{xi.view(), geo});
  // Cell (2, 0, 1): dx = h, dz = h, dy = h/2 => d = sqrt(2.25) h - 2 h = -0.5 h.
  EXPECT_NEAR(at(xi, 2, 0, 1), 0.5 * (1 + std::tanh(0.5)), 1e-12);
  // Cell (1, 1, 0): on the axis, dy = 1.5 h => d = -0.5 h as well.
  EXPECT_NEAR(at(xi, 1, 1, 0), 0.5 * (1 + std::tanh(0.5)), 1e-12);
}

// ---- charge balance (potential.hpp) ----

TYPED_TEST(Kernels, ElectrolyteFractionIsOneMinusXiFlooredAtPsiMin) {
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

TYPED_TEST(Kernels, ChargeBalanceCoefficientsArePsiTimesKappaAndPsiTimesKappaD) {
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

TYPED_TEST(Kernels, ChargeBalanceCoefficientsOfADiluteElectrolyteFollowTheSaltDownToTheFloor) {
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

TYPED_TEST(Kernels, ChargeBalanceCoefficientsKeepTheResidualOhmicConductivityButNotTheDiffusionPotential) {
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

TYPED_TEST(Kernels, DiffusionPotentialDivergenceVanishesForLinearLnC) {
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

TYPED_TEST(Kernels, DiffusionPotentialDivergenceIsTheDiscreteLaplacianOfQuadraticLnC) {
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

TYPED_TEST(Kernels, DiffusionPotentialDivergenceUsesTheHarmonicMeanOnEachFace) {
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

TYPED_TEST(Kernels, DiffusionPotentialDivergenceIn3DIncludesTheZNeighbours) {
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

TYPED_TEST(Kernels, ChargeBalanceRhsIsMinusDivergenceMinusSourcePlusSlopeTimesPotential) {
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

TYPED_TEST(Kernels, IonicCurrentOfLinearPotentialIsMinusSigmaGradPhiPlusDiffusionTerm) {
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

// ---- salt balance (transport.hpp) ----

TYPED_TEST(Kernels, SaltCoefficientsArePsiTimesDAndPsiOverDt) {
  using B = TypeParam;
  AFSIM_REQUIRE_BACKEND(B);
  Grid g{3, 1, 1, 1.0};
  const double xs[3] = {0.0, 0.6, 1.0};
  Field<B> xi = indexed_field<B>(g, [&](int i, int, int) { return (i >= 0 && i < 3) ? xs[i] : 0.0; });
  Field<B> a(g), b(g);
  ElectrolyteParams p;
  p.diffusivity = Real(3e-10);
  p.psi_min = Real(1e-6);
  for_each_cell<B>(interior(g), SaltCoefficients{xi.cview(), a.view(), b.view(), p, Real(0.5)});
  // psi = 1, 0.4, 1e-6; a = psi * 3e-10; b = psi / 0.5 = 2, 0.8, 2e-6.
  EXPECT_NEAR(at(a, 0, 0), 3e-10, 1e-25);
  EXPECT_NEAR(at(a, 1, 0), 1.2e-10, 1e-25);
  EXPECT_NEAR(at(a, 2, 0), 3e-16, 1e-30);
  EXPECT_NEAR(at(b, 0, 0), 2.0, 1e-15);
  EXPECT_NEAR(at(b, 1, 0), 0.8, 1e-15);
  EXPECT_NEAR(at(b, 2, 0), 2e-6, 1e-20);
}

TYPED_TEST(Kernels, SaltRhsAddsTheCounterElectrodeSourceToTheTopRowOnly) {
  using B = TypeParam;
  AFSIM_REQUIRE_BACKEND(B);
  Grid g{3, 3, 1, 1e-6};
  // psi_old c / dt - sink q = (1 - 0.6) / 0.2 * 1000 - 1e-5 * 4e6 = 2000 - 40 = 1960 in rows 0 and 1; the top
  // row adds 25: 1985.
  Field<B> xi_old(g, Real(0.6)), c(g, Real(1000)), q(g, Real(4e6)), rhs(g);
  for_each_cell<B>(interior(g), SaltRhs{xi_old.cview(), c.cview(), q.cview(), rhs.view(), Real(1 / 0.2),
                                        Real(1e-6), Real(1e-5), Real(25)});
  for (int i = 0; i < 3; ++i) {
    EXPECT_NEAR(at(rhs, i, 0), 1960.0, 1e-10);
    EXPECT_NEAR(at(rhs, i, 1), 1960.0, 1e-10);
    EXPECT_NEAR(at(rhs, i, 2), 1985.0, 1e-10);
  }
}

TYPED_TEST(Kernels, SaltTopFluxGhostExtrapolatesTheGivenGradient) {
  using B = TypeParam;
  AFSIM_REQUIRE_BACKEND(B);
  const double h = 2e-6;
  Grid g{3, 3, 1, h};
  Field<B> c = indexed_field<B>(g, [](int i, int j, int) { return 1000.0 + 10.0 * i + j; });
  // Ghost (i, 3) = c(i, 2) + 5e6 * 2e-6 = 1000 + 10 i + 2 + 10 = 1012 + 10 i; interior untouched.
  for_each_cell<B>(Box{0, g.nx, 0, 1, 0, g.nz}, SaltTopFluxGhost{c.view(), Real(5e6)});
  for (int i = 0; i < 3; ++i) {
    EXPECT_NEAR(at(c, i, 3), 1012.0 + 10.0 * i, 1e-10);
    EXPECT_EQ(at(c, i, 2), 1002.0 + 10.0 * i);
  }
}

TYPED_TEST(Kernels, ReservoirInfluxIsTheTopFaceFluxOverHalfACell) {
  using B = TypeParam;
  AFSIM_REQUIRE_BACKEND(B);
  const double h = 1e-6;
  Grid g{3, 3, 1, h};
  // Top-row columns with xi = 0, 0.5, 1 (psi = 1, 0.5, 1e-6) and c = 900, c_top = 1000, D = 2e-10:
  // flux = psi D (1000 - 900) / (h / 2) = psi * 2e-10 * 100 / 5e-7 = psi * 0.04 mol/(m^2 s);
  // summed over the row: 0.04 (1 + 0.5 + 1e-6) = 0.06000004.
  Field<B> xi = indexed_field<B>(g, [](int i, int, int) { return i <= 0 ? 0.0 : (i == 1 ? 0.5 : 1.0); });
  Field<B> c(g, Real(900));
  ElectrolyteParams p;
  p.diffusivity = Real(2e-10);
  p.psi_min = Real(1e-6);
  const double total = sum_cells<B>(row(g, g.ny - 1), ReservoirInflux{xi.cview(), c.cview(), p, Real(1000)});
  EXPECT_NEAR(total, 0.06000004, 1e-14);
}

// ---- reductions (reduce.hpp) ----

TYPED_TEST(Kernels, SaltContentSumsPsiTimesC) {
  using B = TypeParam;
  AFSIM_REQUIRE_BACKEND(B);
  Grid g{2, 2, 1, 1.0};
  // Cells (xi, c): (0, 1000), (0.5, 800), (1, 1000), (0.25, 400):
  // 1 * 1000 + 0.5 * 800 + 1e-6 * 1000 + 0.75 * 400 = 1000 + 400 + 0.001 + 300 = 1700.001.
  Field<B> xi = indexed_field<B>(
      g, [](int i, int j, int) { return j == 0 ? (i == 0 ? 0.0 : 0.5) : (i == 0 ? 1.0 : 0.25); });
  Field<B> c = indexed_field<B>(
      g, [](int i, int j, int) { return j == 0 ? (i == 0 ? 1000.0 : 800.0) : (i == 0 ? 1000.0 : 400.0); });
  EXPECT_NEAR(sum_cells<B>(interior(g), SaltContent{xi.cview(), c.cview(), Real(1e-6)}), 1700.001, 1e-9);
}

TYPED_TEST(Kernels, MetalContentSumsSiteDensityTimesXi) {
  using B = TypeParam;
  AFSIM_REQUIRE_BACKEND(B);
  Grid g{2, 2, 1, 1.0};
  // xi = 0, 0.5, 1, 0.25 times c_s = 1024: 0 + 512 + 1024 + 256 = 1792 (the measure that q = nF c_s dxi/dt
  // conserves, MODELS §2 conservation note).
  Field<B> xi = indexed_field<B>(
      g, [](int i, int j, int) { return j == 0 ? (i == 0 ? 0.0 : 0.5) : (i == 0 ? 1.0 : 0.25); });
  EXPECT_NEAR(sum_cells<B>(interior(g), MetalContent{xi.cview(), Real(1024)}), 1792.0, 1e-10);
}

TYPED_TEST(Kernels, SurfaceConcentrationIgnoresCellsOutsideTheInterface) {
  using B = TypeParam;
  AFSIM_REQUIRE_BACKEND(B);
  Grid g{3, 3, 1, 1.0};
  // Interface cells (xi in [0.25, 0.75]): (0, 1) with c = 700 and (1, 1) with c = 650. The metal cell (0, 0)
  // holds the smallest c (10) and the electrolyte cell (2, 2) 20: both must be ignored: the minimum is 650.
  Field<B> xi = indexed_field<B>(
      g, [](int i, int j, int) { return j == 0 ? 1.0 : (j == 1 ? (i < 2 ? 0.5 : 0.8) : 0.0); });
  Field<B> c = indexed_field<B>(g, [](int i, int j, int) {
    if (i == 0 && j == 0) return 10.0;
    if (i == 2 && j == 2) return 20.0;
    if (i == 0 && j == 1) return 700.0;
    if (i == 1 && j == 1) return 650.0;
    return 1000.0;
  });
  EXPECT_DOUBLE_EQ(
      min_cells<B>(interior(g), SurfaceConcentration{xi.cview(), c.cview(), Real(0.25), Real(0.75)}), 650.0);
  // No interface at all: every cell reports the sentinel 1e300.
  Field<B> flat(g, Real(1));
  EXPECT_GE(min_cells<B>(interior(g), SurfaceConcentration{flat.cview(), c.cview(), Real(0.25), Real(0.75)}),
            1e299);
}

TYPED_TEST(Kernels, NonFiniteCountsNaNAndInfinityButNotLargeFiniteValues) {
  using B = TypeParam;
  AFSIM_REQUIRE_BACKEND(B);
  Grid g{3, 3, 1, 1.0};
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double inf = std::numeric_limits<double>::infinity();
  Field<B> v = indexed_field<B>(g, [&](int i, int j, int) {
    if (i == 0 && j == 0) return nan;
    if (i == 1 && j == 2) return -inf;
    if (i == 2 && j == 1) return 1e308;
    return 1.0;
  });
  EXPECT_EQ(sum_cells<B>(interior(g), NonFinite{v.cview()}), 2.0);
  Field<B> ok(g, Real(-3));
  EXPECT_EQ(sum_cells<B>(interior(g), NonFinite{ok.cview()}), 0.0);
}

// Newton step limiting of the charge balance (MODELS §3 (3.2), cd_detail::LimitChange): changes within the
// limit pass unchanged, larger ones in either direction stop at the limit.
TYPED_TEST(Kernels, NewtonLimitClampsOnlyChangesBeyondTheLimit) {
  using B = TypeParam;
  AFSIM_REQUIRE_BACKEND(B);
  Grid g{3, 1, 1, 1.0};
  const double next[3] = {0.1, 0.5, -0.7};
  Field<B> phi0(g, Real(-0.2));
  Field<B> p = indexed_field<B>(g, [&](int i, int, int) { return (i >= 0 && i < 3) ? -0.2 + next[i] : 0.0; });
  for_each_cell<B>(interior(g), cd_detail::LimitChange{p.view(), phi0.cview(), Real(0.25)});
  EXPECT_NEAR(at(p, 0, 0), -0.1, 1e-15);
  EXPECT_NEAR(at(p, 1, 0), 0.05, 1e-15);
  EXPECT_NEAR(at(p, 2, 0), -0.45, 1e-15);
}

}  // namespace
}  // namespace afsim
