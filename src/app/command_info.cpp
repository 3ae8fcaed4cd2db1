#include <cstdio>

#include <CLI/Version.hpp>
#include <H5public.h>
#include <nlohmann/json.hpp>
#include <omp.h>
#include <thrust/version.h>
#include <vtkVersionMacros.h>

#include "app/commands.hpp"
#include "backend/device.hpp"
#include "config/deck.hpp"
#include "core/defs.hpp"

#ifndef AFSIM_GIT
#define AFSIM_GIT "unknown"
#endif

namespace afsim::app {

int command_info() {
  std::printf("afsim %s (git %s)\n", AFSIM_VERSION, AFSIM_GIT);
#if defined(NDEBUG)
  std::printf("build:      optimised, Real = %s\n", sizeof(Real) == 8 ? "double" : "float");
#else
  std::printf("build:      debug, Real = %s\n", sizeof(Real) == 8 ? "double" : "float");
#endif
  std::printf("backends:   cpu (Thrust/OpenMP, %d threads)%s\n", omp_get_max_threads(),
              cuda_backend_built() ? ", gpu (Thrust/CUDA, sm_90)" : "");
  const auto gpus = cuda_devices();
  if (!cuda_backend_built()) {
    std::printf("devices:    CUDA backend not built\n");
  } else if (gpus.empty()) {
    std::printf("devices:    no CUDA device visible (--device auto runs on the CPU)\n");
  } else {
    for (const auto& g : gpus)
      std::printf("devices:    GPU %d: %s, %.1f GiB, compute capability %d.%d\n", g.index, g.name.c_str(),
                  g.memory_bytes / (1024.0 * 1024.0 * 1024.0), g.cc_major, g.cc_minor);
  }
  std::printf("libraries:  Thrust %d.%d.%d, VTK %s, HDF5 %d.%d.%d, nlohmann_json %d.%d.%d, CLI11 %s\n",
              THRUST_MAJOR_VERSION, THRUST_MINOR_VERSION, THRUST_SUBMINOR_VERSION, VTK_VERSION, H5_VERS_MAJOR,
              H5_VERS_MINOR, H5_VERS_RELEASE, NLOHMANN_JSON_VERSION_MAJOR, NLOHMANN_JSON_VERSION_MINOR,
              NLOHMANN_JSON_VERSION_PATCH, CLI11_VERSION);
  std::printf("materials:  %s\n", config::default_materials_dir().c_str());
  return kExitOk;
}

}  // namespace afsim::app
