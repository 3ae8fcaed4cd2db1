// Host module of the metal/electrolyte order parameter, MODELS §2: decides when the kernels of
// kernels/phase_field.hpp run. Each step it prepares, from xi^n, the part of dxi/dt that does not depend
// on the potential (relaxation + noise) and the reaction weights that the potential solve needs; after
// the solve it advances xi explicitly with the converged charge source.
#pragma once

#include <algorithm>

#include "backend/algorithms.hpp"
#include "backend/boundary.hpp"
#include "backend/field.hpp"
#include "phase_field.hpp"

namespace afsim {

template <class B>
class PhaseField {
 public:
  PhaseField(const Grid& g, const PhaseFieldParams& p, const BoundarySpec& xi_bc)
      : g_(g), p_(p), bc_(xi_bc) {}

  const PhaseFieldParams& parameters() const { return p_; }

  // The largest stable step of the explicit relaxation (kernels/phase_field.hpp).
  double stable_dt() const { return allen_cahn_stable_dt(p_, g_.h, g_.is3d() ? 3 : 2); }

  // rate0 = relaxation + noise of xi (1/s), weight = c_s L_eta h'(xi), limiter = the cell-Damköhler factor
  // for a step of about dt; all three 0 where `frozen` (dead metal and its halo). `step` keys the noise.
  void prepare(Field<B>& xi, const Field<B>& frozen, unsigned long long step, double dt,
               const ReactionParams& rp, const ElectrolyteParams& ep, Field<B>& rate0, Field<B>& weight,
               Field<B>& limiter) {
    fill_ghosts_with_edges<B>(xi.view(), bc_);
    for_each_cell<B>(interior(g_), AllenCahnRelaxation{xi.cview(), frozen.cview(), rate0.view(), p_, step});
    for_each_cell<B>(interior(g_), ReactionWeights{xi.cview(), frozen.cview(), weight.view(), limiter.view(),
                                                   rp, ep, Real(dt)});
    traffic_ += AllenCahnRelaxation::bytes_per_cell + ReactionWeights::bytes_per_cell;
  }

  // xi += dt q / (nF c_s): the explicit step of (2.1) with the charge source q of the potential solve.
  void advance(Field<B>& xi, const Field<B>& q, double dt, const ReactionParams& rp) {
    for_each_cell<B>(interior(g_),
                     OrderParameterUpdate{xi.view(), q.cview(), Real(dt / (rp.nF * rp.c_site))});
    traffic_ += OrderParameterUpdate::bytes_per_cell;
  }

  // Bytes per cell moved by this module's kernels so far (afsim bench).
  double kernel_traffic_per_cell() const { return traffic_; }

 private:
  Grid g_;
  PhaseFieldParams p_;
  BoundarySpec bc_;
  double traffic_ = 0;
};

}  // namespace afsim
