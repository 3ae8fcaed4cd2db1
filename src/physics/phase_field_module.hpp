// Host module of the metal/electrolyte order parameter, MODELS §2: owns xi (metal_fraction) and decides
// when the kernels of kernels/phase_field.hpp run. Each step it writes, from xi^n, the part of dxi/dt that
// does not depend on the potential (relaxation + noise) and the reaction weights that the potential solve
// needs (contribute); after the solve it advances xi with the converged charge source, implicitly in the
// isotropic gradient term (one Helmholtz solve with the multigrid-preconditioned CG) so that the step is
// not bound by h^2.
#pragma once

#include <algorithm>
#include <cmath>

#include "backend/algorithms.hpp"
#include "backend/boundary.hpp"
#include "backend/field.hpp"
#include "phase_field.hpp"
#include "physics/module.hpp"
#include "physics/traffic.hpp"
#include "reduce.hpp"
#include "solvers/multigrid.hpp"

namespace afsim {

// The largest fraction of a cell's metal (or of its room for metal) that one step may strip (or fill).
constexpr double kFillFraction = 0.5;

template <class B>
class PhaseField final : public PhysicsModule<B> {
 public:
  // xi_bc: the order parameter's boundary conditions (no flux; lateral as the domain's);
  // rp: the reaction (c_s, nF) that converts the charge source into dxi/dt; max_xi_change: the largest
  // change of xi one step may make (numerics.max_xi_change).
  PhaseField(const Grid& g, const PhaseFieldParams& p, const ReactionParams& rp, const BoundarySpec& xi_bc,
             const SolverOptions& solver, double max_xi_change = 0.05)
      : g_(g),
        p_(p),
        rp_(rp),
        max_xi_change_(max_xi_change),
        bc_(xi_bc),
        xi_(g),
        xi_old_(g),
        a_(g),
        b_(g),
        rhs_(g),
        solver_(g, xi_bc, solver),
        launch_(g) {}

  const char* name() const override { return "phase_field"; }
  void declare(FieldRegistry<B>& fields) override {
    FieldRange<B> range;  // a little outside [0, 1]: the diffuse tails of a profile overshoot slightly
    range.lower = -0.1;
    range.upper = 1.1;
    fields.add({"metal_fraction", "1", "order parameter xi: 1 in the metal, 0 in the electrolyte (MODELS §2)",
                true, "order_parameter"},
               xi_, range);
    for (const Field<B>* f : {&xi_old_, &a_, &b_, &rhs_}) fields.add_scratch(*f);
    fields.add_storage(solver_.storage_bytes());
  }
  double step_limit() const override { return allen_cahn_stable_dt(p_); }
  double traffic_bytes_per_cell() const override { return launch_.traffic(); }

  const PhaseFieldParams& parameters() const { return p_; }
  const BoundarySpec& boundary() const { return bc_; }
  Field<B>& order_parameter() { return xi_; }
  const Field<B>& order_parameter() const { return xi_; }
  // xi^n, the order parameter at the start of the step (psi^n of the salt balance (3.1)).
  Field<B>& previous_order_parameter() { return xi_old_; }
  const Field<B>& previous_order_parameter() const { return xi_old_; }

  // Metal held by the fields, c_s * integral of xi per collector area (mol/m^2, MODELS §2).
  double metal_mol_m2() const {
    return launch_.sum(MetalContent{xi_.cview(), Real(1)}) * rp_.c_site * g_.cell_volume() /
           g_.collector_area();
  }

  // A step begins: xi^n is kept for the salt balance and for the frozen cells.
  void begin_step() {
    xi_old_.copy_from(xi_);
    launch_.count(2.0 * sizeof(Real) * double(g_.storage()) / double(g_.cells()));
  }

  // rate0 = relaxation of xi (1/s), weight = c_s L_eta h'(xi) (stripping), plating_weight (the same within
  // `reactive`, 0 elsewhere), limiter = the cell-Damköhler factor for a step of about terms.dt, surface
  // potential = the Gibbs–Thomson potential (0 with diffuse capillarity); all 0 where `frozen` (dead metal
  // and its halo). The masks come from the dead-metal module (set_masks).
  void contribute(ReactionTerms<B>& t) override {
    fill_ghosts_with_edges<B>(xi_.view(), bc_);
    launch_.run(AllenCahnRelaxation{xi_.cview(), frozen_->cview(), t.rate0.view(), p_});
    // With diffuse capillarity the surface potential keeps the zeros the engine cleared it to.
    if (p_.gibbs_thomson)
      launch_.run(GibbsThomsonPotential{xi_.cview(), frozen_->cview(), t.surface_potential.view(), p_});
    launch_.run(ReactionWeights{xi_.cview(), frozen_->cview(), reactive_->cview(), t.weight.view(),
                                t.plating_weight.view(), t.limiter.view(), rp_, electrolyte_, Real(t.dt)});
  }
  // The masks of the dead-metal module (MODELS §7) and the electrolyte of the limiter.
  void set_masks(const Field<B>& frozen, const Field<B>& reactive, const ElectrolyteParams& ep) {
    frozen_ = &frozen;
    reactive_ = &reactive;
    electrolyte_ = ep;
  }

  // The step the reaction allows with the charge source q (of the potential solve, or of the implicit
  // salt): at most max_xi_change of xi per step (dxi/dt = q / (nF c_s)), and no reacting cell emptied
  // (filled) past kFillFraction of its metal (its room for metal) (kernels/phase_field.hpp,
  // ReactionFillTime). rate0 is the relaxation part of q; max_rate returns the largest |dxi/dt|, 1/s.
  double reaction_limit(double dt, const Field<B>& q, const Field<B>& rate0, double& max_rate) const {
    const double nf_cs = rp_.nF * rp_.c_site;
    max_rate = launch_.max(AbsValue{q.cview()}) / nf_cs;
    if (max_rate > 0) dt = std::min(dt, max_xi_change_ / max_rate);
    const double fill =
        launch_.min(ReactionFillTime{xi_.cview(), q.cview(), rate0.cview(), Real(1.0 / nf_cs)});
    return std::min(dt, kFillFraction * fill);
  }

  // xi^{n+1} from xi^n and the charge source q of the potential solve (kernels/phase_field.hpp,
  // SemiImplicitRhs; frozen cells keep xi^n exactly). The metal formed, c_s sum(xi^{n+1} - xi^n) V, is made
  // exactly dt sum(q) V / nF: the solver's residual is put back into the interface cells.
  SolveStats advance(const Field<B>& q, double dt) {
    const double inv_nf_cs = 1.0 / (rp_.nF * rp_.c_site);
    const double target =
        launch_.sum(CellValue{xi_.cview()}) + dt * inv_nf_cs * launch_.sum(CellValue{q.cview()});
    launch_.run(SemiImplicitCoefficients{frozen_->cview(), a_.view(), b_.view(), Real(p_.l_sigma * p_.kappa),
                                         Real(1.0 / dt)});
    fill_ghosts<B>(a_, bc_);
    fill_ghosts<B>(xi_, bc_);
    launch_.run(
        SemiImplicitRhs{xi_.cview(), a_.cview(), q.cview(), rhs_.view(), Real(1.0 / dt), Real(inv_nf_cs)});
    solver_.set_coefficients(a_, b_);
    const SolveStats st = solver_.solve(xi_, rhs_);
    launch_.count(double(st.iterations) * solver_.bytes_per_cell_per_iteration());
    launch_.run(RestoreFrozen{xi_.view(), xi_old_.cview(), frozen_->cview()});
    const double weight = launch_.sum(InterfaceWeight{xi_.cview(), frozen_->cview()});
    if (weight > 0) {
      const double missing = target - launch_.sum(CellValue{xi_.cview()});
      launch_.run(AddWeighted{xi_.view(), frozen_->cview(), Real(missing / weight)});
    }
    return st;
  }

  // The Langevin increment of a step dt (kernels/phase_field.hpp): zero-mean, so sum(xi) is unchanged.
  void add_noise(double dt, unsigned long long step) {
    if (!(p_.noise > 0)) return;
    const NoiseMoments m{xi_.cview(), frozen_->cview(), p_.seed, step};
    const double w = launch_.sum(NoiseWeightSum{m});
    if (!(w > 0)) return;
    const double mean = launch_.sum(NoiseWeightedSum{m}) / w;
    launch_.run(LangevinIncrement{xi_.view(), frozen_->cview(), p_.seed, step,
                                  Real(std::sqrt(2.0 * p_.noise * dt)), Real(mean)});
  }

 private:
  Grid g_;
  PhaseFieldParams p_;
  ReactionParams rp_;
  double max_xi_change_;
  ElectrolyteParams electrolyte_{};
  BoundarySpec bc_;
  Field<B> xi_, xi_old_, a_, b_, rhs_;
  MultigridPcg<B> solver_;
  const Field<B>* frozen_ = nullptr;
  const Field<B>* reactive_ = nullptr;
  Launcher<B> launch_;
};

}  // namespace afsim
