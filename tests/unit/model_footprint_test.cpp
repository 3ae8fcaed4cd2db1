// The memory estimate of the field registry (physics/field_registry.hpp, simulation/model_footprint.hpp)
// against what the allocator hands out, measured independently with glibc's mallinfo2.
#include "simulation/model_footprint.hpp"

#include <malloc.h>

#include <memory>
#include <string>

#include <gtest/gtest.h>

#include "config/deck.hpp"
#include "simulation/engine_setup.hpp"

namespace afsim {
namespace {

const std::string kMinimal = std::string(AFSIM_TEST_DATA_DIR) + "/cli/good_decks/minimal.yaml";

// Bytes in use on the heap (small blocks and mmapped large ones).
double heap_in_use() {
  const struct mallinfo2 m = mallinfo2();
  return double(m.uordblks) + double(m.hblkhd);
}

TEST(ModelFootprint, TheRegistryCountsTheBytesTheEngineAllocates) {
#if defined(__SANITIZE_ADDRESS__)
  GTEST_SKIP() << "AddressSanitizer's allocator is not glibc's: mallinfo2 does not see its blocks";
#endif
  // 256 x 256 cells: ~40 fields and two multigrid hierarchies, tens of MB, so the engine's small objects
  // (names, functions, the module list) are far below the tolerance.
  const config::Config cfg =
      config::load_deck(kMinimal, {"domain.cells=[256, 256]", "domain.spacing=0.0625 um",
                                   "physics.phase_field.interface_width=0.125 um"});
  const EngineSetup setup = make_engine_setup(cfg);
  const double before = heap_in_use();
  const std::unique_ptr<Engine> engine = make_cpu_engine(setup);
  const double allocated = heap_in_use() - before;
  ASSERT_GT(allocated, 1e7);
  EXPECT_NEAR(engine->storage_bytes(), allocated, 0.05 * allocated);
}

TEST(ModelFootprint, TheProbeEstimateMatchesTheEngineOnTheDecksGrid) {
  const config::Config cfg =
      config::load_deck(kMinimal, {"domain.cells=[256, 256]", "domain.spacing=0.0625 um",
                                   "physics.phase_field.interface_width=0.125 um"});
  const ModelFootprint f = model_footprint(cfg);
  const std::unique_ptr<Engine> engine = make_cpu_engine(make_engine_setup(cfg));
  // The 64 x 64 probe's multigrid levels are ghost-heavy, so the estimate errs a little high.
  EXPECT_GE(f.bytes(cfg.domain), engine->storage_bytes());
  EXPECT_LE(f.bytes(cfg.domain), 1.10 * engine->storage_bytes());
}

TEST(ModelFootprint, TheLiquidModelWritesItsEightFields) {
  const ModelFootprint f = model_footprint(config::load_deck(kMinimal));
  std::vector<std::string> names;
  for (const OutputFieldInfo& o : f.outputs) names.push_back(o.name);
  EXPECT_EQ(names, (std::vector<std::string>{"metal_fraction", "concentration", "potential",
                                             "electrolyte_fraction", "reaction_current_density",
                                             "reaction_rate", "current_density", "dead_metal"}));
}

}  // namespace
}  // namespace afsim
