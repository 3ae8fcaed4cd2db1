// CPU backend: Thrust with its OpenMP system (DESIGN.md §4). Always built.
#pragma once

#include <thrust/system/omp/execution_policy.h>
#include <thrust/system/omp/vector.h>

namespace afsim {

struct CpuBackend {
  template <class T>
  using vector = thrust::omp::vector<T>;
  static auto policy() { return thrust::omp::par; }
  static constexpr const char* name() { return "cpu"; }
  // Launches with fewer elements run serially (src/backend/algorithms.hpp, dispatch).
  static constexpr long long serial_below = 8192;
  // Launches walk rows on the host (src/backend/algorithms.hpp), not a flat counter.
  static constexpr bool host_rows = true;
  static void synchronize() {}
};

}  // namespace afsim
