// The salt-balance kernels and the salt observables of kernels/transport.hpp (MODELS §3 (3.1), §5 ledger), on
// tiny grids, on every backend, against values worked out by hand in the comments.
#include "kernels_support.hpp"

namespace afsim {
namespace {

using namespace afsim::test;  // the helpers of kernels_support.hpp

template <class B>
class TransportKernels : public ::testing::Test {};
TYPED_TEST_SUITE(TransportKernels, test::Backends);

// ---- salt balance (transport.hpp) ----

TYPED_TEST(TransportKernels, SaltCoefficientsArePsiTimesDAndPsiOverDt) {
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

TYPED_TEST(TransportKernels, SaltRhsAddsTheCounterElectrodeSourceToTheTopRowOnly) {
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

TYPED_TEST(TransportKernels, SaltTopFluxGhostExtrapolatesTheGivenGradient) {
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

TYPED_TEST(TransportKernels, ReservoirInfluxIsTheTopFaceFluxOverHalfACell) {
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

TYPED_TEST(TransportKernels, SaltContentSumsPsiTimesC) {
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

TYPED_TEST(TransportKernels, SurfaceConcentrationIgnoresCellsOutsideTheInterface) {
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

}  // namespace
}  // namespace afsim
