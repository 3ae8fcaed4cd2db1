// MODELS §11 V3 (Sand's time) and V4 (limiting current) through a whole run of the deck.
#include <cmath>
#include <fstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "config/deck.hpp"
#include "core/constants.hpp"
#include "simulation/run.hpp"
#include "temp_dir.hpp"

namespace afsim {
namespace {

nlohmann::json run_and_read_summary(const config::Config& cfg, const std::filesystem::path& dir) {
  RunOptions opt;
  opt.output = dir.string();
  opt.device = "cpu";
  opt.log = nullptr;
  run_simulation(cfg, opt);
  std::ifstream in(dir / "summary.json");
  return nlohmann::json::parse(in);
}

TEST(TransportLimits, SandTime_MatchesPlanarAnalyticWithinFivePercent) {
  test::TempDir tmp;
  const config::Config cfg = config::load_deck(test::data_path("validation/decks/sand_1d.yaml"));
  const auto j = run_and_read_summary(cfg, tmp.path());
  ASSERT_EQ(j["status"], "cutoff") << j.dump(2);
  ASSERT_TRUE(j["sand"]["reached"].get<bool>());
  // t_S = pi D (c0 nF)^2 / (4 i^2 (1 - t+)^2), from the deck's own parameters.
  const auto& e = cfg.cell.electrolyte;
  const double i = cfg.protocol.steps.at(0).current;
  const double a = e.concentration * constants::faraday / (i * (1 - e.transference));
  const double t_sand = constants::pi * e.diffusivity * a * a / 4;
  EXPECT_NEAR(j["sand"]["time_s"].get<double>(), t_sand, 0.05 * t_sand);
}

TEST(TransportLimits, ClosedCell_LedgerClosesToSolverTolerance) {
  test::TempDir tmp;
  const config::Config cfg =
      config::load_deck(test::data_path("validation/decks/sand_1d.yaml"),
                        {"protocol.steps=[{charge: {current: 10 mA/cm2, until: {time: 100 s}}}]"});
  const auto j = run_and_read_summary(cfg, tmp.path());
  ASSERT_EQ(j["status"], "completed");
  EXPECT_LT(j["ledger"]["error_rel"].get<double>(), 1e-10);  // V9
  // Faraday: the charge passed is what the protocol asked for.
  EXPECT_NEAR(j["final"]["charge_C_m2"].get<double>(), 100.0 * 100.0, 1e-6 * 1e4);
}

TEST(TransportLimits, LimitingCurrent_FromSteadySurfaceConcentrationMatchesAnalyticWithinThreePercent) {
  test::TempDir tmp;
  const config::Config cfg = config::load_deck(test::data_path("validation/decks/limiting_current_1d.yaml"));
  const auto j = run_and_read_summary(cfg, tmp.path());
  ASSERT_EQ(j["status"], "completed") << j.dump(2);
  // i_lim = nF D c0 / ((1 - t+) L), L from the interface (y = film) to the reservoir face at y = L_y.
  const auto& e = cfg.cell.electrolyte;
  const double l = cfg.domain.cells[1] * cfg.domain.spacing - cfg.physics.initial.film;
  const double i_lim = constants::faraday * e.diffusivity * e.concentration / ((1 - e.transference) * l);
  // The simulated steady state: the current carried and the concentration left at the reaction front.
  const double i = j["final"]["current_density_A_m2"].get<double>();
  const double c_s = j["final"]["c_surface_min_mol_m3"].get<double>();
  ASSERT_GT(c_s, 0.0);
  const double i_lim_simulated = i / (1 - c_s / e.concentration);
  EXPECT_NEAR(i_lim_simulated, i_lim, 0.03 * i_lim);
}

}  // namespace
}  // namespace afsim
