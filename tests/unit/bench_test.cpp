// afsim bench (src/bench/): the quick sizes run on the CPU backend and give a finite, positive value in
// every row, the coupled step included; the engine's traffic counter covers the step's linear solves.
#include <cmath>
#include <string>

#include <gtest/gtest.h>

#include "backend/cpu_backend.hpp"
#include "bench/bench_impl.hpp"
#include "solvers/multigrid.hpp"

namespace afsim {
namespace {

bool finite_positive(double v) {
  return std::isfinite(v) && v > 0;
}

TEST(Bench, QuickSizesOnCpu_EveryRowIsFiniteAndPositive) {
  const BenchSizes sizes = bench_sizes(true);
  const BenchReport r = bench_cpu(sizes);
  EXPECT_TRUE(finite_positive(r.triad_bytes_per_s));
  ASSERT_EQ(r.cases.size(), 2 * sizes.grids.size() + sizes.coupled_grids.size());
  int coupled = 0;
  for (const BenchCase& c : r.cases) {
    SCOPED_TRACE(c.kernel + " " + std::to_string(c.nx) + "x" + std::to_string(c.ny) + "x" +
                 std::to_string(c.nz));
    EXPECT_EQ(c.steps, sizes.steps);
    EXPECT_TRUE(finite_positive(c.seconds_per_step));
    EXPECT_TRUE(finite_positive(c.cell_updates_per_second));
    EXPECT_TRUE(finite_positive(c.bytes_per_cell));
    EXPECT_TRUE(finite_positive(c.bandwidth_bytes_per_s));
    EXPECT_TRUE(finite_positive(c.iterations_per_step));
    if (c.kernel == "coupled step") {
      ++coupled;
      EXPECT_TRUE(finite_positive(c.mean_dt));
      EXPECT_LE(c.mean_dt, 1.0);  // the cap the benchmark gives the engine
      EXPECT_NEAR(c.simulated_per_wall, c.mean_dt / c.seconds_per_step, 1e-9 * c.simulated_per_wall);
    } else {
      EXPECT_EQ(c.mean_dt, 0);
    }
  }
  EXPECT_EQ(coupled, static_cast<int>(sizes.coupled_grids.size()));
}

// The engine's traffic counter (Engine::traffic_bytes_per_cell) grows in every step by at least the
// linear-solver iterations the step reports times the multigrid's bytes per iteration on that grid.
TEST(Bench, EngineTrafficGrowsByAtLeastTheLinearSolvesOfAStep) {
  const EngineSetup s = bench_detail::coupled_setup({32, 32, 1});
  const std::unique_ptr<Engine> engine = make_cpu_engine(s);
  BoundarySpec bc;
  bc.top = BcKind::Dirichlet;
  const double per_iteration = MultigridPcg<CpuBackend>(s.grid, bc, s.solver).bytes_per_cell_per_iteration();
  for (int step = 0; step < 3; ++step) {
    const double before = engine->traffic_bytes_per_cell();
    const StepReport r = engine->step(Drive{Drive::Mode::Galvanostatic, 10.0, 0.0}, 1.0, step);
    ASSERT_TRUE(r.potential.converged && r.salt.converged && r.phase_field.converged);
    const long long its = r.potential.linear_iterations + r.salt.iterations + r.phase_field.iterations;
    EXPECT_GT(its, 0);
    EXPECT_GE(engine->traffic_bytes_per_cell() - before, double(its) * per_iteration);
  }
}

}  // namespace
}  // namespace afsim
