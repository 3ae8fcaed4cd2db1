// The salt of a moving interface with the cathodic reaction implicit in c (kernels/transport.hpp,
// docs/model-notes.md "Reaction and salt within a step"), members of CurrentDistribution<B>:
//  1. solve_potential() with the reaction seeing c^n (or the last implicit solution, see below);
//  2. implicit_salt(dt): c_new of (3.1) with R = kc c - ra implicit, and the charge source q_new of that
//     c_new (kernels/reaction.hpp, ImplicitReactionSource); react_to_implicit() lets the next
//     solve_potential() see c_new (a Picard pass that brings the galvanostatic current back to the set one);
//  3. the order parameter moves with implicit_source(); commit_salt(dt) makes c_new the concentration.
// Included by current_distribution.hpp only.
#pragma once

namespace afsim {

template <class B>
SolveStats CurrentDistribution<B>::implicit_salt(double dt) {
  const ReactionParams& r = mp_.reaction;
  const ElectrolyteParams& e = mp_.electrolyte;
  fill_ghosts<B>(phi_, phi_bc_);
  launch_.run(PredictedOrderParameter{xi_.cview(), metal_source().cview(), xi_star_.view(),
                                      Real(dt / (r.nF * r.c_site))});
  launch_.run(SaltCoefficients{xi_star_.cview(), a_.view(), b_.view(), e, Real(dt)});
  fill_ghosts<B>(a_, no_flux_bc(lateral_));
  const double sink = 1.0 - e.t_plus;
  const double top_source = counter_electrode_ ? sink * last_current_ / (r.nF * g_.h) : 0.0;
  launch_.run(SaltImplicitReaction{xi_star_.cview(), xi_.cview(), weight_.cview(), plating_weight_.cview(),
                                   limiter_.cview(), rate0_.cview(), phi_.cview(), u_eq_.cview(), c_.cview(),
                                   b_.view(), rhs_.view(), Real(v_e_), Real(1.0 / dt), Real(sink),
                                   Real(top_source), r, e.psi_min});
  if (!side_.empty()) launch_.run(cd_detail::SideSaltSink{q_side_.cview(), rhs_.view(), Real(sink / r.nF)});
  salt_solver_.set_coefficients(a_, b_);
  c_new_.copy_from(use_implicit_ ? c_new_ : c_);  // warm start
  const SolveStats s = salt_solver_.solve(c_new_, rhs_);
  launch_.count(double(s.iterations) * salt_solver_.bytes_per_cell_per_iteration());
  launch_.run(ImplicitReactionSource{weight_.cview(), plating_weight_.cview(), limiter_.cview(),
                                     rate0_.cview(), phi_.cview(), u_eq_.cview(), c_new_.cview(),
                                     q_new_.view(), Real(v_e_), r});
  return s;
}

// Galvanostatic control to round-off: the reaction part of the implicit source, q_new - nF c_s rate0, is
// scaled by the factor (within max_change of 1) that makes the mean current `target`; commit_salt() books
// the salt of the scaled source (its shift closes the sliver the salt solve consumed differently).
template <class B>
void CurrentDistribution<B>::scale_implicit_reaction(double target, double max_change) {
  const ReactionParams& r = mp_.reaction;
  const double per_area = g_.cell_volume() / g_.collector_area();
  // The part that is not the metal's reaction: the relaxation's and the side reactions'.
  double fixed = launch_.sum(CellValue{rate0_.cview()}) * r.nF * r.c_site * per_area;
  if (!side_.empty()) fixed += side_current();
  const double reaction = implicit_current() - fixed;
  if (!(std::abs(reaction) > 0)) return;
  const double factor = (target - fixed) / reaction;
  if (!(std::abs(factor - 1) <= max_change)) return;
  launch_.run(cd_detail::ScaleReaction{q_new_.view(), rate0_.cview(), Real(factor), Real(r.nF * r.c_site)});
}

// Side reactions (physics/module.hpp) pass charge and consume salt, explicit at the potential solve's rates,
// but form no metal: xi* and xi move with the metal's source alone.
//
// Call after the order parameter has moved: c = c_new, then the salt is finished as after every solve
// (finish_salt: positivity, the balance closed with the booked sources, the bulk exchange, the
// coefficients of the new xi and c). The reaction sees c again from the next solve on.
template <class B>
void CurrentDistribution<B>::commit_salt(double dt) {
  const ElectrolyteParams& e = mp_.electrolyte;
  fill_ghosts<B>(xi_, no_flux_bc(lateral_));
  const double sink = (1.0 - e.t_plus) / mp_.reaction.nF;
  const double before = launch_.sum(SaltContent{xi_old_.cview(), c_.cview(), e.psi_min});
  const double current = implicit_current();
  const double top_source = counter_electrode_ ? sink * current / g_.h : 0.0;
  double consumed = launch_.sum(CellValue{q_new_.cview()});
  if (!side_.empty()) consumed += launch_.sum(CellValue{q_side_.cview()});
  const double source = -sink * consumed + top_source * double(g_.nx) * double(g_.nz);
  c_.swap(c_new_);
  q_.copy_from(q_new_);
  last_current_ = current;
  use_implicit_ = false;
  finish_salt(before, source, dt);
}

}  // namespace afsim
