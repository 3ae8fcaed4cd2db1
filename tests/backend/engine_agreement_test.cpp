// MODELS §11 V13: the CPU and CUDA engines built from the same EngineSetup agree after a few galvanostatic
// steps (potential solve + salt transport, for a fixed deposit and for a moving one with anisotropy and
// noise): every host field to 1e-10 relative (max-norm relative to the field's largest magnitude) and the
// electrode potential V_e too. Compiled by nvcc when the CUDA backend is
// built; on a CPU-only build, or without a visible GPU, the CUDA comparison skips.
#include <algorithm>
#include <cmath>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "backend/device.hpp"
#include "physics/reference_parameters.hpp"
#include "simulation/engine.hpp"

namespace afsim {
namespace {

constexpr double kTolerance = 1e-10;
constexpr int kSteps = 3;
constexpr double kDt = 0.05;       // s
constexpr double kCurrent = 10.0;  // A/m^2 (1 mA/cm2, plating)

ModelParameters lp30_on_li(double h) {
  return lp30_on_li_reference(h);
}

// A film over the bottom tenth of the domain with one bump and one needle on it (kernels/deposit.hpp);
// `evolve`: the interface moves (MODELS §2) with 4-fold anisotropy and Langevin noise.
EngineSetup film_bump_and_needle(int nx, int ny, int nz, bool evolve) {
  const double h = 0.25e-6;
  EngineSetup s;
  s.grid = Grid{nx, ny, nz, h};
  s.model = lp30_on_li(h);
  s.lateral = config::Lateral::Periodic;
  s.top = config::TopBoundary::Reservoir;
  s.solver.rtol = 1e-10;
  s.solver.max_iterations = 200;
  s.newton_max_iterations = 30;
  s.newton_tolerance = 1e-10;
  DepositGeometry& geo = s.deposit;
  geo.film = Real(0.1 * ny * h);
  geo.width = Real(s.model.interface_width);
  geo.length_x = Real(nx * h);
  geo.length_z = Real(nz * h);
  geo.periodic = 1;
  geo.count = 2;
  geo.shapes[0] =
      DepositShape{DepositShape::Bump, Real(0.25 * nx * h), Real(0.5 * nz * h), Real(3 * h), Real(0)};
  geo.shapes[1] = DepositShape{DepositShape::Needle, Real(0.7 * nx * h), Real(0.5 * nz * h), Real(2 * h),
                               Real(0.4 * ny * h)};
  s.evolve = evolve;
  if (evolve) {
    PhaseFieldParams& p = s.phase_field;
    p.kappa = Real(s.model.kappa_gradient);
    p.barrier = Real(s.model.barrier);
    p.l_sigma = Real(s.model.reaction.l_eta / s.model.barrier);
    p.delta = Real(0.05);
    p.cos0 = Real(std::cos(0.3));
    p.sin0 = Real(std::sin(0.3));
    p.noise = Real(1e-4);
    p.seed = 11;
  }
  return s;
}

struct Stepped {
  std::vector<HostArray> fields;
  double v_e = 0;
  bool converged = true;
};

// kSteps galvanostatic steps, then every field the engine knows, copied to the host.
Stepped step_and_copy(Engine& engine) {
  Stepped out;
  const Drive drive{Drive::Mode::Galvanostatic, kCurrent, 0.0};
  for (int s = 0; s < kSteps; ++s) {
    const StepReport r = engine.step(drive, kDt, s);
    out.converged = out.converged && r.potential.converged && r.salt.converged;
  }
  std::vector<std::string> names;
  for (const OutputFieldInfo& f : engine.output_fields()) names.push_back(f.name);
  out.fields = engine.host_fields(names);
  out.v_e = engine.electrode_potential();
  return out;
}

// max |a - b| / max(|a|, |b|) over the field (0 for two identical all-zero fields).
double relative_max_difference(const std::vector<double>& a, const std::vector<double>& b) {
  if (a.size() != b.size()) return INFINITY;
  double diff = 0, scale = 0;
  for (size_t i = 0; i < a.size(); ++i) {
    if (!std::isfinite(a[i]) || !std::isfinite(b[i])) return INFINITY;
    diff = std::max(diff, std::abs(a[i] - b[i]));
    scale = std::max({scale, std::abs(a[i]), std::abs(b[i])});
  }
  return scale > 0 ? diff / scale : diff;
}

void expect_agreement(const Stepped& ref, const Stepped& other, double tolerance) {
  ASSERT_TRUE(ref.converged);
  ASSERT_TRUE(other.converged);
  ASSERT_EQ(ref.fields.size(), 8u);  // every output field of the liquid model
  ASSERT_EQ(other.fields.size(), ref.fields.size());
  for (size_t f = 0; f < ref.fields.size(); ++f) {
    ASSERT_EQ(other.fields[f].name, ref.fields[f].name);
    EXPECT_EQ(other.fields[f].components, ref.fields[f].components) << ref.fields[f].name;
    EXPECT_LE(relative_max_difference(ref.fields[f].values, other.fields[f].values), tolerance)
        << ref.fields[f].name;
  }
  EXPECT_LE(std::abs(ref.v_e - other.v_e), tolerance * std::max(std::abs(ref.v_e), std::abs(other.v_e)))
      << "V_e " << ref.v_e << " vs " << other.v_e;
}

struct Shape {
  const char* name;
  int nx, ny, nz;
  bool evolve;
};
void PrintTo(const Shape& s, std::ostream* os) {
  *os << s.name;
}

class EngineAgreement : public ::testing::TestWithParam<Shape> {};

TEST_P(EngineAgreement, TwoCpuEnginesFromTheSameSetupAgreeExactly) {
  const Shape& g = GetParam();
  const EngineSetup setup = film_bump_and_needle(g.nx, g.ny, g.nz, g.evolve);
  const Stepped a = step_and_copy(*make_cpu_engine(setup));
  const Stepped b = step_and_copy(*make_cpu_engine(setup));
  expect_agreement(a, b, 0.0);
}

TEST_P(EngineAgreement, CpuAndCudaEnginesAgreeAfterGalvanostaticSteps) {
#if !defined(AFSIM_HAVE_CUDA)
  GTEST_SKIP() << "built without the CUDA backend";
#else
  if (cuda_device_count() == 0) GTEST_SKIP() << "no CUDA device";
  if (sizeof(Real) != sizeof(double)) GTEST_SKIP() << "single-precision build: 1e-10 is not reachable";
  const Shape& g = GetParam();
  const EngineSetup setup = film_bump_and_needle(g.nx, g.ny, g.nz, g.evolve);
  const Stepped cpu = step_and_copy(*make_cpu_engine(setup));
  const Stepped gpu = step_and_copy(*make_cuda_engine(setup));
  expect_agreement(cpu, gpu, kTolerance);
#endif
}

INSTANTIATE_TEST_SUITE_P(Grids, EngineAgreement,
                         ::testing::Values(Shape{"TwoD_32x64", 32, 64, 1, false},
                                           Shape{"ThreeD_16x32x16", 16, 32, 16, false},
                                           Shape{"MovingTwoD_32x64", 32, 64, 1, true},
                                           Shape{"MovingThreeD_16x32x16", 16, 32, 16, true}),
                         [](const ::testing::TestParamInfo<Shape>& info) {
                           return std::string(info.param.name);
                         });

}  // namespace
}  // namespace afsim
