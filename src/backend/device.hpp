// Device query: which backends this binary has and which GPUs are present.
#pragma once

#include <string>
#include <vector>

namespace afsim {

struct GpuInfo {
  int index = 0;
  std::string name;
  double memory_bytes = 0;
  int cc_major = 0, cc_minor = 0;
};

// True when the binary was built with the CUDA backend.
bool cuda_backend_built();
// Number of CUDA devices visible (0 without a driver or without the backend).
int cuda_device_count();
std::vector<GpuInfo> cuda_devices();

}  // namespace afsim
