// The engine on the CUDA backend: the same functors, launched by Thrust's CUDA system.
#include "backend/cuda_backend.hpp"
#include "simulation/engine_impl.hpp"

namespace afsim {

std::unique_ptr<Engine> make_cuda_engine(const EngineSetup& setup) {
  return std::make_unique<EngineOn<CudaBackend>>(setup);
}

}  // namespace afsim
