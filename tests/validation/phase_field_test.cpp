// MODELS §11 V5 (flat interface at equilibrium) and V8 (dead metal of a stripped dendrite and of a stripped
// film) on the engine itself, with the reference LP30 / Li parameters (src/physics/reference_parameters.hpp).
// Every expected value comes from the model's own analytic solution or from the geometry drawn here.
#include <algorithm>
#include <cmath>
#include <functional>
#include <memory>
#include <vector>

#include <gtest/gtest.h>

#include "physics/reference_parameters.hpp"
#include "simulation/engine.hpp"

namespace afsim {
namespace {

constexpr double kGamma = 0.5;  // J/m^2, the reference set's surface energy

// A moving-interface engine setup on nx x ny cells of h with interface width l and the metal given by
// xi(x, y) at cell centres; closed cell (counter electrode), periodic sides.
EngineSetup moving_setup(int nx, int ny, double h, double l,
                         const std::function<double(double, double)>& xi) {
  EngineSetup s;
  s.grid = Grid{nx, ny, 1, h};
  s.model = lp30_on_li_reference(h, l);
  s.lateral = config::Lateral::Periodic;
  s.top = config::TopBoundary::CounterElectrode;
  s.solver.rtol = 1e-10;
  s.evolve = true;
  s.phase_field = reference_phase_field(s.model);
  s.halo_cells = 1 + int(std::ceil(2.5 * l / h));
  s.deposit.width = Real(l);
  for (int j = 0; j < ny; ++j)
    for (int i = 0; i < nx; ++i) s.metal_fraction.push_back(xi(s.grid.x(i), s.grid.y(j)));
  return s;
}

// The equilibrium profile of MODELS §2 around a contour at signed distance d (> 0 in the electrolyte).
double profile(double d, double l) {
  return 0.5 * (1 - std::tanh(d / l));
}

std::vector<double> metal_fraction(Engine& e) {
  return e.host_fields({"metal_fraction"}).front().values;
}

// ---- V5: a profile twice too wide relaxes to the tanh profile of width l and interface energy gamma ------

struct RelaxedStep {
  double l = 0, h = 0;
  std::vector<double> column;  // xi(y) of column 0 after relaxation
  double kappa = 0, barrier = 0;
};

RelaxedStep relax_a_wide_profile() {
  RelaxedStep r;
  r.h = 0.25e-6;
  r.l = 4 * r.h;  // four cells across l: the discrete profile is within 1 % of the continuum one
  const double y0 = 24 * r.h;
  EngineSetup s = moving_setup(4, 64, r.h, r.l, [&](double, double y) { return profile(y - y0, 2 * r.l); });
  r.kappa = s.model.kappa_gradient;
  r.barrier = s.model.barrier;
  std::unique_ptr<Engine> e = make_cpu_engine(s);
  // Relaxation time of the profile 1 / (L_sigma W) ~ 50 s: 30 of them at rest (zero current).
  const double t_end = 30.0 / (s.phase_field.l_sigma * s.phase_field.barrier);
  double t = 0;
  for (long long n = 0; t < t_end; ++n) {
    const StepReport rep = e->step(Drive{Drive::Mode::Galvanostatic, 0.0, 0.0}, 20.0, n);
    if (!rep.potential.converged || !rep.salt.converged) return r;
    t += rep.dt;
  }
  const std::vector<double> xi = metal_fraction(*e);
  for (int j = 0; j < 64; ++j) r.column.push_back(xi[size_t(j) * 4]);
  return r;
}

const RelaxedStep& relaxed() {
  static const RelaxedStep r = relax_a_wide_profile();
  return r;
}

TEST(FlatInterface, RelaxesToTheTanhProfileOfWidthL) {
  const RelaxedStep& r = relaxed();
  ASSERT_EQ(r.column.size(), 64u);
  // For xi = 1/2 (1 - tanh(y / l)): integral of xi (1 - xi) dy = l / 2.
  double s = 0;
  for (double x : r.column) s += x * (1 - x) * r.h;
  std::printf("V5: profile width %.4f um (l = %.4f um)\n", 2 * s * 1e6, r.l * 1e6);
  EXPECT_NEAR(2 * s, r.l, 0.02 * r.l);
}

TEST(FlatInterface, RelaxedProfileFollowsTanhCellByCell) {
  const RelaxedStep& r = relaxed();
  ASSERT_EQ(r.column.size(), 64u);
  // The contour from the metal content (the step conserves metal: sum xi h = y_1/2 for a symmetric profile).
  double y_half = 0;
  for (double x : r.column) y_half += x * r.h;
  for (int j = 0; j < 64; ++j)
    EXPECT_NEAR(r.column[size_t(j)], profile((j + 0.5) * r.h - y_half, r.l), 0.01) << "cell " << j;
}

TEST(FlatInterface, InterfaceEnergyIsGamma) {
  const RelaxedStep& r = relaxed();
  ASSERT_EQ(r.column.size(), 64u);
  // gamma = integral of W xi^2 (1 - xi)^2 + kappa / 2 (dxi/dy)^2, the gradient on the faces as the
  // discrete Laplacian has it; MODELS §2: gamma = sqrt(kappa W / 18).
  double e = 0;
  for (size_t j = 0; j < r.column.size(); ++j) {
    const double x = r.column[j];
    e += r.barrier * x * x * (1 - x) * (1 - x) * r.h;
    if (j + 1 < r.column.size()) {
      const double g = (r.column[j + 1] - x) / r.h;
      e += 0.5 * r.kappa * g * g * r.h;
    }
  }
  const double gamma = std::sqrt(r.kappa * r.barrier / 18);
  EXPECT_NEAR(gamma, kGamma, 1e-12);
  std::printf("V5: interface energy %.5f J/m2 (gamma = %.5f)\n", e, gamma);
  EXPECT_NEAR(e, gamma, 0.02 * gamma);
}

// ---- V8: stripping a necked dendrite leaves dead metal; stripping a dense film does not ------------------

struct Stripped {
  double dead_max = 0;        // mol/m^2, largest dead metal seen
  long long islands_max = 0;  // largest number of dead islands seen
  double dead_drift = 0;      // largest change of the dead metal between steps once it exists, mol/m^2
  double metal0 = 0;          // mol/m^2 at the start
  double ledger = 0;          // largest |change of (metal + salt) - charge / nF| relative to metal0
  bool ok = true;
};

// Strips at `current` (A/m^2, > 0) for at most t_max, or until less than a hundredth of a cell layer of
// connected metal is left.
Stripped strip(const EngineSetup& s, double current, double t_max) {
  Stripped out;
  std::unique_ptr<Engine> e = make_cpu_engine(s);
  const double nF = s.model.reaction.nF;
  EngineObservables o = e->observe();
  out.metal0 = o.deposit_metal_mol_m2;
  const double total0 = o.deposit_metal_mol_m2 + o.salt_mol_m2;
  double t = 0, charge = 0, dead_prev = -1;
  const double exhausted = 0.01 * s.grid.h * s.model.reaction.c_site;
  for (long long n = 0; t < t_max; ++n) {
    StepReport rep;
    try {
      rep = e->step(Drive{Drive::Mode::Galvanostatic, -current, 0.0}, 1.0, n);
    } catch (const std::exception& ex) {
      // Only the end of the metal may stop a strip: the Newton then finds no reactive interface.
      out.ok = o.deposit_metal_mol_m2 - o.dead_metal_mol_m2 < 10 * exhausted;
      if (!out.ok) std::printf("strip failed at t = %g s: %s\n", t, ex.what());
      break;
    }
    if (!rep.potential.converged || !rep.salt.converged) {
      out.ok = false;
      break;
    }
    t += rep.dt;
    charge += rep.potential.current * rep.dt;
    o = e->observe();
    // Closed cell: the salt the reaction releases, (1 - t+) i / nF, leaves through the counter-electrode
    // face, so metal + salt in the domain change by exactly the charge / nF (MODELS §5 ledger).
    const double moved = o.deposit_metal_mol_m2 + o.salt_mol_m2 - total0;
    out.ledger = std::max(out.ledger, std::abs(moved - charge / nF) / out.metal0);
    if (o.dead_metal_mol_m2 > 0 && dead_prev > 0)
      out.dead_drift = std::max(out.dead_drift, std::abs(o.dead_metal_mol_m2 - dead_prev));
    dead_prev = o.dead_metal_mol_m2 > 0 ? o.dead_metal_mol_m2 : -1;
    out.dead_max = std::max(out.dead_max, o.dead_metal_mol_m2);
    ColumnSink columns;
    e->columns(columns);
    out.islands_max = std::max(out.islands_max, std::get<long long>(columns.at("dead_islands")));
    if (o.deposit_metal_mol_m2 - o.dead_metal_mol_m2 < exhausted) break;
  }
  return out;
}

// A 2 um film, a stem 1 um wide up to 13 um and a head of radius 2.5 um at 15.5 um (16 x 32 um domain).
EngineSetup necked_dendrite() {
  const double h = 0.25e-6, l = 2 * h;
  const double film = 2e-6, x0 = 8e-6, half_width = 0.5e-6, stem_top = 13e-6, head_y = 15.5e-6,
               head_r = 2.5e-6;
  return moving_setup(64, 128, h, l, [=](double x, double y) {
    const double d_film = y - film;
    const double dx = std::abs(x - x0) - half_width;
    const double dy = y - stem_top;
    const double d_stem =
        std::max(dx, dy) < 0 ? std::max(dx, dy) : std::hypot(std::max(dx, 0.0), std::max(dy, 0.0));
    const double d_head = std::hypot(x - x0, y - head_y) - head_r;
    return profile(std::min({d_film, d_stem, d_head}), l);
  });
}

// 10 mA/cm2 of stripping for 400 s, computed once for the tests below.
const Stripped& stripped_dendrite() {
  static const Stripped r = strip(necked_dendrite(), 100.0, 400.0);
  return r;
}

TEST(DeadMetal, StrippingANeckedDendriteLeavesItsHeadDead) {
  const Stripped& r = stripped_dendrite();
  ASSERT_TRUE(r.ok);
  // The head holds pi r^2 c_s / L_x of metal per collector area: the dead metal must be of that order once
  // the stem has dissolved (the head loses some of its rim before the neck parts).
  const double head = 3.14159265358979 * 2.5e-6 * 2.5e-6 / 1.3e-5 / 16e-6;
  std::printf("V8: dead metal %.4e mol/m2 (head %.4e), %lld island(s)\n", r.dead_max, head, r.islands_max);
  EXPECT_GT(r.dead_max, 0.3 * head);
  EXPECT_LT(r.dead_max, 1.05 * head);
  EXPECT_GE(r.islands_max, 1);
}

TEST(DeadMetal, LedgerClosesWhileADendriteIsStripped) {
  const Stripped& r = stripped_dendrite();
  ASSERT_TRUE(r.ok);
  EXPECT_LT(r.ledger, 1e-10);  // MODELS §11 V9
}

TEST(DeadMetal, DeadMetalNeitherStripsNorGrows) {
  const Stripped& r = stripped_dendrite();
  ASSERT_TRUE(r.ok);
  ASSERT_GT(r.dead_max, 0.0);
  // An island floats: no reaction, no relaxation. Its metal changes only when the islands are relabelled
  // (round-off), never by stripping.
  EXPECT_LT(r.dead_drift, 1e-12 * r.metal0);
}

TEST(DeadMetal, StrippingADenseFilmLeavesLessThanOnePercentDead) {
  const double h = 0.25e-6, l = 2 * h;
  const EngineSetup s = moving_setup(16, 64, h, l, [=](double, double y) { return profile(y - 2e-6, l); });
  const Stripped r = strip(s, 100.0, 1000.0);
  ASSERT_TRUE(r.ok);
  std::printf("V8: film stripped, dead metal %.3e of %.3e mol/m2\n", r.dead_max, r.metal0);
  EXPECT_LT(r.dead_max, 0.01 * r.metal0);
}

}  // namespace
}  // namespace afsim
