#include "simulation/run.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>

#include <nlohmann/json.hpp>
#include <omp.h>

#include "cell/cathode_ocv.hpp"
#include "config/deck.hpp"
#include "core/constants.hpp"
#include "protocol/protocol.hpp"
#include "simulation/device_select.hpp"
#include "simulation/engine_setup.hpp"
#include "simulation/progress.hpp"
#include "simulation/recorder.hpp"

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

// Planar Sand's time for a current density i (MODELS §11 V3), for the user's orientation in summary.json.
double planar_sand_time(const config::Config& cfg, double i) {
  const auto& e = cfg.cell.electrolyte;
  const double nF = cfg.cell.metal.charge_number * constants::faraday;
  const double a = e.concentration * nF / (i * (1 - e.transference));
  return constants::pi * e.diffusivity * a * a / 4.0;
}

}  // namespace

RunOutcome run_simulation(const config::Config& cfg, const RunOptions& opt) {
  using clock = std::chrono::steady_clock;
  const auto wall_start = clock::now();
  if (opt.threads > 0) omp_set_num_threads(opt.threads);

  RunOutcome outcome;
  outcome.output_dir = opt.output.empty() ? cfg.run.output : opt.output;
  const DeviceChoice device = choose_device(opt.device.empty() ? cfg.run.device : opt.device);
  if (opt.log) std::fprintf(opt.log, "afsim: %s on %s\n", cfg.run.name.c_str(), device.description.c_str());

  const EngineSetup setup = make_engine_setup(cfg);
  std::unique_ptr<Engine> engine = make_engine(device, setup);
  const double nF = setup.model.reaction.nF;

  std::vector<std::string> fields;
  for (const std::string& f : cfg.output.fields.empty() ? default_fields() : cfg.output.fields) {
    const auto& known = engine_field_names();
    if (std::find(known.begin(), known.end(), f) != known.end()) {
      fields.push_back(f);
    } else if (opt.log) {
      std::fprintf(opt.log,
                   "afsim: warning: output field '%s' is not produced by this run's physics; skipped\n",
                   f.c_str());
    }
  }
  if (opt.log)
    for (const std::string& w : cfg.warnings) std::fprintf(opt.log, "afsim: warning: %s\n", w.c_str());
  Recorder rec(outcome.output_dir, setup.grid, fields);
  Protocol protocol(cfg.protocol);
  CathodeModel cathode(cfg.cell.cathode.props, cfg.cell.cathode.loading, cfg.cell.cathode.initial_soc);
  ProgressReporter progress(opt.log, protocol.planned_duration());

  double t = 0, charge = 0, plated = 0, reservoir_in = 0;
  long long step = 0;
  EngineObservables obs = engine->observe();
  const double inventory0 = cathode.metal_inventory(nF) + obs.salt_mol_m2 + obs.deposit_metal_mol_m2;
  PotentialResult pot;
  SolveStats salt{};
  double dt_last = 0, c_surf_prev = obs.surface_concentration_min, t_prev = 0;
  double sand_time = std::numeric_limits<double>::quiet_NaN();
  double first_current = 0;
  double next_output_time = 0, next_output_charge = 0;
  const double c0 = cfg.cell.electrolyte.concentration;

  auto make_row = [&]() {
    SeriesRow r;
    r.time = t;
    r.step = step;
    r.cycle = protocol.cycle() + 1;
    r.step_kind = Protocol::kind_name(protocol.step().kind);
    r.current = pot.current;
    r.charge = charge;
    r.v_e = engine->electrode_potential();
    r.u_cathode = cathode.open_circuit_voltage();
    r.v_cell = r.u_cathode - r.v_e + pot.current * cfg.cell.external_resistance;
    r.c_surface_min = obs.surface_concentration_min;
    r.c_min = obs.concentration_min;
    r.metal_connected = obs.deposit_metal_mol_m2 + plated;
    r.electrolyte = obs.salt_mol_m2;
    r.cathode = cathode.metal_inventory(nF);
    r.reservoir_in = reservoir_in;
    const double total = r.cathode + r.electrolyte + r.metal_connected - reservoir_in;
    r.ledger_error = std::abs(total - inventory0) / inventory0;
    r.solver_iterations = pot.linear_iterations + salt.iterations;
    r.newton_iterations = pot.newton_iterations;
    r.solver_residual = std::max(pot.linear_residual, salt.relative_residual);
    r.dt = dt_last;
    return r;
  };
  auto output = [&](const SeriesRow& r) {
    rec.row(r);
    rec.frame(t, *engine);
  };

  // Initial state: solve the potential for the first step's drive so that frame 0 is meaningful.
  pot = engine->solve_potential(protocol.drive());
  first_current = pot.current;
  output(make_row());
  if (cfg.output.every_time) next_output_time = *cfg.output.every_time;
  if (cfg.output.every_capacity) next_output_charge = *cfg.output.every_capacity;

  const double dt_max = cfg.numerics.dt;
  while (!protocol.finished()) {
    const Drive drive = protocol.drive();
    double dt = protocol.limit_dt(
        dt_max, std::abs(drive.mode == Drive::Mode::Galvanostatic ? drive.current : pot.current));
    if (cfg.output.every_time) dt = std::min(dt, next_output_time - t);
    if (!(dt > 0)) dt = std::min(dt_max, 1e-12 + std::abs(dt));

    pot = engine->solve_potential(drive);
    if (!pot.converged) {
      outcome.status = RunStatus::Diverged;
      outcome.message = "the charge balance did not converge at t = " + format_duration(t) + " (Newton " +
                        std::to_string(pot.newton_iterations) + " iterations)";
      break;
    }
    salt = engine->advance_salt(dt);
    obs = engine->observe();
    t += dt;
    ++step;
    dt_last = dt;
    charge += pot.current * dt;
    plated += pot.current * dt / nF;
    reservoir_in += obs.bulk_exchange_mol_m2;
    cathode.pass_charge(pot.current * dt);
    if (!obs.finite) {
      outcome.status = RunStatus::Diverged;
      outcome.message = "non-finite concentration or potential at t = " + format_duration(t);
      break;
    }

    const SeriesRow r = make_row();
    std::optional<std::string> reason = protocol.record(dt, pot.current, r.v_cell);
    bool stop_run = false;
    if (drive.mode == Drive::Mode::Galvanostatic && drive.current != 0 &&
        obs.surface_concentration_min < kDepletionFraction * c0) {
      // Sand's time: extrapolate the surface concentration to zero from the last two samples.
      const double slope = (obs.surface_concentration_min - c_surf_prev) / (t - t_prev);
      sand_time = slope < 0 ? t - obs.surface_concentration_min / slope : t;
      outcome.status = RunStatus::Cutoff;
      outcome.message = "surface concentration depleted (Sand's time " + format_duration(sand_time) + ")";
      stop_run = true;
    }
    c_surf_prev = obs.surface_concentration_min;
    t_prev = t;

    bool due = stop_run || reason.has_value();
    if (cfg.output.every_time && t >= next_output_time * (1 - 1e-12)) {
      due = true;
      while (next_output_time <= t * (1 + 1e-12)) next_output_time += *cfg.output.every_time;
    }
    if (cfg.output.every_capacity && std::abs(charge) >= next_output_charge * (1 - 1e-12)) {
      due = true;
      while (next_output_charge <= std::abs(charge) * (1 + 1e-12))
        next_output_charge += *cfg.output.every_capacity;
    }
    if (due) output(r);
    progress.update(
        t, std::string(Protocol::kind_name(protocol.step().kind)) + " V_e = " + std::to_string(r.v_e) + " V");
    if (stop_run) break;
    if (reason) protocol.advance();
  }
  progress.finish();

  const SeriesRow last = make_row();
  nlohmann::json j;
  j["status"] = status_name(outcome.status);
  if (!outcome.message.empty()) j["message"] = outcome.message;
  j["afsim_version"] = AFSIM_VERSION;
  j["git"] = AFSIM_GIT;
  j["device"] = device.description;
  j["wall_s"] = std::chrono::duration<double>(clock::now() - wall_start).count();
  j["steps"] = step;
  j["time_s"] = t;
  j["deck"] = config::deck_echo_si(cfg);
  nlohmann::json cycles = nlohmann::json::array();
  for (const CycleCharge& c : protocol.cycles())
    cycles.push_back({{"charge_in_C_m2", c.charge_in}, {"charge_out_C_m2", c.charge_out}, {"ce", c.ce()}});
  j["cycles"] = cycles;
  j["final"] = {{"V_e_V", last.v_e},
                {"V_cell_V", last.v_cell},
                {"current_density_A_m2", last.current},
                {"charge_C_m2", charge},
                {"c_surface_min_mol_m3", last.c_surface_min},
                {"c_min_mol_m3", last.c_min}};
  j["ledger"] = {{"initial_mol_m2", inventory0},           {"cathode_mol_m2", last.cathode},
                 {"electrolyte_mol_m2", last.electrolyte}, {"metal_connected_mol_m2", last.metal_connected},
                 {"reservoir_in_mol_m2", reservoir_in},    {"error_rel", last.ledger_error}};
  j["sand"] = {{"reached", std::isfinite(sand_time)},
               {"time_s", std::isfinite(sand_time) ? nlohmann::json(sand_time) : nlohmann::json(nullptr)},
               {"planar_estimate_s", first_current > 0 ? nlohmann::json(planar_sand_time(cfg, first_current))
                                                       : nlohmann::json(nullptr)},
               {"note", std::isfinite(sand_time)
                            ? "the concentration at the reaction front reached zero: the set current can no "
                              "longer be carried by the electrolyte"
                            : "the concentration at the reaction front stayed above zero during the run"}};
  j["frames"] = rec.frames();
  rec.summary(j);
  if (opt.log) {
    std::fprintf(opt.log, "afsim: %s after %lld steps, t = %s; outputs in %s\n", status_name(outcome.status),
                 step, format_duration(t).c_str(), outcome.output_dir.c_str());
    if (!outcome.message.empty()) std::fprintf(opt.log, "afsim: %s\n", outcome.message.c_str());
  }
  return outcome;
}

}  // namespace afsim
