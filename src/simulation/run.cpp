#include "simulation/run.hpp"

#include <algorithm>
#include <filesystem>
#include <optional>

#include <nlohmann/json.hpp>
#include <omp.h>

#include "config/deck.hpp"
#include "io/run_directory.hpp"
#include "simulation/device_select.hpp"
#include "simulation/engine_setup.hpp"
#include "simulation/model_footprint.hpp"
#include "simulation/progress.hpp"
#include "simulation/recorder.hpp"
#include "simulation/run_loop.hpp"
#include "simulation/run_start.hpp"
#include "simulation/run_state.hpp"
#include "simulation/run_summary.hpp"
#include "simulation/signals.hpp"

#ifndef AFSIM_GIT
#define AFSIM_GIT "unknown"
#endif

namespace afsim {

const char* status_name(RunStatus s) {
  switch (s) {
    case RunStatus::Completed:
      return "completed";
    case RunStatus::Short:
      return "short";
    case RunStatus::Cutoff:
      return "cutoff";
    case RunStatus::Diverged:
      return "diverged";
    case RunStatus::Interrupted:
      return "interrupted";
  }
  return "unknown";
}

namespace {

const std::vector<std::string>& default_fields() {
  static const std::vector<std::string> f = {"metal_fraction",  "electrolyte_fraction",
                                             "concentration",   "potential",
                                             "current_density", "reaction_current_density"};
  return f;
}

namespace fs = std::filesystem;

std::optional<RunStatus> final_status(const std::string& name) {
  for (RunStatus s : {RunStatus::Completed, RunStatus::Short, RunStatus::Cutoff, RunStatus::Diverged})
    if (name == status_name(s)) return s;
  return std::nullopt;
}

}  // namespace

RunOutcome run_simulation(const config::Config& cfg, const RunOptions& opt) {
  if (opt.threads > 0) omp_set_num_threads(opt.threads);
  // The deck against the physics it runs: output fields, the memory of the grid (config::DeckError).
  const ModelFootprint footprint = model_footprint(cfg);
  check_deck_against_model(cfg, footprint);

  RunOutcome outcome;
  outcome.output_dir = opt.output.empty() ? cfg.run.output : opt.output;
  const io::RunPaths paths = io::run_paths(outcome.output_dir);
  const DeckIdentity deck = deck_identity(cfg);
  const auto log = [&](const std::string& line) {
    if (opt.log) std::fprintf(opt.log, "afsim: %s\n", line.c_str());
  };

  // Where the run starts: t = 0 or a checkpoint. Whatever is refused here has run and written nothing.
  const RunStart origin = decide_run_start(opt, paths, outcome.output_dir, deck, log);
  const fs::path& checkpoint_path = origin.checkpoint_path;
  const fs::path& checkpoint_dir = origin.checkpoint_dir;
  const std::optional<RunState>& start = origin.state;
  const std::string& start_status = origin.status;
  const std::string& start_backend = origin.backend;
  const bool continue_outputs = origin.continue_outputs;
  if (start && final_status(start_status)) {
    outcome.status = *final_status(start_status);
    outcome.message = "the run in " + checkpoint_dir.string() + " already ended (" + start_status +
                      " at t = " + format_duration(start->driver.time) + "): nothing to continue";
    log(outcome.message);
    return outcome;
  }

  const DeviceChoice device = choose_device(opt.device.empty() ? cfg.run.device : opt.device);
  log(cfg.run.name + " on " + device.description);
  check_device_memory(device, 1LL * cfg.domain.cells[0] * cfg.domain.cells[1] * cfg.domain.cells[2],
                      footprint.bytes(cfg.domain));

  const EngineSetup setup = make_engine_setup(cfg);
  std::unique_ptr<Engine> engine = make_engine(device, setup);
  if (start) {
    if (!(start->grid == setup.grid))
      throw RunRefused("cannot restart from '" + checkpoint_path.string() +
                       "': its grid differs from the deck's");
    try {
      engine->restore_state(start->engine);
    } catch (const std::invalid_argument& e) {
      throw RunRefused("cannot restart from '" + checkpoint_path.string() + "': the checkpoint " + e.what());
    }
    if (start_backend != engine->backend_name())
      log("warning: the checkpoint was written on the " + start_backend + " backend, this run uses " +
          engine->backend_name() + ": the continuation is not bit-identical");
  }

  std::vector<std::string> fields;
  std::vector<std::string> known;
  for (const OutputFieldInfo& f : engine->output_fields()) known.push_back(f.name);
  for (const std::string& f : cfg.output.fields.empty() ? default_fields() : cfg.output.fields) {
    if (std::find(known.begin(), known.end(), f) != known.end()) {
      fields.push_back(f);
    } else {
      log("warning: output field '" + f + "' is not produced by this run's physics; skipped");
    }
  }
  for (const std::string& w : cfg.warnings) log("warning: " + w);

  std::optional<RunSignals> signals;
  if (opt.handle_signals) {
    clear_stop_signal();
    signals.emplace();
  }
  if (opt.overwrite && !continue_outputs && io::holds_run_outputs(paths.root)) {
    log("--overwrite: removing the previous outputs in " + outcome.output_dir);
    io::remove_run_outputs(paths);
  }
  std::optional<RecorderResume> resume;
  if (continue_outputs) resume = RecorderResume{start->driver.time, start->driver.frames};
  Recorder rec(outcome.output_dir, setup.grid, fields, resume);

  RunLoop::Setup loop_setup;
  loop_setup.cfg = &cfg;
  loop_setup.opt = &opt;
  loop_setup.engine = engine.get();
  loop_setup.recorder = &rec;
  loop_setup.paths = &paths;
  loop_setup.deck = &deck;
  loop_setup.log = log;
  loop_setup.wall_before = start ? start->driver.wall_s : 0.0;
  RunLoop loop(loop_setup);
  if (start) {
    log("continuing from " + checkpoint_path.string() + " at t = " + format_duration(start->driver.time) +
        " (step " + std::to_string(start->driver.step) + ")");
    loop.begin_from(*start, continue_outputs);
  } else {
    loop.begin();
  }
  loop.run();
  loop.finish();
  outcome.status = loop.outcome().status;
  outcome.message = loop.outcome().message;
  const DriverState& d = loop.driver();
  const std::optional<double> checkpoint_time = loop.checkpoint_time();

  const RunRecord last = loop.record();
  nlohmann::json j;
  j["status"] = status_name(outcome.status);
  if (!outcome.message.empty()) j["message"] = outcome.message;
  if (!loop.diagnosis().is_null()) j["diagnosis"] = loop.diagnosis();
  j["afsim_version"] = AFSIM_VERSION;
  j["git"] = AFSIM_GIT;
  j["device"] = device.description;
  j["wall_s"] = loop.wall_s();
  j["steps"] = d.step;
  j["time_s"] = d.time;
  j["deck"] = config::deck_echo_si(cfg);
  j["checkpoint"] = checkpoint_time ? nlohmann::json{{"file", paths.checkpoint_h5.filename().string()},
                                                     {"time_s", *checkpoint_time}}
                                    : nlohmann::json(nullptr);
  if (start)
    j["restarted_from"] = {{"checkpoint", checkpoint_path.string()},
                           {"time_s", start->driver.time},
                           {"step", start->driver.step}};
  add_run_results(j, cfg, d, last, loop.protocol().cycles());
  j["frames"] = rec.frames();
  rec.summary(j);
  if (opt.log) {
    std::fprintf(opt.log, "afsim: %s after %lld steps, t = %s; outputs in %s\n", status_name(outcome.status),
                 d.step, format_duration(d.time).c_str(), outcome.output_dir.c_str());
    if (!outcome.message.empty()) std::fprintf(opt.log, "afsim: %s\n", outcome.message.c_str());
    if (outcome.status == RunStatus::Interrupted)
      std::fprintf(opt.log, "afsim: continue with: afsim run %s --resume%s\n", cfg.source.c_str(),
                   opt.output.empty() ? "" : (" --output " + opt.output).c_str());
  }
  return outcome;
}

}  // namespace afsim
