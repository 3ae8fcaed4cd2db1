// Host module of the electrolyte: the current distribution and the salt, MODELS §3 (3.1)–(3.2) with the
// Butler–Volmer source of §2 (2.2)–(2.5) and the galvanostatic V_e control of §1. It reads the order
// parameter of the phase-field module and owns the concentration, the potential and the reaction terms
// (ReactionTerms) the other modules write before each potential solve.
//
// A fixed deposit steps  solve_potential(drive)  then  advance_salt(dt):
//  * the charge balance is nonlinear in phi through q(V_e - phi, c). Newton on (phi, V_e): each iteration
//    linearises q, solves  q' p - div(sigma grad p) = rhs  for the potential at fixed V_e and
//    q' w - div(sigma grad w) = q'  for its sensitivity to V_e (both with the MG-PCG solver, warm started),
//    then picks the V_e correction that makes the linearised total current equal the set current
//    (galvanostatic) or keeps V_e (potentiostatic);
//  * the salt balance is then advanced by backward Euler with the converged reaction rate, so that the
//    salt removed equals (1 - t+) times the charge counted (Faraday, MODELS §11 V1).
// A moving interface uses the implicit salt of current_distribution_implicit.hpp instead of advance_salt.
#pragma once

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "backend/algorithms.hpp"
#include "backend/boundary.hpp"
#include "backend/field.hpp"
#include "config/config.hpp"
#include "current_distribution_ops.hpp"
#include "phase_field.hpp"
#include "physics/drive.hpp"
#include "physics/model_parameters.hpp"
#include "physics/module.hpp"
#include "physics/salt_balance.hpp"
#include "physics/traffic.hpp"
#include "reduce.hpp"
#include "solvers/multigrid.hpp"
#include "transport.hpp"

namespace afsim {

// Largest change of the electrolyte potential in one cell per Newton iteration (V): ~10 RT/F, several
// e-folds of the Butler–Volmer exponentials (cd_detail::LimitChange).
constexpr double kNewtonPotentialLimit = 0.25;

// The concentration may undershoot zero by this fraction of c0 before the run counts as diverged.
constexpr double kConcentrationTolerance = 1e-3;

template <class B>
class CurrentDistribution final : public PhysicsModule<B> {
 public:
  // xi, xi_old: the order parameter now and at the start of the step (the phase-field module's).
  CurrentDistribution(const Grid& g, const ModelParameters& mp, config::Lateral lateral,
                      config::TopBoundary top, const SolverOptions& solver, int newton_max, double newton_tol,
                      Field<B>& xi, Field<B>& xi_old)
      : g_(g),
        mp_(mp),
        lateral_(lateral),
        counter_electrode_(top == config::TopBoundary::CounterElectrode),
        newton_max_(newton_max),
        newton_tol_(newton_tol),
        xi_(xi),
        xi_old_(xi_old),
        c_(g, Real(mp.c_ref)),
        phi_(g),
        p_(g),
        w_(g),
        q_(g),
        dq_(g),
        rhs_(g),
        sigma_(g),
        sigma_d_(g),
        a_(g),
        b_(g),
        weight_(g),
        plating_weight_(g),
        limiter_(g),
        rate0_(g),
        u_eq_(g),
        c_new_(g),
        q_new_(g),
        xi_star_(g),
        out_(g),
        ix_(g),
        iy_(g),
        iz_(g),
        phi_bc_(potential_bc(lateral)),
        salt_bc_(salt_bc(lateral, top, mp.c_ref)),
        phi_solver_(g, phi_bc_, solver),
        salt_solver_(g, salt_bc_, solver),
        launch_(g) {}

  // ---- the module ----
  const char* name() const override { return "electrolyte"; }
  void declare(FieldRegistry<B>& fields) override;
  void after_step(const StepTaken&) override { reservoir_in_ += bulk_exchange_; }
  void observe() override {
    salt_ = salt_content();
    surface_c_min_ = surface_concentration_min();
    c_min_ = concentration_min();
  }
  void columns(ColumnSink& s) const override {
    s.real("c_surface_min", "mol_m3", surface_c_min_);
    s.real("c_min", "mol_m3", c_min_);
  }
  void ledger(LedgerSink& l) const override {
    l.held("electrolyte", salt_);
    l.inflow("reservoir_in", reservoir_in_);
  }
  void state(StateBag& bag) override {
    bag.bind("engine.electrode_potential_V", v_e_);
    bag.bind("engine.last_current_A_m2", last_current_);
    bag.bind("engine.last_bulk_exchange_mol_m2", bulk_exchange_);
    bag.bind("reservoir_in_mol_m2", reservoir_in_);
  }
  double traffic_bytes_per_cell() const override { return launch_.traffic(); }

  const Grid& grid() const { return g_; }
  const ModelParameters& parameters() const { return mp_; }
  Field<B>& order_parameter() { return xi_; }
  const Field<B>& order_parameter() const { return xi_; }
  Field<B>& concentration() { return c_; }
  const Field<B>& concentration() const { return c_; }
  Field<B>& potential() { return phi_; }
  const Field<B>& potential() const { return phi_; }
  // The charge source of the last potential solve (the metal's and the side reactions'), and the metal's
  // alone.
  const Field<B>& charge_source() const { return q_; }
  const Field<B>& metal_source() const { return side_.empty() ? q_ : q_metal_; }
  // The side reactions of other modules (physics/module.hpp, SideReaction), added to the metal's in every
  // Newton iteration; call before the modules declare their fields.
  void set_side_reactions(std::vector<PhysicsModule<B>*> modules) {
    side_ = std::move(modules);
    if (side_.empty()) return;
    q_side_ = Field<B>(g_);
    dq_side_ = Field<B>(g_);
    q_metal_ = Field<B>(g_);
  }
  // The mean current density of the side reactions at the last potential solve, A/m^2 (0 without any).
  double side_current() const {
    if (side_.empty()) return 0.0;
    return launch_.sum(CellValue{q_side_.cview()}) * g_.cell_volume() / g_.collector_area();
  }
  double electrode_potential() const { return v_e_; }
  void set_electrode_potential(double v) { v_e_ = v; }
  // The Newton sensitivity dphi/dV_e (the warm start of its next solve: restarts restore it).
  Field<B>& newton_sensitivity() { return w_; }
  // The current of the last potential solve (the counter-electrode boundary flux).
  double last_current() const { return last_current_; }
  // Li the bulk beyond y = L_y gave the domain in the last step (mol/m^2, book_bulk_exchange) and in all.
  double last_bulk_exchange() const { return bulk_exchange_; }
  double reservoir_in() const { return reservoir_in_; }

  // The reaction's inputs, written by the modules before each potential solve (PhysicsModule::contribute).
  ReactionTerms<B> reaction_terms(double dt) {
    return ReactionTerms<B>{rate0_, weight_, plating_weight_, limiter_, u_eq_, dt};
  }
  const Field<B>& fixed_rate() const { return rate0_; }
  const Field<B>& reaction_weight() const { return weight_; }

  // A fixed deposit: call after the order parameter is set. Operator coefficients, and the reaction of
  // (2.4) with its plain weight c_s L_eta h'(xi) everywhere (no relaxation part, no limiter).
  void update_geometry() {
    update_coefficients();
    if (!(launch_.sum(MetalContent{xi_.cview(), Real(1)}) > 0))
      throw std::runtime_error("the deposit holds no metal: nothing can react");
    launch_.run(
        cd_detail::PlainReactionWeight{xi_.cview(), weight_.view(), plating_weight_.view(), mp_.reaction});
    limiter_.fill(Real(0));
    rate0_.fill(Real(0));
    u_eq_.fill(Real(0));
    xi_old_.copy_from(xi_);
  }

  // Coefficients of the charge balance for the present order parameter and concentration (call after every
  // change of xi or c: the conductivity depends on both, MODELS §3).
  void update_coefficients() {
    fill_ghosts<B>(xi_, no_flux_bc(lateral_));
    launch_.run(
        ChargeBalanceCoefficients{xi_.cview(), c_.cview(), sigma_.view(), sigma_d_.view(), mp_.electrolyte});
    fill_ghosts<B>(sigma_, no_flux_bc(lateral_));
    fill_ghosts<B>(sigma_d_, no_flux_bc(lateral_));
  }

  PotentialResult solve_potential(const Drive& drive);

  // ---- a moving interface: the salt with the reaction implicit in c (current_distribution_implicit.hpp)
  // ----
  SolveStats implicit_salt(double dt);
  // The charge source and current of the last implicit_salt().
  const Field<B>& implicit_source() const { return q_new_; }
  double implicit_current() const {
    double s = launch_.sum(CellValue{q_new_.cview()});
    if (!side_.empty()) s += launch_.sum(CellValue{q_side_.cview()});
    return s * g_.cell_volume() / g_.collector_area();
  }
  void react_to_implicit() { use_implicit_ = true; }
  void scale_implicit_reaction(double target, double max_change);
  void commit_salt(double dt);

  // Backward-Euler salt step with the source of the last potential solve; the capacity term holds the
  // electrolyte fraction of the previous order parameter on the right and of the present one on the left
  // (3.1), so that the salt content is conserved when the interface moves.
  SolveStats advance_salt(double dt) {
    launch_.run(SaltCoefficients{xi_.cview(), a_.view(), b_.view(), mp_.electrolyte, Real(dt)});
    fill_ghosts<B>(a_, no_flux_bc(lateral_));
    const double sink = (1.0 - mp_.electrolyte.t_plus) / mp_.reaction.nF;
    const double top_source = counter_electrode_ ? sink * last_current_ / g_.h : 0.0;
    launch_.run(SaltRhs{xi_old_.cview(), c_.cview(), q_.cview(), rhs_.view(), Real(1.0 / dt),
                        mp_.electrolyte.psi_min, Real(sink), Real(top_source)});
    salt_solver_.set_coefficients(a_, b_);
    const double before = launch_.sum(SaltContent{xi_old_.cview(), c_.cview(), mp_.electrolyte.psi_min});
    const double source =
        -sink * launch_.sum(CellValue{q_.cview()}) + top_source * double(g_.nx) * double(g_.nz);
    SolveStats s = salt_solver_.solve(c_, rhs_);
    launch_.count(double(s.iterations) * salt_solver_.bytes_per_cell_per_iteration());
    finish_salt(before, source, dt);
    return s;
  }

  // Observables (per collector area unless stated).
  double salt_content() const {  // mol/m^2
    return launch_.sum(SaltContent{xi_.cview(), c_.cview(), mp_.electrolyte.psi_min}) * g_.cell_volume() /
           g_.collector_area();
  }
  double surface_concentration_min() const {
    const double v = launch_.min(SurfaceConcentration{xi_.cview(), c_.cview(), Real(0.25), Real(0.75)});
    return v > 1e299 ? std::nan("") : v;
  }
  double concentration_min() const { return launch_.min(CellValue{c_.cview()}); }
  bool fields_finite() const {
    return launch_.sum(NonFinite{c_.cview()}) == 0 && launch_.sum(NonFinite{phi_.cview()}) == 0;
  }
  // The last observation (observe()).
  double observed_surface_concentration_min() const { return surface_c_min_; }
  double observed_salt() const { return salt_; }

  // Output fields on the device (host copies are made by the caller).
  void reaction_current_density(Field<B>& out) {
    fill_ghosts<B>(phi_, phi_bc_);
    launch_.run(ReactionCurrentDensity{xi_.cview(), weight_.cview(), plating_weight_.cview(), phi_.cview(),
                                       u_eq_.cview(), c_.cview(), out.view(), Real(v_e_),
                                       Real(mp_.exchange_current), mp_.reaction});
  }
  void ionic_current_density(Field<B>& ix, Field<B>& iy, Field<B>& iz) {
    fill_ghosts<B>(phi_, phi_bc_);
    fill_concentration_ghosts(last_current_);
    launch_.run(IonicCurrentDensity{sigma_.cview(), sigma_d_.cview(), phi_.cview(), c_.cview(), ix.view(),
                                    iy.view(), iz.view(), mp_.electrolyte.c_floor});
  }
  void electrolyte_fraction_field(Field<B>& out) const {
    launch_.run(cd_detail::PsiField{xi_.cview(), out.view(), mp_.electrolyte.psi_min});
  }

 private:
  // After a salt solve: cells over-consumed to a negative content borrow from their neighbours, the salt
  // balance is closed to round-off with the booked sources (MODELS §5), the bulk exchange is booked and the
  // charge-balance coefficients follow kappa_e(c) of the new concentration.
  void finish_salt(double before, double source, double dt) {
    restore_salt_positivity<B>(launch_, xi_, c_, a_, rhs_, b_, salt_bc_, mp_.electrolyte.psi_min, lateral_);
    conserve_salt<B>(launch_, g_, xi_, c_, mp_.electrolyte, mp_.c_ref, counter_electrode_, before, source,
                     dt);
    book_bulk_exchange(dt);
    update_coefficients();
  }

  // Li the bulk electrolyte beyond y = L_y gave the domain in this step beyond what the cathode supplied
  // (mol/m^2 of collector): the reservoir's diffusive inflow minus the (1 - t+) share of the current that
  // the cathode feeds through the separator. A counter-electrode top supplies exactly that share: 0.
  void book_bulk_exchange(double dt) {
    bulk_exchange_ = 0;
    if (counter_electrode_) return;
    const double sink = (1.0 - mp_.electrolyte.t_plus) / mp_.reaction.nF;
    launch_.count(ReservoirInflux::bytes_per_cell / double(g_.ny));
    const double influx =
        sum_cells<B>(row(g_, g_.ny - 1),
                     ReservoirInflux{xi_.cview(), c_.cview(), mp_.electrolyte, Real(mp_.c_ref)}) *
        g_.h * g_.h * dt / g_.collector_area();
    bulk_exchange_ = influx - sink * last_current_ * dt;
  }

  // (2.4)-(2.5): q and dq/dphi at the present potential and V_e, with the concentration the reaction sees;
  // then the side reactions' (the metal's part kept in q_metal_).
  void react() {
    const Field<B>& c = use_implicit_ ? c_new_ : c_;
    launch_.run(ReactionSource{weight_.cview(), plating_weight_.cview(), limiter_.cview(), rate0_.cview(),
                               phi_.cview(), u_eq_.cview(), c.cview(), q_.view(), dq_.view(), Real(v_e_),
                               mp_.reaction});
    if (side_.empty()) return;
    q_metal_.copy_from(q_);
    q_side_.fill(Real(0));
    dq_side_.fill(Real(0));
    for (PhysicsModule<B>* m : side_)
      m->side_reaction(SideReaction<B>{phi_.cview(), c.cview(), v_e_, q_side_.view(), dq_side_.view()});
    launch_.run(cd_detail::AddSide{q_.view(), dq_.view(), q_side_.cview(), dq_side_.cview()});
  }

  void fill_concentration_ghosts(double current) {
    fill_ghosts<B>(c_, salt_bc_);
    if (counter_electrode_) {
      const double gradient =
          (1.0 - mp_.electrolyte.t_plus) * current / (mp_.reaction.nF * mp_.electrolyte.diffusivity);
      for_each_cell<B>(Box{0, g_.nx, 0, 1, 0, g_.nz}, SaltTopFluxGhost{c_.view(), Real(gradient)});
    }
  }
  void account(PotentialResult& r, const SolveStats& s) const {
    r.linear_iterations += s.iterations;
    r.linear_residual = std::max(r.linear_residual, s.relative_residual);
    launch_.count(double(s.iterations) * phi_solver_.bytes_per_cell_per_iteration());
  }

  Grid g_;
  ModelParameters mp_;
  config::Lateral lateral_;
  bool counter_electrode_;
  int newton_max_;
  double newton_tol_;
  Field<B>& xi_;
  Field<B>& xi_old_;
  Field<B> c_, phi_, p_, w_, q_, dq_, rhs_, sigma_, sigma_d_, a_, b_;
  Field<B> weight_, plating_weight_, limiter_, rate0_, u_eq_, c_new_, q_new_, xi_star_;
  Field<B> out_, ix_, iy_, iz_;          // output scratch
  std::vector<PhysicsModule<B>*> side_;  // modules with a side reaction
  Field<B> q_side_, dq_side_, q_metal_;  // allocated only when there are side reactions
  bool use_implicit_ = false;            // the reaction of solve_potential() sees c_new_ (react_to_implicit)
  BoundarySpec phi_bc_, salt_bc_;
  MultigridPcg<B> phi_solver_, salt_solver_;
  double v_e_ = 0;
  double last_current_ = 0;
  double bulk_exchange_ = 0;
  double reservoir_in_ = 0;                          // mol/m^2 the bulk gave the domain since t = 0
  double salt_ = 0, surface_c_min_ = 0, c_min_ = 0;  // the last observation
  Launcher<B> launch_;
};

}  // namespace afsim

#include "physics/current_distribution_implicit.hpp"
#include "physics/current_distribution_registry.hpp"
#include "physics/current_distribution_solve.hpp"
