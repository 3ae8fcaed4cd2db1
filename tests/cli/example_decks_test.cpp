// Every deck shipped in inputs/ runs through the real binary (issue 3: "each runs in CI as a smoke test
// with a reduced size"): a smaller grid, a few steps, then the stop at --max-steps; the outputs are
// complete, the metal ledger closes and the deposit is where the deck puts it.
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "csv_table.hpp"
#include "ledger_check.hpp"
#include "run_process.hpp"
#include "temp_dir.hpp"

namespace {

namespace fs = std::filesystem;
using afsim::test::ProcessResult;
using afsim::test::run_afsim;
using afsim::test::TempDir;

struct ExampleDeck {
  std::string file;
  std::vector<std::string> sets;  // the reduction: fewer cells, same physics
};

const std::vector<ExampleDeck>& example_decks() {
  static const std::vector<ExampleDeck> d = {
      {"current_distribution_2d.yaml", {"domain.cells=[96, 96]", "physics.initial.needles=[]"}},
      {"li_cu_liquid_2d.yaml", {"domain.cells=[48, 96]"}},
      {"na_al_liquid_2d.yaml", {"domain.cells=[48, 96]"}},
      {"regime_low_current.yaml", {"domain.cells=[32, 64]"}},
      {"regime_high_current.yaml", {"domain.cells=[32, 64]"}},
      // Gibbs–Thomson capillarity keeps h = 0.25 um (l = 4 cells): 8 x 32 um, the film and one nucleus.
      {"li_dendrites_dead_li_2d.yaml", {"domain.cells=[32, 128]"}},
      // The 20 um film needs 80 of the 0.25 um cells; 40 more of electrolyte above it.
      {"li_dendrite_literature.yaml", {"domain.cells=[48, 120]"}},
  };
  return d;
}

class ExampleDeckRun : public ::testing::TestWithParam<ExampleDeck> {};

TEST_P(ExampleDeckRun, RunsReducedAndStopsCleanlyWithTheLedgerClosed) {
  const ExampleDeck& deck = GetParam();
  TempDir dir;
  const fs::path out = dir.path() / "out";
  std::vector<std::string> args = {"run",         std::string(AFSIM_SOURCE_DIR) + "/inputs/" + deck.file,
                                   "--output",    out.string(),
                                   "--device",    "cpu",
                                   "--threads",   "1",
                                   "--max-steps", "6"};
  for (const std::string& s : deck.sets) {
    args.push_back("--set");
    args.push_back(s);
  }
  const ProcessResult r = run_afsim(args);
  // Exit 4: stopped by --max-steps with a checkpoint (exit 0 would mean the protocol already ended).
  ASSERT_EQ(r.exit_code, 4) << r.out << "\n" << r.err;
  std::ifstream in(out / "summary.json");
  const nlohmann::json j = nlohmann::json::parse(in);
  EXPECT_EQ(j["status"], "interrupted");
  EXPECT_EQ(j["steps"].get<long long>(), 6);
  EXPECT_LT(j["ledger"]["error_rel"].get<double>(), 1e-10);
  EXPECT_GT(j["ledger"]["metal_connected_mol_m2"].get<double>(), 0.0);
  EXPECT_TRUE(fs::exists(out / "run.pvd"));
  EXPECT_TRUE(fs::exists(out / "checkpoint.h5"));
  const afsim::test::CsvTable series((out / "timeseries.csv").string());
  ASSERT_GE(series.rows(), 2u);
  for (double dt : series.column("dt_s")) EXPECT_GE(dt, 0.0);
  // The ledger recomputed here from the inventory columns, and the cathode against the charge passed.
  EXPECT_LT(afsim::test::recomputed_ledger_error(series), 1e-10);
  const double nF = j["deck"]["cell"]["metal"]["charge_number"].get<double>() * 96485.33212;
  EXPECT_LT(afsim::test::cathode_faraday_error(series, nF), 1e-12);
}

INSTANTIATE_TEST_SUITE_P(Inputs, ExampleDeckRun, ::testing::ValuesIn(example_decks()),
                         [](const ::testing::TestParamInfo<ExampleDeck>& info) {
                           return info.param.file.substr(0, info.param.file.find('.'));
                         });

}  // namespace
