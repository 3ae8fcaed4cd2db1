// Output directory safety and checkpoint/restart through the real binary (DESIGN.md §6, MODELS §11 V15):
// a run stopped part-way (--max-steps) and continued (--resume, --restart) ends bit for bit where the
// uninterrupted run ends, on the CPU backend with one thread.
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "backend/device.hpp"
#include "io/checkpoint.hpp"
#include "io/pvd_writer.hpp"
#include "io/vti_reader.hpp"
#include "run_process.hpp"
#include "temp_dir.hpp"

namespace {

namespace fs = std::filesystem;
using afsim::test::data_path;
using afsim::test::describe;
using afsim::test::ProcessResult;
using afsim::test::run_afsim;
using afsim::test::TempDir;

const std::string kMinimal = data_path("cli/good_decks/minimal.yaml");

// 30 steps of 10 ms, frames every 100 ms; the stop at step 17 falls between two frames.
const std::vector<std::string> kRun = {"numerics.dt=0.01 s", "protocol.steps[0].charge.until.time=0.3 s",
                                       "output.every=0.1 s"};
const std::string kStopStep = "17";

ProcessResult afsim_run(const fs::path& out, const std::vector<std::string>& extra = {},
                        const std::vector<std::string>& sets = kRun) {
  std::vector<std::string> args = {"run", kMinimal, "--output", out.string(), "--threads", "1"};
  for (const std::string& s : sets) {
    args.push_back("--set");
    args.push_back(s);
  }
  args.insert(args.end(), extra.begin(), extra.end());
  return run_afsim(args);
}

std::string read_text(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

nlohmann::json read_json(const fs::path& p) {
  return nlohmann::json::parse(read_text(p));
}

std::vector<std::string> lines(const fs::path& p) {
  std::vector<std::string> out;
  std::istringstream in(read_text(p));
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

std::vector<double> first_column(const fs::path& csv) {
  std::vector<double> t;
  const std::vector<std::string> l = lines(csv);
  for (size_t n = 1; n < l.size(); ++n) t.push_back(std::stod(l[n]));
  return t;
}

bool same_bits(const std::vector<double>& a, const std::vector<double>& b) {
  return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(double)) == 0;
}

// The two checkpoints hold the same state bit for bit (fields, time, step, protocol, accumulators); only
// the wall time and the number of frames written may differ.
void expect_same_state(const fs::path& a, const fs::path& b) {
  const afsim::io::Checkpoint x = afsim::io::read_checkpoint(a), y = afsim::io::read_checkpoint(b);
  ASSERT_EQ(x.fields.size(), 4u);
  ASSERT_EQ(x.fields.size(), y.fields.size());
  for (const auto& [name, f] : x.fields) EXPECT_TRUE(same_bits(f.values, y.field(name).values)) << name;
  for (const auto& [name, v] : x.reals) {
    if (name == "wall_s") continue;
    EXPECT_TRUE(std::memcmp(&v, &y.reals.at(name), sizeof v) == 0)
        << name << ": " << v << " vs " << y.real(name);
  }
  for (const auto& [name, v] : x.integers)
    if (name != "frames") EXPECT_EQ(v, y.integer(name)) << name;  // a stop adds a frame
  EXPECT_EQ(x.arrays, y.arrays);
}

// The last frame's array, read back from the .vti that run.pvd lists last.
std::vector<double> last_frame(const fs::path& dir, const std::string& array) {
  const auto entries = afsim::io::read_pvd(dir / "run.pvd");
  afsim::io::ImageGeometry geo;
  return afsim::io::read_vti_cell_array(dir / entries.back().file, array, geo);
}

// A: the uninterrupted run; B: stopped after kStopStep steps, then resumed.
struct RunPair {
  TempDir dir;
  fs::path a = dir.path() / "a", b = dir.path() / "b";
  ProcessResult ra, rb_stop, rb_resume;
  RunPair() {
    ra = afsim_run(a);
    rb_stop = afsim_run(b, {"--max-steps", kStopStep});
    rb_resume = afsim_run(b, {"--resume"});
  }
};

TEST(OutputDirectory, AnotherRunsOutputsAreRefusedWithExitCodeTwo) {
  TempDir dir;
  const fs::path out = dir.path() / "out";
  ASSERT_EQ(afsim_run(out).exit_code, 0);
  const std::string summary = read_text(out / "summary.json");
  const ProcessResult r = afsim_run(out);
  EXPECT_EQ(r.exit_code, 2) << describe(r);
  EXPECT_NE(r.err.find(out.string()), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("--overwrite"), std::string::npos) << r.err;
  EXPECT_EQ(read_text(out / "summary.json"), summary);
}

TEST(OutputDirectory, OverwriteReplacesAnotherRunsOutputs) {
  TempDir dir;
  const fs::path out = dir.path() / "out";
  ASSERT_EQ(afsim_run(out).exit_code, 0);
  ASSERT_TRUE(fs::exists(out / "fields/step_000003.vti"));
  const ProcessResult r =
      afsim_run(out, {"--overwrite"},
                {"numerics.dt=0.01 s", "protocol.steps[0].charge.until.time=0.1 s", "output.every=0.1 s"});
  ASSERT_EQ(r.exit_code, 0) << describe(r);
  EXPECT_FALSE(fs::exists(out / "fields/step_000003.vti"));
  EXPECT_EQ(afsim::io::read_pvd(out / "run.pvd").size(), 2u);
  EXPECT_EQ(lines(out / "timeseries.csv").size(), 3u);
}

TEST(Restart, AStoppedRunExitsWithCodeFourAndStatusInterrupted) {
  TempDir dir;
  const fs::path out = dir.path() / "out";
  const ProcessResult r = afsim_run(out, {"--max-steps", kStopStep});
  EXPECT_EQ(r.exit_code, 4) << describe(r);
  EXPECT_EQ(read_json(out / "summary.json")["status"], "interrupted");
  EXPECT_EQ(afsim::io::read_checkpoint(out / "checkpoint.h5").integer("step"), 17);
}

TEST(Restart, ResumedRunIsBitIdenticalToTheUninterruptedRun) {
  const RunPair p;
  ASSERT_EQ(p.ra.exit_code, 0) << describe(p.ra);
  ASSERT_EQ(p.rb_stop.exit_code, 4) << describe(p.rb_stop);
  ASSERT_EQ(p.rb_resume.exit_code, 0) << describe(p.rb_resume);
  expect_same_state(p.a / "checkpoint.h5", p.b / "checkpoint.h5");
  EXPECT_EQ(lines(p.a / "timeseries.csv").back(), lines(p.b / "timeseries.csv").back());
  for (const char* array : {"concentration", "potential", "metal_fraction"})
    EXPECT_TRUE(same_bits(last_frame(p.a, array), last_frame(p.b, array))) << array;
}

TEST(Restart, ResumedOutputsListEveryTimeOnceAndInOrder) {
  const RunPair p;
  ASSERT_EQ(p.rb_resume.exit_code, 0) << describe(p.rb_resume);
  const auto entries = afsim::io::read_pvd(p.b / "run.pvd");
  for (size_t n = 1; n < entries.size(); ++n) EXPECT_LT(entries[n - 1].time_s, entries[n].time_s) << n;
  const std::vector<double> t = first_column(p.b / "timeseries.csv");
  for (size_t n = 1; n < t.size(); ++n) EXPECT_LT(t[n - 1], t[n]) << n;
  // The uninterrupted run's rows, plus the row of the stop.
  EXPECT_EQ(t.size(), first_column(p.a / "timeseries.csv").size() + 1);
  EXPECT_EQ(read_json(p.b / "summary.json")["status"], "completed");
}

TEST(Restart, RestartFromACheckpointIntoANewDirectoryIsBitIdentical) {
  TempDir dir;
  const fs::path a = dir.path() / "a", c = dir.path() / "c", d = dir.path() / "d";
  ASSERT_EQ(afsim_run(a).exit_code, 0);
  ASSERT_EQ(afsim_run(c, {"--max-steps", kStopStep}).exit_code, 4);
  const ProcessResult r = afsim_run(d, {"--restart", (c / "checkpoint.h5").string()});
  ASSERT_EQ(r.exit_code, 0) << describe(r);
  expect_same_state(a / "checkpoint.h5", d / "checkpoint.h5");
  EXPECT_EQ(read_json(d / "summary.json")["restarted_from"]["step"], 17);
}

TEST(Restart, ADeckWithOtherPhysicsIsRefusedListingTheDifferingKeys) {
  TempDir dir;
  const fs::path out = dir.path() / "out";
  ASSERT_EQ(afsim_run(out, {"--max-steps", kStopStep}).exit_code, 4);
  const ProcessResult r = afsim_run(out, {"--resume"},
                                    {"numerics.dt=0.02 s", "protocol.steps[0].charge.until.time=0.3 s",
                                     "output.every=0.1 s", "cell.temperature=30 degC"});
  EXPECT_EQ(r.exit_code, 2) << describe(r);
  EXPECT_NE(r.err.find("numerics.dt_s: 0.01 in the checkpoint, 0.02 in the deck"), std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("cell.temperature_K"), std::string::npos) << r.err;
  EXPECT_EQ(afsim::io::read_checkpoint(out / "checkpoint.h5").status, "interrupted");
}

TEST(Restart, ChangedOutputKeysAreAllowed) {
  TempDir dir;
  const fs::path out = dir.path() / "out";
  ASSERT_EQ(afsim_run(out, {"--max-steps", kStopStep}).exit_code, 4);
  std::vector<std::string> sets = kRun;
  sets.push_back("output.fields=[concentration]");
  sets.push_back("run.name=renamed");
  const ProcessResult r = afsim_run(out, {"--resume"}, sets);
  EXPECT_EQ(r.exit_code, 0) << describe(r);
}

TEST(Restart, ResumingACompletedRunChangesNothing) {
  TempDir dir;
  const fs::path out = dir.path() / "out";
  ASSERT_EQ(afsim_run(out).exit_code, 0);
  const std::string summary = read_text(out / "summary.json");
  const ProcessResult r = afsim_run(out, {"--resume"});
  EXPECT_EQ(r.exit_code, 0) << describe(r);
  EXPECT_NE(r.out.find("already ended"), std::string::npos) << r.out;
  EXPECT_EQ(read_text(out / "summary.json"), summary);
}

TEST(Restart, ResumeWithoutAnEarlierRunStartsAtTimeZero) {
  TempDir dir;
  const fs::path out = dir.path() / "out";
  const ProcessResult r = afsim_run(out, {"--resume"});
  EXPECT_EQ(r.exit_code, 0) << describe(r);
  EXPECT_EQ(read_json(out / "summary.json")["status"], "completed");
}

TEST(Restart, AFileThatIsNotACheckpointIsRefusedWithExitCodeTwo) {
  TempDir dir;
  const fs::path bogus = dir.path() / "checkpoint.h5";
  std::ofstream(bogus) << "garbage\n";
  const ProcessResult r = afsim_run(dir.path() / "out", {"--restart", bogus.string()});
  EXPECT_EQ(r.exit_code, 2) << describe(r);
  EXPECT_NE(r.err.find(bogus.string()), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(dir.path() / "out"));
}

}  // namespace

namespace {

// output.checkpoint.every = 0.05 s puts checkpoints between the 0.1 s frames.
std::vector<std::string> with_checkpoint_cadence() {
  std::vector<std::string> s = kRun;
  s.push_back("output.checkpoint={every: 0.05 s}");
  return s;
}

}  // namespace

TEST(CheckpointCadence, ResumeWithACheckpointEveryIsBitIdenticalToTheUninterruptedRun) {
  TempDir dir;
  const fs::path a = dir.path() / "a", b = dir.path() / "b";
  const ProcessResult ra = afsim_run(a, {}, with_checkpoint_cadence());
  const ProcessResult stop = afsim_run(b, {"--max-steps", kStopStep}, with_checkpoint_cadence());
  const ProcessResult resume = afsim_run(b, {"--resume"}, with_checkpoint_cadence());
  ASSERT_EQ(ra.exit_code, 0) << describe(ra);
  ASSERT_EQ(stop.exit_code, 4) << describe(stop);
  ASSERT_EQ(resume.exit_code, 0) << describe(resume);
  expect_same_state(a / "checkpoint.h5", b / "checkpoint.h5");
  EXPECT_EQ(lines(a / "timeseries.csv").back(), lines(b / "timeseries.csv").back());
}

TEST(CheckpointCadence, TheDeckEchoRecordsTheCadence) {
  TempDir dir;
  const ProcessResult r = afsim_run(dir.path() / "a", {}, with_checkpoint_cadence());
  ASSERT_EQ(r.exit_code, 0) << describe(r);
  const nlohmann::json j = read_json(dir.path() / "a" / "summary.json");
  EXPECT_DOUBLE_EQ(j["deck"]["output"]["checkpoint_every_s"].get<double>(), 0.05);
}

namespace {

// Random nuclei (drawn from run.seed) and Langevin noise (counter-based on the step): the restarted run
// must draw the same numbers as the uninterrupted one (issue 4, MODELS §11 V15).
std::vector<std::string> with_seeds_and_noise() {
  std::vector<std::string> s = kRun;
  s.push_back("physics.initial={seeds: {density: 1e7 1/cm2, radius: 1.5 um}}");
  s.push_back("physics.phase_field.noise=0.5 1/s");
  return s;
}

}  // namespace

// Uninterrupted vs stopped-and-resumed, both with `device` args (none: the deck's device).
static void expect_seeded_noisy_resume_bit_identical(const std::vector<std::string>& device) {
  TempDir dir;
  const fs::path a = dir.path() / "a", b = dir.path() / "b";
  const auto with = [&](std::vector<std::string> extra) {
    extra.insert(extra.begin(), device.begin(), device.end());
    return extra;
  };
  const ProcessResult ra = afsim_run(a, with({}), with_seeds_and_noise());
  const ProcessResult stop = afsim_run(b, with({"--max-steps", kStopStep}), with_seeds_and_noise());
  const ProcessResult resume = afsim_run(b, with({"--resume"}), with_seeds_and_noise());
  ASSERT_EQ(ra.exit_code, 0) << describe(ra);
  ASSERT_EQ(stop.exit_code, 4) << describe(stop);
  ASSERT_EQ(resume.exit_code, 0) << describe(resume);
  expect_same_state(a / "checkpoint.h5", b / "checkpoint.h5");
  for (const char* array : {"concentration", "metal_fraction"})
    EXPECT_TRUE(same_bits(last_frame(a, array), last_frame(b, array))) << array;
}

TEST(Restart, ARunWithRandomNucleiAndNoiseResumesBitIdentically) {
  expect_seeded_noisy_resume_bit_identical({});
}

TEST(Restart, NoiseMakesTheRunDifferFromTheNoiselessOne) {
  // Guards the test above: with the noise on, the fields do change (else bit-identity would be trivial).
  TempDir dir;
  std::vector<std::string> quiet = with_seeds_and_noise();
  quiet.back() = "physics.phase_field.noise=0";
  ASSERT_EQ(afsim_run(dir.path() / "a", {}, with_seeds_and_noise()).exit_code, 0);
  ASSERT_EQ(afsim_run(dir.path() / "q", {}, quiet).exit_code, 0);
  EXPECT_FALSE(same_bits(last_frame(dir.path() / "a", "metal_fraction"),
                         last_frame(dir.path() / "q", "metal_fraction")));
}

// The same on the CUDA backend (issue 4: "and GPU when present"): the GPU kernels and reductions are
// deterministic for a given grid, so a resumed GPU run must match the uninterrupted GPU run bit for bit.
TEST(Restart, AGpuRunWithRandomNucleiAndNoiseResumesBitIdentically) {
  if (afsim::cuda_device_count() == 0) GTEST_SKIP() << "no CUDA device";
  expect_seeded_noisy_resume_bit_identical({"--device", "gpu"});
}
