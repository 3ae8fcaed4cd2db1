// The backend list of the backend-parametrised suites: CpuBackend always; CudaBackend when this file is
// compiled by nvcc. GPU cases skip when no device is present (CI has none).
#pragma once

#include <gtest/gtest.h>

#include "backend/cpu_backend.hpp"
#include "backend/device.hpp"

#if defined(__CUDACC__)
#include "backend/cuda_backend.hpp"
#endif

namespace afsim::test {

#if defined(__CUDACC__)
using Backends = ::testing::Types<CpuBackend, CudaBackend>;
#else
using Backends = ::testing::Types<CpuBackend>;
#endif

template <class B>
bool backend_available() {
  if constexpr (std::is_same_v<B, CpuBackend>) {
    return true;
  } else {
    return cuda_device_count() > 0;
  }
}

}  // namespace afsim::test

// First statement of every typed test: skips the GPU instance without a device.
#define AFSIM_REQUIRE_BACKEND(B)                                          \
  do {                                                                    \
    if (!::afsim::test::backend_available<B>()) GTEST_SKIP() << "no GPU"; \
  } while (0)
