// Issue 4: a grid that cannot fit in the GPU's memory is refused before anything is allocated, with the
// estimate and the limit in the message.
#include <stdexcept>
#include <string>

#include <gtest/gtest.h>

#include "simulation/device_select.hpp"

namespace afsim {
namespace {

DeviceChoice gpu_with(double gib) {
  DeviceChoice d;
  d.gpu = true;
  d.description = "GPU 0: test device";
  d.memory_bytes = gib * 1024.0 * 1024.0 * 1024.0;
  return d;
}

TEST(DeviceMemory, AGridBeyondTheGpuMemoryIsRefusedNamingEstimateAndLimit) {
  // 4000^2 cells at 90 doubles each need 10.73 GiB: more than a 4 GiB device.
  try {
    check_device_memory(gpu_with(4.0), 4000LL * 4000LL, 4000.0 * 4000.0 * 90 * sizeof(double));
    FAIL() << "expected a refusal";
  } catch (const std::invalid_argument& e) {
    const std::string m = e.what();
    EXPECT_NE(m.find("10.7 GiB"), std::string::npos) << m;
    EXPECT_NE(m.find("4.0 GiB"), std::string::npos) << m;
    EXPECT_NE(m.find("16000000 cells"), std::string::npos) << m;
  }
}

TEST(DeviceMemory, AGridThatFitsIsAccepted) {
  EXPECT_NO_THROW(check_device_memory(gpu_with(16.0), 4096LL * 4096LL, 4096.0 * 4096.0 * 90 * sizeof(double)));
}

TEST(DeviceMemory, TheCpuIsNotCheckedHere) {
  DeviceChoice cpu;  // host memory is bounded by check_deck_against_model (simulation/model_footprint.hpp)
  EXPECT_NO_THROW(check_device_memory(cpu, 1LL << 40, 1e18));
}

}  // namespace
}  // namespace afsim
