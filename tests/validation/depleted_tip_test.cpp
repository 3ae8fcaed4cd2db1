// A nucleus held at a large overpotential uses up the salt at its tip within a few hundredths of a second
// (the H&V parameters of inputs/li_dendrite_literature.yaml on a 8 x 50 um strip, with LP30's t+ = 0.33 and
// conductivity fit in place of their single-ion electrolyte, which consumes no salt). With a constant
// conductivity the diffusion potential kappa_D grad ln c of the emptied cells turned the current over from
// step to step (+4000 / -7000 A/m^2); with kappa_e(c) (MODELS §3, docs/model-notes.md "Conductivity of a
// depleted electrolyte") the transport-limited current falls smoothly, as diffusion-limited plating does.
#include <cmath>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "config/deck.hpp"
#include "deck_run.hpp"

namespace afsim {
namespace {

class DepletedTip : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    const std::vector<std::string> strip = {
        "domain.cells=[32, 200]", "output.every=0.05 s",
        "physics.initial={film: 20 um, bumps: [{x: 4 um, radius: 3 um}]}",
        "protocol.steps[0].charge.until={time: 0.6 s}",
        "cell.electrolyte={name: LiPF6_EC_DMC, diffusivity: 3.179e-10 m2/s, "
        "conductivity: 1.19 S/m}"};
    run_ = new test::DeckRun(test::run_deck(
        config::load_deck(std::string(AFSIM_SOURCE_DIR) + "/inputs/li_dendrite_literature.yaml", strip),
        "depleted_tip"));
  }
  static void TearDownTestSuite() { delete run_; }
  static test::DeckRun* run_;
};
test::DeckRun* DepletedTip::run_ = nullptr;

TEST_F(DepletedTip, RunCompletes) {
  EXPECT_EQ(run_->summary["status"], "completed") << run_->summary.dump(2);
}

TEST_F(DepletedTip, SaltAtTheTipIsUsedUp) {
  // The premise: at some output the front has (nearly) no salt left.
  double lowest = 1e300;
  for (double c : run_->series->column("c_surface_min_mol_m3")) lowest = std::min(lowest, c);
  EXPECT_LT(lowest, 0.01 * run_->cfg.cell.electrolyte.concentration);
}

TEST_F(DepletedTip, PlatingCurrentFallsMonotonicallyOnceTheTipIsStarved) {
  // Potentiostatic plating into a depleting electrolyte: the current stays cathodic and only decreases
  // (a diffusion-limited transient); no output row may turn anodic or jump back up by more than 5 %.
  const std::vector<double> i = run_->series->column("current_density_A_m2");
  ASSERT_GE(i.size(), 10u);
  for (std::size_t r = 1; r < i.size(); ++r) {
    EXPECT_GT(i[r], 0.0) << "row " << r;
    EXPECT_LT(i[r], 1.05 * i[r - 1]) << "row " << r;
  }
}

}  // namespace
}  // namespace afsim
