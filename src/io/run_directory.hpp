// The layout of a run's output directory (DESIGN §6):
//   DIR/run.pvd  DIR/fields/step_000123.vti  DIR/timeseries.csv  DIR/timeseries.h5  DIR/summary.json
//   DIR/checkpoint.h5
// No overwrite policy lives here yet: callers decide with holds_run_outputs() what to do with a
// directory that already holds a run.
#pragma once

#include <filesystem>
#include <string>

namespace afsim::io {

struct RunPaths {
  std::filesystem::path root;
  std::filesystem::path fields;  // root/fields
  std::filesystem::path pvd;     // root/run.pvd
  std::filesystem::path timeseries_csv;
  std::filesystem::path timeseries_h5;
  std::filesystem::path summary_json;
  std::filesystem::path checkpoint_h5;
};

// The paths of a run rooted at `dir` (nothing is created).
RunPaths run_paths(const std::filesystem::path& dir);

// Creates DIR and DIR/fields (parents too; existing ones are fine) and returns run_paths(dir).
// Throws IoError naming the path (e.g. DIR exists as a file, or no permission).
RunPaths create_run_directory(const std::filesystem::path& dir);

// "step_000123.vti" for frame 123 (at least 6 digits; more when needed). std::invalid_argument if < 0.
std::string frame_file_name(long long frame);

// "fields/step_000123.vti": the frame's path relative to the run directory (as listed in run.pvd).
std::filesystem::path frame_relative_path(long long frame);

// True when `dir` holds any of run.pvd, summary.json, timeseries.csv (i.e. a run already wrote there).
bool holds_run_outputs(const std::filesystem::path& dir);

// True when a and b name the same directory (existing: same inode; otherwise the same canonical path).
bool same_directory(const std::filesystem::path& a, const std::filesystem::path& b);

// --overwrite: removes the files a run writes (DESIGN §6: run.pvd, timeseries, summary.json, checkpoint.h5,
// fields/step_*.vti); other files in the directory are left alone. Throws IoError naming a file it cannot
// remove.
void remove_run_outputs(const RunPaths& p);

}  // namespace afsim::io
