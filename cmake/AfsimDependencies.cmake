# Dependencies, all from Debian packages (scripts/setup installs them) and the CUDA toolkit.
find_package(OpenMP REQUIRED COMPONENTS CXX)
find_package(yaml-cpp REQUIRED)
find_package(nlohmann_json REQUIRED)
find_package(CLI11 REQUIRED)
find_package(HDF5 REQUIRED COMPONENTS C)
find_package(VTK REQUIRED COMPONENTS IOXML CommonCore CommonDataModel)

# CUDA backend: on when a CUDA compiler is found (DESIGN.md §4).
set(AFSIM_HAVE_CUDA OFF)
if(AFSIM_ENABLE_CUDA)
  include(CheckLanguage)
  check_language(CUDA)
  if(CMAKE_CUDA_COMPILER)
    if(NOT DEFINED CMAKE_CUDA_ARCHITECTURES)
      set(CMAKE_CUDA_ARCHITECTURES 90-real 90-virtual)  # sm_90 SASS plus PTX
    endif()
    set(CMAKE_CUDA_STANDARD 17)
    set(CMAKE_CUDA_STANDARD_REQUIRED ON)
    enable_language(CUDA)
    find_package(CUDAToolkit REQUIRED)
    set(AFSIM_HAVE_CUDA ON)
  endif()
endif()
message(STATUS "afsim: CUDA backend ${AFSIM_HAVE_CUDA}")

# Thrust: the CUDA toolkit's CCCL copy for both backends; Debian's libthrust-dev as the fallback.
if(NOT CUDAToolkit_FOUND)
  find_package(CUDAToolkit QUIET)
endif()
find_path(AFSIM_THRUST_INCLUDE thrust/version.h
          HINTS ${CUDAToolkit_INCLUDE_DIRS}/cccl ${CUDAToolkit_INCLUDE_DIRS} /usr/local/cuda/include/cccl
          PATHS /usr/include /usr/local/include NO_DEFAULT_PATH)
if(NOT AFSIM_THRUST_INCLUDE)
  message(FATAL_ERROR "Thrust not found: install the CUDA toolkit or Debian's libthrust-dev (scripts/setup)")
endif()
message(STATUS "afsim: Thrust from ${AFSIM_THRUST_INCLUDE}")
add_library(afsim_thrust INTERFACE)
target_include_directories(afsim_thrust SYSTEM INTERFACE ${AFSIM_THRUST_INCLUDE})
# g++ translation units see Thrust's OpenMP system as the default device system (they never include the
# CUDA system); nvcc translation units keep CUDA. Backends always name their system explicitly
# (thrust::omp::par / thrust::cuda::par), so the two defaults never meet in one type.
target_compile_definitions(afsim_thrust INTERFACE THRUST_HOST_SYSTEM=THRUST_HOST_SYSTEM_CPP
                                                   THRUST_IGNORE_CUB_VERSION_CHECK
                                                   $<$<COMPILE_LANGUAGE:CXX>:THRUST_DEVICE_SYSTEM=THRUST_DEVICE_SYSTEM_OMP>)
add_library(afsim::thrust ALIAS afsim_thrust)
