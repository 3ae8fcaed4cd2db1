// SIGTERM (Slurm's time-limit warning) and SIGINT (Ctrl-C) through the real binary: the run finishes its
// step, writes the outputs and a checkpoint of the same state, records status interrupted and exits 4.
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>
#include <hdf5.h>
#include <nlohmann/json.hpp>
#include <sys/wait.h>

#include "io/checkpoint.hpp"
#include "io/pvd_writer.hpp"
#include "run_process.hpp"
#include "temp_dir.hpp"

namespace {

namespace fs = std::filesystem;
using afsim::test::data_path;
using afsim::test::read_text;
using afsim::test::start_afsim;
using afsim::test::TempDir;
using afsim::test::wait_exit;

const std::string kMinimal = data_path("cli/good_decks/minimal.yaml");

// Waits until `file` exists; false (and the child killed) when the child ends first or after a generous
// safety limit (a hang, not a timing requirement).
bool wait_for(const fs::path& file, pid_t pid) {
  for (int n = 0; n < 6000; ++n) {
    if (fs::exists(file)) return true;
    int status = 0;
    if (::waitpid(pid, &status, WNOHANG) == pid) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  ::kill(pid, SIGKILL);
  return false;
}

// A run of the minimal deck far too long to end by itself within the test (1000 s of 10 ms steps).
struct LongRun {
  TempDir dir;
  fs::path out = dir.path() / "out";
  int exit_code = -1;

  explicit LongRun(int sig) {
    const pid_t pid = start_afsim(
        {"run", kMinimal, "--output", out.string(), "--threads", "1", "--set", "numerics.dt=0.01 s", "--set",
         "protocol.steps[0].charge.until.time=1000 s", "--set", "output.every=0.05 s"},
        dir.path());
    if (!wait_for(out / "fields" / "step_000001.vti", pid)) return;
    ::kill(pid, sig);
    exit_code = wait_exit(pid);
  }
  std::string log() const {
    return "--- stdout ---\n" + read_text(dir.path() / "stdout.txt") + "\n--- stderr ---\n" +
           read_text(dir.path() / "stderr.txt");
  }
};

TEST(Signals, SigtermEndsTheRunWithExitCodeFour) {
  const LongRun run(SIGTERM);
  EXPECT_EQ(run.exit_code, 4) << run.log();
}

TEST(Signals, SigtermLeavesStatusInterruptedAndNamesTheSignal) {
  const LongRun run(SIGTERM);
  const nlohmann::json summary = nlohmann::json::parse(read_text(run.out / "summary.json"));
  EXPECT_EQ(summary["status"], "interrupted");
  EXPECT_NE(summary["message"].get<std::string>().find("SIGTERM"), std::string::npos) << summary["message"];
}

TEST(Signals, SigtermLeavesACheckpointOfTheLastStepAndItsFrame) {
  const LongRun run(SIGTERM);
  const afsim::io::Checkpoint c = afsim::io::read_checkpoint(run.out / "checkpoint.h5");
  EXPECT_EQ(c.status, "interrupted");
  const nlohmann::json summary = nlohmann::json::parse(read_text(run.out / "summary.json"));
  EXPECT_EQ(c.real("time_s"), summary["time_s"].get<double>());
  EXPECT_EQ(c.integer("step"), summary["steps"].get<long long>());
  EXPECT_EQ(afsim::io::read_pvd(run.out / "run.pvd").back().time_s, c.real("time_s"));
}

TEST(Signals, SigintEndsTheRunLikeSigterm) {
  const LongRun run(SIGINT);
  EXPECT_EQ(run.exit_code, 4) << run.log();
  EXPECT_EQ(afsim::io::read_checkpoint(run.out / "checkpoint.h5").status, "interrupted");
}

// kill -9 at arbitrary instants (a checkpoint every 10 ms step, so many kills land inside a write): the
// checkpoint on disk is always a complete, readable one, and so is the time series' HDF5 copy. The suite
// makes 8 attempts; a longer campaign: AFSIM_KILL_ATTEMPTS=500 AFSIM_KILL_SEED=7 afsim_cli_tests
// --gtest_filter='Signals.KillNine*'.
int environment_number(const char* name, int fallback) {
  const char* v = std::getenv(name);
  return v && *v ? std::atoi(v) : fallback;
}

// The first column (time_s) of the complete lines of a CSV file.
std::vector<double> csv_times(const fs::path& csv) {
  std::ifstream in(csv);
  std::string text((std::istreambuf_iterator<char>(in)), {});
  std::vector<double> out;
  size_t begin = text.find('\n');
  while (begin != std::string::npos && begin + 1 < text.size()) {
    const size_t end = text.find('\n', begin + 1);
    if (end == std::string::npos) break;  // a partial last line
    out.push_back(std::strtod(text.c_str() + begin + 1, nullptr));
    begin = end;
  }
  return out;
}

TEST(Signals, KillNineAtAnyInstantLeavesAReadableCheckpoint) {
  TempDir dir;
  const int attempts = environment_number("AFSIM_KILL_ATTEMPTS", 8);
  std::mt19937 random(static_cast<unsigned>(environment_number("AFSIM_KILL_SEED", 12345)));
  for (int attempt = 0; attempt < attempts; ++attempt) {
    const fs::path out = dir.path() / ("out" + std::to_string(attempt));
    const pid_t pid = start_afsim(
        {"run", kMinimal, "--output", out.string(), "--threads", "1", "--set", "numerics.dt=0.01 s", "--set",
         "protocol.steps[0].charge.until.time=1000 s", "--set", "output.every=0.01 s"},
        dir.path());
    ASSERT_TRUE(wait_for(out / "checkpoint.h5", pid)) << "attempt " << attempt;
    std::this_thread::sleep_for(std::chrono::microseconds(random() % 200000));
    ::kill(pid, SIGKILL);
    EXPECT_EQ(wait_exit(pid), 128 + SIGKILL);
    EXPECT_NO_THROW(afsim::io::read_checkpoint(out / "checkpoint.h5")) << "attempt " << attempt;
    if (fs::exists(out / "timeseries.h5")) {
      const hid_t f = H5Fopen((out / "timeseries.h5").c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
      EXPECT_GE(f, 0) << "attempt " << attempt;
      if (f >= 0) {
        // Its rows are a prefix of the CSV's (fsync'ed row by row): the same times, perhaps fewer.
        const hid_t d = H5Dopen2(f, "/timeseries/time_s", H5P_DEFAULT);
        EXPECT_GE(d, 0) << "attempt " << attempt;
        if (d >= 0) {
          const hid_t space = H5Dget_space(d);
          std::vector<double> times(static_cast<size_t>(H5Sget_simple_extent_npoints(space)));
          if (!times.empty()) H5Dread(d, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, times.data());
          const std::vector<double> csv = csv_times(out / "timeseries.csv");
          EXPECT_LE(times.size(), csv.size()) << "attempt " << attempt;
          for (size_t r = 0; r < std::min(times.size(), csv.size()); ++r)
            EXPECT_EQ(times[r], csv[r]) << "attempt " << attempt << ", row " << r;
          H5Sclose(space);
          H5Dclose(d);
        }
        H5Fclose(f);
      }
    }
    fs::remove_all(out);  // a long campaign keeps the disk use of one run
  }
}

// Ctrl-C twice: the second aborts at once (exit 128 + SIGINT, no waiting for the step to end) and the
// checkpoint on disk is the last complete one. SIGINT is re-sent every 2 ms until the process is gone,
// so the second one arrives while the first is still being honoured (two pending SIGINTs would merge).
TEST(Signals, ASecondSigintAbortsAtOnceAndKeepsTheLastCheckpointReadable) {
  TempDir dir;
  const fs::path out = dir.path() / "out";
  const pid_t pid =
      start_afsim({"run", kMinimal, "--output", out.string(), "--threads", "1", "--set", "numerics.dt=0.01 s",
                   "--set", "protocol.steps[0].charge.until.time=1000 s", "--set", "output.every=0.02 s"},
                  dir.path());
  ASSERT_TRUE(wait_for(out / "fields" / "step_000002.vti", pid));
  int status = 0;
  for (int n = 0; n < 5000 && ::waitpid(pid, &status, WNOHANG) == 0; ++n) {
    ::kill(pid, SIGINT);
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  ASSERT_TRUE(WIFEXITED(status)) << "still running or killed by a signal";
  EXPECT_EQ(WEXITSTATUS(status), 128 + SIGINT);
  EXPECT_NE(read_text(dir.path() / "stderr.txt").find("second interrupt"), std::string::npos);
  afsim::io::Checkpoint c;
  ASSERT_NO_THROW(c = afsim::io::read_checkpoint(out / "checkpoint.h5"));
  EXPECT_GE(c.integer("step"), 2);
}

}  // namespace
