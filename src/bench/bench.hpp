// afsim bench: STREAM-style triad bandwidth of the machine, then the potential solve and the transport
// step on a few grid sizes, and one whole coupled time step of the moving-interface engine, with the memory
// traffic counted from the kernels (DESIGN.md §9, FluidX3D style).
#pragma once

#include <array>
#include <string>
#include <vector>

namespace afsim {

struct BenchCase {
  std::string kernel;  // "potential solve" | "transport step" | "coupled step"
  int nx = 0, ny = 0, nz = 0;
  int steps = 0;
  double seconds_per_step = 0;
  double cell_updates_per_second = 0;
  double bytes_per_cell = 0;         // per step, counted from the kernels' declared traffic
  double bandwidth_bytes_per_s = 0;  // achieved
  double iterations_per_step = 0;    // linear-solver iterations (coupled step: potential, phase field, salt)
  // Coupled step only (0 for the others): the mean step dt the engine chose (s), and simulated time per
  // wall time, mean dt / seconds_per_step.
  double mean_dt = 0;
  double simulated_per_wall = 0;
};

struct BenchReport {
  std::string device;
  double triad_bytes_per_s = 0;
  std::vector<BenchCase> cases;
};

struct BenchSizes {
  std::vector<std::array<int, 3>> grids;          // potential solve and transport step
  std::vector<std::array<int, 3>> coupled_grids;  // coupled step (phase field + transport + potential)
  long long triad_elements = 0;
  int steps = 0;
};

BenchSizes bench_sizes(bool quick);
BenchReport bench_cpu(const BenchSizes& sizes);
#if defined(AFSIM_HAVE_CUDA)
BenchReport bench_cuda(const BenchSizes& sizes);
#endif

}  // namespace afsim
