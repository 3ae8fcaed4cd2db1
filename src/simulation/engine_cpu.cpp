// The engine on the CPU backend (Thrust, OpenMP system).
#include "backend/cpu_backend.hpp"
#include "simulation/engine_impl.hpp"

namespace afsim {

const std::vector<std::string>& engine_field_names() {
  static const std::vector<std::string> names = {
      "metal_fraction",           "electrolyte_fraction", "concentration",   "potential",
      "reaction_current_density", "reaction_rate",        "current_density", "dead_metal"};
  return names;
}

std::unique_ptr<Engine> make_cpu_engine(const EngineSetup& setup) {
  return std::make_unique<EngineOn<CpuBackend>>(setup);
}

}  // namespace afsim
