// Runs that fail through the real binary: a divergence stops the run with status diverged, exit 3 and a
// diagnosis, keeping the last good checkpoint; a write failure names the path and the system error.
#include <fcntl.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <sys/resource.h>
#include <sys/wait.h>

#include "io/checkpoint.hpp"
#include "run_process.hpp"
#include "temp_dir.hpp"

namespace {

namespace fs = std::filesystem;
using afsim::test::data_path;
using afsim::test::describe;
using afsim::test::ProcessResult;
using afsim::test::read_text;
using afsim::test::run_afsim;
using afsim::test::TempDir;

const std::string kMinimal = data_path("cli/good_decks/minimal.yaml");

// 1 A/cm^2 for 10 s steps on a fixed deposit: the first step drives the concentration far below zero.
struct AbsurdCurrent {
  TempDir dir;
  fs::path out = dir.path() / "out";
  ProcessResult result = run_afsim(
      {"run", kMinimal, "--output", out.string(), "--threads", "1", "--set", "numerics.dt=10 s", "--set",
       "protocol.steps[0].charge.current=1000 mA/cm2", "--set", "physics.phase_field.evolve=false"});
};

TEST(Divergence, AnAbsurdCurrentEndsTheRunWithExitCodeThreeAndStatusDiverged) {
  const AbsurdCurrent run;
  EXPECT_EQ(run.result.exit_code, 3) << describe(run.result);
  EXPECT_EQ(nlohmann::json::parse(read_text(run.out / "summary.json"))["status"], "diverged");
}

TEST(Divergence, TheDiagnosisNamesTheFieldCellPositionAndTime) {
  const AbsurdCurrent run;
  const std::string& log = run.result.out;
  EXPECT_NE(log.find("diverged at t = "), std::string::npos) << log;
  EXPECT_NE(log.find("concentration = -"), std::string::npos) << log;
  EXPECT_NE(log.find("in cell (i, j, k) = ("), std::string::npos) << log;
  EXPECT_NE(log.find(" um, y = "), std::string::npos) << log;
  const nlohmann::json d = nlohmann::json::parse(read_text(run.out / "summary.json"))["diagnosis"];
  EXPECT_EQ(d["field"], "concentration");
  EXPECT_LT(d["value"].get<double>(), 0);
  EXPECT_EQ(d["cell"].size(), 3u);
  EXPECT_EQ(d["position_m"].size(), 3u);
  EXPECT_GT(d["time_s"].get<double>(), 0);
}

TEST(Divergence, TheLastGoodCheckpointIsKept) {
  const AbsurdCurrent run;
  const afsim::io::Checkpoint c = afsim::io::read_checkpoint(run.out / "checkpoint.h5");
  EXPECT_EQ(c.status, "running");
  EXPECT_EQ(c.real("time_s"), 0.0);
  EXPECT_NE(run.result.out.find("last good checkpoint: " + (run.out / "checkpoint.h5").string()),
            std::string::npos)
      << run.result.out;
}

// afsim under a file-size limit (ulimit -f): writes beyond it fail with EFBIG.
ProcessResult run_with_file_size_limit(const std::vector<std::string>& args, rlim_t bytes,
                                       const fs::path& dir) {
  return afsim::test::run_afsim_in(args, dir, [bytes] {
    const rlimit limit{bytes, bytes};
    ::setrlimit(RLIMIT_FSIZE, &limit);
  });
}

// A run stopped with a checkpoint, then resumed under a file-size limit smaller than the checkpoint (but
// not than the frames): the next checkpoint cannot be written.
struct WriteFailure {
  TempDir dir;
  fs::path out = dir.path() / "out";
  fs::path logs = dir.path() / "logs";
  std::vector<std::string> args = {"run",       kMinimal,
                                   "--output",  out.string(),
                                   "--threads", "1",
                                   "--set",     "numerics.dt=0.01 s",
                                   "--set",     "protocol.steps[0].charge.until.time=0.3 s",
                                   "--set",     "output.every=0.1 s"};
  ProcessResult stop, resumed;
  std::string checkpoint_before;
  WriteFailure() {
    fs::create_directories(logs);
    std::vector<std::string> a = args;
    a.insert(a.end(), {"--max-steps", "5"});
    stop = run_afsim(a);
    checkpoint_before = read_text(out / "checkpoint.h5");
    a = args;
    a.push_back("--resume");
    resumed = run_with_file_size_limit(a, checkpoint_before.size() / 2, logs);
  }
};

TEST(WriteFailure, AFileSizeLimitFailsTheRunNamingThePathAndTheError) {
  const WriteFailure w;
  ASSERT_EQ(w.stop.exit_code, 4) << describe(w.stop);
  EXPECT_EQ(w.resumed.exit_code, 3) << describe(w.resumed);
  EXPECT_NE(w.resumed.err.find((w.out / "checkpoint.h5").string()), std::string::npos) << w.resumed.err;
  EXPECT_NE(w.resumed.err.find("File too large"), std::string::npos) << w.resumed.err;
}

TEST(WriteFailure, ThePreviousCheckpointSurvivesAFailedWrite) {
  const WriteFailure w;
  ASSERT_EQ(w.stop.exit_code, 4) << describe(w.stop);
  EXPECT_EQ(read_text(w.out / "checkpoint.h5"), w.checkpoint_before);
  EXPECT_EQ(afsim::io::read_checkpoint(w.out / "checkpoint.h5").integer("step"), 5);
}

}  // namespace
