// CUDA backend: the same kernel functors launched by Thrust's CUDA system. Include only from .cu files.
#pragma once

#include <cuda_runtime.h>
#include <thrust/system/cuda/execution_policy.h>
#include <thrust/system/cuda/vector.h>

namespace afsim {

struct CudaBackend {
  template <class T>
  using vector = thrust::cuda::vector<T>;
  static auto policy() { return thrust::cuda::par; }
  static constexpr const char* name() { return "gpu"; }
  static constexpr long long serial_below = 0;  // every launch goes to the device
  static constexpr bool host_rows = false;      // Thrust's flat counter
  static void synchronize() { cudaDeviceSynchronize(); }
};

}  // namespace afsim
