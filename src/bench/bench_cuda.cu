#include "backend/cuda_backend.hpp"
#include "backend/device.hpp"
#include "bench/bench_impl.hpp"

namespace afsim {

BenchReport bench_cuda(const BenchSizes& sizes) {
  const auto gpus = cuda_devices();
  return bench_on<CudaBackend>(sizes, "GPU 0: " + (gpus.empty() ? std::string("?") : gpus[0].name),
                               make_cuda_engine);
}

}  // namespace afsim
