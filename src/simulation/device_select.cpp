#include "simulation/device_select.hpp"

#include <cstdio>
#include <stdexcept>

#include <omp.h>

#include "backend/device.hpp"

namespace afsim {

DeviceChoice choose_device(const std::string& requested) {
  DeviceChoice d;
  const bool have_gpu = cuda_backend_built() && cuda_device_count() > 0;
  if (requested == "gpu" && !have_gpu) {
    throw std::invalid_argument(cuda_backend_built()
                                    ? "--device gpu: no CUDA device is visible"
                                    : "--device gpu: this afsim was built without the CUDA backend");
  }
  d.gpu = (requested == "gpu") || (requested == "auto" && have_gpu);
  if (d.gpu) {
    const auto gpus = cuda_devices();
    char buf[256];
    std::snprintf(buf, sizeof buf, "GPU 0: %s (%.1f GiB, sm_%d%d)", gpus.at(0).name.c_str(),
                  gpus.at(0).memory_bytes / (1024.0 * 1024.0 * 1024.0), gpus.at(0).cc_major,
                  gpus.at(0).cc_minor);
    d.description = buf;
    d.memory_bytes = static_cast<double>(gpus.at(0).memory_bytes);
  } else {
    d.description = "CPU: " + std::to_string(omp_get_max_threads()) + " OpenMP threads";
  }
  return d;
}

void check_device_memory(const DeviceChoice& device, long long cells, double need) {
  if (!device.gpu || !(device.memory_bytes > 0)) return;
  if (need <= device.memory_bytes) return;
  char buf[320];
  std::snprintf(buf, sizeof buf,
                "the grid of %lld cells needs about %.1f GiB of device memory (%.0f B per cell for its modules' "
                "fields and solver levels), more than the %.1f GiB of %s; use fewer cells or --device cpu",
                cells, need / (1024.0 * 1024.0 * 1024.0), need / double(cells),
                device.memory_bytes / (1024.0 * 1024.0 * 1024.0), device.description.c_str());
  throw std::invalid_argument(buf);
}

std::unique_ptr<Engine> make_engine(const DeviceChoice& device, const EngineSetup& setup) {
#if defined(AFSIM_HAVE_CUDA)
  if (device.gpu) return make_cuda_engine(setup);
#else
  if (device.gpu) throw std::runtime_error("this afsim was built without the CUDA backend");
#endif
  return make_cpu_engine(setup);
}

}  // namespace afsim
