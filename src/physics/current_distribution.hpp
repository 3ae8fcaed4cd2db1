// Host module of the current distribution above a metal deposit: MODELS §3 (3.1)–(3.2) with the
// Butler–Volmer source of §2 (2.2)–(2.5) and the galvanostatic V_e control of §1.
//
// One time step is  solve_potential(drive)  then  advance_salt(dt):
//  * the charge balance is nonlinear in phi through q(V_e - phi, c). Newton on (phi, V_e): each iteration
//    linearises q, solves  q' p - div(sigma grad p) = rhs  for the potential at fixed V_e and
//    q' w - div(sigma grad w) = q'  for its sensitivity to V_e (both with the MG-PCG solver, warm started),
//    then picks the V_e correction that makes the linearised total current equal the set current
//    (galvanostatic) or keeps V_e (potentiostatic);
//  * the salt balance is then advanced by backward Euler with the converged reaction rate, so that the
//    salt removed equals (1 - t+) times the charge counted (Faraday, MODELS §11 V1).
#pragma once

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

#include "backend/algorithms.hpp"
#include "backend/boundary.hpp"
#include "backend/field.hpp"
#include "config/config.hpp"
#include "current_distribution_ops.hpp"
#include "physics/drive.hpp"
#include "physics/model_parameters.hpp"
#include "reduce.hpp"
#include "solvers/multigrid.hpp"
#include "transport.hpp"

namespace afsim {

// Largest change of the electrolyte potential in one cell per Newton iteration (V): ~10 RT/F, several
// e-folds of the Butler–Volmer exponentials (cd_detail::LimitChange).
constexpr double kNewtonPotentialLimit = 0.25;

template <class B>
class CurrentDistribution {
 public:
  CurrentDistribution(const Grid& g, const ModelParameters& mp, config::Lateral lateral,
                      config::TopBoundary top, const SolverOptions& solver, int newton_max, double newton_tol)
      : g_(g),
        mp_(mp),
        counter_electrode_(top == config::TopBoundary::CounterElectrode),
        newton_max_(newton_max),
        newton_tol_(newton_tol),
        xi_(g),
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
        xi_old_(g),
        c_new_(g),
        q_new_(g),
        xi_star_(g),
        phi_bc_(potential_bc(lateral)),
        salt_bc_(salt_bc(lateral, top, mp.c_ref)),
        phi_solver_(g, phi_bc_, solver),
        salt_solver_(g, salt_bc_, solver) {}

  const Grid& grid() const { return g_; }
  const ModelParameters& parameters() const { return mp_; }
  Field<B>& order_parameter() { return xi_; }
  const Field<B>& order_parameter() const { return xi_; }
  Field<B>& concentration() { return c_; }
  const Field<B>& concentration() const { return c_; }
  Field<B>& potential() { return phi_; }
  const Field<B>& potential() const { return phi_; }
  const Field<B>& charge_source() const { return q_; }
  double electrode_potential() const { return v_e_; }
  void set_electrode_potential(double v) { v_e_ = v; }

  // State beyond the fields above, for checkpoints: the Newton sensitivity dphi/dV_e (the warm start of
  // its next solve: restarts must restore it to iterate exactly as before), the current of the last
  // potential solve (the counter-electrode boundary flux) and the last step's bulk exchange.
  Field<B>& newton_sensitivity() { return w_; }
  const Field<B>& newton_sensitivity() const { return w_; }
  double last_current() const { return last_current_; }
  void set_last_current(double i) { last_current_ = i; }
  void set_last_bulk_exchange(double mol_m2) { bulk_exchange_ = mol_m2; }

  // A fixed deposit: call after the order parameter is set. Operator coefficients, and the reaction of
  // (2.4) with its plain weight c_s L_eta h'(xi) everywhere (no relaxation part, no limiter).
  void update_geometry() {
    update_coefficients();
    if (!(sum(MetalContent{xi_.cview(), Real(1)}) > 0))
      throw std::runtime_error("the deposit holds no metal: nothing can react");
    run(cd_detail::PlainReactionWeight{xi_.cview(), weight_.view(), plating_weight_.view(), mp_.reaction});
    limiter_.fill(Real(0));
    rate0_.fill(Real(0));
    u_eq_.fill(Real(0));
    xi_old_.copy_from(xi_);
  }

  // Coefficients of the charge balance for the present order parameter and concentration (call after every
  // change of xi or c: the conductivity depends on both, MODELS §3).
  void update_coefficients() {
    fill_ghosts<B>(xi_, neumann_everywhere());
    run(ChargeBalanceCoefficients{xi_.cview(), c_.cview(), sigma_.view(), sigma_d_.view(), mp_.electrolyte});
    fill_ghosts<B>(sigma_, neumann_everywhere());
    fill_ghosts<B>(sigma_d_, neumann_everywhere());
  }

  // The reaction fields that solve_potential() reads (a moving interface sets them every step,
  // kernels/phase_field.hpp): weight c_s L_eta h'(xi) of stripping and of plating, limiter g, the
  // potential-independent rate0 and the equilibrium potential U of the surface in (2.3) (0 for flat pure
  // metal).
  Field<B>& reaction_weight() { return weight_; }
  Field<B>& plating_weight() { return plating_weight_; }
  Field<B>& surface_potential() { return u_eq_; }
  Field<B>& reaction_limiter() { return limiter_; }
  Field<B>& fixed_rate() { return rate0_; }
  const Field<B>& fixed_rate() const { return rate0_; }
  // The order parameter at the start of the step, psi^n of the salt balance (3.1).
  Field<B>& previous_order_parameter() { return xi_old_; }
  const Field<B>& previous_order_parameter() const { return xi_old_; }
  const Field<B>& reaction_weight() const { return weight_; }
  BoundarySpec order_parameter_bc() const { return neumann_everywhere(); }

  PotentialResult solve_potential(const Drive& drive) {
    PotentialResult res;
    const double cell_volume = g_.cell_volume();
    const double area = g_.collector_area();
    if (drive.mode == Drive::Mode::Potentiostatic) v_e_ = drive.potential;
    fill_concentration_ghosts(last_current_);
    const double tol_v = newton_tol_ / mp_.reaction.f * 1e3;  // 1e-9 relative -> ~26 nV absolute
    for (int it = 0; it < newton_max_; ++it) {
      fill_ghosts<B>(phi_, phi_bc_);
      react();
      run(ChargeBalanceRhs{sigma_d_.cview(), c_.cview(), q_.cview(), dq_.cview(), phi_.cview(), rhs_.view(),
                           mp_.electrolyte.c_floor});
      phi_solver_.set_coefficients(sigma_, dq_);
      p_.copy_from(phi_);
      account(res, phi_solver_.solve(p_, rhs_));
      double dv = 0;
      if (drive.mode == Drive::Mode::Galvanostatic) {
        account(res, phi_solver_.solve(w_, dq_));
        // Linearised total current: sum q0 + q'(p - phi0) + q'(w - 1) dV = I A / dV_cell.
        const double base =
            sum(CellValue{q_.cview()}) + sum(CellProductOfDifference{dq_.cview(), p_.cview(), phi_.cview()});
        const double slope = sum(CellProduct{dq_.cview(), w_.cview(), Real(1)});
        const double target = drive.current * area / cell_volume;
        if (!(slope < 0)) throw std::runtime_error("galvanostatic control lost: no reactive interface");
        dv = (target - base) / slope;
        dv = std::clamp(dv, -0.2, 0.2);  // damp the first steps of a cold start
        run(cd_detail::Axpy{p_.view(), w_.cview(), Real(dv)});
      }
      double change = max(cd_detail::AbsDifference{p_.cview(), phi_.cview()});
      if (change > kNewtonPotentialLimit) {  // rare: only a cell thrown far away needs the clamp
        run(cd_detail::LimitChange{p_.view(), phi_.cview(), Real(kNewtonPotentialLimit)});
        change = kNewtonPotentialLimit;
      }
      change = std::max(change, std::abs(dv));
      phi_.swap(p_);
      v_e_ += dv;
      res.newton_iterations = it + 1;
      if (change <= tol_v) {
        res.converged = true;
        break;
      }
    }
    // The converged source: this is the charge counted and the salt removed (Faraday).
    fill_ghosts<B>(phi_, phi_bc_);
    react();
    res.current = sum(CellValue{q_.cview()}) * cell_volume / area;
    res.v_e = v_e_;
    last_current_ = res.current;
    return res;
  }

  // ---- a moving interface: the salt with the reaction implicit in c (kernels/transport.hpp) ----
  //  1. solve_potential() with the reaction seeing c^n (or the last implicit solution, see below);
  //  2. implicit_salt(dt): c_new of (3.1) with R = kc c - ra implicit, and the charge source q_new of that
  //     c_new (kernels/reaction.hpp, ImplicitReactionSource); react_to_implicit() lets the next
  //     solve_potential() see c_new (a Picard pass that brings the galvanostatic current back to the set
  //     one);
  //  3. the order parameter moves with implicit_source(); commit_salt(dt) makes c_new the concentration.
  SolveStats implicit_salt(double dt) {
    const ReactionParams& r = mp_.reaction;
    const ElectrolyteParams& e = mp_.electrolyte;
    fill_ghosts<B>(phi_, phi_bc_);
    run(PredictedOrderParameter{xi_.cview(), q_.cview(), xi_star_.view(), Real(dt / (r.nF * r.c_site))});
    run(SaltCoefficients{xi_star_.cview(), a_.view(), b_.view(), e, Real(dt)});
    fill_ghosts<B>(a_, neumann_everywhere());
    const double sink = 1.0 - e.t_plus;
    const double top_source = counter_electrode_ ? sink * last_current_ / (r.nF * g_.h) : 0.0;
    run(SaltImplicitReaction{xi_star_.cview(), xi_.cview(), weight_.cview(), plating_weight_.cview(),
                             limiter_.cview(), rate0_.cview(), phi_.cview(), u_eq_.cview(), c_.cview(),
                             b_.view(), rhs_.view(), Real(v_e_), Real(1.0 / dt), Real(sink), Real(top_source),
                             r, e.psi_min});
    salt_solver_.set_coefficients(a_, b_);
    c_new_.copy_from(use_implicit_ ? c_new_ : c_);  // warm start
    const SolveStats s = salt_solver_.solve(c_new_, rhs_);
    run(ImplicitReactionSource{weight_.cview(), plating_weight_.cview(), limiter_.cview(), rate0_.cview(),
                               phi_.cview(), u_eq_.cview(), c_new_.cview(), q_new_.view(), Real(v_e_), r});
    return s;
  }
  // The charge source and current of the last implicit_salt().
  const Field<B>& implicit_source() const { return q_new_; }
  double implicit_current() const {
    return sum(CellValue{q_new_.cview()}) * g_.cell_volume() / g_.collector_area();
  }
  void react_to_implicit() { use_implicit_ = true; }
  // Galvanostatic control to round-off: the reaction part of the implicit source, q_new - nF c_s rate0, is
  // scaled by the factor (within max_change of 1) that makes the mean current `target`; commit_salt() books
  // the salt of the scaled source (its shift closes the sliver the salt solve consumed differently).
  void scale_implicit_reaction(double target, double max_change) {
    const ReactionParams& r = mp_.reaction;
    const double per_area = g_.cell_volume() / g_.collector_area();
    const double fixed = sum(CellValue{rate0_.cview()}) * r.nF * r.c_site * per_area;
    const double reaction = implicit_current() - fixed;
    if (!(std::abs(reaction) > 0)) return;
    const double factor = (target - fixed) / reaction;
    if (!(std::abs(factor - 1) <= max_change)) return;
    run(cd_detail::ScaleReaction{q_new_.view(), rate0_.cview(), Real(factor), Real(r.nF * r.c_site)});
  }
  // Call after the order parameter has moved: c = c_new, cells over-consumed to a negative content borrow
  // from their neighbours, and the salt balance is closed to round-off with the booked sources (MODELS §5).
  // The reaction sees c again from the next solve on; the charge-balance coefficients are those of the new
  // xi and c.
  void commit_salt(double dt) {
    const ElectrolyteParams& e = mp_.electrolyte;
    fill_ghosts<B>(xi_, neumann_everywhere());
    const double sink = (1.0 - e.t_plus) / mp_.reaction.nF;
    const double before = sum(SaltContent{xi_old_.cview(), c_.cview(), e.psi_min});
    const double current = implicit_current();
    const double top_source = counter_electrode_ ? sink * current / g_.h : 0.0;
    const double source = -sink * sum(CellValue{q_new_.cview()}) + top_source * double(g_.nx) * double(g_.nz);
    c_.swap(c_new_);
    q_.copy_from(q_new_);
    last_current_ = current;
    use_implicit_ = false;
    restore_salt_positivity();
    conserve_salt(before, source, dt);
    book_bulk_exchange(dt);
    update_coefficients();
  }

  // Backward-Euler salt step with the source of the last potential solve; the capacity term holds the
  // electrolyte fraction of the previous order parameter on the right and of the present one on the left
  // (3.1), so that the salt content is conserved when the interface moves.
  SolveStats advance_salt(double dt) {
    run(SaltCoefficients{xi_.cview(), a_.view(), b_.view(), mp_.electrolyte, Real(dt)});
    fill_ghosts<B>(a_, neumann_everywhere());
    const double sink = (1.0 - mp_.electrolyte.t_plus) / mp_.reaction.nF;
    const double top_source = counter_electrode_ ? sink * last_current_ / g_.h : 0.0;
    run(SaltRhs{xi_old_.cview(), c_.cview(), q_.cview(), rhs_.view(), Real(1.0 / dt), mp_.electrolyte.psi_min,
                Real(sink), Real(top_source)});
    salt_solver_.set_coefficients(a_, b_);
    const double before = sum(SaltContent{xi_old_.cview(), c_.cview(), mp_.electrolyte.psi_min});
    const double source = -sink * sum(CellValue{q_.cview()}) + top_source * double(g_.nx) * double(g_.nz);
    SolveStats s = salt_solver_.solve(c_, rhs_);
    restore_salt_positivity();
    conserve_salt(before, source, dt);
    book_bulk_exchange(dt);
    update_coefficients();  // kappa_e(c) of the new concentration
    return s;
  }

  // Li the bulk electrolyte beyond y = L_y gave the domain in this step beyond what the cathode supplied
  // (mol/m^2 of collector): the reservoir's diffusive inflow minus the (1 - t+) share of the current that
  // the cathode feeds through the separator. A counter-electrode top supplies exactly that share: 0.
  void book_bulk_exchange(double dt) {
    bulk_exchange_ = 0;
    if (counter_electrode_) return;
    const double sink = (1.0 - mp_.electrolyte.t_plus) / mp_.reaction.nF;
    traffic_ += ReservoirInflux::bytes_per_cell / double(g_.ny);
    const double influx =
        sum_cells<B>(row(g_, g_.ny - 1),
                     ReservoirInflux{xi_.cview(), c_.cview(), mp_.electrolyte, Real(mp_.c_ref)}) *
        g_.h * g_.h * dt / g_.collector_area();
    bulk_exchange_ = influx - sink * last_current_ * dt;
  }

  // Memory traffic of this module's own kernels so far, in bytes per cell; the linear solvers report theirs
  // per iteration (MultigridPcg::bytes_per_cell_per_iteration).
  double kernel_traffic_per_cell() const { return traffic_; }
  double solver_traffic_per_iteration() const { return phi_solver_.bytes_per_cell_per_iteration(); }

  // Observables (per collector area unless stated).
  double salt_content() const {  // mol/m^2
    return sum(SaltContent{xi_.cview(), c_.cview(), mp_.electrolyte.psi_min}) * g_.cell_volume() /
           g_.collector_area();
  }
  double deposit_metal() const {  // mol/m^2 of metal, c_s * integral of xi (MODELS §2)
    return sum(MetalContent{xi_.cview(), Real(1)}) * mp_.reaction.c_site * g_.cell_volume() /
           g_.collector_area();
  }
  double last_bulk_exchange() const { return bulk_exchange_; }
  double surface_concentration_min() const {
    const double v = min(SurfaceConcentration{xi_.cview(), c_.cview(), Real(0.25), Real(0.75)});
    return v > 1e299 ? std::nan("") : v;
  }
  double concentration_min() const { return min(CellValue{c_.cview()}); }
  bool fields_finite() const { return sum(NonFinite{c_.cview()}) == 0 && sum(NonFinite{phi_.cview()}) == 0; }

  // Output fields on the device (host copies are made by the caller).
  void reaction_current_density(Field<B>& out) {
    fill_ghosts<B>(phi_, phi_bc_);
    const double i0_eff = mp_.exchange_current;
    run(ReactionCurrentDensity{xi_.cview(), weight_.cview(), plating_weight_.cview(), phi_.cview(),
                               u_eq_.cview(), c_.cview(), out.view(), Real(v_e_), Real(i0_eff),
                               mp_.reaction});
  }
  void ionic_current_density(Field<B>& ix, Field<B>& iy, Field<B>& iz) {
    fill_ghosts<B>(phi_, phi_bc_);
    fill_concentration_ghosts(last_current_);
    run(IonicCurrentDensity{sigma_.cview(), sigma_d_.cview(), phi_.cview(), c_.cview(), ix.view(), iy.view(),
                            iz.view(), mp_.electrolyte.c_floor});
  }
  void electrolyte_fraction_field(Field<B>& out) const {
    run(cd_detail::PsiField{xi_.cview(), out.view(), mp_.electrolyte.psi_min});
  }

 private:
  // Launch / reduce over the interior and count the memory traffic the kernel declares (afsim bench).
  template <class F>
  void run(const F& f) const {
    for_each_cell<B>(interior(g_), f);
    traffic_ += F::bytes_per_cell;
  }
  template <class F>
  double sum(const F& f) const {
    traffic_ += F::bytes_per_cell;
    return sum_cells<B>(interior(g_), f);
  }
  template <class F>
  double min(const F& f) const {
    traffic_ += F::bytes_per_cell;
    return min_cells<B>(interior(g_), f);
  }
  template <class F>
  double max(const F& f) const {
    traffic_ += F::bytes_per_cell;
    return max_cells<B>(interior(g_), f);
  }

  // The salt solve stops at a relative residual of rtol, and the capacity psi/dt of each row is carried
  // inside a diagonal dominated by the diffusion coefficients (its round-off alone is ~1e-11 of the
  // capacity on fine grids): the discrete salt balance then misses by ~1e-12 per step. A uniform shift of
  // the solution closes it in the ledger's own measure, sum(psi c) (MODELS §5, §11 V9): the imbalance
  //   E = sum(psi^{n+1} c) - sum(psi^n c^n) - dt (sources + reservoir inflow)
  // is removed by dc = -E / (sum(psi^{n+1}) + dt sum_top 2 psi D / h^2), the denominator counting that a
  // shift also changes the reservoir inflow. Sums in the units of cell values (mol/m^3 per cell); the shift
  // is of order rtol * c.
  void conserve_salt(double before, double source, double dt) {
    const ElectrolyteParams& e = mp_.electrolyte;
    double capacity = sum(cd_detail::PsiValue{xi_.cview(), e.psi_min});
    if (!counter_electrode_)
      capacity += dt * 2.0 * e.diffusivity / (g_.h * g_.h) *
                  sum_cells<B>(row(g_, g_.ny - 1), cd_detail::PsiValue{xi_.cview(), e.psi_min});
    for (int pass = 0; pass < 2; ++pass) {
      double inflow = 0;
      if (!counter_electrode_)
        inflow =
            sum_cells<B>(row(g_, g_.ny - 1), ReservoirInflux{xi_.cview(), c_.cview(), e, Real(mp_.c_ref)}) /
            g_.h;
      const double after = sum(SaltContent{xi_.cview(), c_.cview(), e.psi_min});
      const double shift = -(after - before - dt * (source + inflow)) / capacity;
      if (!(std::abs(shift) > 0)) break;
      run(cd_detail::AddConstant{c_.view(), Real(shift)});
    }
  }

  // Cells whose salt content went negative (a depleted cell the lagged reaction over-consumed) borrow it
  // from their face neighbours (kernels/transport.hpp, SaltDeficit / SaltRedistribute); a few passes
  // reach the rare deficit a neighbourhood cannot cover, conserve_salt() closes what a no-flux side wall
  // mirrors. The fields a_, b_ and rhs_ are free after the solve.
  void restore_salt_positivity() {
    const Real psi_min = mp_.electrolyte.psi_min;
    BoundarySpec deficit_bc;  // zero beyond the collector and the top; the sides as the salt's
    deficit_bc.lateral = salt_bc_.lateral;
    deficit_bc.bottom = BcKind::Dirichlet;
    deficit_bc.top = BcKind::Dirichlet;
    for (int pass = 0; pass < 4; ++pass) {
      if (min(SaltContent{xi_.cview(), c_.cview(), psi_min}) >= 0) return;
      fill_ghosts<B>(c_, neumann_everywhere());
      run(SaltDeficit{xi_.cview(), c_.cview(), a_.view(), rhs_.view(), psi_min});
      fill_ghosts<B>(a_, deficit_bc);
      fill_ghosts<B>(rhs_, deficit_bc);
      run(SaltRedistribute{xi_.cview(), c_.cview(), a_.cview(), rhs_.cview(), b_.view(), psi_min});
      c_.swap(b_);
    }
  }

  // (2.4)-(2.5): q and dq/dphi at the present potential and V_e, with the concentration the reaction sees.
  void react() {
    const Field<B>& c = use_implicit_ ? c_new_ : c_;
    run(ReactionSource{weight_.cview(), plating_weight_.cview(), limiter_.cview(), rate0_.cview(),
                       phi_.cview(), u_eq_.cview(), c.cview(), q_.view(), dq_.view(), Real(v_e_),
                       mp_.reaction});
  }

  static BcKind lateral_kind(config::Lateral l) {
    return l == config::Lateral::Periodic ? BcKind::Periodic : BcKind::Neumann;
  }
  static BoundarySpec potential_bc(config::Lateral l) {
    BoundarySpec bc;  // MODELS §3: no flux at the collector, phi = 0 (the reference) at y = L_y
    bc.lateral = lateral_kind(l);
    bc.bottom = BcKind::Neumann;
    bc.top = BcKind::Dirichlet;
    bc.top_value = 0;
    return bc;
  }
  static BoundarySpec salt_bc(config::Lateral l, config::TopBoundary top, double c0) {
    BoundarySpec bc;  // reservoir: c = c0 at y = L_y; counter electrode: flux given through the rhs
    bc.lateral = lateral_kind(l);
    bc.bottom = BcKind::Neumann;
    bc.top = top == config::TopBoundary::Reservoir ? BcKind::Dirichlet : BcKind::Neumann;
    bc.top_value = Real(c0);
    return bc;
  }
  BoundarySpec neumann_everywhere() const {
    BoundarySpec bc;
    bc.lateral = phi_bc_.lateral;
    bc.bottom = BcKind::Neumann;
    bc.top = BcKind::Neumann;
    return bc;
  }
  void fill_concentration_ghosts(double current) {
    fill_ghosts<B>(c_, salt_bc_);
    if (counter_electrode_) {
      const double gradient =
          (1.0 - mp_.electrolyte.t_plus) * current / (mp_.reaction.nF * mp_.electrolyte.diffusivity);
      for_each_cell<B>(Box{0, g_.nx, 0, 1, 0, g_.nz}, SaltTopFluxGhost{c_.view(), Real(gradient)});
    }
  }
  static void account(PotentialResult& r, const SolveStats& s) {
    r.linear_iterations += s.iterations;
    r.linear_residual = std::max(r.linear_residual, s.relative_residual);
  }

  Grid g_;
  ModelParameters mp_;
  bool counter_electrode_;
  int newton_max_;
  double newton_tol_;
  Field<B> xi_, c_, phi_, p_, w_, q_, dq_, rhs_, sigma_, sigma_d_, a_, b_;
  Field<B> weight_, plating_weight_, limiter_, rate0_, u_eq_, xi_old_, c_new_, q_new_, xi_star_;
  bool use_implicit_ =
      false;  // the reaction of solve_potential() sees c_new_ (react_to_implicit) instead of c_
  BoundarySpec phi_bc_, salt_bc_;
  MultigridPcg<B> phi_solver_, salt_solver_;
  double v_e_ = 0;
  double last_current_ = 0;
  double bulk_exchange_ = 0;
  mutable double traffic_ = 0;  // bytes per cell moved by the kernels launched so far (solvers excluded)
};

}  // namespace afsim
