// The benchmark on one backend; included by bench_cpu.cpp and bench_cuda.cu only.
#pragma once

#include <chrono>

#include <thrust/fill.h>
#include <thrust/transform.h>

#include "bench/bench.hpp"
#include "deposit.hpp"
#include "physics/current_distribution.hpp"
#include "physics/reference_parameters.hpp"

namespace afsim {

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

}  // namespace bench_detail

template <class B>
void bench_grid(BenchReport& report, const std::array<int, 3>& n, int steps) {
  const double h = 0.25e-6;
  Grid g{n[0], n[1], n[2], h};
  const ModelParameters mp = lp30_on_li_reference(h);
  SolverOptions so;
  CurrentDistribution<B> cd(g, mp, config::Lateral::Periodic, config::TopBoundary::Reservoir, so, 30, 1e-9);
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
    const double k0 = cd.kernel_traffic_per_cell();
    B::synchronize();
    const auto t0 = std::chrono::steady_clock::now();
    const PotentialResult pr = cd.solve_potential(drive);
    B::synchronize();
    const auto t1 = std::chrono::steady_clock::now();
    const double k1 = cd.kernel_traffic_per_cell();
    const SolveStats ss = cd.advance_salt(1.0);
    B::synchronize();
    const auto t2 = std::chrono::steady_clock::now();
    const double k2 = cd.kernel_traffic_per_cell();
    t_pot += std::chrono::duration<double>(t1 - t0).count();
    t_salt += std::chrono::duration<double>(t2 - t1).count();
    its_pot += pr.linear_iterations;
    its_salt += ss.iterations;
    traffic_pot += (k1 - k0) + pr.linear_iterations * cd.solver_traffic_per_iteration();
    traffic_salt += (k2 - k1) + ss.iterations * cd.solver_traffic_per_iteration();
  }
  const double cells = double(g.cells());
  auto add = [&](const char* name, double t, double traffic, long long its) {
    BenchCase c;
    c.kernel = name;
    c.nx = n[0];
    c.ny = n[1];
    c.nz = n[2];
    c.steps = steps;
    c.seconds_per_step = t / steps;
    c.cell_updates_per_second = cells / c.seconds_per_step;
    c.bytes_per_cell = traffic / steps;
    c.bandwidth_bytes_per_s = c.bytes_per_cell * cells / c.seconds_per_step;
    c.iterations_per_step = double(its) / steps;
    report.cases.push_back(c);
  };
  add("potential solve", t_pot, traffic_pot, its_pot);
  add("transport step", t_salt, traffic_salt, its_salt);
}

template <class B>
BenchReport bench_on(const BenchSizes& sizes, const std::string& device) {
  BenchReport r;
  r.device = device;
  r.triad_bytes_per_s = bench_detail::triad_bandwidth<B>(sizes.triad_elements);
  for (const auto& n : sizes.grids) bench_grid<B>(r, n, sizes.steps);
  return r;
}

}  // namespace afsim
