// The initial deposit of kernels/deposit.hpp (MODELS §2 profile), on tiny grids, on every backend, against
// values worked out by hand in the comments.
#include "kernels_support.hpp"

namespace afsim {
namespace {

using namespace afsim::test;  // the helpers of kernels_support.hpp

template <class B>
class DepositKernels : public ::testing::Test {};
TYPED_TEST_SUITE(DepositKernels, test::Backends);

// ---- initial deposit (deposit.hpp) ----

DepositGeometry geometry(double width, double lx) {
  DepositGeometry geo;
  geo.width = Real(width);
  geo.length_x = Real(lx);
  geo.length_z = Real(lx);
  return geo;
}

TYPED_TEST(DepositKernels, FlatFilmIsHalfAtItsSurfaceAndFollowsTheTanhProfile) {
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

TYPED_TEST(DepositKernels, BumpIsHalfAtItsApexAndMetalBelowIt) {
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

TYPED_TEST(DepositKernels, NeedleIsHalfAtItsTipAndAtItsFlank) {
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

TYPED_TEST(DepositKernels, BumpNearTheLeftEdgeAppearsInTheRightColumnThroughItsPeriodicImage) {
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

TYPED_TEST(DepositKernels, BumpIn3DUsesTheDistanceInXAndZ) {
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

}  // namespace
}  // namespace afsim
