// The reductions of kernels/reduce.hpp (MODELS §5 ledger) and the Newton limiter of
// kernels/current_distribution_ops.hpp, on tiny grids, on every backend, against values worked out by hand in
// the comments.
#include "kernels_support.hpp"

namespace afsim {
namespace {

using namespace afsim::test;  // the helpers of kernels_support.hpp

template <class B>
class ReductionKernels : public ::testing::Test {};
TYPED_TEST_SUITE(ReductionKernels, test::Backends);

// ---- reductions (reduce.hpp) ----

TYPED_TEST(ReductionKernels, SaltContentSumsPsiTimesC) {
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

TYPED_TEST(ReductionKernels, MetalContentSumsSiteDensityTimesXi) {
  using B = TypeParam;
  AFSIM_REQUIRE_BACKEND(B);
  Grid g{2, 2, 1, 1.0};
  // xi = 0, 0.5, 1, 0.25 times c_s = 1024: 0 + 512 + 1024 + 256 = 1792 (the measure that q = nF c_s dxi/dt
  // conserves, MODELS §2 conservation note).
  Field<B> xi = indexed_field<B>(
      g, [](int i, int j, int) { return j == 0 ? (i == 0 ? 0.0 : 0.5) : (i == 0 ? 1.0 : 0.25); });
  EXPECT_NEAR(sum_cells<B>(interior(g), MetalContent{xi.cview(), Real(1024)}), 1792.0, 1e-10);
}

TYPED_TEST(ReductionKernels, SurfaceConcentrationIgnoresCellsOutsideTheInterface) {
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

TYPED_TEST(ReductionKernels, NonFiniteCountsNaNAndInfinityButNotLargeFiniteValues) {
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
TYPED_TEST(ReductionKernels, NewtonLimitClampsOnlyChangesBeyondTheLimit) {
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
