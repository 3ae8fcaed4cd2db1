// The multigrid-preconditioned CG solver of MODELS §3 on every backend: convergence on coefficient jumps,
// second-order accuracy on a manufactured solution, 3-D, Helmholtz-type and 1-D-like grids, warm starts,
// and the residual operator against hand values.
#include "solvers/multigrid.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <stdexcept>
#include <vector>

#include "backend/field.hpp"
#include "backends.hpp"

namespace afsim {
namespace {

constexpr double kPi = 3.14159265358979323846;

template <class B>
class Multigrid : public ::testing::Test {};
TYPED_TEST_SUITE(Multigrid, test::Backends);

// A field whose interior holds fn(x, y, z) at the cell centres.
template <class B, class Fn>
Field<B> make_field(const Grid& g, Fn fn) {
  std::vector<double> v;
  v.reserve(size_t(g.cells()));
  for (int k = 0; k < g.nz; ++k)
    for (int j = 0; j < g.ny; ++j)
      for (int i = 0; i < g.nx; ++i) v.push_back(fn(g.x(i), g.y(j), g.z(k)));
  Field<B> f(g);
  f.interior_from_host(v);
  return f;
}

BoundarySpec electrode_bc(Real top_value) {
  BoundarySpec bc;
  bc.lateral = BcKind::Periodic;
  bc.bottom = BcKind::Neumann;
  bc.top = BcKind::Dirichlet;
  bc.top_value = top_value;
  return bc;
}

// Metal (a = 1e-6) under electrolyte (a = 1): a wavy deposit on the collector and a detached round island.
bool in_metal_2d(double x, double y) {
  const double surface = 0.25 + 0.05 * std::sin(2 * kPi * 3 * x);
  const double dx = x - 0.5, dy = y - 0.45;
  return y < surface || dx * dx + dy * dy < 0.1 * 0.1;
}

TYPED_TEST(Multigrid, ConvergesOnCoefficientJumpOf1e6_InFewIterations) {
  using B = TypeParam;
  AFSIM_REQUIRE_BACKEND(B);
  const int n = 256;
  const Grid g{n, n, 1, 1.0 / n};
  const auto a = make_field<B>(g, [](double x, double y, double) { return in_metal_2d(x, y) ? 1e-6 : 1.0; });
  const Field<B> b(g, Real(0));
  const auto f = make_field<B>(g, [](double x, double y, double) {
    return in_metal_2d(x, y) ? 0.0 : 1.0 + 0.5 * std::cos(2 * kPi * x);
  });
  MultigridPcg<B> solver(g, electrode_bc(Real(0)));
  solver.set_coefficients(a, b);
  Field<B> u(g, Real(0));
  const SolveStats s = solver.solve(u, f);
  std::printf("[ mg ] 256^2, jump 1e6: %d iterations, relative residual %.3e, %d levels\n", s.iterations,
              s.relative_residual, solver.levels());
  EXPECT_TRUE(s.converged);
  EXPECT_LE(s.relative_residual, 1e-8);
  EXPECT_LE(s.iterations, 12);    // 9 measured (CpuBackend)
  EXPECT_EQ(solver.levels(), 6);  // 256 -> 8 per side: 64 cells on the coarsest level
  Field<B> r(g);
  EXPECT_LE(solver.residual(u, f, r), 1e-8 * s.initial_residual);  // u = 0 start: initial = ||f_total||
}

// u = 1 + cos(2 pi x) cos(pi y / 2) on the unit square: periodic in x, no flux at y = 0, u = 1 at y = 1.
// a = 1 + 0.5 sin(2 pi x) cos(pi y), b = 1, f = b u - (a_x u_x + a u_xx + a_y u_y + a u_yy).
// Returns the RMS error at the cell centres.
template <class B>
double manufactured_rms_error(int n) {
  const Grid g{n, n, 1, 1.0 / n};
  auto exact = [](double x, double y) { return 1 + std::cos(2 * kPi * x) * std::cos(kPi * y / 2); };
  const auto a = make_field<B>(
      g, [](double x, double y, double) { return 1 + 0.5 * std::sin(2 * kPi * x) * std::cos(kPi * y); });
  const Field<B> b(g, Real(1));
  const auto f = make_field<B>(g, [&](double x, double y, double) {
    const double cx = std::cos(2 * kPi * x), sx = std::sin(2 * kPi * x);
    const double cy = std::cos(kPi * y / 2), sy = std::sin(kPi * y / 2);
    const double av = 1 + 0.5 * sx * std::cos(kPi * y);
    const double ax = kPi * cx * std::cos(kPi * y), ay = -0.5 * kPi * sx * std::sin(kPi * y);
    const double ux = -2 * kPi * sx * cy, uxx = -4 * kPi * kPi * cx * cy;
    const double uy = -0.5 * kPi * cx * sy, uyy = -0.25 * kPi * kPi * cx * cy;
    return exact(x, y) - (ax * ux + av * uxx + ay * uy + av * uyy);
  });
  SolverOptions opt;
  opt.rtol = 1e-11;
  MultigridPcg<B> solver(g, electrode_bc(Real(1)), opt);
  solver.set_coefficients(a, b);
  Field<B> u(g, Real(0));
  const SolveStats s = solver.solve(u, f);
  EXPECT_TRUE(s.converged) << "n = " << n;
  const std::vector<double> uh = u.interior_to_host();
  double e2 = 0;
  for (int j = 0; j < n; ++j)
    for (int i = 0; i < n; ++i) {
      const double e = uh[size_t(j) * n + i] - exact(g.x(i), g.y(j));
      e2 += e * e;
    }
  return std::sqrt(e2 / double(g.cells()));
}

TYPED_TEST(Multigrid, ManufacturedSolution_ErrorFallsSecondOrder) {
  using B = TypeParam;
  AFSIM_REQUIRE_BACKEND(B);
  const double e32 = manufactured_rms_error<B>(32);
  const double e64 = manufactured_rms_error<B>(64);
  const double e128 = manufactured_rms_error<B>(128);
  const double p1 = std::log2(e32 / e64), p2 = std::log2(e64 / e128);
  std::printf("[ mg ] manufactured rms errors %.3e %.3e %.3e, orders %.3f %.3f\n", e32, e64, e128, p1, p2);
  EXPECT_GE(p1, 1.8);
  EXPECT_LE(p1, 2.2);
  EXPECT_GE(p2, 1.8);
  EXPECT_LE(p2, 2.2);
}

TYPED_TEST(Multigrid, ThreeDimensionalMetalUnderElectrolyte_Converges) {
  using B = TypeParam;
  AFSIM_REQUIRE_BACKEND(B);
  const int n = 32;
  const Grid g{n, n, n, 1.0 / n};
  auto metal = [](double x, double y, double z) {
    const double dx = x - 0.5, dy = y - 0.35, dz = z - 0.4;
    return y < 0.15 + 0.05 * std::sin(2 * kPi * x) * std::cos(2 * kPi * z) ||
           dx * dx + dy * dy + dz * dz < 0.04;
  };
  const auto a = make_field<B>(g, [&](double x, double y, double z) { return metal(x, y, z) ? 1e-6 : 1.0; });
  const Field<B> b(g, Real(0));
  const auto f = make_field<B>(g, [&](double x, double y, double z) { return metal(x, y, z) ? 0.0 : 1.0; });
  MultigridPcg<B> solver(g, electrode_bc(Real(0)));
  solver.set_coefficients(a, b);
  Field<B> u(g, Real(0));
  const SolveStats s = solver.solve(u, f);
  std::printf("[ mg ] 32^3, jump 1e6: %d iterations, relative residual %.3e, %d levels\n", s.iterations,
              s.relative_residual, solver.levels());
  EXPECT_TRUE(s.converged);
  EXPECT_LE(s.relative_residual, 1e-8);
  EXPECT_LE(s.iterations, 12);  // 8 measured (CpuBackend)
}

TYPED_TEST(Multigrid, HelmholtzWithAllNoFluxBoundaries_ConvergesToUniformSolution) {
  using B = TypeParam;
  AFSIM_REQUIRE_BACKEND(B);
  // b u - div(a grad u) = b * 2.5 with no flux everywhere has the solution u = 2.5 whatever a and b > 0.
  const int n = 64;
  const Grid g{n, n, 1, 1.0 / n};
  BoundarySpec bc;
  bc.lateral = BcKind::Neumann;
  bc.bottom = BcKind::Neumann;
  bc.top = BcKind::Neumann;
  const auto a = make_field<B>(g, [](double x, double y, double) { return in_metal_2d(x, y) ? 1e-6 : 1.0; });
  const auto b =
      make_field<B>(g, [](double x, double y, double) { return 10.0 * (1.5 + std::sin(7 * x + 3 * y)); });
  const auto f = make_field<B>(
      g, [](double x, double y, double) { return 2.5 * 10.0 * (1.5 + std::sin(7 * x + 3 * y)); });
  MultigridPcg<B> solver(g, bc);
  solver.set_coefficients(a, b);
  Field<B> u(g, Real(0));
  const SolveStats s = solver.solve(u, f);
  EXPECT_TRUE(s.converged);
  EXPECT_LE(s.relative_residual, 1e-8);
  for (double v : u.interior_to_host()) ASSERT_NEAR(v, 2.5, 1e-6);
}

TYPED_TEST(Multigrid, AllNoFluxWithoutDiagonalTerm_IsRejectedAsSingular) {
  using B = TypeParam;
  AFSIM_REQUIRE_BACKEND(B);
  const Grid g{16, 16, 1, 1.0};
  BoundarySpec bc;
  bc.lateral = BcKind::Periodic;
  bc.bottom = BcKind::Neumann;
  bc.top = BcKind::Neumann;
  MultigridPcg<B> solver(g, bc);
  EXPECT_THROW(solver.set_coefficients(Field<B>(g, Real(1)), Field<B>(g, Real(0))), std::invalid_argument);
}

TYPED_TEST(Multigrid, OneCellWideColumn_MatchesAnalyticSolution) {
  using B = TypeParam;
  AFSIM_REQUIRE_BACKEND(B);
  // -u'' + 9 u = 0 on (0, 1), u'(0) = 0, u(1) = 1: u = cosh(3 y) / cosh(3).
  const int n = 256;
  const Grid g{1, n, 1, 1.0 / n};
  MultigridPcg<B> solver(g, electrode_bc(Real(1)));
  solver.set_coefficients(Field<B>(g, Real(1)), Field<B>(g, Real(9)));
  EXPECT_GT(solver.levels(), 1);  // coarsened in y only
  EXPECT_EQ(solver.level_grid(solver.levels() - 1).nx, 1);
  Field<B> u(g, Real(0));
  const SolveStats s = solver.solve(u, Field<B>(g, Real(0)));
  EXPECT_TRUE(s.converged);
  const std::vector<double> uh = u.interior_to_host();
  for (int j = 0; j < n; ++j) ASSERT_NEAR(uh[size_t(j)], std::cosh(3 * g.y(j)) / std::cosh(3.0), 3e-5) << j;
}

TYPED_TEST(Multigrid, OddWidthGrid_CoarsensInYAndConverges) {
  using B = TypeParam;
  AFSIM_REQUIRE_BACKEND(B);
  const Grid g{3, 200, 1, 1.0 / 200};
  const auto a = make_field<B>(g, [](double, double y, double) { return y < 0.3 ? 1e-6 : 1.0; });
  const auto f = make_field<B>(g, [](double x, double y, double) { return y < 0.3 ? 0.0 : 1.0 + x; });
  MultigridPcg<B> solver(g, electrode_bc(Real(0)));
  solver.set_coefficients(a, Field<B>(g, Real(0)));
  EXPECT_EQ(solver.level_grid(solver.levels() - 1).nx, 3);
  Field<B> u(g, Real(0));
  const SolveStats s = solver.solve(u, f);
  EXPECT_TRUE(s.converged);
  EXPECT_LE(s.iterations, 25);
}

TYPED_TEST(Multigrid, WarmStart_FromSolution_TakesNoIterations) {
  using B = TypeParam;
  AFSIM_REQUIRE_BACKEND(B);
  const int n = 64;
  const Grid g{n, n, 1, 1.0 / n};
  const auto a = make_field<B>(g, [](double x, double y, double) { return in_metal_2d(x, y) ? 1e-6 : 1.0; });
  const auto f = make_field<B>(g, [](double x, double, double) { return 1.0 + std::sin(2 * kPi * x); });
  MultigridPcg<B> solver(g, electrode_bc(Real(0.5)));
  solver.set_coefficients(a, Field<B>(g, Real(0)));
  Field<B> u(g, Real(0));
  const SolveStats first = solver.solve(u, f);
  ASSERT_TRUE(first.converged);
  ASSERT_GT(first.iterations, 0);
  const SolveStats again = solver.solve(u, f);
  EXPECT_TRUE(again.converged);
  EXPECT_EQ(again.iterations, 0);
  EXPECT_LE(again.relative_residual, 1e-8);
}

// Deterministic pseudo-random cell values in [-1, 1).
template <class B>
Field<B> pseudo_random_field(const Grid& g, unsigned seed) {
  unsigned s = seed;
  return make_field<B>(g, [&](double, double, double) {
    s = s * 1664525u + 1013904223u;
    return double(s >> 8) / double(1u << 23) - 1.0;
  });
}

TYPED_TEST(Multigrid, VCycle_IsASymmetricPositiveDefinitePreconditioner) {
  using B = TypeParam;
  AFSIM_REQUIRE_BACKEND(B);
  const Grid g{64, 32, 1, 1.0 / 64};
  const auto a =
      make_field<B>(g, [](double x, double y, double) { return in_metal_2d(x, 2 * y) ? 1e-6 : 1.0; });
  const auto b = make_field<B>(g, [](double x, double, double) { return x < 0.5 ? 0.0 : 3.0; });
  MultigridPcg<B> solver(g, electrode_bc(Real(0)));
  solver.set_coefficients(a, b);
  const auto x = pseudo_random_field<B>(g, 1), y = pseudo_random_field<B>(g, 2);
  Field<B> mx(g), my(g);
  solver.apply_preconditioner(x, mx);
  solver.apply_preconditioner(y, my);
  auto dot = [](const Field<B>& p, const Field<B>& q) {
    const std::vector<double> ph = p.interior_to_host(), qh = q.interior_to_host();
    double s = 0;
    for (size_t n = 0; n < ph.size(); ++n) s += ph[n] * qh[n];
    return s;
  };
  const double xmy = dot(x, my), ymx = dot(y, mx);
  EXPECT_NEAR(xmy, ymx, 1e-11 * (std::abs(xmy) + std::abs(ymx)));
  EXPECT_GT(dot(x, mx), 0.0);
  EXPECT_GT(dot(y, my), 0.0);
}

TYPED_TEST(Multigrid, ResidualOperator_MatchesHandValuesOn3x3) {
  using B = TypeParam;
  AFSIM_REQUIRE_BACKEND(B);
  // h = 0.5 (1/h^2 = 4), b = 0.5, f = 1, periodic in x, no flux at the bottom, u = 2 on the top face.
  //   a:  j=2: 1 1 3    u = i + 10 j
  //       j=1: 1 3 1
  //       j=0: 1 1 1
  const Grid g{3, 3, 1, 0.5};
  const std::vector<double> a_cells = {1, 1, 1, 1, 3, 1, 1, 1, 3};
  Field<B> a(g), u(g), r(g);
  a.interior_from_host(a_cells);
  std::vector<double> u_cells;
  for (int j = 0; j < 3; ++j)
    for (int i = 0; i < 3; ++i) u_cells.push_back(i + 10.0 * j);
  u.interior_from_host(u_cells);
  MultigridPcg<B> solver(g, electrode_bc(Real(2)));
  solver.set_coefficients(a, Field<B>(g, Real(0.5)));
  const double norm = solver.residual(u, Field<B>(g, Real(1)), r);
  const std::vector<double> rh = r.interior_to_host();
  auto at = [&](int i, int j) { return rh[size_t(j) * 3 + i]; };
  // Centre (a = 3, all faces harmonic(1, 3) = 1.5): A u = 0.5 * 11 + 4 * 1.5 * (1 - 1 + 10 - 10) = 5.5.
  EXPECT_DOUBLE_EQ(at(1, 1), 1 - 5.5);
  // (0, 2): periodic face to (2, 2) 1.5, faces 1 to (1, 2) and (0, 1), Dirichlet face 2 a = 2 to u = 2:
  // A u = 0.5 * 20 + 4 * (1.5 * (20 - 22) + (20 - 21) + (20 - 10) + 2 * (20 - 2)) = 10 + 168.
  EXPECT_DOUBLE_EQ(at(0, 2), 1 - 178.0);
  // (2, 0): periodic face to (0, 0), no-flux bottom: A u = 0.5 * 2 + 4 * ((2 - 0) + (2 - 1) + (2 - 12)).
  EXPECT_DOUBLE_EQ(at(2, 0), 1 - (1.0 - 28.0));
  // (2, 2): a = 3, three faces 1.5, Dirichlet face 2 a = 6:
  // A u = 0.5 * 22 + 4 * (1.5 * (22 - 21) + 1.5 * (22 - 20) + 1.5 * (22 - 12) + 6 * (22 - 2)) = 11 + 558.
  EXPECT_DOUBLE_EQ(at(2, 2), 1 - 569.0);
  double sum2 = 0;
  for (double v : rh) sum2 += v * v;
  EXPECT_NEAR(norm, std::sqrt(sum2), 1e-12 * norm);
}

#if defined(__CUDACC__)
// The same solve on both backends: the solutions agree to well within the solver tolerance.
TEST(MultigridAcrossBackends, GpuSolutionMatchesCpu) {
  if (!test::backend_available<CudaBackend>()) GTEST_SKIP() << "no GPU";
  const int n = 128;
  const Grid g{n, n, 1, 1.0 / n};
  auto a_fn = [](double x, double y, double) { return in_metal_2d(x, y) ? 1e-6 : 1.0; };
  auto f_fn = [](double x, double y, double) {
    return in_metal_2d(x, y) ? 0.0 : 1.0 + std::sin(2 * kPi * x);
  };
  SolverOptions opt;
  opt.rtol = 1e-12;
  auto solve_on = [&](auto backend) {
    using B = decltype(backend);
    MultigridPcg<B> solver(g, electrode_bc(Real(0.5)), opt);
    solver.set_coefficients(make_field<B>(g, a_fn), Field<B>(g, Real(0)));
    Field<B> u(g, Real(0));
    const SolveStats s = solver.solve(u, make_field<B>(g, f_fn));
    EXPECT_TRUE(s.converged) << B::name();
    return u.interior_to_host();
  };
  const std::vector<double> cpu = solve_on(CpuBackend{}), gpu = solve_on(CudaBackend{});
  double diff = 0, scale = 0;
  for (size_t k = 0; k < cpu.size(); ++k) {
    diff = std::max(diff, std::abs(cpu[k] - gpu[k]));
    scale = std::max(scale, std::abs(cpu[k]));
  }
  EXPECT_LE(diff, 1e-8 * scale);
}
#endif

}  // namespace
}  // namespace afsim
