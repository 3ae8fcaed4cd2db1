// Writes what a run produces (DESIGN.md §6): VTK frames + run.pvd, timeseries.csv (+ .h5), summary.json.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "io/pvd_writer.hpp"
#include "io/run_directory.hpp"
#include "io/timeseries.hpp"
#include "io/timeseries_h5.hpp"
#include "physics/observation.hpp"
#include "simulation/engine.hpp"

namespace afsim {

// Continuing the outputs of a run from a checkpoint taken at `time` after `frames` frames.
struct RecorderResume {
  double time = 0;
  long long frames = 0;
};

class Recorder {
 public:
  // A new run's outputs; with `resume`, the outputs in `dir` are continued: frames listed in run.pvd and
  // time-series rows later than resume->time are dropped, the next frame is number resume->frames.
  Recorder(const std::filesystem::path& dir, const Grid& grid, std::vector<std::string> fields,
           const std::optional<RecorderResume>& resume = std::nullopt);
  const io::RunPaths& paths() const { return paths_; }
  // One row of timeseries.csv: the first row's headers are the file's columns, every later row must have
  // the same (std::logic_error otherwise).
  void row(const ColumnSink& r);
  void frame(double time, Engine& engine);
  long long frames() const { return frame_; }
  // summary.json, and timeseries.h5 with every row so far (io/timeseries_h5.hpp).
  void summary(const nlohmann::json& j);
  // With every checkpoint: timeseries.h5 rewritten when its rows grew by a quarter (io/timeseries_h5.hpp).
  void refresh_timeseries_h5();

 private:
  io::RunPaths paths_;
  Grid grid_;
  std::vector<std::string> fields_;
  io::PvdCollection pvd_;
  std::unique_ptr<io::TimeSeriesWriter> series_;  // opened at the first row
  std::unique_ptr<io::TimeSeriesH5> h5_;          // the same rows in an HDF5 file (in memory until written)
  bool resume_ = false;
  long long frame_ = 0;
};

}  // namespace afsim
