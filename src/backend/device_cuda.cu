#include <cuda_runtime.h>

#include "backend/device.hpp"

namespace afsim {

int cuda_device_count_impl() {
  int n = 0;
  if (cudaGetDeviceCount(&n) != cudaSuccess) {
    cudaGetLastError();  // clear the sticky "no driver" error
    return 0;
  }
  return n;
}

std::vector<GpuInfo> cuda_devices_impl() {
  std::vector<GpuInfo> out;
  const int n = cuda_device_count_impl();
  for (int d = 0; d < n; ++d) {
    cudaDeviceProp p{};
    if (cudaGetDeviceProperties(&p, d) != cudaSuccess) continue;
    out.push_back(GpuInfo{d, p.name, double(p.totalGlobalMem), p.major, p.minor});
  }
  return out;
}

}  // namespace afsim
