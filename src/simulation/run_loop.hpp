// The protocol loop of one run (DESIGN.md §1), in named pieces: stop checks, the step, the guards, the
// record of the present state, the protocol's cut-offs, the output and checkpoint schedule. run.cpp sets
// the run up (start, device, engine, outputs) and writes the summary; RunLoop steps it.
#pragma once

#include <chrono>
#include <cstdio>
#include <functional>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "cell/cathode_ocv.hpp"
#include "config/config.hpp"
#include "io/run_directory.hpp"
#include "physics/observation.hpp"
#include "protocol/protocol.hpp"
#include "simulation/checkpoint_schedule.hpp"
#include "simulation/engine.hpp"
#include "simulation/progress.hpp"
#include "simulation/recorder.hpp"
#include "simulation/run.hpp"
#include "simulation/run_state.hpp"

namespace afsim {

// The record of one state of the run: the time-series row and the ledger it was made from.
struct RunRecord {
  ColumnSink columns;
  LedgerSink ledger;
  double value(const std::string& header) const { return std::get<double>(columns.at(header)); }
};

class RunLoop {
 public:
  struct Setup {
    const config::Config* cfg = nullptr;
    const RunOptions* opt = nullptr;
    Engine* engine = nullptr;
    Recorder* recorder = nullptr;
    const io::RunPaths* paths = nullptr;
    const DeckIdentity* deck = nullptr;
    std::function<void(const std::string&)> log;
    double wall_before = 0;  // wall time of the earlier sessions of this run
  };
  explicit RunLoop(const Setup& s);

  // t = 0: the nuclei booked as charge, the inventory, the first potential solve, row, frame, checkpoint.
  void begin();
  // From a checkpoint's state; `continue_outputs`: the outputs of that run are continued.
  void begin_from(const RunState& start, bool continue_outputs);
  // Steps until the protocol ends or something stops the run; sets the outcome.
  void run();
  // The final row, frame and checkpoint (all describe the same state), unless the run diverged.
  void finish();

  RunRecord record() const;
  const DriverState& driver() const { return d_; }
  const Protocol& protocol() const { return protocol_; }
  const RunOutcome& outcome() const { return outcome_; }
  RunOutcome& outcome() { return outcome_; }
  const nlohmann::json& diagnosis() const { return diagnosis_; }
  std::optional<double> checkpoint_time() const { return checkpoint_time_; }
  double wall_s() const;

 private:
  // ---- the pieces of one pass of the loop ----
  bool stop_requested();
  double step_cap(const Drive& drive) const;
  std::optional<StepReport> take_step(const Drive& drive, double dt_cap);
  void book(const StepReport& step);
  bool guards(const StepReport& step, double dt_cap);
  std::optional<std::string> protocol_cutoffs(const RunRecord& r);
  bool stops(const Drive& drive);
  bool output_due(bool forced);
  // ---- outputs ----
  void output(const RunRecord& r);
  void checkpoint(const std::string& status);
  void diverged(const std::string& what);
  bool metal_exhausted() const;

  const config::Config& cfg_;
  const RunOptions& opt_;
  Engine& engine_;
  Recorder& rec_;
  const io::RunPaths& paths_;
  const DeckIdentity& deck_;
  std::function<void(const std::string&)> log_;
  Protocol protocol_;
  CathodeModel cathode_;
  CheckpointSchedule schedule_;
  ProgressReporter progress_;
  DriverState d_;
  EngineObservables obs_;
  RunOutcome outcome_;
  nlohmann::json diagnosis_ = nullptr;
  std::optional<double> checkpoint_time_;
  bool output_current_ = false;  // the present state has its row and frame
  double nF_;
  double dt_max_, dt_min_;
  double wall_before_;
  std::chrono::steady_clock::time_point wall_start_, last_checkpoint_wall_;
};

}  // namespace afsim
