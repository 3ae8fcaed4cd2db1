// The generic reductions of kernels/reduce.hpp and the Newton limiter of
// kernels/current_distribution_ops.hpp, on tiny grids, on every backend, against values worked out by hand in
// the comments.
#include "kernels_support.hpp"

namespace afsim {
namespace {

using namespace afsim::test;  // the helpers of kernels_support.hpp

template <class B>
class ReductionKernels : public ::testing::Test {};
TYPED_TEST_SUITE(ReductionKernels, test::Backends);

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
