#include "simulation/run_loop.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "core/constants.hpp"
#include "io/checkpoint.hpp"
#include "simulation/field_fault_report.hpp"
#include "simulation/signals.hpp"

namespace afsim {

namespace {

// The surface is called depleted (Sand's time) when the concentration at the reaction front falls
// below this fraction of c0; the time of zero crossing is then extrapolated from the last two samples.
constexpr double kDepletionFraction = 0.01;

// numerics.dt_min defaults to this fraction of numerics.dt.
constexpr double kDefaultDtFloor = 1e-6;

// A discharge ends for want of metal when less connected metal is left than this fraction of one cell
// layer (mol/m^2 = fraction x h / V_m).
constexpr double kExhaustedLayer = 0.001;

// The ledger columns DESIGN.md §6 promises for every model, in this order; a model without SEI or alloy
// reports 0 there. Further held lines follow, then the inflows.
constexpr const char* kContractLedger[] = {"metal_connected", "metal_dead",  "sei",
                                           "alloy",           "electrolyte", "cathode"};

}  // namespace

RunLoop::RunLoop(const Setup& s)
    : cfg_(*s.cfg),
      opt_(*s.opt),
      engine_(*s.engine),
      rec_(*s.recorder),
      paths_(*s.paths),
      deck_(*s.deck),
      log_(s.log),
      protocol_(s.cfg->protocol),
      cathode_(s.cfg->cell.cathode.props, s.cfg->cell.cathode.loading, s.cfg->cell.cathode.initial_soc),
      schedule_(s.cfg->output),
      progress_(s.opt->log, protocol_.planned_duration()),
      nF_(s.cfg->cell.metal.charge_number * constants::faraday),
      dt_max_(s.cfg->numerics.dt),
      dt_min_(s.cfg->numerics.dt_min.value_or(kDefaultDtFloor * s.cfg->numerics.dt)),
      wall_before_(s.wall_before),
      wall_start_(std::chrono::steady_clock::now()),
      last_checkpoint_wall_(wall_start_) {}

double RunLoop::wall_s() const {
  return wall_before_ + std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_start_).count();
}

// ---- start ----

void RunLoop::begin() {
  obs_ = engine_.observe();
  const double nuclei = engine_.nuclei_metal_mol_m2();
  if (nuclei > 0) {
    // The seeds of an anode-free cell came from the cathode on its first charge (MODELS §4): charge in.
    const double q = nuclei * nF_;
    d_.charge += q;
    d_.throughput += q;
    cathode_.pass_charge(q);
    protocol_.record_charge(q);
  }
  // The metal in the cell at t = 0: what the ledger's lines sum to (the cathode, the salt, the metal in the
  // fields, and what further modules hold).
  d_.inventory0 =
      cathode_.metal_inventory(nF_) + obs_.salt_mol_m2 + obs_.deposit_metal_mol_m2 + obs_.other_held_mol_m2;
  d_.surface_c_prev = obs_.surface_concentration_min;
  // Initial state: solve the potential for the first step's drive so that frame 0 is meaningful.
  d_.potential = engine_.solve_potential(protocol_.drive());
  d_.first_current = d_.potential.current;
  const RunRecord first = record();
  output(first);
  // The metal the first cycle finds (a film, a reservoir); the nuclei are its charge in instead.
  protocol_.observe_metal((first.ledger.metal(MetalKind::Connected) - nuclei) * nF_,
                          first.ledger.metal(MetalKind::Dead) * nF_);
  if (cfg_.output.every_time) d_.next_output_time = *cfg_.output.every_time;
  if (cfg_.output.every_capacity) d_.next_output_charge = *cfg_.output.every_capacity;
  schedule_.arm(d_);
  checkpoint("running");
}

void RunLoop::begin_from(const RunState& start, bool continue_outputs) {
  protocol_.restore(start.protocol);
  cathode_.set_state_of_charge(start.cathode_soc);
  obs_ = engine_.observe();
  d_ = start.driver;
  if (continue_outputs) checkpoint_time_ = d_.time;
  if (cfg_.output.every_time && !(d_.next_output_time > d_.time))
    d_.next_output_time = d_.time + *cfg_.output.every_time;
  if (cfg_.output.every_capacity && !(d_.next_output_charge > d_.throughput))
    d_.next_output_charge = d_.throughput + *cfg_.output.every_capacity;
  schedule_.arm(d_);
  if (continue_outputs) {
    output_current_ = schedule_.follows_frames();  // then the checkpoint was taken right after an output
  } else {
    output(record());
    checkpoint("running");
  }
}

// ---- the loop ----

void RunLoop::run() {
  while (!protocol_.finished()) {
    if (stop_requested()) break;
    const Drive drive = protocol_.drive();
    const double dt_cap = step_cap(drive);
    output_current_ = false;
    const std::optional<StepReport> step = take_step(drive, dt_cap);
    if (!step) {
      if (outcome_.status == RunStatus::Diverged) break;
      continue;  // the discharge ended for want of metal
    }
    book(*step);
    if (!guards(*step, dt_cap)) break;
    const RunRecord r = record();
    const std::optional<std::string> cutoff = protocol_cutoffs(r);
    const bool stop_run = stops(drive);
    const bool due = output_due(stop_run || cutoff.has_value());
    if (due) output(r);
    progress_.update(d_.time, std::string(Protocol::kind_name(protocol_.step().kind)) +
                                  " V_e = " + std::to_string(r.value("V_e_V")) + " V");
    if (stop_run) break;
    if (cutoff) protocol_.advance();
    const double wall_since =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - last_checkpoint_wall_).count();
    if (schedule_.due(d_, due, wall_since) && !protocol_.finished()) checkpoint("running");
  }
  progress_.finish();
}

void RunLoop::finish() {
  if (outcome_.status == RunStatus::Diverged) return;
  if (!output_current_) output(record());
  checkpoint(status_name(outcome_.status));
}

// Signals and --max-steps: the run stops with a checkpoint (status interrupted).
bool RunLoop::stop_requested() {
  if (const int sig = stop_signal()) {
    outcome_.status = RunStatus::Interrupted;
    outcome_.message =
        std::string("interrupted by ") + signal_name(sig) + " at t = " + format_duration(d_.time);
    return true;
  }
  if (opt_.max_steps > 0 && d_.step >= opt_.max_steps) {
    outcome_.status = RunStatus::Interrupted;
    outcome_.message = "stopped after " + std::to_string(d_.step) +
                       " steps (--max-steps) at t = " + format_duration(d_.time);
    return true;
  }
  return false;
}

// The cap of this step: the deck's dt, the protocol's cut-offs and the next output time; a moving interface
// takes a shorter step when its stability or the change of xi asks for it.
double RunLoop::step_cap(const Drive& drive) const {
  double dt_cap = protocol_.limit_dt(
      dt_max_, std::abs(drive.mode == Drive::Mode::Galvanostatic ? drive.current : d_.potential.current));
  if (cfg_.output.every_time) dt_cap = std::min(dt_cap, d_.next_output_time - d_.time);
  if (!(dt_cap > 0)) dt_cap = std::min(dt_max_, 1e-12 + std::abs(dt_cap));
  return dt_cap;
}

// One engine step; nullopt when no step was taken: the discharge ended for want of metal (the protocol
// moved on), or the step failed (the outcome says diverged).
std::optional<StepReport> RunLoop::take_step(const Drive& drive, double dt_cap) {
  StepReport step;
  try {
    step = engine_.step(drive, dt_cap, d_.step);
  } catch (const std::exception& e) {
    if (metal_exhausted() && protocol_.step().kind == config::StepKind::Discharge) {
      // Nothing is left to strip: the Newton found no reactive interface (MODELS §1 metal exhausted).
      log_("discharge ended: " + std::string(e.what()));
      protocol_.record(0.0, 0.0, cathode_.open_circuit_voltage(), true);
      protocol_.advance();
      return std::nullopt;
    }
    diverged(std::string("the step failed: ") + e.what());
    return std::nullopt;
  }
  if (!step.potential.converged) {
    diverged("the charge balance did not converge (Newton, " +
             std::to_string(step.potential.newton_iterations) + " iterations)");
    return std::nullopt;
  }
  return step;
}

// The driver's accumulators after a step, and the engine's observation of the new state.
void RunLoop::book(const StepReport& step) {
  const double dt = step.dt;
  d_.potential = step.potential;
  d_.salt = step.salt;
  d_.phase_field_iterations = step.phase_field.iterations;
  obs_ = engine_.observe();
  d_.time += dt;
  ++d_.step;
  d_.dt_last = dt;
  d_.charge += d_.potential.current * dt;
  d_.throughput += std::abs(d_.potential.current) * dt;
  cathode_.pass_charge(d_.potential.current * dt);
}

// The divergence guard: fields outside their declared ranges, solves that did not converge, a step that
// collapsed. False (outcome diverged) ends the run.
bool RunLoop::guards(const StepReport& step, double dt_cap) {
  if (const std::optional<FieldFault> fault = engine_.check_fields()) {
    const Grid g{cfg_.domain.cells[0], cfg_.domain.cells[1], cfg_.domain.cells[2], cfg_.domain.spacing};
    diverged(describe_fault(*fault, g));
    diagnosis_ = fault_diagnosis(*fault, g, d_.time, d_.step);
    return false;
  }
  if (!d_.salt.converged) {
    diverged("the salt balance did not converge (" + std::to_string(d_.salt.iterations) +
             " iterations, relative residual " + format_number(d_.salt.relative_residual) + ")");
    return false;
  }
  if (!step.phase_field.converged && engine_.evolves()) {
    diverged("the order-parameter solve did not converge (" + std::to_string(step.phase_field.iterations) +
             " iterations, relative residual " + format_number(step.phase_field.relative_residual) + ")");
    return false;
  }
  if (engine_.evolves() && step.dt < dt_min_ && dt_cap > dt_min_) {
    diverged("the time step collapsed to " + format_number(step.dt) + " s, below numerics.dt_min = " +
             format_number(dt_min_) + " s (largest |dxi/dt| " + format_number(step.max_rate) + " 1/s)");
    return false;
  }
  return true;
}

// The protocol books the step and the metal; the reason when its step is over.
std::optional<std::string> RunLoop::protocol_cutoffs(const RunRecord& r) {
  std::optional<std::string> reason = protocol_.record(d_.dt_last, d_.potential.current, r.value("V_cell_V"),
                                                       engine_.evolves() && metal_exhausted());
  protocol_.observe_metal(r.ledger.metal(MetalKind::Connected) * nF_, r.ledger.metal(MetalKind::Dead) * nF_);
  return reason;
}

// What ends the run now: Sand's time on a fixed deposit, a module's stop (a short circuit).
bool RunLoop::stops(const Drive& drive) {
  bool stop_run = false;
  const double c0 = cfg_.cell.electrolyte.concentration;
  const double c_surface = obs_.surface_concentration_min;
  if (drive.mode == Drive::Mode::Galvanostatic && drive.current > 0 && !std::isfinite(d_.sand_time) &&
      c_surface < kDepletionFraction * c0) {
    // Sand's time: extrapolate the surface concentration to zero from the last two samples.
    const double slope = (c_surface - d_.surface_c_prev) / (d_.time - d_.time_prev);
    d_.sand_time = slope < 0 ? d_.time - c_surface / slope : d_.time;
    if (!engine_.evolves()) {
      // A fixed deposit cannot carry the current any more; a moving one grows on (tips reach fresh salt).
      outcome_.status = RunStatus::Cutoff;
      outcome_.message = "surface concentration depleted (Sand's time " + format_duration(d_.sand_time) + ")";
      stop_run = true;
    } else {
      log_("the surface concentration reached zero at t = " + format_duration(d_.sand_time) +
           " (Sand's time); the deposit grows on where salt remains");
    }
  }
  if (const std::optional<StopRequest> request = engine_.stop_reason()) {
    if (request->kind == StopRequest::Kind::Short) {
      d_.short_time = d_.time;
      outcome_.status = RunStatus::Short;
    } else {
      outcome_.status = RunStatus::Cutoff;
    }
    outcome_.message = request->message + " at t = " + format_duration(d_.time);
    stop_run = true;
  }
  d_.surface_c_prev = c_surface;
  d_.time_prev = d_.time;
  return stop_run;
}

// The output schedule: a row and a frame at every output.every mark (time or capacity) and when forced
// (a cut-off, a stop). Advances the passed marks.
bool RunLoop::output_due(bool forced) {
  bool due = forced;
  if (cfg_.output.every_time && d_.time >= d_.next_output_time * (1 - 1e-12)) {
    due = true;
    while (d_.next_output_time <= d_.time * (1 + 1e-12)) d_.next_output_time += *cfg_.output.every_time;
  }
  if (cfg_.output.every_capacity && d_.throughput >= d_.next_output_charge * (1 - 1e-12)) {
    due = true;
    while (d_.next_output_charge <= d_.throughput * (1 + 1e-12))
      d_.next_output_charge += *cfg_.output.every_capacity;
  }
  return due;
}

// ---- the record of a state ----

RunRecord RunLoop::record() const {
  RunRecord r;
  ColumnSink& s = r.columns;
  s.real("time", "s", d_.time);
  s.integer("step", "", d_.step);
  s.integer("cycle", "", protocol_.cycle() + 1);
  s.text("step_kind", Protocol::kind_name(protocol_.step().kind));
  s.real("current_density", "A_m2", d_.potential.current);
  s.real("charge", "C_m2", d_.charge);
  const double v_e = engine_.electrode_potential();
  const double u = cathode_.open_circuit_voltage();
  s.real("V_e", "V", v_e);
  s.real("V_cell", "V", u - v_e + d_.potential.current * cfg_.cell.external_resistance);
  s.real("U_cathode", "V", u);
  s.integer("solver_iterations", "",
            d_.potential.linear_iterations + d_.salt.iterations + d_.phase_field_iterations);
  s.integer("newton_iterations", "", d_.potential.newton_iterations);
  s.real("solver_residual", "", std::max(d_.potential.linear_residual, d_.salt.relative_residual));
  s.real("dt", "s", d_.dt_last);
  engine_.columns(s);
  // The ledger: the cathode's metal, then the modules' lines (MODELS §5).
  r.ledger.held("cathode", cathode_.metal_inventory(nF_));
  engine_.ledger(r.ledger);
  const auto value = [&](const std::string& name) -> std::optional<double> {
    for (const LedgerLine& l : r.ledger.lines())
      if (l.name == name) return l.mol_m2;
    return std::nullopt;
  };
  for (const char* name : kContractLedger) s.real(name, "mol_m2", value(name).value_or(0.0));
  for (const LedgerLine& l : r.ledger.lines()) {
    const bool contract =
        std::find_if(std::begin(kContractLedger), std::end(kContractLedger),
                     [&](const char* c) { return l.name == c; }) != std::end(kContractLedger);
    if (!contract && l.role == LedgerRole::Held) s.real(l.name, "mol_m2", l.mol_m2);
  }
  for (const LedgerLine& l : r.ledger.lines())
    if (l.role == LedgerRole::Inflow) s.real(l.name, "mol_m2", l.mol_m2);
  s.real("ledger_error", "rel", r.ledger.error(d_.inventory0));
  return r;
}

bool RunLoop::metal_exhausted() const {
  // Metal exhausted (MODELS §1): less connected metal than a layer of kExhaustedLayer cells is left.
  const double below = kExhaustedLayer * cfg_.domain.spacing / cfg_.cell.metal.molar_volume;
  return obs_.deposit_metal_mol_m2 - obs_.dead_metal_mol_m2 < below;
}

// ---- outputs ----

void RunLoop::output(const RunRecord& r) {
  rec_.row(r.columns);
  rec_.frame(d_.time, engine_);
  output_current_ = true;
}

void RunLoop::checkpoint(const std::string& status) {
  RunState s;
  s.grid = Grid{cfg_.domain.cells[0], cfg_.domain.cells[1], cfg_.domain.cells[2], cfg_.domain.spacing};
  s.driver = d_;
  s.driver.frames = rec_.frames();
  s.driver.wall_s = wall_s();
  s.protocol = protocol_.state();
  s.cathode_soc = cathode_.state_of_charge();
  s.engine = engine_.save_state();
  io::write_checkpoint(paths_.checkpoint_h5, make_checkpoint(s, deck_, engine_.backend_name(), status));
  rec_.refresh_timeseries_h5();
  checkpoint_time_ = d_.time;
  last_checkpoint_wall_ = std::chrono::steady_clock::now();
}

void RunLoop::diverged(const std::string& what) {
  outcome_.status = RunStatus::Diverged;
  outcome_.message = "diverged at t = " + format_duration(d_.time) + " (step " + std::to_string(d_.step) +
                     "): " + what + "; " +
                     (checkpoint_time_ ? "last good checkpoint: " + paths_.checkpoint_h5.string() +
                                             " (t = " + format_duration(*checkpoint_time_) + ")"
                                       : std::string("no checkpoint was written"));
}

}  // namespace afsim
