#include "simulation/run.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <limits>
#include <optional>

#include <nlohmann/json.hpp>
#include <omp.h>

#include "cell/cathode_ocv.hpp"
#include "config/deck.hpp"
#include "core/constants.hpp"
#include "io/atomic_file.hpp"
#include "io/checkpoint.hpp"
#include "io/run_directory.hpp"
#include "protocol/protocol.hpp"
#include "simulation/checkpoint_schedule.hpp"
#include "simulation/device_select.hpp"
#include "simulation/engine_setup.hpp"
#include "simulation/field_fault_report.hpp"
#include "simulation/progress.hpp"
#include "simulation/recorder.hpp"
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

// The surface is called depleted (Sand's time) when the concentration at the reaction front falls
// below this fraction of c0; the time of zero crossing is then extrapolated from the last two samples.
constexpr double kDepletionFraction = 0.01;

const std::vector<std::string>& default_fields() {
  static const std::vector<std::string> f = {"metal_fraction",  "electrolyte_fraction",
                                             "concentration",   "potential",
                                             "current_density", "reaction_current_density"};
  return f;
}

// The concentration may undershoot zero by this fraction of c0 before the run counts as diverged.
constexpr double kConcentrationTolerance = 1e-3;

// numerics.dt_min defaults to this fraction of numerics.dt.
constexpr double kDefaultDtFloor = 1e-6;

// A discharge ends for want of metal when less connected metal is left than this fraction of one cell
// layer (mol/m^2 = fraction x h / V_m).
constexpr double kExhaustedLayer = 0.001;

namespace fs = std::filesystem;

std::optional<RunStatus> final_status(const std::string& name) {
  for (RunStatus s : {RunStatus::Completed, RunStatus::Short, RunStatus::Cutoff, RunStatus::Diverged})
    if (name == status_name(s)) return s;
  return std::nullopt;
}

}  // namespace

RunOutcome run_simulation(const config::Config& cfg, const RunOptions& opt) {
  using clock = std::chrono::steady_clock;
  const auto wall_start = clock::now();
  if (opt.threads > 0) omp_set_num_threads(opt.threads);

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
  check_device_memory(device, 1LL * cfg.domain.cells[0] * cfg.domain.cells[1] * cfg.domain.cells[2]);

  const EngineSetup setup = make_engine_setup(cfg);
  std::unique_ptr<Engine> engine = make_engine(device, setup);
  const double nF = setup.model.reaction.nF;
  if (start) {
    if (!(start->grid == setup.grid))
      throw RunRefused("cannot restart from '" + checkpoint_path.string() +
                       "': its grid differs from the deck's");
    engine->restore_state(start->engine);
    if (start_backend != engine->backend_name())
      log("warning: the checkpoint was written on the " + start_backend + " backend, this run uses " +
          engine->backend_name() + ": the continuation is not bit-identical");
  }

  std::vector<std::string> fields;
  for (const std::string& f : cfg.output.fields.empty() ? default_fields() : cfg.output.fields) {
    const auto& known = engine_field_names();
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
  Protocol protocol(cfg.protocol);
  CathodeModel cathode(cfg.cell.cathode.props, cfg.cell.cathode.loading, cfg.cell.cathode.initial_soc);
  if (start) {
    protocol.restore(start->protocol);
    cathode.set_state_of_charge(start->cathode_soc);
    log("continuing from " + checkpoint_path.string() + " at t = " + format_duration(start->driver.time) +
        " (step " + std::to_string(start->driver.step) + ")");
  }
  ProgressReporter progress(opt.log, protocol.planned_duration());

  DriverState d;
  EngineObservables obs = engine->observe();
  const double c0 = cfg.cell.electrolyte.concentration;
  const double wall_before = start ? start->driver.wall_s : 0.0;

  auto make_row = [&]() {
    SeriesRow r;
    r.time = d.time;
    r.step = d.step;
    r.cycle = protocol.cycle() + 1;
    r.step_kind = Protocol::kind_name(protocol.step().kind);
    r.current = d.potential.current;
    r.charge = d.charge;
    r.v_e = engine->electrode_potential();
    r.u_cathode = cathode.open_circuit_voltage();
    r.v_cell = r.u_cathode - r.v_e + d.potential.current * cfg.cell.external_resistance;
    r.c_surface_min = obs.surface_concentration_min;
    r.c_min = obs.concentration_min;
    // A fixed deposit does not move: the metal its current plates is booked from the charge (d.plated).
    r.metal_dead = obs.dead_metal_mol_m2;
    r.metal_connected =
        obs.deposit_metal_mol_m2 - obs.dead_metal_mol_m2 + (engine->evolves() ? 0.0 : d.plated);
    r.electrolyte = obs.salt_mol_m2;
    r.cathode = cathode.metal_inventory(nF);
    r.reservoir_in = d.reservoir_in;
    const double total = r.cathode + r.electrolyte + r.metal_connected + r.metal_dead - d.reservoir_in;
    r.ledger_error = std::abs(total - d.inventory0) / d.inventory0;
    r.solver_iterations = d.potential.linear_iterations + d.salt.iterations + d.phase_field_iterations;
    r.newton_iterations = d.potential.newton_iterations;
    r.solver_residual = std::max(d.potential.linear_residual, d.salt.relative_residual);
    r.dt = d.dt_last;
    r.deposit = deposit_stats(obs, cfg.cell.metal.molar_volume);
    return r;
  };
  bool output_current = false;  // the present state has its row and frame
  auto output = [&](const SeriesRow& r) {
    rec.row(r);
    rec.frame(d.time, *engine);
    output_current = true;
  };
  std::optional<double> checkpoint_time;
  if (continue_outputs) checkpoint_time = start->driver.time;
  const CheckpointSchedule schedule(cfg.output);
  auto last_checkpoint_wall = clock::now();
  auto save_checkpoint = [&](const std::string& status) {
    RunState s;
    s.grid = setup.grid;
    s.driver = d;
    s.driver.frames = rec.frames();
    s.driver.wall_s = wall_before + std::chrono::duration<double>(clock::now() - wall_start).count();
    s.protocol = protocol.state();
    s.cathode_soc = cathode.state_of_charge();
    s.engine = engine->save_state();
    io::write_checkpoint(paths.checkpoint_h5, make_checkpoint(s, deck, engine->backend_name(), status));
    rec.mirror_timeseries();
    checkpoint_time = d.time;
    last_checkpoint_wall = clock::now();
  };

  if (start) {
    d = start->driver;
    if (cfg.output.every_time && !(d.next_output_time > d.time))
      d.next_output_time = d.time + *cfg.output.every_time;
    if (cfg.output.every_capacity && !(d.next_output_charge > d.throughput))
      d.next_output_charge = d.throughput + *cfg.output.every_capacity;
    schedule.arm(d);
    if (continue_outputs) {
      output_current = schedule.follows_frames();  // then the checkpoint was taken right after an output
    } else {
      output(make_row());
      save_checkpoint("running");
    }
  } else {
    const double nuclei = engine->nuclei_metal_mol_m2();
    if (nuclei > 0) {
      // The seeds of an anode-free cell came from the cathode on its first charge (MODELS §4): charge in.
      const double q = nuclei * nF;
      d.charge += q;
      d.throughput += q;
      cathode.pass_charge(q);
      protocol.record_charge(q);
    }
    d.inventory0 = cathode.metal_inventory(nF) + obs.salt_mol_m2 + obs.deposit_metal_mol_m2;
    d.surface_c_prev = obs.surface_concentration_min;
    // Initial state: solve the potential for the first step's drive so that frame 0 is meaningful.
    d.potential = engine->solve_potential(protocol.drive());
    d.first_current = d.potential.current;
    const SeriesRow first = make_row();
    output(first);
    // The metal the first cycle finds (a film, a reservoir); the nuclei are its charge in instead.
    protocol.observe_metal((first.metal_connected - nuclei) * nF, first.metal_dead * nF);
    if (cfg.output.every_time) d.next_output_time = *cfg.output.every_time;
    if (cfg.output.every_capacity) d.next_output_charge = *cfg.output.every_capacity;
    schedule.arm(d);
    save_checkpoint("running");
  }

  FieldBounds bounds;
  bounds.c_min = -kConcentrationTolerance * c0;
  nlohmann::json diagnosis = nullptr;
  const double dt_max = cfg.numerics.dt;
  const double dt_min = cfg.numerics.dt_min.value_or(kDefaultDtFloor * dt_max);
  // Metal exhausted (MODELS §1): less connected metal than a layer of kExhaustedLayer cells is left.
  const double exhausted_below = kExhaustedLayer * setup.grid.h / cfg.cell.metal.molar_volume;
  const auto exhausted_metal = [&](const EngineObservables& o) {
    return o.deposit_metal_mol_m2 - o.dead_metal_mol_m2 < exhausted_below;
  };
  const auto diverged = [&](const std::string& what) {
    outcome.status = RunStatus::Diverged;
    outcome.message = "diverged at t = " + format_duration(d.time) + " (step " + std::to_string(d.step) +
                      "): " + what + "; " +
                      (checkpoint_time ? "last good checkpoint: " + paths.checkpoint_h5.string() +
                                             " (t = " + format_duration(*checkpoint_time) + ")"
                                       : std::string("no checkpoint was written"));
  };
  while (!protocol.finished()) {
    if (const int sig = stop_signal()) {
      outcome.status = RunStatus::Interrupted;
      outcome.message =
          std::string("interrupted by ") + signal_name(sig) + " at t = " + format_duration(d.time);
      break;
    }
    if (opt.max_steps > 0 && d.step >= opt.max_steps) {
      outcome.status = RunStatus::Interrupted;
      outcome.message = "stopped after " + std::to_string(d.step) +
                        " steps (--max-steps) at t = " + format_duration(d.time);
      break;
    }
    const Drive drive = protocol.drive();
    // The cap of this step: the deck's dt, the protocol's cut-offs and the next output time; a moving
    // interface takes a shorter step when its stability or the change of xi asks for it.
    double dt_cap = protocol.limit_dt(
        dt_max, std::abs(drive.mode == Drive::Mode::Galvanostatic ? drive.current : d.potential.current));
    if (cfg.output.every_time) dt_cap = std::min(dt_cap, d.next_output_time - d.time);
    if (!(dt_cap > 0)) dt_cap = std::min(dt_max, 1e-12 + std::abs(dt_cap));

    output_current = false;
    StepReport step;
    try {
      step = engine->step(drive, dt_cap, d.step);
    } catch (const std::exception& e) {
      if (exhausted_metal(obs) && protocol.step().kind == config::StepKind::Discharge) {
        // Nothing is left to strip: the Newton found no reactive interface (MODELS §1 metal exhausted).
        log("discharge ended: " + std::string(e.what()));
        protocol.record(0.0, 0.0, cathode.open_circuit_voltage(), true);
        protocol.advance();
        continue;
      }
      diverged(std::string("the step failed: ") + e.what());
      break;
    }
    if (!step.potential.converged) {
      diverged("the charge balance did not converge (Newton, " +
               std::to_string(step.potential.newton_iterations) + " iterations)");
      break;
    }
    const double dt = step.dt;
    d.potential = step.potential;
    d.salt = step.salt;
    d.phase_field_iterations = step.phase_field.iterations;
    obs = engine->observe();
    d.time += dt;
    ++d.step;
    d.dt_last = dt;
    d.charge += d.potential.current * dt;
    d.throughput += std::abs(d.potential.current) * dt;
    d.plated += d.potential.current * dt / nF;
    d.reservoir_in += obs.bulk_exchange_mol_m2;
    cathode.pass_charge(d.potential.current * dt);
    if (const std::optional<FieldFault> fault = engine->check_fields(bounds)) {
      diverged(describe_fault(*fault, setup.grid));
      diagnosis = fault_diagnosis(*fault, setup.grid, d.time, d.step);
      break;
    }
    if (!d.salt.converged) {
      diverged("the salt balance did not converge (" + std::to_string(d.salt.iterations) +
               " iterations, relative residual " + format_number(d.salt.relative_residual) + ")");
      break;
    }
    if (!step.phase_field.converged && engine->evolves()) {
      diverged("the order-parameter solve did not converge (" + std::to_string(step.phase_field.iterations) +
               " iterations, relative residual " + format_number(step.phase_field.relative_residual) + ")");
      break;
    }
    if (engine->evolves() && dt < dt_min && dt_cap > dt_min) {
      diverged("the time step collapsed to " + format_number(dt) + " s, below numerics.dt_min = " +
               format_number(dt_min) + " s (largest |dxi/dt| " + format_number(step.max_rate) + " 1/s)");
      break;
    }

    const SeriesRow r = make_row();
    std::optional<std::string> reason =
        protocol.record(dt, d.potential.current, r.v_cell, engine->evolves() && exhausted_metal(obs));
    protocol.observe_metal(r.metal_connected * nF, r.metal_dead * nF);
    bool stop_run = false;
    if (drive.mode == Drive::Mode::Galvanostatic && drive.current > 0 && !std::isfinite(d.sand_time) &&
        obs.surface_concentration_min < kDepletionFraction * c0) {
      // Sand's time: extrapolate the surface concentration to zero from the last two samples.
      const double slope = (obs.surface_concentration_min - d.surface_c_prev) / (d.time - d.time_prev);
      d.sand_time = slope < 0 ? d.time - obs.surface_concentration_min / slope : d.time;
      if (!engine->evolves()) {
        // A fixed deposit cannot carry the current any more; a moving one grows on (tips reach fresh salt).
        outcome.status = RunStatus::Cutoff;
        outcome.message = "surface concentration depleted (Sand's time " + format_duration(d.sand_time) + ")";
        stop_run = true;
      } else {
        log("the surface concentration reached zero at t = " + format_duration(d.sand_time) +
            " (Sand's time); the deposit grows on where salt remains");
      }
    }
    if (engine->evolves() && obs.short_circuit) {
      // MODELS §2: connected metal reached y = L_y, the separator side: a hard short.
      d.short_time = d.time;
      outcome.status = RunStatus::Short;
      outcome.message =
          "short circuit: metal connected to the collector reached the top of the domain at t = " +
          format_duration(d.time);
      stop_run = true;
    }
    d.surface_c_prev = obs.surface_concentration_min;
    d.time_prev = d.time;

    bool due = stop_run || reason.has_value();
    if (cfg.output.every_time && d.time >= d.next_output_time * (1 - 1e-12)) {
      due = true;
      while (d.next_output_time <= d.time * (1 + 1e-12)) d.next_output_time += *cfg.output.every_time;
    }
    if (cfg.output.every_capacity && d.throughput >= d.next_output_charge * (1 - 1e-12)) {
      due = true;
      while (d.next_output_charge <= d.throughput * (1 + 1e-12))
        d.next_output_charge += *cfg.output.every_capacity;
    }
    if (due) output(r);
    progress.update(d.time, std::string(Protocol::kind_name(protocol.step().kind)) +
                                " V_e = " + std::to_string(r.v_e) + " V");
    if (stop_run) break;
    if (reason) protocol.advance();
    const double wall_since = std::chrono::duration<double>(clock::now() - last_checkpoint_wall).count();
    if (schedule.due(d, due, wall_since) && !protocol.finished()) save_checkpoint("running");
  }
  progress.finish();

  if (outcome.status != RunStatus::Diverged) {
    // The outputs and the checkpoint describe the same, final state.
    if (!output_current) output(make_row());
    save_checkpoint(status_name(outcome.status));
  }

  const SeriesRow last = make_row();
  nlohmann::json j;
  j["status"] = status_name(outcome.status);
  if (!outcome.message.empty()) j["message"] = outcome.message;
  if (!diagnosis.is_null()) j["diagnosis"] = diagnosis;
  j["afsim_version"] = AFSIM_VERSION;
  j["git"] = AFSIM_GIT;
  j["device"] = device.description;
  j["wall_s"] = wall_before + std::chrono::duration<double>(clock::now() - wall_start).count();
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
  add_run_results(j, cfg, d, last, protocol.cycles());
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
