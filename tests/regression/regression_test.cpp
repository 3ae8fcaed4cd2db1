// Refactoring guard (issue 14): the shipped decks, reduced, and the seeded-cycle validation deck run through
// the real binary on the CPU backend with one thread, and every column of their time series must equal the
// reference recorded before the physics-module refactor, digit for digit (%.17g: bit for bit). These
// references are not physics: they pin the arithmetic while code moves. A change that is meant to alter
// the numbers (new physics, a new solver) rewrites them on purpose:
//   AFSIM_REGRESSION_WRITE=1 build/cpu/tests/afsim_regression_tests
// and says so in its commit. Columns added later are not compared; a column that disappears fails.
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <ostream>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "io/vtk_writer.hpp"
#include "run_process.hpp"
#include "temp_dir.hpp"

namespace afsim {
namespace {

namespace fs = std::filesystem;
using afsim::test::ProcessResult;
using afsim::test::run_afsim;
using afsim::test::TempDir;

struct RegressionCase {
  std::string name;
  std::string deck;  // relative to the source tree
  int steps;         // --max-steps (0: the whole protocol)
  std::vector<std::string> sets;
  bool dead_island = false;  // start from film_and_island.vti (written by the test, see below)
};

// gtest names the case in its listing (instead of printing the struct's bytes).
void PrintTo(const RegressionCase& c, std::ostream* os) {
  *os << c.name;
}

// A row at every step: an output mark every 1e-9 mAh/cm2 of throughput (rests write no rows).
const char* const kEveryStep = "output.every=1e-9 mAh/cm2";

const std::vector<RegressionCase>& cases() {
  static const std::vector<RegressionCase> c = {
      {"current_distribution_2d",
       "inputs/current_distribution_2d.yaml",
       10,
       {"domain.cells=[96, 96]", "physics.initial.needles=[]", kEveryStep}},
      {"li_cu_liquid_2d", "inputs/li_cu_liquid_2d.yaml", 30, {"domain.cells=[48, 96]", kEveryStep}},
      {"li_cu_liquid_3d", "inputs/li_cu_liquid_2d.yaml", 8, {"domain.cells=[16, 32, 16]", kEveryStep}},
      {"na_al_liquid_2d", "inputs/na_al_liquid_2d.yaml", 30, {"domain.cells=[48, 96]", kEveryStep}},
      {"regime_low_current", "inputs/regime_low_current.yaml", 30, {"domain.cells=[32, 64]", kEveryStep}},
      {"regime_high_current", "inputs/regime_high_current.yaml", 30, {"domain.cells=[32, 64]", kEveryStep}},
      {"li_dendrites_dead_li_2d",
       "inputs/li_dendrites_dead_li_2d.yaml",
       30,
       {"domain.cells=[32, 128]", kEveryStep}},
      {"li_dendrite_literature",
       "inputs/li_dendrite_literature.yaml",
       20,
       {"domain.cells=[48, 120]", kEveryStep}},
      {"seeded_cycle_2d", "tests/validation/decks/seeded_cycle_2d.yaml", 0, {kEveryStep}},
      // Dead metal from the start: a floating disc above a film, plated for 5 s, then stripped at
      // 10 mA/cm2 until the film is gone (frozen masks, dead-metal observables, metal exhausted).
      {"dead_island_cycle",
       "inputs/li_cu_liquid_2d.yaml",
       60,
       {"domain.cells=[48, 96]", kEveryStep,
        "protocol.steps=[{charge: {current: 1 mA/cm2, until: {time: 5 s}}}, {discharge: {current: 10 mA/cm2, "
        "until: {voltage: 3.0 V}}}]"},
       true},
  };
  return c;
}

std::vector<std::string> split(const std::string& line) {
  std::vector<std::string> out;
  std::stringstream ss(line);
  for (std::string cell; std::getline(ss, cell, ',');) out.push_back(cell);
  return out;
}

// columns[name] = the column's cells as written.
struct TextTable {
  std::vector<std::string> names;
  std::vector<std::vector<std::string>> cells;  // cells[column][row]
};

TextTable read_table(const fs::path& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot open " + path.string());
  TextTable t;
  std::string line;
  std::getline(in, line);
  t.names = split(line);
  t.cells.resize(t.names.size());
  while (std::getline(in, line)) {
    const std::vector<std::string> row = split(line);
    if (row.size() != t.names.size()) throw std::runtime_error("ragged row in " + path.string());
    for (size_t k = 0; k < row.size(); ++k) t.cells[k].push_back(row[k]);
  }
  return t;
}

// metal_fraction of a 1 um film with a disc of radius 1 um centred 4 um above the collector, on the
// 48 x 96 cells of 0.1 um: the equilibrium profile (1 - tanh(d / l)) / 2, l = 0.2 um, of the signed
// distance d to the nearer of the two surfaces.
fs::path write_film_and_island(const fs::path& dir) {
  io::ImageGeometry g;
  g.nx = 48;
  g.ny = 96;
  g.spacing = 0.1e-6;
  const double ell = 0.2e-6, film = 1e-6, cx = 2.4e-6, cy = 4e-6, radius = 1e-6;
  io::HostField xi{"metal_fraction", std::vector<double>(size_t(g.nx * g.ny))};
  for (int j = 0; j < g.ny; ++j)
    for (int i = 0; i < g.nx; ++i) {
      const double x = (i + 0.5) * g.spacing, y = (j + 0.5) * g.spacing;
      const double d = std::min(y - film, std::hypot(x - cx, y - cy) - radius);
      xi.values[size_t(i + g.nx * j)] = 0.5 * (1.0 - std::tanh(d / ell));
    }
  const fs::path path = dir / "film_and_island.vti";
  io::write_vti(path, g, {xi});
  return path;
}

fs::path reference_path(const RegressionCase& c) {
  return fs::path(AFSIM_SOURCE_DIR) / "tests/regression/reference" / (c.name + ".csv");
}

class Regression : public ::testing::TestWithParam<RegressionCase> {};

TEST_P(Regression, TimeSeriesEqualsTheReferenceBitForBit) {
  const RegressionCase& c = GetParam();
  TempDir dir;
  const fs::path out = dir.path() / "out";
  std::vector<std::string> args = {"run",       std::string(AFSIM_SOURCE_DIR) + "/" + c.deck,
                                   "--output",  out.string(),
                                   "--device",  "cpu",
                                   "--threads", "1"};
  if (c.steps > 0) {
    args.push_back("--max-steps");
    args.push_back(std::to_string(c.steps));
  }
  for (const std::string& s : c.sets) {
    args.push_back("--set");
    args.push_back(s);
  }
  if (c.dead_island) {
    args.push_back("--set");
    args.push_back("physics.initial={file: \"" + write_film_and_island(dir.path()).string() + "\"}");
  }
  const ProcessResult r = run_afsim(args);
  ASSERT_TRUE(r.exit_code == 0 || r.exit_code == 4) << r.out << "\n" << r.err;
  const fs::path series = out / "timeseries.csv";
  const char* write = std::getenv("AFSIM_REGRESSION_WRITE");
  if (write != nullptr && std::string(write) == "1") {
    fs::copy_file(series, reference_path(c), fs::copy_options::overwrite_existing);
    GTEST_SKIP() << "reference written: " << reference_path(c);
  }
  const TextTable expected = read_table(reference_path(c));
  const TextTable got = read_table(series);
  for (size_t k = 0; k < expected.names.size(); ++k) {
    const std::string& name = expected.names[k];
    size_t m = 0;
    while (m < got.names.size() && got.names[m] != name) ++m;
    ASSERT_LT(m, got.names.size()) << "column " << name << " is gone";
    ASSERT_EQ(got.cells[m].size(), expected.cells[k].size()) << "rows of " << name;
    for (size_t row = 0; row < expected.cells[k].size(); ++row)
      ASSERT_EQ(got.cells[m][row], expected.cells[k][row]) << name << ", row " << row + 1;
  }
}

INSTANTIATE_TEST_SUITE_P(Decks, Regression, ::testing::ValuesIn(cases()),
                         [](const ::testing::TestParamInfo<RegressionCase>& info) {
                           return info.param.name;
                         });

}  // namespace
}  // namespace afsim
