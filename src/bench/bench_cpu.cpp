#include <omp.h>

#include "backend/cpu_backend.hpp"
#include "bench/bench_impl.hpp"

namespace afsim {

BenchSizes bench_sizes(bool quick) {
  BenchSizes s;
  if (quick) {
    s.grids = {{64, 64, 1}, {32, 32, 32}};
    s.coupled_grids = {{64, 64, 1}, {32, 32, 32}};
    s.triad_elements = 1 << 23;  // 3 x 64 MiB: beyond the last-level cache even of a quick run
    s.steps = 2;
  } else {
    s.grids = {{256, 256, 1}, {1024, 1024, 1}, {256, 256, 256}};
    s.coupled_grids = {{512, 512, 1}, {2048, 2048, 1}, {256, 256, 256}};
    s.triad_elements = 1 << 26;  // 3 x 512 MiB: well beyond any cache
    s.steps = 3;
  }
  return s;
}

BenchReport bench_cpu(const BenchSizes& sizes) {
  return bench_on<CpuBackend>(sizes, "CPU: " + std::to_string(omp_get_max_threads()) + " OpenMP threads",
                              make_cpu_engine);
}

}  // namespace afsim
