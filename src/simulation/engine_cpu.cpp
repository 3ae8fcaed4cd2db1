// The engine on the CPU backend (Thrust, OpenMP system).
#include "backend/cpu_backend.hpp"
#include "simulation/engine_impl.hpp"

namespace afsim {

std::unique_ptr<Engine> make_cpu_engine(const EngineSetup& setup) {
  return std::make_unique<EngineOn<CpuBackend>>(setup);
}

}  // namespace afsim
