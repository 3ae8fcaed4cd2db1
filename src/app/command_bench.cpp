#include <algorithm>
#include <array>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <stdexcept>
#include <string>

#include <nlohmann/json.hpp>
#include <omp.h>

#include "app/commands.hpp"
#include "bench/bench.hpp"
#include "simulation/device_select.hpp"

namespace afsim::app {

namespace {

bool wants(const BenchArgs& a, const char* c) {
  return a.cases.empty() || std::find(a.cases.begin(), a.cases.end(), c) != a.cases.end();
}

// "512x512" or "256x256x256".
std::array<int, 3> parse_grid(const std::string& text) {
  std::array<int, 3> n{1, 1, 1};
  int count = 0;
  std::size_t pos = 0;
  while (pos <= text.size() && count < 3) {
    const std::size_t x = text.find('x', pos);
    const std::string part = text.substr(pos, x == std::string::npos ? std::string::npos : x - pos);
    char* end = nullptr;
    const long v = std::strtol(part.c_str(), &end, 10);
    if (part.empty() || *end != '\0' || v < 1 || v > 65536)
      throw std::invalid_argument("--grid: expected NXxNY or NXxNYxNZ such as 512x512, got \"" + text + "\"");
    n[size_t(count++)] = int(v);
    if (x == std::string::npos) break;
    pos = x + 1;
  }
  if (count < 2)
    throw std::invalid_argument("--grid: expected NXxNY or NXxNYxNZ such as 512x512, got \"" + text + "\"");
  return n;
}

std::string grid_text(const BenchCase& c) {
  return c.nz > 1 ? std::to_string(c.nx) + "x" + std::to_string(c.ny) + "x" + std::to_string(c.nz)
                  : std::to_string(c.nx) + "x" + std::to_string(c.ny);
}

void print_json(const BenchReport& r) {
  nlohmann::json rows = nlohmann::json::array();
  for (const BenchCase& c : r.cases)
    rows.push_back({{"case", c.kernel == "potential solve"  ? "potential"
                             : c.kernel == "transport step" ? "transport"
                                                            : "coupled"},
                    {"grid", c.nz > 1 ? nlohmann::json{c.nx, c.ny, c.nz} : nlohmann::json{c.nx, c.ny}},
                    {"seconds_per_step", c.seconds_per_step},
                    {"cell_updates_per_s", c.cell_updates_per_second},
                    {"bytes_per_cell", c.bytes_per_cell},
                    {"bandwidth_GBps", c.bandwidth_bytes_per_s / 1e9},
                    {"iterations", c.iterations_per_step},
                    {"mean_dt_s", c.mean_dt}});
  std::printf("%s\n",
              nlohmann::json{{"device", r.device}, {"triad_GBps", r.triad_bytes_per_s / 1e9}, {"rows", rows}}
                  .dump(2)
                  .c_str());
}

}  // namespace

int command_bench(const BenchArgs& a) {
  if (a.threads > 0) omp_set_num_threads(a.threads);
  try {
    const DeviceChoice device = choose_device(a.device);
    BenchSizes sizes = bench_sizes(a.quick);
    if (!a.grid.empty()) {
      const std::array<int, 3> g = parse_grid(a.grid);
      sizes.grids = {g};
      sizes.coupled_grids = {g};
    }
    if (!wants(a, "potential") && !wants(a, "transport")) sizes.grids.clear();
    if (!wants(a, "coupled")) sizes.coupled_grids.clear();
    if (a.steps > 0) sizes.steps = a.steps;
    BenchReport r;
#if defined(AFSIM_HAVE_CUDA)
    r = device.gpu ? bench_cuda(sizes) : bench_cpu(sizes);
#else
    r = bench_cpu(sizes);
#endif
    // The potential and transport rows are measured together; keep those asked for.
    r.cases.erase(std::remove_if(r.cases.begin(), r.cases.end(),
                                 [&](const BenchCase& c) {
                                   return (c.kernel == "potential solve" && !wants(a, "potential")) ||
                                          (c.kernel == "transport step" && !wants(a, "transport"));
                                 }),
                  r.cases.end());
    if (a.json) {
      print_json(r);
      return kExitOk;
    }
    std::printf("afsim bench on %s\n", r.device.c_str());
    std::printf("triad bandwidth (STREAM, 24 B/element): %.1f GB/s\n\n", r.triad_bytes_per_s / 1e9);
    std::printf("%-16s %-14s %12s %14s %10s %10s %9s %8s %10s %10s\n", "kernel", "grid", "ms/step",
                "cell upd/s", "B/cell", "GB/s", "of triad", "its", "mean dt/s", "sim/wall");
    for (const BenchCase& c : r.cases) {
      std::printf("%-16s %-14s %12.3f %14.3e %10.0f %10.1f %8.1f%% %8.1f", c.kernel.c_str(),
                  grid_text(c).c_str(), 1e3 * c.seconds_per_step, c.cell_updates_per_second, c.bytes_per_cell,
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
  } catch (const std::invalid_argument& e) {
    std::fprintf(stderr, "afsim bench: %s\n", e.what());
    return kExitBadInput;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "afsim bench: %s\n", e.what());
    return kExitRunFailed;
  }
}

}  // namespace afsim::app
