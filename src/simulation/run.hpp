// One run of a deck: the protocol loop over the engine, with outputs (DESIGN.md §1, §6).
#pragma once

#include <cstdio>
#include <stdexcept>
#include <string>

#include "config/config.hpp"

namespace afsim {

struct RunOptions {
  std::string device = "";  // overrides run.device when not empty
  std::string output = "";  // overrides run.output when not empty
  int threads = 0;          // OpenMP threads (0: the default)
  std::FILE* log = stdout;  // progress and messages; nullptr for silence
  // A directory holding another run's outputs is refused unless `overwrite` (its outputs are removed).
  bool overwrite = false;
  // Continue from this checkpoint (the same deck's physics required). When it lies in the output
  // directory, that run's outputs are continued; otherwise new outputs start at the checkpoint's time.
  std::string restart = "";
  // Continue from <output>/checkpoint.h5; a directory holding no run outputs at all starts from t = 0.
  bool resume = false;
  // Stop with a checkpoint (status interrupted) once this many steps are done in all (0: no limit).
  long long max_steps = 0;
  // SIGINT / SIGTERM stop the run after the current step with a checkpoint (status interrupted).
  bool handle_signals = false;
};

// The run was refused before anything ran or was written (exit code 2): an occupied output directory,
// an unreadable checkpoint, a deck whose physics differs from the checkpoint's.
class RunRefused : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

enum class RunStatus { Completed, Short, Cutoff, Diverged, Interrupted };
const char* status_name(RunStatus s);

struct RunOutcome {
  RunStatus status = RunStatus::Completed;
  std::string message;  // why the run ended when not simply completed
  std::string output_dir;
  int exit_code() const {
    return status == RunStatus::Diverged ? 3 : status == RunStatus::Interrupted ? 4 : 0;
  }
};

RunOutcome run_simulation(const config::Config& cfg, const RunOptions& options);

}  // namespace afsim
