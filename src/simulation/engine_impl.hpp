// EngineOn<B>: the liquid model as a set of physics modules on one backend (DESIGN.md §3a), and its time
// step as a list of stages. Included only by engine_cpu.cpp and engine_cuda.cu.
//
// Modules, in the order they are asked (declaration, observation, ledger):
//   phase_field   the order parameter xi and its relaxation, MODELS §2   (physics/phase_field_module.hpp)
//   electrolyte   the potential with V_e control and the salt, §1 §3     (physics/current_distribution.hpp)
//   dead_metal    connected and dead metal, the deposit's shape, §7      (physics/dead_metal_module.hpp)
// then the further models of physics/module_list.hpp, in every stage after these three.
#pragma once

#include <algorithm>
#include <limits>
#include <memory>
#include <stdexcept>
#include <vector>

#include "field_check.hpp"
#include "physics/current_distribution.hpp"
#include "physics/dead_metal_module.hpp"
#include "physics/field_registry.hpp"
#include "physics/module_list.hpp"
#include "physics/phase_field_module.hpp"
#include "simulation/engine.hpp"

namespace afsim {

namespace engine_detail {

// The galvanostatic current of the implicit salt step may differ from the set one by this fraction before
// another pass of the potential solve is made with the new concentration (at most kMaxPasses passes);
// within it the reaction is scaled to the set current exactly (CurrentDistribution::scale_implicit_reaction).
constexpr double kCurrentTolerance = 1e-5;
constexpr int kMaxPasses = 3;
// How often a step may be shortened to the limits of its implicit reaction rates.
constexpr int kMaxShortenings = 4;

}  // namespace engine_detail

template <class B>
class EngineOn final : public Engine {
 public:
  explicit EngineOn(const EngineSetup& s) : EngineOn(s, make_extra_modules<B>(s)) {}
  // `extra`: the modules beyond the liquid model (tests plug one in here).
  EngineOn(const EngineSetup& s, std::vector<std::unique_ptr<PhysicsModule<B>>> extra)
      : pf_(s.grid, s.phase_field, s.model.reaction, no_flux_bc(s.lateral), s.solver, s.max_xi_change),
        cd_(s.grid, s.model, s.lateral, s.top, s.solver, s.newton_max_iterations, s.newton_tolerance,
            pf_.order_parameter(), pf_.previous_order_parameter()),
        dead_(pf_, s.lateral == config::Lateral::Periodic, s.halo_cells, s.model.reaction.c_site,
              s.molar_volume, s.model.reaction.nF, !s.evolve),
        extra_(std::move(extra)),
        evolve_(s.evolve) {
    pf_.set_masks(dead_.frozen(), dead_.reactive(), s.model.electrolyte);
    modules_ = {&pf_, &cd_, &dead_};
    std::vector<PhysicsModule<B>*> side;
    for (const auto& m : extra_) {
      modules_.push_back(m.get());
      if (m->has_side_reaction()) side.push_back(m.get());
    }
    cd_.set_side_reactions(side);
    for (PhysicsModule<B>* m : modules_) {
      m->declare(fields_);
      m->state(state_);
    }
    for (PhysicsModule<B>* m : modules_) m->bind(fields_);
    state_.bind("engine.previous_dt_s", dt_prev_);
    place_deposit(s);
  }

  std::string backend_name() const override { return B::name(); }
  bool evolves() const override { return evolve_; }
  double nuclei_metal_mol_m2() const override { return nuclei_metal_; }
  double electrode_potential() const override { return cd_.electrode_potential(); }

  PotentialResult solve_potential(const Drive& d) override {
    if (evolve_) dead_metal_and_reaction_terms(dt_prev_ > 0 ? dt_prev_ : module_limit());
    return cd_.solve_potential(d);
  }

  // The stages of a step of the moving interface (MODELS §1-§3, §7; docs/model-notes.md "Reaction and salt
  // within a step"): dead metal and the reaction terms of xi^n -> the potential with V_e control -> the
  // step limit -> the salt with the reaction implicit in c (a second potential pass when a galvanostatic
  // current fell short) -> the phase field -> noise -> commit.
  StepReport step(const Drive& drive, double dt_max, long long step_index) override {
    if (!evolve_) return fixed_deposit_step(drive, dt_max, step_index);
    StepReport rep;
    dead_metal_and_reaction_terms(std::min({dt_max, module_limit(), dt_prev_ > 0 ? dt_prev_ : dt_max}));
    pf_.begin_step();
    double dt = 0;
    int salt_iterations = 0;
    for (int pass = 0;; ++pass) {
      if (!potential(drive, rep)) return rep;
      dt = step_limit(std::min(dt_max, module_limit()), rep, cd_.metal_source());
      if (!salt(dt, rep, salt_iterations)) return rep;
      if (!another_pass(drive, pass)) break;
    }
    hold_the_set_current(drive, rep);
    rep.salt.iterations = salt_iterations;
    rep.phase_field = pf_.advance(cd_.implicit_source(), dt);
    pf_.add_noise(dt, static_cast<unsigned long long>(step_index));
    commit(dt, step_index, rep);
    return rep;
  }

  EngineObservables observe() override {
    for (PhysicsModule<B>* m : modules_) m->observe();
    EngineObservables o{cd_.observed_salt(), dead_.deposit_metal(), dead_.dead_metal(),
                        cd_.observed_surface_concentration_min(), 0.0};
    LedgerSink other;
    for (const auto& m : extra_) m->ledger(other);
    for (const LedgerLine& l : other.lines())
      o.other_held_mol_m2 += l.role == LedgerRole::Held ? l.mol_m2 : -l.mol_m2;
    return o;
  }
  void columns(ColumnSink& sink) const override {
    for (const PhysicsModule<B>* m : modules_) m->columns(sink);
  }
  void ledger(LedgerSink& sink) const override {
    for (const PhysicsModule<B>* m : modules_) m->ledger(sink);
  }
  std::optional<StopRequest> stop_reason() const override {
    for (const PhysicsModule<B>* m : modules_)
      if (auto r = m->stop_reason()) return r;
    return std::nullopt;
  }

  std::vector<OutputFieldInfo> output_fields() const override {
    std::vector<OutputFieldInfo> out;
    for (const auto& e : fields_.entries())
      if (e.spec.output) out.push_back({e.spec.name, e.spec.unit, e.spec.doc});
    return out;
  }
  std::vector<HostArray> host_fields(const std::vector<std::string>& names) override {
    std::vector<HostArray> out;
    for (const std::string& n : names)
      if (const auto* e = fields_.find(n); e && e->spec.output) out.push_back(fields_.host_copy(*e));
    return out;
  }

  double traffic_bytes_per_cell() const override {
    double t = 0;
    for (const PhysicsModule<B>* m : modules_) t += m->traffic_bytes_per_cell();
    return t;
  }
  double storage_bytes() const override { return fields_.storage_bytes(); }

  EngineState save_state() override {
    EngineState s;
    for (const auto& e : fields_.entries()) {
      if (e.spec.checkpoint.empty()) continue;
      const std::vector<Real> v = e.field->to_host();
      s.fields.emplace_back(e.spec.checkpoint, std::vector<double>(v.begin(), v.end()));
    }
    state_.save(s.values);
    return s;
  }

  void restore_state(const EngineState& s) override {
    for (const auto& e : fields_.entries()) {
      if (e.spec.checkpoint.empty()) continue;
      const std::string& name = e.spec.checkpoint;
      const auto it =
          std::find_if(s.fields.begin(), s.fields.end(), [&](const auto& p) { return p.first == name; });
      if (it == s.fields.end()) throw std::invalid_argument("engine state: field '" + name + "' missing");
      if (it->second.size() != e.field->stored_values())
        throw std::invalid_argument("engine state: field '" + name + "' does not match the grid");
      e.field->from_host(std::vector<Real>(it->second.begin(), it->second.end()));
    }
    state_.load(s.values);
    if (evolve_)
      cd_.update_coefficients();
    else
      cd_.update_geometry();
    for (PhysicsModule<B>* m : modules_) m->after_restore();
  }

  std::optional<FieldFault> check_fields() const override {
    const Grid& g = cd_.grid();
    for (const auto& e : fields_.entries()) {
      if (!e.range) continue;
      const FieldRange<B>& r = *e.range;
      const ConstView xi = r.psi_of ? r.psi_of->cview() : ConstView{};
      const double first = min_cells<B>(
          interior(g), FirstOutside{e.field->cview(), xi, Real(r.lower), Real(r.upper), Real(r.psi_min)});
      if (first > 1e299) continue;
      const auto n = static_cast<long long>(first);
      FieldFault fault;
      fault.field = e.spec.name;
      fault.i = static_cast<int>(n % g.nx);
      fault.j = static_cast<int>((n / g.nx) % g.ny);
      fault.k = static_cast<int>(n / (static_cast<long long>(g.nx) * g.ny));
      fault.value = e.field->to_host()[static_cast<size_t>(g.idx(fault.i, fault.j, fault.k))];
      fault.lower = r.lower;
      fault.upper = r.upper;
      return fault;
    }
    return std::nullopt;
  }

 private:
  // ---- the stages ----

  // Dead metal of xi^n (MODELS §7), then what every module adds to the reaction for a step of about
  // dt_guess: the phase field's relaxation, weights, limiter and surface potential (all independent of the
  // potential).
  void dead_metal_and_reaction_terms(double dt_guess) {
    dead_.update();
    ReactionTerms<B> terms = cd_.reaction_terms(dt_guess);
    terms.surface_potential.fill(
        Real(0));  // the modules add to it (the phase field's Gibbs–Thomson part first)
    for (PhysicsModule<B>* m : modules_) m->contribute(terms);
  }

  // The charge balance with the galvanostatic or potentiostatic V_e (MODELS §1, §3); the reaction sees c^n,
  // or from the second pass on the concentration of the previous pass's salt step.
  bool potential(const Drive& drive, StepReport& rep) {
    const PotentialResult pot = cd_.solve_potential(drive);
    accumulate(rep.potential, pot);
    return pot.converged;
  }

  // The step: the cap, the modules' explicit limits and the reaction's (the largest change of xi, no
  // reacting cell emptied or filled past half its metal) for the charge source q. Records the largest rate.
  double step_limit(double dt, StepReport& rep, const Field<B>& q) const {
    return pf_.reaction_limit(dt, q, cd_.fixed_rate(), rep.max_rate);
  }

  // The salt with the cathodic reaction implicit in c at this potential, and the charge source of its
  // solution. Its rates, not those of c^n, move xi: where they are faster (salt squeezed into an
  // electrolyte pocket the metal closes) the step is shortened to their limits and the salt solved again.
  bool salt(double& dt, StepReport& rep, int& salt_iterations) {
    for (int shorten = 0;; ++shorten) {
      rep.salt = cd_.implicit_salt(dt);
      salt_iterations += rep.salt.iterations;
      if (!rep.salt.converged) return false;
      const double limit = step_limit(dt, rep, cd_.implicit_source());
      if (limit >= dt * (1 - 1e-12) || shorten == engine_detail::kMaxShortenings) return true;
      dt = limit;
    }
  }

  // A galvanostatic step's current is the set one to the Newton tolerance with c^n in the reaction; with
  // the implicit c it may fall short where the salt runs low: one more pass with that c.
  bool another_pass(const Drive& drive, int pass) {
    const double current = cd_.implicit_current();
    const bool off = drive.mode == Drive::Mode::Galvanostatic &&
                     std::abs(current - drive.current) >
                         engine_detail::kCurrentTolerance * std::max(std::abs(drive.current), 1e-3);
    if (!off || pass + 1 == engine_detail::kMaxPasses) return false;
    cd_.react_to_implicit();
    return true;
  }

  void hold_the_set_current(const Drive& drive, StepReport& rep) {
    if (drive.mode == Drive::Mode::Galvanostatic)
      cd_.scale_implicit_reaction(drive.current, engine_detail::kCurrentTolerance);
    rep.potential.current = cd_.implicit_current();
  }

  // c^{n+1}; the modules book the step; xi moved, so the components are labelled anew when next asked.
  void commit(double dt, long long step_index, StepReport& rep) {
    cd_.commit_salt(dt);
    rep.dt = dt;
    dt_prev_ = dt;
    const StepTaken taken{dt, rep.potential.current, rep.potential.current - cd_.side_current(), step_index};
    for (PhysicsModule<B>* m : modules_) m->after_step(taken);
    dead_.mark_stale();
  }

  // A fixed deposit (current distribution only): the potential, then the salt with its source.
  StepReport fixed_deposit_step(const Drive& drive, double dt_max, long long step_index) {
    StepReport rep;
    rep.potential = cd_.solve_potential(drive);
    rep.dt = dt_max;
    if (!rep.potential.converged) return rep;
    rep.salt = cd_.advance_salt(dt_max);
    const StepTaken taken{dt_max, rep.potential.current, rep.potential.current - cd_.side_current(),
                          step_index};
    for (PhysicsModule<B>* m : modules_) m->after_step(taken);
    return rep;
  }

  // ---- helpers ----

  // The smallest step the modules' explicit parts allow.
  double module_limit() const {
    double limit = std::numeric_limits<double>::infinity();
    for (const PhysicsModule<B>* m : modules_) limit = std::min(limit, m->step_limit());
    return limit;
  }

  static void accumulate(PotentialResult& total, const PotentialResult& pass) {
    total.v_e = pass.v_e;
    total.current = pass.current;
    total.newton_iterations += pass.newton_iterations;
    total.linear_iterations += pass.linear_iterations;
    total.linear_residual = std::max(total.linear_residual, pass.linear_residual);
    total.converged = pass.converged;
  }

  // The initial deposit: a metal_fraction field or shapes, plus the random nuclei (their metal is booked
  // as charge of the first charge by the driver).
  void place_deposit(const EngineSetup& s) {
    const Grid& g = s.grid;
    Field<B>& xi = pf_.order_parameter();
    if (!s.metal_fraction.empty()) {
      if (s.metal_fraction.size() != static_cast<size_t>(g.cells()))
        throw std::invalid_argument("metal_fraction field size does not match the grid");
      xi.interior_from_host(s.metal_fraction);
    } else {
      for_each_cell<B>(interior(g), InitDepositOrderParameter{xi.view(), s.deposit});
    }
    if (!s.nuclei.empty()) {
      const double without = pf_.metal_mol_m2();
      std::vector<double> v = xi.interior_to_host();
      place_nuclei(v, g, s.nuclei, s.deposit.width, s.lateral == config::Lateral::Periodic);
      xi.interior_from_host(v);
      nuclei_metal_ = pf_.metal_mol_m2() - without;
    }
    if (evolve_) {
      if (!(pf_.metal_mol_m2() > 0))
        throw std::invalid_argument(
            "physics.initial places no metal: plating needs a film, seeds, bumps, needles or a file to grow "
            "on (nucleation on the bare collector comes with the nucleation model, MODELS §4)");
      cd_.update_coefficients();
    } else {
      cd_.update_geometry();
    }
  }

  PhaseField<B> pf_;
  CurrentDistribution<B> cd_;
  DeadMetal<B> dead_;
  std::vector<std::unique_ptr<PhysicsModule<B>>> extra_;
  std::vector<PhysicsModule<B>*> modules_;
  FieldRegistry<B> fields_;
  StateBag state_;
  bool evolve_;
  double nuclei_metal_ = 0;  // mol/m^2 placed at t = 0
  double dt_prev_ = 0;
};

}  // namespace afsim
