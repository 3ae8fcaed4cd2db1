#include "backend/device.hpp"

namespace afsim {

#if defined(AFSIM_HAVE_CUDA)
// Defined in device_cuda.cu.
int cuda_device_count_impl();
std::vector<GpuInfo> cuda_devices_impl();
bool cuda_backend_built() {
  return true;
}
int cuda_device_count() {
  return cuda_device_count_impl();
}
std::vector<GpuInfo> cuda_devices() {
  return cuda_devices_impl();
}
#else
bool cuda_backend_built() {
  return false;
}
int cuda_device_count() {
  return 0;
}
std::vector<GpuInfo> cuda_devices() {
  return {};
}
#endif

}  // namespace afsim
