// Launch and reduction helpers on every backend, against hand-computed sums.
#include "backend/algorithms.hpp"

#include "backend/boundary.hpp"
#include "backend/field.hpp"
#include "backends.hpp"

namespace afsim {
namespace {

template <class B>
class Algorithms : public ::testing::Test {};
TYPED_TEST_SUITE(Algorithms, test::Backends);

struct SetToIndexSum {
  View v;
  AFSIM_HD void operator()(int i, int j, int k) const { v(i, j, k) = Real(i + 10 * j + 100 * k); }
};
struct Read {
  ConstView v;
  AFSIM_HD Real operator()(int i, int j, int k) const { return v(i, j, k); }
};
struct AddOne {
  View v;
  AFSIM_HD void operator()(int i, int j, int k) const { v(i, j, k) += Real(1); }
};

TYPED_TEST(Algorithms, SumOverInteriorMatchesArithmeticSeries) {
  using B = TypeParam;
  AFSIM_REQUIRE_BACKEND(B);
  Grid g{5, 4, 3, 1.0};
  Field<B> f(g, Real(-7));
  for_each_cell<B>(interior(g), SetToIndexSum{f.view()});
  // sum_i i = 10 over 5, times 12 rows; sum_j 10 j = 60 over 4, times 15; sum_k 100 k = 300, times 20.
  EXPECT_DOUBLE_EQ(sum_cells<B>(interior(g), Read{f.cview()}), 10.0 * 12 + 60.0 * 15 + 300.0 * 20);
  EXPECT_DOUBLE_EQ(max_cells<B>(interior(g), Read{f.cview()}), 4 + 30 + 200);
  EXPECT_DOUBLE_EQ(min_cells<B>(interior(g), Read{f.cview()}), 0.0);
}

TYPED_TEST(Algorithms, ColouredSweepsTogetherVisitEveryCellOnce) {
  using B = TypeParam;
  AFSIM_REQUIRE_BACKEND(B);
  Grid g{7, 5, 3, 1.0};
  Field<B> f(g, Real(0));
  for_each_coloured_cell<B>(interior(g), 0, AddOne{f.view()});
  const double red = sum_cells<B>(interior(g), Read{f.cview()});
  for_each_coloured_cell<B>(interior(g), 1, AddOne{f.view()});
  EXPECT_DOUBLE_EQ(sum_cells<B>(interior(g), Read{f.cview()}), 7.0 * 5 * 3);
  EXPECT_DOUBLE_EQ(red, 53.0);  // cells with i + j + k even: ceil(105 / 2)
  EXPECT_DOUBLE_EQ(max_cells<B>(interior(g), Read{f.cview()}), 1.0);
}

TYPED_TEST(Algorithms, GhostFillAppliesPeriodicNeumannAndDirichlet) {
  using B = TypeParam;
  AFSIM_REQUIRE_BACKEND(B);
  Grid g{4, 3, 1, 1.0};
  Field<B> f(g, Real(0));
  for_each_cell<B>(interior(g), SetToIndexSum{f.view()});
  BoundarySpec bc;
  bc.lateral = BcKind::Periodic;
  bc.bottom = BcKind::Neumann;
  bc.top = BcKind::Dirichlet;
  bc.top_value = Real(100);
  fill_ghosts<B>(f, bc);
  const std::vector<Real> h = f.to_host();
  EXPECT_EQ(h[g.idx(-1, 1, 0)], Real(3 + 10));   // periodic: from i = nx - 1
  EXPECT_EQ(h[g.idx(4, 1, 0)], Real(0 + 10));    // periodic: from i = 0
  EXPECT_EQ(h[g.idx(2, -1, 0)], Real(2));        // no flux: copy of j = 0
  EXPECT_EQ(h[g.idx(2, 3, 0)], Real(200 - 22));  // Dirichlet: 2 * 100 - v(2, 2)
}

}  // namespace
}  // namespace afsim
