// Run-time backend choice (--device auto|cpu|gpu) and the engine factory.
#pragma once

#include <memory>
#include <string>

#include "simulation/engine.hpp"

namespace afsim {

struct DeviceChoice {
  bool gpu = false;
  std::string description;  // e.g. "GPU 0: NVIDIA H100 80GB HBM3 (79.1 GiB)" or "CPU: 2 OpenMP threads"
  double memory_bytes = 0;  // the GPU's memory; 0 on the CPU (check_deck_against_model bounds host memory)
};

// Throws std::runtime_error when "gpu" is asked for and none is usable.
DeviceChoice choose_device(const std::string& requested);
// Throws std::invalid_argument, naming the estimate and the limit, when a grid of `cells` cells that needs
// `bytes` (the modules' field registry, simulation/model_footprint.hpp) cannot fit in the chosen GPU's
// memory (checked before anything is allocated).
void check_device_memory(const DeviceChoice& device, long long cells, double bytes);
std::unique_ptr<Engine> make_engine(const DeviceChoice& device, const EngineSetup& setup);

}  // namespace afsim
