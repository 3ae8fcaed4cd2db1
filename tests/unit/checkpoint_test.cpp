// checkpoint.h5 (src/io/checkpoint.*) and the run state around it (src/simulation/run_state.*): values come
// back bit for bit, writes are atomic, bad files are named, and the deck identity that guards restarts.
#include "io/checkpoint.hpp"

#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <limits>
#include <sstream>
#include <string>

#include <gtest/gtest.h>

#include "config/deck.hpp"
#include "io/atomic_file.hpp"
#include "io/timeseries.hpp"
#include "simulation/run_state.hpp"
#include "temp_dir.hpp"

namespace {

namespace fs = std::filesystem;
using afsim::io::Checkpoint;
using afsim::io::CheckpointField;
using afsim::test::data_path;
using afsim::test::TempDir;

bool same_bits(double a, double b) {
  return std::memcmp(&a, &b, sizeof a) == 0;
}

Checkpoint sample() {
  Checkpoint c;
  c.afsim_version = "1.2.3";
  c.deck_hash = "fnv1a64:0123456789abcdef";
  c.deck_json = R"({"numerics":{"dt_s":0.01}})";
  c.backend = "cpu";
  c.status = "running";
  c.reals = {{"time_s", 0.1 + 0.2},
             {"nan", std::numeric_limits<double>::quiet_NaN()},
             {"tiny", 4.9e-324},
             {"negative_zero", -0.0}};
  c.integers = {{"step", 1234567890123LL}, {"frames", -3}};
  c.arrays = {{"charges", {1.0 / 3.0, 2.0 / 7.0}}, {"empty", {}}};
  CheckpointField f;
  f.dims = {1, 2, 3};
  f.values = {1e-300, -2.5, 1.0 / 3.0, 7, 8, std::nextafter(1.0, 2.0)};
  c.fields["concentration"] = f;
  return c;
}

std::string read_text(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

TEST(Checkpoint, WrittenCheckpointReadsBackBitForBit) {
  TempDir dir;
  const fs::path path = dir.path() / "checkpoint.h5";
  const Checkpoint c = sample();
  afsim::io::write_checkpoint(path, c);
  const Checkpoint r = afsim::io::read_checkpoint(path);
  EXPECT_EQ(r.afsim_version, c.afsim_version);
  EXPECT_EQ(r.deck_hash, c.deck_hash);
  EXPECT_EQ(r.deck_json, c.deck_json);
  EXPECT_EQ(r.backend, c.backend);
  EXPECT_EQ(r.status, c.status);
  ASSERT_EQ(r.reals.size(), c.reals.size());
  for (const auto& [name, v] : c.reals) EXPECT_TRUE(same_bits(r.real(name), v)) << name;
  EXPECT_EQ(r.integers, c.integers);
  EXPECT_EQ(r.arrays, c.arrays);
  const CheckpointField& f = r.field("concentration");
  EXPECT_EQ(f.dims, c.fields.at("concentration").dims);
  ASSERT_EQ(f.values.size(), 6u);
  for (size_t n = 0; n < f.values.size(); ++n)
    EXPECT_TRUE(same_bits(f.values[n], c.fields.at("concentration").values[n])) << n;
}

TEST(Checkpoint, WriteLeavesNoTemporaryFileBehind) {
  TempDir dir;
  afsim::io::write_checkpoint(dir.path() / "checkpoint.h5", sample());
  int files = 0;
  for (const auto& e : fs::directory_iterator(dir.path())) {
    ++files;
    EXPECT_EQ(e.path().filename(), "checkpoint.h5");
  }
  EXPECT_EQ(files, 1);
}

TEST(Checkpoint, FailedWriteKeepsThePreviousCheckpointAndNamesThePath) {
  TempDir dir;
  const fs::path path = dir.path() / "checkpoint.h5";
  Checkpoint first = sample();
  first.status = "first";
  afsim::io::write_checkpoint(path, first);
  // The temporary cannot be created: a directory stands in its place.
  fs::create_directories(afsim::io::temporary_path_for(path));
  Checkpoint second = sample();
  second.status = "second";
  try {
    afsim::io::write_checkpoint(path, second);
    FAIL() << "the write should have failed";
  } catch (const afsim::io::IoError& e) {
    EXPECT_NE(std::string(e.what()).find(dir.path().string()), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("Is a directory"), std::string::npos) << e.what();
  }
  EXPECT_EQ(afsim::io::read_checkpoint(path).status, "first");
}

TEST(Checkpoint, ReadingAFileThatIsNotACheckpointNamesThePath) {
  TempDir dir;
  const fs::path path = dir.path() / "checkpoint.h5";
  std::ofstream(path) << "not hdf5\n";
  try {
    afsim::io::read_checkpoint(path);
    FAIL() << "reading should have failed";
  } catch (const afsim::io::IoError& e) {
    EXPECT_NE(std::string(e.what()).find(path.string()), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("not an HDF5 file"), std::string::npos) << e.what();
  }
}

TEST(Checkpoint, ReadingAMissingCheckpointNamesThePath) {
  TempDir dir;
  const fs::path path = dir.path() / "nowhere.h5";
  try {
    afsim::io::read_checkpoint(path);
    FAIL() << "reading should have failed";
  } catch (const afsim::io::IoError& e) {
    EXPECT_NE(std::string(e.what()).find(path.string()), std::string::npos) << e.what();
  }
}

TEST(Checkpoint, RunStateSurvivesTheCheckpointUnchanged) {
  afsim::RunState s;
  s.grid.nx = 2;
  s.grid.ny = 3;
  s.grid.nz = 1;
  s.grid.h = 0.5e-6;
  s.driver.time = 0.1 + 0.2;
  s.driver.step = 42;
  s.driver.charge = 1.0 / 3.0;
  s.driver.next_output_time = 0.4;
  s.driver.frames = 5;
  s.driver.potential.newton_iterations = 3;
  s.driver.salt.iterations = 9;
  s.protocol.cycle = 1;
  s.protocol.step = 2;
  s.protocol.step_time = 0.25;
  s.protocol.charges = {{1.5, 1.25}, {0.5, 0}};
  s.protocol.charges[1].connected_start = 2.0 / 3.0;
  s.protocol.charges[1].dead_end = 0.1;
  s.cathode_soc = 0.123456789;
  s.engine.values.reals["engine.electrode_potential_V"] = -0.0123;
  s.engine.values.reals["engine.last_current_A_m2"] = 10.0 / 3.0;
  s.engine.fields = {
      {"concentration", std::vector<double>(static_cast<size_t>(s.grid.storage()), 1000.0 / 3)}};
  afsim::DeckIdentity deck{nlohmann::json{{"a", 1}}, "fnv1a64:0"};
  const afsim::RunState r = afsim::run_state_from(afsim::make_checkpoint(s, deck, "cpu", "running"));
  EXPECT_TRUE(r.grid == s.grid);
  EXPECT_TRUE(same_bits(r.driver.time, s.driver.time));
  EXPECT_EQ(r.driver.step, 42);
  EXPECT_TRUE(same_bits(r.driver.charge, s.driver.charge));
  EXPECT_EQ(r.driver.frames, 5);
  EXPECT_EQ(r.driver.potential.newton_iterations, 3);
  EXPECT_EQ(r.driver.salt.iterations, 9);
  EXPECT_TRUE(std::isnan(r.driver.sand_time));
  EXPECT_EQ(r.protocol.cycle, 1);
  EXPECT_EQ(r.protocol.step, 2);
  ASSERT_EQ(r.protocol.charges.size(), 2u);
  EXPECT_EQ(r.protocol.charges[0].charge_out, 1.25);
  EXPECT_TRUE(same_bits(r.protocol.charges[1].connected_start, 2.0 / 3.0));
  EXPECT_EQ(r.protocol.charges[1].dead_end, 0.1);
  EXPECT_EQ(r.protocol.charges[0].dead_end, 0.0);
  EXPECT_TRUE(same_bits(r.cathode_soc, s.cathode_soc));
  EXPECT_TRUE(same_bits(r.engine.values.reals.at("engine.last_current_A_m2"), 10.0 / 3.0));
  EXPECT_TRUE(same_bits(r.engine.values.reals.at("engine.electrode_potential_V"), -0.0123));
  ASSERT_EQ(r.engine.fields.size(), 1u);
  EXPECT_EQ(r.engine.fields[0].second, s.engine.fields[0].second);
}

TEST(Checkpoint, ACheckpointWithoutThePerCycleMetalReadsWithItZero) {
  afsim::RunState s;
  s.grid.nx = s.grid.ny = s.grid.nz = 1;
  s.grid.h = 1e-6;
  s.protocol.charges = {{1.5, 1.25}};
  s.protocol.charges[0].connected_start = 3.0;
  afsim::io::Checkpoint c =
      afsim::make_checkpoint(s, afsim::DeckIdentity{nlohmann::json{}, "x"}, "cpu", "running");
  // As written before the metal per cycle was booked.
  for (auto it = c.arrays.begin(); it != c.arrays.end();)
    it = it->first.rfind("cycle_metal_", 0) == 0 ? c.arrays.erase(it) : std::next(it);
  const afsim::RunState r = afsim::run_state_from(c);
  ASSERT_EQ(r.protocol.charges.size(), 1u);
  EXPECT_EQ(r.protocol.charges[0].charge_in, 1.5);
  EXPECT_EQ(r.protocol.charges[0].connected_start, 0.0);
}

TEST(DeckIdentity, OutputOnlyKeysDoNotChangeTheDeckHash) {
  const std::string deck = data_path("cli/good_decks/minimal.yaml");
  const auto a = afsim::deck_identity(afsim::config::load_deck(deck));
  const auto b = afsim::deck_identity(afsim::config::load_deck(
      deck, {"output.every=1 s", "run.output=elsewhere", "run.name=other", "run.device=auto"}));
  EXPECT_EQ(a.hash, b.hash);
}

TEST(DeckIdentity, APhysicsKeyChangesTheDeckHash) {
  const std::string deck = data_path("cli/good_decks/minimal.yaml");
  const auto a = afsim::deck_identity(afsim::config::load_deck(deck));
  const auto b = afsim::deck_identity(afsim::config::load_deck(deck, {"numerics.dt=0.02 s"}));
  EXPECT_NE(a.hash, b.hash);
}

TEST(DeckIdentity, DifferencesNameEachChangedKeyWithBothValues) {
  const nlohmann::json saved = {{"numerics", {{"dt_s", 0.01}, {"psi_min", 0.1}}}, {"run", {{"seed", 1}}}};
  const nlohmann::json deck = {{"numerics", {{"dt_s", 0.02}, {"psi_min", 0.1}}}, {"extra", true}};
  const std::vector<std::string> d = afsim::deck_differences(saved, deck);
  ASSERT_EQ(d.size(), 3u);
  EXPECT_EQ(d[0], "numerics.dt_s: 0.01 in the checkpoint, 0.02 in the deck");
  EXPECT_EQ(d[1], "run.seed: 1 in the checkpoint, absent in the deck");
  EXPECT_EQ(d[2], "extra: absent in the checkpoint, true in the deck");
}

TEST(TimeSeriesResume, RowsAfterTheCheckpointTimeAndAPartialLineAreDropped) {
  TempDir dir;
  const fs::path csv = dir.path() / "timeseries.csv";
  std::ofstream(csv) << "time_s,x\n0,1\n0.5,2\n1,3\n1.5,4\n2,5";
  afsim::io::drop_rows_after(csv, 1.0);
  EXPECT_EQ(read_text(csv), "time_s,x\n0,1\n0.5,2\n1,3\n");
}

TEST(TimeSeriesResume, DroppingRowsFromAnAbsentFileCreatesNothing) {
  TempDir dir;
  const fs::path csv = dir.path() / "timeseries.csv";
  afsim::io::drop_rows_after(csv, 1.0);
  EXPECT_FALSE(fs::exists(csv));
}

}  // namespace
