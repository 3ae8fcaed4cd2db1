#include <cstdio>
#include <exception>

#include <omp.h>

#include "app/commands.hpp"
#include "bench/bench.hpp"
#include "simulation/device_select.hpp"

namespace afsim::app {

int command_bench(const BenchArgs& a) {
  if (a.threads > 0) omp_set_num_threads(a.threads);
  try {
    const DeviceChoice device = choose_device(a.device);
    const BenchSizes sizes = bench_sizes(a.quick);
    BenchReport r;
#if defined(AFSIM_HAVE_CUDA)
    r = device.gpu ? bench_cuda(sizes) : bench_cpu(sizes);
#else
    r = bench_cpu(sizes);
#endif
    std::printf("afsim bench on %s\n", r.device.c_str());
    std::printf("triad bandwidth (STREAM, 24 B/element): %.1f GB/s\n\n", r.triad_bytes_per_s / 1e9);
    std::printf("%-16s %-14s %12s %14s %10s %10s %9s %8s %10s %10s\n", "kernel", "grid", "ms/step",
                "cell upd/s", "B/cell", "GB/s", "of triad", "its", "mean dt/s", "sim/wall");
    for (const BenchCase& c : r.cases) {
      char grid[32];
      if (c.nz > 1)
        std::snprintf(grid, sizeof grid, "%dx%dx%d", c.nx, c.ny, c.nz);
      else
        std::snprintf(grid, sizeof grid, "%dx%d", c.nx, c.ny);
      std::printf("%-16s %-14s %12.3f %14.3e %10.0f %10.1f %8.1f%% %8.1f", c.kernel.c_str(), grid,
                  1e3 * c.seconds_per_step, c.cell_updates_per_second, c.bytes_per_cell,
                  c.bandwidth_bytes_per_s / 1e9, 100 * c.bandwidth_bytes_per_s / r.triad_bytes_per_s,
                  c.iterations_per_step);
      if (c.mean_dt > 0)
        std::printf(" %10.3e %10.3e\n", c.mean_dt, c.simulated_per_wall);
      else
        std::printf(" %10s %10s\n", "-", "-");
    }
    std::printf(
        "\ncell updates/s counts one potential solve (transport step, coupled step) per cell as one update;\n"
        "B/cell is the traffic the kernels declare (solver iterations included), so GB/s is achieved\n"
        "bandwidth. coupled step: one whole time step of the moving interface through the engine "
        "(dead-metal\n"
        "labelling, phase field, potential with galvanostatic control at 1 mA/cm2, salt); its: the linear\n"
        "iterations of its potential, phase-field and salt solves; mean dt: the step the engine chose (at\n"
        "most 1 s); sim/wall: simulated time per wall-clock time.\n");
    return kExitOk;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "afsim bench: %s\n", e.what());
    return kExitRunFailed;
  }
}

}  // namespace afsim::app
