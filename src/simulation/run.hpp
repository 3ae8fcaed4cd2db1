// One run of a deck: the protocol loop over the engine, with outputs (DESIGN.md §1, §6).
#pragma once

#include <cstdio>
#include <string>

#include "config/config.hpp"

namespace afsim {

struct RunOptions {
  std::string device = "";  // overrides run.device when not empty
  std::string output = "";  // overrides run.output when not empty
  int threads = 0;          // OpenMP threads (0: the default)
  std::FILE* log = stdout;  // progress and messages; nullptr for silence
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
