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
#include "simulation/engine.hpp"

namespace afsim {

// The deposit's shape (issue 3 observables): dense-equivalent thickness (all metal as a dense layer),
// envelope (mean and max over columns of the xi = 1/2 contour of the topmost metal), porosity
// 1 - dense / envelope, interface area per collector area (1: flat), tip height of the connected metal.
struct DepositStats {
  double dense_thickness = 0, envelope_mean = 0, envelope_max = 0, tip_height = 0;
  double porosity = 0, interface_area = 0;
  long long dead_islands = 0;
};
DepositStats deposit_stats(const EngineObservables& o, double molar_volume);

// One row of the time series (SI units; the column names carry them).
struct SeriesRow {
  double time = 0;
  long long step = 0;
  int cycle = 0;
  std::string step_kind;
  double current = 0, charge = 0, v_e = 0, v_cell = 0, u_cathode = 0;
  double c_surface_min = 0, c_min = 0;
  double metal_connected = 0, metal_dead = 0, sei = 0, alloy = 0, electrolyte = 0, cathode = 0;
  double reservoir_in = 0, ledger_error = 0;
  long long solver_iterations = 0, newton_iterations = 0;
  double solver_residual = 0, dt = 0;
  DepositStats deposit;
};

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
  void row(const SeriesRow& r);
  void frame(double time, Engine& engine);
  long long frames() const { return frame_; }
  // summary.json, and timeseries.h5 rebuilt from timeseries.csv (io/timeseries_h5.hpp).
  void summary(const nlohmann::json& j);
  // timeseries.h5 as of the rows written so far (with every checkpoint).
  void mirror_timeseries();

  static const std::vector<std::string>& columns();

 private:
  io::RunPaths paths_;
  Grid grid_;
  std::vector<std::string> fields_;
  io::PvdCollection pvd_;
  std::unique_ptr<io::TimeSeriesWriter> series_;
  long long frame_ = 0;
};

}  // namespace afsim
