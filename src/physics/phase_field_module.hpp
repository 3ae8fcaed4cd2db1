// Host module of the metal/electrolyte order parameter, MODELS §2: decides when the kernels of
// kernels/phase_field.hpp run. Each step it prepares, from xi^n, the part of dxi/dt that does not depend
// on the potential (relaxation + noise) and the reaction weights that the potential solve needs; after
// the solve it advances xi with the converged charge source, implicitly in the isotropic gradient term
// (one Helmholtz solve with the multigrid-preconditioned CG) so that the step is not bound by h^2.
#pragma once

#include <algorithm>
#include <cmath>

#include "backend/algorithms.hpp"
#include "backend/boundary.hpp"
#include "backend/field.hpp"
#include "phase_field.hpp"
#include "reduce.hpp"
#include "solvers/multigrid.hpp"

namespace afsim {

template <class B>
class PhaseField {
 public:
  PhaseField(const Grid& g, const PhaseFieldParams& p, const BoundarySpec& xi_bc, const SolverOptions& solver)
      : g_(g), p_(p), bc_(xi_bc), a_(g), b_(g), rhs_(g), solver_(g, xi_bc, solver) {}

  const PhaseFieldParams& parameters() const { return p_; }

  // The largest stable step of the explicit part (kernels/phase_field.hpp).
  double stable_dt() const { return allen_cahn_stable_dt(p_); }

  // rate0 = relaxation of xi (1/s), weight = c_s L_eta h'(xi) (stripping), plating_weight (the same within
  // `reactive`, 0 elsewhere), limiter = the cell-Damköhler factor for a step of about dt, u_eq = the
  // Gibbs–Thomson potential (0 with diffuse capillarity); all 0 where `frozen` (dead metal and its halo).
  void prepare(Field<B>& xi, const Field<B>& frozen, const Field<B>& reactive, double dt,
               const ReactionParams& rp, const ElectrolyteParams& ep, Field<B>& rate0, Field<B>& weight,
               Field<B>& plating_weight, Field<B>& limiter, Field<B>& u_eq) {
    fill_ghosts_with_edges<B>(xi.view(), bc_);
    run(AllenCahnRelaxation{xi.cview(), frozen.cview(), rate0.view(), p_});
    // With diffuse capillarity u_eq keeps the zeros it was created with.
    if (p_.gibbs_thomson) run(GibbsThomsonPotential{xi.cview(), frozen.cview(), u_eq.view(), p_});
    run(ReactionWeights{xi.cview(), frozen.cview(), reactive.cview(), weight.view(), plating_weight.view(),
                        limiter.view(), rp, ep, Real(dt)});
  }

  // xi^{n+1} from xi^n and the charge source q of the potential solve (kernels/phase_field.hpp,
  // SemiImplicitRhs; xi_old = xi^n, kept exactly in frozen cells). The metal formed, c_s sum(xi^{n+1} - xi^n)
  // V, is made exactly dt sum(q) V / nF: the solver's residual is put back into the interface cells.
  SolveStats advance(Field<B>& xi, const Field<B>& xi_old, const Field<B>& q, const Field<B>& frozen,
                     double dt, const ReactionParams& rp) {
    const double inv_nf_cs = 1.0 / (rp.nF * rp.c_site);
    const double target = sum(CellValue{xi.cview()}) + dt * inv_nf_cs * sum(CellValue{q.cview()});
    run(SemiImplicitCoefficients{frozen.cview(), a_.view(), b_.view(), Real(p_.l_sigma * p_.kappa),
                                 Real(1.0 / dt)});
    fill_ghosts<B>(a_, bc_);
    fill_ghosts<B>(xi, bc_);
    run(SemiImplicitRhs{xi.cview(), a_.cview(), q.cview(), rhs_.view(), Real(1.0 / dt), Real(inv_nf_cs)});
    solver_.set_coefficients(a_, b_);
    const SolveStats st = solver_.solve(xi, rhs_);
    run(RestoreFrozen{xi.view(), xi_old.cview(), frozen.cview()});
    const double weight = sum(InterfaceWeight{xi.cview(), frozen.cview()});
    if (weight > 0) {
      const double missing = target - sum(CellValue{xi.cview()});
      run(AddWeighted{xi.view(), frozen.cview(), Real(missing / weight)});
    }
    return st;
  }

  // The Langevin increment of a step dt (kernels/phase_field.hpp): zero-mean, so sum(xi) is unchanged.
  void add_noise(Field<B>& xi, const Field<B>& frozen, double dt, unsigned long long step) {
    if (!(p_.noise > 0)) return;
    const NoiseMoments m{xi.cview(), frozen.cview(), p_.seed, step};
    const double w = sum(NoiseWeightSum{m});
    if (!(w > 0)) return;
    const double mean = sum(NoiseWeightedSum{m}) / w;
    run(LangevinIncrement{xi.view(), frozen.cview(), p_.seed, step, Real(std::sqrt(2.0 * p_.noise * dt)),
                          Real(mean)});
  }

  // Bytes per cell moved by this module's kernels so far (afsim bench); the Helmholtz solve adds
  // solver_traffic_per_iteration() per CG iteration.
  double kernel_traffic_per_cell() const { return traffic_; }
  double solver_traffic_per_iteration() const { return solver_.bytes_per_cell_per_iteration(); }

 private:
  template <class F>
  void run(const F& f) {
    for_each_cell<B>(interior(g_), f);
    traffic_ += F::bytes_per_cell;
  }
  template <class F>
  double sum(const F& f) {
    traffic_ += F::bytes_per_cell;
    return sum_cells<B>(interior(g_), f);
  }

  Grid g_;
  PhaseFieldParams p_;
  BoundarySpec bc_;
  Field<B> a_, b_, rhs_;
  MultigridPcg<B> solver_;
  double traffic_ = 0;
};

}  // namespace afsim
