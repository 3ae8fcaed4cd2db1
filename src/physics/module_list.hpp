// The registration of the models beyond the liquid model (docs/adding-a-model.md §5). The liquid model's
// three modules (phase field, electrolyte, dead metal) carry its coupled step; every further model is built
// here when its deck section asks for it, and the engine then calls it in each stage after those three
// (declare, bind, contribute, step_limit, after_step, observe, columns, ledger, state, stop_reason).
#pragma once

#include <memory>
#include <vector>

#include "physics/engine_setup.hpp"
#include "physics/module.hpp"

namespace afsim {

template <class B>
std::vector<std::unique_ptr<PhysicsModule<B>>> make_extra_modules(const EngineSetup& setup) {
  std::vector<std::unique_ptr<PhysicsModule<B>>> modules;
  // One line per model, e.g.
  //   if (setup.deck.physics.nucleation.enabled) modules.push_back(std::make_unique<Nucleation<B>>(setup));
  // No model beyond the liquid model is built yet: nucleation (MODELS §4) is the first.
  (void)setup;
  return modules;
}

}  // namespace afsim
