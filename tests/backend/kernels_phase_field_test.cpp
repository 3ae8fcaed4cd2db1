// The metal the order parameter holds (kernels/phase_field.hpp, MetalContent: MODELS §2, §5 ledger), on tiny
// grids, on every backend, against values worked out by hand in the comments. (The phase-field kernels'
// physics: tests/backend/capillarity_test.cpp, tests/validation/phase_field_test.cpp.)
#include "kernels_support.hpp"
#include "phase_field.hpp"

namespace afsim {
namespace {

using namespace afsim::test;  // the helpers of kernels_support.hpp

template <class B>
class PhaseFieldKernels : public ::testing::Test {};
TYPED_TEST_SUITE(PhaseFieldKernels, test::Backends);

TYPED_TEST(PhaseFieldKernels, MetalContentSumsSiteDensityTimesXi) {
  using B = TypeParam;
  AFSIM_REQUIRE_BACKEND(B);
  Grid g{2, 2, 1, 1.0};
  // xi = 0, 0.5, 1, 0.25 times c_s = 1024: 0 + 512 + 1024 + 256 = 1792 (the measure that q = nF c_s dxi/dt
  // conserves, MODELS §2 conservation note).
  Field<B> xi = indexed_field<B>(
      g, [](int i, int j, int) { return j == 0 ? (i == 0 ? 0.0 : 0.5) : (i == 0 ? 1.0 : 0.25); });
  EXPECT_NEAR(sum_cells<B>(interior(g), MetalContent{xi.cview(), Real(1024)}), 1792.0, 1e-10);
}
}  // namespace
}  // namespace afsim
