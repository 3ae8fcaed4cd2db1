// The shipped example inputs/li_dendrites_dead_li_2d.yaml at full size (ctest label `long`: ~14 min on one
// core; scripts/test runs it with AFSIM_LONG_TESTS=1). Plated above the limiting current the nuclei run
// away as dendrites; stripped at a kinetically controlled current every surface dissolves at about the same
// rate, so the necks part before the heads above them and the heads stay behind as dead metal (MODELS §7,
// V8 end to end). The bounds are physical, not this run's numbers: dendrites are deposits much taller than
// the dense-equivalent film of the same metal, and dead metal is what the discharge could not take back.
#include <algorithm>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "config/deck.hpp"
#include "deck_run.hpp"

namespace afsim {
namespace {

class DendritesStripped : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    run_ = new test::DeckRun(test::run_deck(
        config::load_deck(std::string(AFSIM_SOURCE_DIR) + "/inputs/li_dendrites_dead_li_2d.yaml"),
        "dendrites_dead_li"));
  }
  static void TearDownTestSuite() { delete run_; }
  // The row of the time series where the charge step ended (the last charge row).
  static std::size_t end_of_charge() {
    const auto kinds = run_->series->text("step_kind");
    std::size_t last = 0;
    for (std::size_t r = 0; r < kinds.size(); ++r)
      if (kinds[r] == "charge") last = r;
    return last;
  }
  static test::DeckRun* run_;
};
test::DeckRun* DendritesStripped::run_ = nullptr;

TEST_F(DendritesStripped, CycleCompletesOnMetalExhaustedWithTheLedgerClosed) {
  EXPECT_EQ(run_->summary["status"], "completed") << run_->summary.dump(2);
  for (double e : run_->series->column("ledger_error_rel")) EXPECT_LT(e, 1e-10);
  EXPECT_LT(run_->summary["ledger"]["metal_connected_mol_m2"].get<double>(), 1e-3);
}

TEST_F(DendritesStripped, PlatingAboveTheLimitingCurrentGrowsDendrites) {
  // At the end of the charge the highest tip stands at least twice as high as the deposit would be if the
  // same metal lay flat (a compact deposit has tip / dense ~ 1; regime_low_current.yaml: 1.02 in area).
  const std::size_t r = end_of_charge();
  const double tip = run_->series->column("tip_height_m")[r];
  const double dense = run_->series->column("dense_thickness_m")[r];
  EXPECT_GT(tip, 2.0 * dense) << "tip " << tip << ", dense " << dense;
}

TEST_F(DendritesStripped, StrippingLeavesDeadLithiumBehind) {
  const auto& ledger = run_->summary["ledger"];
  const double dead = ledger["metal_dead_mol_m2"].get<double>();
  const double plated = run_->summary["cycles"].at(0)["charge_in_C_m2"].get<double>() / run_->nF();
  EXPECT_GE(run_->summary["deposit"]["dead_islands"].get<long long>(), 1);
  // More than a trace: at least 5 % of what was plated is cut off (a dense film leaves < 1 %, V8).
  EXPECT_GT(dead, 0.05 * plated) << "dead " << dead << " of " << plated << " mol/m2 plated";
}

TEST_F(DendritesStripped, TheCycleBooksTheDeadMetalAsNotReturned) {
  // The deck starts from a film, so CE = Q_out / Q_in may exceed 1; of the metal available (film plus
  // plated) the dead part did not come back, and the cycle's dead metal formed is the ledger's.
  const auto& c = run_->summary["cycles"].at(0);
  const double dead = run_->summary["ledger"]["metal_dead_mol_m2"].get<double>() * run_->nF();
  EXPECT_NEAR(c["dead_metal_formed_C_m2"].get<double>(), dead, 1e-9 * dead);
  const double available = c["charge_in_C_m2"].get<double>() + c["metal_connected_start_C_m2"].get<double>();
  EXPECT_LT(c["returned_fraction"].get<double>(), 1.0 - 0.9 * dead / available);
}

}  // namespace
}  // namespace afsim
