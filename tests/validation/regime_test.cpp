// MODELS §11 V12: the same cell plated below and above the limiting current of its geometry
// (inputs/regime_low_current.yaml, inputs/regime_high_current.yaml), reduced to half the width and half
// the capacity. Below i_lim the deposit stays compact; above it the front is transport-limited and
// roughens. The limiting current is the analytic one of the deck's geometry, i_lim = nF D c0/((1-t+) L).
#include <cmath>
#include <filesystem>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "config/deck.hpp"
#include "core/constants.hpp"
#include "deck_run.hpp"

namespace afsim {
namespace {

const std::vector<std::string> kReduced = {"domain.cells=[64, 256]",
                                           "protocol.steps[0].charge.until={capacity: 1.5 mAh/cm2}"};

using RegimeRun = test::DeckRun;

RegimeRun run_regime(const std::string& deck) {
  return test::run_deck(config::load_deck(std::string(AFSIM_SOURCE_DIR) + "/inputs/" + deck, kReduced),
                        std::filesystem::path(deck).stem().string());
}

class Regime : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    low_ = new RegimeRun(run_regime("regime_low_current.yaml"));
    high_ = new RegimeRun(run_regime("regime_high_current.yaml"));
  }
  static void TearDownTestSuite() {
    delete low_;
    delete high_;
  }
  static double limiting_current(const config::Config& cfg) {
    const auto& e = cfg.cell.electrolyte;
    const double l = cfg.domain.cells[1] * cfg.domain.spacing - cfg.physics.initial.film;
    return cfg.cell.metal.charge_number * constants::faraday * e.diffusivity * e.concentration /
           ((1 - e.transference) * l);
  }
  static RegimeRun* low_;
  static RegimeRun* high_;
};
RegimeRun* Regime::low_ = nullptr;
RegimeRun* Regime::high_ = nullptr;

TEST_F(Regime, BothRunsPlateTheirCapacity) {
  EXPECT_EQ(low_->summary["status"], "completed") << low_->summary.dump(2);
  EXPECT_EQ(high_->summary["status"], "completed") << high_->summary.dump(2);
}

TEST_F(Regime, LowCurrentRunsBelowTheLimitingCurrentOfItsGeometry) {
  const double i = low_->cfg.protocol.steps.at(0).current;
  EXPECT_LT(i, 0.5 * limiting_current(low_->cfg));
}

TEST_F(Regime, HighCurrentEndsTransportLimitedNearTheLimitingCurrent) {
  // Past Sand's time the potentiostatic current is what diffusion across the cell delivers: i_lim, a little
  // more as the rough front reaches into the electrolyte (the diffusion length shortens).
  const double i = high_->summary["final"]["current_density_A_m2"].get<double>();
  const double i_lim = limiting_current(high_->cfg);
  EXPECT_GT(i, 0.9 * i_lim);
  EXPECT_LT(i, 1.5 * i_lim);
  // The salt at the front is used up (the ½ contour sits inside the diffuse interface, where some remains);
  // the low-current front keeps most of c0.
  const double c0 = high_->cfg.cell.electrolyte.concentration;
  EXPECT_LT(high_->summary["final"]["c_surface_min_mol_m3"].get<double>(), 0.1 * c0);
  EXPECT_GT(low_->summary["final"]["c_surface_min_mol_m3"].get<double>(), 0.5 * c0);
}

TEST_F(Regime, LowCurrentDepositStaysCompact) {
  EXPECT_LT(low_->summary["deposit"]["interface_area"].get<double>(), 1.05);
  EXPECT_LT(low_->summary["deposit"]["porosity"].get<double>(), 0.02);
}

TEST_F(Regime, HighCurrentDepositIsClearlyRougherThanTheLowCurrentOne) {
  const double low = low_->summary["deposit"]["interface_area"].get<double>();
  const double high = high_->summary["deposit"]["interface_area"].get<double>();
  RecordProperty("interface_area_low", std::to_string(low));
  RecordProperty("interface_area_high", std::to_string(high));
  EXPECT_GT(high - 1, 3 * (low - 1)) << "low " << low << ", high " << high;
  EXPECT_GT(high, low + 0.05) << "low " << low << ", high " << high;
}

}  // namespace
}  // namespace afsim
