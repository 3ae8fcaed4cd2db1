// MODELS §11 V1 (Faraday's law, plating and stripping), V2 (planar front velocity) and V9 (ledger) through
// whole runs of the validation decks with a moving interface; the expected numbers come from the decks'
// own parameters (i, V_m, n), never from an earlier run.
#include <algorithm>
#include <cmath>
#include <filesystem>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "config/deck.hpp"
#include "deck_run.hpp"
#include "ledger_check.hpp"
#include "temp_dir.hpp"

namespace afsim {
namespace {

using test::DeckRun;

DeckRun run_deck(const std::string& deck, const std::vector<std::string>& overrides = {}) {
  return test::run_deck(config::load_deck(test::data_path(deck), overrides),
                        std::filesystem::path(deck).stem().string());
}

// Least-squares slope of y(t) over the rows whose step kind is `kind`.
double slope_during(const DeckRun& r, const std::string& kind, const std::string& column) {
  const auto t = r.series->column("time_s"), y = r.series->column(column);
  const auto k = r.series->text("step_kind");
  double st = 0, sy = 0, stt = 0, sty = 0, n = 0;
  for (size_t m = 1; m < t.size(); ++m) {
    // Rows inside the step (the row before it starts is the previous step's end, skipped).
    if (k[m] != kind || k[m - 1] != kind) continue;
    st += t[m], sy += y[m], stt += t[m] * t[m], sty += t[m] * y[m], n += 1;
  }
  EXPECT_GE(n, 3) << "too few rows during " << kind;
  return (n * sty - st * sy) / (n * stt - st * st);
}

// Metal in the fields (connected + dead) against the metal the charge passed formed, row by row:
// the largest deviation relative to the largest amount of metal held.
double worst_faraday_error(const DeckRun& r) {
  const auto q = r.series->column("charge_C_m2");
  const auto conn = r.series->column("metal_connected_mol_m2"), dead = r.series->column("metal_dead_mol_m2");
  const double m0 = conn[0] + dead[0] - q[0] / r.nF();
  double worst = 0, largest = 0;
  for (size_t m = 0; m < q.size(); ++m) {
    const double metal = conn[m] + dead[m];
    largest = std::max(largest, metal);
    worst = std::max(worst, std::abs(metal - (m0 + q[m] / r.nF())));
  }
  return worst / largest;
}

class PlanarFront : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { run_ = new DeckRun(run_deck("validation/decks/planar_plating_1d.yaml")); }
  static void TearDownTestSuite() {
    delete run_;
    run_ = nullptr;
  }
  // v = i V_m / (nF), MODELS §11 V2.
  static double faraday_velocity() {
    const double i = run_->cfg.protocol.steps.at(0).current;
    return i * run_->cfg.cell.metal.molar_volume / run_->nF();
  }
  static DeckRun* run_;
};
DeckRun* PlanarFront::run_ = nullptr;

TEST_F(PlanarFront, RunCompletesItsProtocol) {
  EXPECT_EQ(run_->summary["status"], "completed") << run_->summary.dump(2);
}

TEST_F(PlanarFront, MovesAtFaradayVelocityWhilePlating) {
  const double v = slope_during(*run_, "charge", "envelope_mean_m");
  EXPECT_NEAR(v, faraday_velocity(), 0.02 * faraday_velocity());
}

TEST_F(PlanarFront, RecedesAtFaradayVelocityWhileStripping) {
  const double v = slope_during(*run_, "discharge", "envelope_mean_m");
  EXPECT_NEAR(v, -faraday_velocity(), 0.02 * faraday_velocity());
}

TEST_F(PlanarFront, MetalFollowsTheChargePassedWithinHalfAPercent) {
  EXPECT_LT(worst_faraday_error(*run_), 0.005);
  // The metal did move: 200 s at 10 mA/cm2 plate 2.7 um, i.e. about half the film again.
  const auto conn = run_->series->column("metal_connected_mol_m2");
  const double plated = 100.0 * 200.0 / run_->nF();
  EXPECT_NEAR(*std::max_element(conn.begin(), conn.end()) - conn.front(), plated, 0.005 * plated);
}

TEST_F(PlanarFront, CycleFindsTheFilmAndCountsItAsAvailableMetal) {
  const auto& c = run_->summary["cycles"].at(0);
  // The deck's film as charge: thickness / V_m x nF (its diffuse edge is symmetric about 5 um).
  const double film = 5e-6 / run_->cfg.cell.metal.molar_volume * run_->nF();
  EXPECT_NEAR(c["metal_connected_start_C_m2"].get<double>(), film, 0.005 * film);
  // 200 s at 10 mA/cm2 in and out: CE 1, the film is left, and of the film plus the plated metal the
  // plated part came back.
  const double q = 100.0 * 200.0;
  EXPECT_NEAR(c["ce"].get<double>(), 1.0, 0.005);
  EXPECT_NEAR(c["metal_connected_end_C_m2"].get<double>(), film, 0.005 * film);
  EXPECT_NEAR(c["returned_fraction"].get<double>(), q / (q + film), 0.005 * q / (q + film));
}

TEST_F(PlanarFront, LedgerClosesToTenToTheMinusTenInEveryRow) {
  for (double e : run_->series->column("ledger_error_rel")) EXPECT_LT(e, 1e-10);
  EXPECT_LT(test::recomputed_ledger_error(*run_->series), 1e-10);
  EXPECT_LT(test::cathode_faraday_error(*run_->series, run_->nF()), 1e-12);
}

class SeededCycle : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { run_ = new DeckRun(run_deck("validation/decks/seeded_cycle_2d.yaml")); }
  static void TearDownTestSuite() {
    delete run_;
    run_ = nullptr;
  }
  static DeckRun* run_;
};
DeckRun* SeededCycle::run_ = nullptr;

TEST_F(SeededCycle, MetalFollowsTheChargePassedWithinHalfAPercent) {
  EXPECT_LT(worst_faraday_error(*run_), 0.005);
}

TEST_F(SeededCycle, DischargeEndsWhenTheMetalIsExhausted) {
  ASSERT_EQ(run_->summary["status"], "completed") << run_->summary.dump(2);
  // The discharge step allows an hour; the 0.05 mAh/cm2 plated at 1 mA/cm2 (plus the seeds) last minutes.
  const double charge_time = 0.05 * 3.6 * 1e4 / 10.0;  // capacity / current, s
  EXPECT_LT(run_->summary["time_s"].get<double>(), 3 * charge_time + 60.0);
  const auto conn = run_->series->column("metal_connected_mol_m2");
  EXPECT_LT(conn.back(), 1e-3 * *std::max_element(conn.begin(), conn.end()));
}

TEST_F(SeededCycle, CoulombicEfficiencyIsAtMostOneAndLossesAreTheDeadMetal) {
  const auto& c = run_->summary["cycles"].at(0);
  const double q_in = c["charge_in_C_m2"].get<double>(), q_out = c["charge_out_C_m2"].get<double>();
  EXPECT_LE(c["ce"].get<double>(), 1.0 + 1e-12);
  EXPECT_GT(c["ce"].get<double>(), 0.5);
  // What did not come back is still metal in the cell: dead islands (or a last unreactive residue).
  const double left = run_->summary["ledger"]["metal_dead_mol_m2"].get<double>() +
                      run_->summary["ledger"]["metal_connected_mol_m2"].get<double>();
  EXPECT_NEAR(left * run_->nF(), q_in - q_out, 0.005 * q_in);
}

TEST_F(SeededCycle, CycleMetalBalanceClosesWithTheNucleiCountedAsChargeIn) {
  const auto& c = run_->summary["cycles"].at(0);
  // Anode-free: the seeds are the first charge in, so the cycle found no metal of its own.
  EXPECT_NEAR(c["metal_connected_start_C_m2"].get<double>(), 0.0, 1e-9 * c["charge_in_C_m2"].get<double>());
  EXPECT_DOUBLE_EQ(c["returned_fraction"].get<double>(), c["ce"].get<double>());
  // Q_in + connected at the start = Q_out + connected at the end + dead metal formed.
  const double in = c["charge_in_C_m2"].get<double>() + c["metal_connected_start_C_m2"].get<double>();
  const double out = c["charge_out_C_m2"].get<double>() + c["metal_connected_end_C_m2"].get<double>() +
                     c["dead_metal_formed_C_m2"].get<double>();
  EXPECT_NEAR(out, in, 0.005 * in);
}

TEST_F(SeededCycle, LedgerClosesToTenToTheMinusTenInEveryRow) {
  for (double e : run_->series->column("ledger_error_rel")) EXPECT_LT(e, 1e-10);
  EXPECT_LT(test::recomputed_ledger_error(*run_->series), 1e-10);
  EXPECT_LT(test::cathode_faraday_error(*run_->series, run_->nF()), 1e-12);
}

// The same cycle with Gibbs–Thomson capillarity (docs/model-notes.md, "Capillarity"; it needs l >= 4 cells):
// the curvature-free relaxation and the surface potential must keep Faraday's law and the ledger exactly as
// the default does.
class SeededCycleGibbsThomson : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    run_ = new DeckRun(run_deck(
        "validation/decks/seeded_cycle_2d.yaml",
        {"physics.phase_field.interface_width=0.4 um", "physics.phase_field.capillarity=gibbs_thomson"}));
  }
  static void TearDownTestSuite() {
    delete run_;
    run_ = nullptr;
  }
  static DeckRun* run_;
};
DeckRun* SeededCycleGibbsThomson::run_ = nullptr;

TEST_F(SeededCycleGibbsThomson, CompletesWithTheMetalFollowingTheChargeWithinHalfAPercent) {
  ASSERT_EQ(run_->summary["status"], "completed") << run_->summary.dump(2);
  EXPECT_EQ(run_->summary["deck"]["physics"]["phase_field"]["capillarity"], "gibbs_thomson");
  EXPECT_LT(worst_faraday_error(*run_), 0.005);
}

TEST_F(SeededCycleGibbsThomson, LedgerClosesToTenToTheMinusTenInEveryRow) {
  for (double e : run_->series->column("ledger_error_rel")) EXPECT_LT(e, 1e-10);
  EXPECT_LT(test::recomputed_ledger_error(*run_->series), 1e-10);
  EXPECT_LT(test::cathode_faraday_error(*run_->series, run_->nF()), 1e-12);
}

}  // namespace
}  // namespace afsim
