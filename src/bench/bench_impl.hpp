// The benchmark on one backend; included by bench_cpu.cpp and bench_cuda.cu only.
#pragma once

#include <chrono>
#include <cmath>
#include <memory>
#include <stdexcept>
#include <string>

#include <thrust/fill.h>
#include <thrust/transform.h>

#include "bench/bench.hpp"
#include "deposit.hpp"
#include "physics/current_distribution.hpp"
#include "physics/reference_parameters.hpp"
#include "simulation/engine.hpp"

namespace afsim {

// make_cpu_engine or make_cuda_engine: the coupled step is measured through the engine API.
using EngineFactory = std::unique_ptr<Engine> (*)(const EngineSetup&);

namespace bench_detail {

struct Triad {
  double s;
  AFSIM_HD double operator()(double b, double c) const { return b + s * c; }
};

template <class B>
double triad_bandwidth(long long n) {
  typename B::template vector<double> a(n), b(n), c(n);
  thrust::fill(B::policy(), b.begin(), b.end(), 1.0);
  thrust::fill(B::policy(), c.begin(), c.end(), 2.0);
  double best = 1e30;
  for (int rep = 0; rep < 6; ++rep) {
    B::synchronize();
    const auto t0 = std::chrono::steady_clock::now();
    thrust::transform(B::policy(), b.begin(), b.end(), c.begin(), a.begin(), Triad{3.0});
    B::synchronize();
    const double dt = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    if (rep > 0 && dt < best) best = dt;  // the first pass pays page faults
  }
  return 3.0 * sizeof(double) * double(n) / best;  // STREAM convention: 24 bytes per element
}

// One row of the table from the totals over `steps` timed steps.
inline BenchCase make_case(const char* kernel, const std::array<int, 3>& n, int steps, double seconds,
                           double traffic, long long iterations) {
  const double cells = double(n[0]) * double(n[1]) * double(n[2]);
  BenchCase c;
  c.kernel = kernel;
  c.nx = n[0];
  c.ny = n[1];
  c.nz = n[2];
  c.steps = steps;
  c.seconds_per_step = seconds / steps;
  c.cell_updates_per_second = cells / c.seconds_per_step;
  c.bytes_per_cell = traffic / steps;
  c.bandwidth_bytes_per_s = c.bytes_per_cell * cells / c.seconds_per_step;
  c.iterations_per_step = double(iterations) / steps;
  return c;
}

// The moving-interface engine of the coupled step, filled as tests/backend/engine_agreement_test.cpp
// (film_bump_and_needle) fills one: the reference parameter set of the other rows (h = 0.25 um), a film
// over the bottom tenth with a needle to 0.4 L_y in the middle, reservoir top, periodic sides, the deck's
// default numerics, and the phase-field parameters derived from the model as make_engine_setup derives
// them (interface mobility, halo of the dead-metal shell), with the agreement test's anisotropy (0.05 at
// 0.3 rad) and weak noise (1e-4 1/s).
inline EngineSetup coupled_setup(const std::array<int, 3>& n) {
  const double h = 0.25e-6;
  EngineSetup s;
  s.grid = Grid{n[0], n[1], n[2], h};
  s.model = lp30_on_li_reference(h);
  s.lateral = config::Lateral::Periodic;
  s.top = config::TopBoundary::Reservoir;
  s.newton_max_iterations = 30;
  s.newton_tolerance = 1e-9;
  s.molar_volume = 1.0 / s.model.reaction.c_site;
  DepositGeometry& geo = s.deposit;
  geo.film = Real(0.1 * n[1] * h);
  geo.width = Real(s.model.interface_width);
  geo.length_x = Real(n[0] * h);
  geo.length_z = Real(n[2] * h);
  geo.periodic = 1;
  geo.count = 1;
  geo.shapes[0] = DepositShape{DepositShape::Needle, Real(0.5 * n[0] * h), Real(0.5 * n[2] * h), Real(2 * h),
                               Real(0.4 * n[1] * h)};
  s.evolve = true;
  PhaseFieldParams& p = s.phase_field;
  p.l_sigma = Real(s.model.interface_mobility);
  p.kappa = Real(s.model.kappa_gradient);
  p.barrier = Real(s.model.barrier);
  p.delta = Real(0.05);
  p.cos0 = Real(std::cos(0.3));
  p.sin0 = Real(std::sin(0.3));
  p.noise = Real(1e-4);
  p.seed = 11;
  s.halo_cells = 1 + static_cast<int>(std::ceil(2.5 * s.model.interface_width / h));
  return s;
}

}  // namespace bench_detail

template <class B>
void bench_grid(BenchReport& report, const std::array<int, 3>& n, int steps) {
  const double h = 0.25e-6;
  Grid g{n[0], n[1], n[2], h};
  const ModelParameters mp = lp30_on_li_reference(h);
  SolverOptions so;
  Field<B> xi(g), xi_old(g);
  CurrentDistribution<B> cd(g, mp, config::Lateral::Periodic, config::TopBoundary::Reservoir, so, 30, 1e-9,
                            xi, xi_old);
  DepositGeometry geo;
  geo.film = Real(0.1 * n[1] * h);
  geo.width = Real(mp.interface_width);
  geo.length_x = Real(n[0] * h);
  geo.length_z = Real(n[2] * h);
  geo.count = 1;
  geo.shapes[0] = DepositShape{DepositShape::Needle, Real(0.5 * n[0] * h), Real(0.5 * n[2] * h), Real(2 * h),
                               Real(0.4 * n[1] * h)};
  for_each_cell<B>(interior(g), InitDepositOrderParameter{cd.order_parameter().view(), geo});
  cd.update_geometry();
  const Drive drive{Drive::Mode::Galvanostatic, 10.0, 0.0};
  cd.solve_potential(drive);  // cold start outside the timing
  cd.advance_salt(1.0);

  double t_pot = 0, t_salt = 0, traffic_pot = 0, traffic_salt = 0;
  long long its_pot = 0, its_salt = 0;
  for (int s = 0; s < steps; ++s) {
    const double k0 = cd.traffic_bytes_per_cell();
    B::synchronize();
    const auto t0 = std::chrono::steady_clock::now();
    const PotentialResult pr = cd.solve_potential(drive);
    B::synchronize();
    const auto t1 = std::chrono::steady_clock::now();
    const double k1 = cd.traffic_bytes_per_cell();
    const SolveStats ss = cd.advance_salt(1.0);
    B::synchronize();
    const auto t2 = std::chrono::steady_clock::now();
    const double k2 = cd.traffic_bytes_per_cell();
    t_pot += std::chrono::duration<double>(t1 - t0).count();
    t_salt += std::chrono::duration<double>(t2 - t1).count();
    its_pot += pr.linear_iterations;
    its_salt += ss.iterations;
    traffic_pot += k1 - k0;  // the module counts its solver iterations too
    traffic_salt += k2 - k1;
  }
  report.cases.push_back(bench_detail::make_case("potential solve", n, steps, t_pot, traffic_pot, its_pot));
  report.cases.push_back(bench_detail::make_case("transport step", n, steps, t_salt, traffic_salt, its_salt));
}

// One whole time step of the moving-interface engine (phase field + potential with the galvanostatic
// control + salt transport) at 1 mA/cm^2 plating, through the backend-independent Engine API. The step
// ends with reductions the host reads (the salt balance), so the wall time around the call is the step's.
template <class B>
void bench_coupled(BenchReport& report, const std::array<int, 3>& n, int steps, EngineFactory make_engine) {
  const EngineSetup setup = bench_detail::coupled_setup(n);
  const std::unique_ptr<Engine> engine = make_engine(setup);
  const Drive drive{Drive::Mode::Galvanostatic, 10.0, 0.0};  // 10 A/m^2 = 1 mA/cm^2
  const double dt_max = 1.0;                                 // s; the engine chooses dt <= dt_max
  const auto check = [&](const StepReport& r) {
    if (!r.potential.converged || !r.salt.converged || !r.phase_field.converged)
      throw std::runtime_error("coupled step on " + std::to_string(n[0]) + "x" + std::to_string(n[1]) + "x" +
                               std::to_string(n[2]) + ": the step failed (a solve did not converge)");
  };
  check(engine->step(drive, dt_max, 0));  // cold start of V_e and first touch of the memory, untimed

  double t = 0, bytes = 0, simulated = 0;
  long long its = 0;
  for (int s = 1; s <= steps; ++s) {
    B::synchronize();
    const auto t0 = std::chrono::steady_clock::now();
    const double traffic0 = engine->traffic_bytes_per_cell();
    const StepReport r = engine->step(drive, dt_max, s);
    B::synchronize();
    t += std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    check(r);
    simulated += r.dt;
    its += r.potential.linear_iterations + r.phase_field.iterations + r.salt.iterations;
    bytes += engine->traffic_bytes_per_cell() - traffic0;
  }
  BenchCase c = bench_detail::make_case("coupled step", n, steps, t, bytes, its);
  c.mean_dt = simulated / steps;
  c.simulated_per_wall = simulated / t;
  report.cases.push_back(c);
}

template <class B>
BenchReport bench_on(const BenchSizes& sizes, const std::string& device, EngineFactory make_engine) {
  BenchReport r;
  r.device = device;
  r.triad_bytes_per_s = bench_detail::triad_bandwidth<B>(sizes.triad_elements);
  for (const auto& n : sizes.grids) bench_grid<B>(r, n, sizes.steps);
  for (const auto& n : sizes.coupled_grids) bench_coupled<B>(r, n, sizes.steps, make_engine);
  return r;
}

}  // namespace afsim
