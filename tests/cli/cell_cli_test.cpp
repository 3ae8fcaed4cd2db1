// `afsim cell` through the real binary: outputs, --set, --sweep, --from a run directory (MODELS (9.4)) and
// bad decks (exit 2 with file:line:col, as `afsim run`).
#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "io/summary.hpp"
#include "io/vtk_writer.hpp"
#include "run_process.hpp"
#include "temp_dir.hpp"

namespace {

namespace fs = std::filesystem;
using afsim::test::ProcessResult;
using afsim::test::run_afsim;
using afsim::test::TempDir;
using nlohmann::json;

std::string cells(const std::string& name) {
  return std::string(AFSIM_SOURCE_DIR) + "/inputs/cells/" + name;
}

json read_json(const fs::path& p) {
  std::ifstream in(p);
  return json::parse(in);
}

std::vector<std::string> lines_of(const fs::path& p) {
  std::ifstream in(p);
  std::vector<std::string> out;
  for (std::string l; std::getline(in, l);) out.push_back(l);
  return out;
}

TEST(CellCli, WritesCellJsonAndCsvWithTheRequiredKeys) {
  TempDir t;
  const ProcessResult r = run_afsim({"cell", cells("case5_af_cu8.yaml"), "--output", t.path().string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const json j = read_json(t.path() / "cell.json");
  for (const char* k : {"areal_capacity_mAh_cm2", "energy_Wh_m2", "gravimetric_Wh_kg", "volumetric_Wh_L",
                        "mean_voltage_V", "components", "repeating_unit"})
    EXPECT_TRUE(j.contains(k)) << k;
  for (const auto& c : j["components"])
    for (const char* k : {"name", "thickness_m", "mass_kg_m2", "volume_fraction", "mass_fraction"})
      EXPECT_TRUE(c.contains(k)) << k;
  const auto csv = lines_of(t.path() / "cell.csv");
  ASSERT_FALSE(csv.empty());
  EXPECT_EQ(csv[0], "name,material,thickness_m,volume_m3_m2,mass_kg_m2,volume_fraction,mass_fraction");
  EXPECT_EQ(csv.size(), j["components"].size() + 1);
}

TEST(CellCli, SetChangesTheCathodeLoading) {
  TempDir t;
  const ProcessResult r = run_afsim({"cell", cells("case1_li_ion.yaml"), "--set",
                                     "cell.cathode.loading=6 mAh/cm2", "--output", t.path().string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NEAR(read_json(t.path() / "cell.json")["areal_capacity_mAh_cm2"].get<double>(), 6.0, 1e-9);
}

TEST(CellCli, BadCellDeckExitsTwoWithFileLineAndColumn) {
  TempDir t;
  const fs::path deck = t.path() / "bad.yaml";
  std::ofstream(deck)
      << "cell:\n  metal: Li\n  electrolyte: LiPF6_EC_DMC\n  collector: Cu\n"
         "  cathode: {material: NMC622, loading: 3 mAh}\nstack:\n  separator: {thickness: 20 um}\n";
  const ProcessResult r = run_afsim({"cell", deck.string(), "--output", (t.path() / "out").string()});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("bad.yaml:5:40: cell.cathode.loading: expected an areal capacity"), std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("stack.separator: missing required key \"porosity\""), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(t.path() / "out" / "cell.json"));
}

TEST(CellCli, LoadingSweepWritesOneRowPerDeckAndLoading) {
  TempDir t;
  const ProcessResult r = run_afsim({"cell", "--sweep", "loading=2..10mAh/cm2", cells("case1_li_ion.yaml"),
                                     cells("case5_af_cu8.yaml"), "--output", t.path().string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto rows = lines_of(t.path() / "cell_sweep.csv");
  ASSERT_EQ(rows.size(), 1u + 2 * 9);  // header + 2 decks x loadings 2, 3, ..., 10
  EXPECT_EQ(rows[0].rfind("deck,case,anode,loading_mAh/cm2,areal_capacity_mAh_cm2,", 0), 0u) << rows[0];
  EXPECT_NE(rows[1].find(",case1,graphite,2,2,"), std::string::npos) << rows[1];
  EXPECT_NE(rows[18].find(",case5,anode_free,10,10,"), std::string::npos) << rows[18];
}

TEST(CellCli, MalformedSweepExitsTwo) {
  const ProcessResult r = run_afsim({"cell", "--sweep", "loading=2-10mAh/cm2", cells("case5_af_cu8.yaml")});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--sweep loading=2-10mAh/cm2"), std::string::npos) << r.err;
}

// A run directory as afsim writes it (summary.json with the deck echo and cycles, fields/step_*.vti),
// holding a deposit 10 cells (1 um each) tall in 10 columns. `porous`: a checkerboard, metal where i + j is
// even; otherwise a dense 5 um film.
void write_run(const fs::path& dir, bool porous) {
  fs::create_directories(dir / "fields");
  json s;
  s["status"] = "completed";
  s["deck"]["cell"] = {{"metal", {{"name", "Li"}}},
                       {"electrolyte", {{"name", "LiPF6_EC_DMC"}}},
                       {"collector", {{"name", "Cu"}}},
                       {"interlayer", nullptr},
                       {"cathode", {{"material", "NMC622"}, {"loading_C_m2", 108000.0}}}};
  s["cycles"] = json::array({{{"charge_in_C_m2", 100.0}, {"charge_out_C_m2", 99.0}, {"ce", 0.99}},
                             {{"charge_in_C_m2", 100.0}, {"charge_out_C_m2", 98.0}, {"ce", 0.98}}});
  afsim::io::write_json_atomically(dir / "summary.json", s);
  afsim::io::ImageGeometry g;
  g.nx = 10;
  g.ny = 20;
  g.spacing = 1e-6;
  std::vector<double> xi(200, 0.0);
  for (int j = 0; j < g.ny; ++j)
    for (int i = 0; i < g.nx; ++i)
      xi[i + g.nx * j] = porous ? (j < 10 && (i + j) % 2 == 0 ? 1.0 : 0.0) : (j < 5 ? 1.0 : 0.0);
  afsim::io::write_vti(dir / "fields" / "step_000000.vti", g,
                       {{"metal_fraction", std::vector<double>(200, 0.0)}});
  afsim::io::write_vti(dir / "fields" / "step_000002.vti", g, {{"metal_fraction", xi}});
}

TEST(CellCli, FromAPorousRunGivesLowerVolumetricDensityThanItsDenseEquivalent) {
  TempDir t;
  write_run(t.path(), true);
  const ProcessResult r = run_afsim({"cell", "--from", t.path().string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const json j = read_json(t.path() / "cell.json");
  // Checkerboard: every column holds 5 metal cells (5 um dense); even columns top out at j = 8 (9 um),
  // odd at j = 9 (10 um): envelope 9.5 um, porosity 1 - 5 / 9.5 = 0.473684.
  EXPECT_NEAR(j["deposit"]["dense_equivalent_thickness_m"].get<double>(), 5e-6, 1e-12);
  EXPECT_NEAR(j["deposit"]["envelope_thickness_m"].get<double>(), 9.5e-6, 1e-12);
  EXPECT_NEAR(j["deposit"]["porosity"].get<double>(), 0.473684, 1e-6);
  EXPECT_LT(j["volumetric_Wh_L"].get<double>(), j["dense_equivalent"]["volumetric_Wh_L"].get<double>());
  EXPECT_LT(j["gravimetric_Wh_kg"].get<double>(), j["dense_equivalent"]["gravimetric_Wh_kg"].get<double>());
}

TEST(CellCli, FromADenseRunEqualsItsDenseEquivalent) {
  TempDir t;
  write_run(t.path(), false);
  const ProcessResult r = run_afsim({"cell", "--from", t.path().string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const json j = read_json(t.path() / "cell.json");
  EXPECT_NEAR(j["deposit"]["porosity"].get<double>(), 0.0, 1e-12);
  EXPECT_NEAR(j["volumetric_Wh_L"].get<double>(), j["dense_equivalent"]["volumetric_Wh_L"].get<double>(),
              1e-9);
}

TEST(CellCli, FromReportsEnergyPerCycleFromTheCoulombicEfficiencies) {
  TempDir t;
  write_run(t.path(), false);
  ASSERT_EQ(run_afsim({"cell", "--from", t.path().string()}).exit_code, 0);
  const json j = read_json(t.path() / "cell.json");
  // Anode-free, no reservoir: Q_1 = 108000 * 0.99 = 106920 C/m2, Q_2 = 106920 * 0.98 = 104781.6 C/m2.
  ASSERT_EQ(j["energy_vs_cycle"].size(), 2u);
  EXPECT_NEAR(j["energy_vs_cycle"][0]["capacity_C_m2"].get<double>(), 106920.0, 1e-6);
  EXPECT_NEAR(j["energy_vs_cycle"][1]["capacity_C_m2"].get<double>(), 104781.6, 1e-6);
  EXPECT_NEAR(j["energy_vs_cycle"][1]["gravimetric_Wh_kg"].get<double>(),
              j["gravimetric_Wh_kg"].get<double>() * 0.99 * 0.98, 1e-9);
}

TEST(CellCli, FromADirectoryWithoutSummaryExitsTwo) {
  TempDir t;
  const ProcessResult r = run_afsim({"cell", "--from", t.path().string()});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("no summary.json"), std::string::npos) << r.err;
}

}  // namespace
