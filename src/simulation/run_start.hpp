// Where a run starts (issue 4, DESIGN.md §6): at t = 0, or from a checkpoint (--restart FILE, or --resume
// that finds the output directory's own). Decided before anything runs or is written: a refusal here
// (RunRefused, exit 2) leaves every file on disk as it was.
#pragma once

#include <filesystem>
#include <functional>
#include <optional>
#include <string>

#include "io/run_directory.hpp"
#include "simulation/run.hpp"
#include "simulation/run_state.hpp"

namespace afsim {

struct RunStart {
  std::filesystem::path checkpoint_path;  // empty: a new run from t = 0
  std::filesystem::path checkpoint_dir;   // its folder ("." for a bare file name)
  std::optional<RunState> state;          // the checkpoint's state
  std::string status, backend;            // the checkpoint's status and backend
  bool continue_outputs = false;  // the checkpoint lies in the output directory: append to its outputs
};

// Refuses --resume with --restart, a checkpoint that cannot be read, a deck whose physics differs from the
// checkpoint's (listing the differing keys), and an output directory holding another run's outputs
// (unless opt.overwrite). `log` receives the notes a user should see.
RunStart decide_run_start(const RunOptions& opt, const io::RunPaths& paths, const std::string& output_dir,
                          const DeckIdentity& deck, const std::function<void(const std::string&)>& log);

}  // namespace afsim
