// CurrentDistribution<B>::solve_potential: the charge balance of MODELS §3 (3.2) with the Butler–Volmer
// source (2.4)–(2.5) and the V_e control of §1, by Newton on (phi, V_e) (current_distribution.hpp).
// Included by current_distribution.hpp only.
#pragma once

namespace afsim {

template <class B>
PotentialResult CurrentDistribution<B>::solve_potential(const Drive& drive) {
  PotentialResult res;
  const double cell_volume = g_.cell_volume();
  const double area = g_.collector_area();
  if (drive.mode == Drive::Mode::Potentiostatic) v_e_ = drive.potential;
  fill_concentration_ghosts(last_current_);
  const double tol_v = newton_tol_ / mp_.reaction.f * 1e3;  // 1e-9 relative -> ~26 nV absolute
  for (int it = 0; it < newton_max_; ++it) {
    fill_ghosts<B>(phi_, phi_bc_);
    react();
    launch_.run(ChargeBalanceRhs{sigma_d_.cview(), c_.cview(), q_.cview(), dq_.cview(), phi_.cview(),
                                 rhs_.view(), mp_.electrolyte.c_floor});
    phi_solver_.set_coefficients(sigma_, dq_);
    p_.copy_from(phi_);
    account(res, phi_solver_.solve(p_, rhs_));
    double dv = 0;
    if (drive.mode == Drive::Mode::Galvanostatic) {
      account(res, phi_solver_.solve(w_, dq_));
      // Linearised total current: sum q0 + q'(p - phi0) + q'(w - 1) dV = I A / dV_cell.
      const double base = launch_.sum(CellValue{q_.cview()}) +
                          launch_.sum(CellProductOfDifference{dq_.cview(), p_.cview(), phi_.cview()});
      const double slope = launch_.sum(CellProduct{dq_.cview(), w_.cview(), Real(1)});
      const double target = drive.current * area / cell_volume;
      if (!(slope < 0)) throw std::runtime_error("galvanostatic control lost: no reactive interface");
      dv = (target - base) / slope;
      dv = std::clamp(dv, -0.2, 0.2);  // damp the first steps of a cold start
      launch_.run(cd_detail::Axpy{p_.view(), w_.cview(), Real(dv)});
    }
    double change = launch_.max(cd_detail::AbsDifference{p_.cview(), phi_.cview()});
    if (change > kNewtonPotentialLimit) {  // rare: only a cell thrown far away needs the clamp
      launch_.run(cd_detail::LimitChange{p_.view(), phi_.cview(), Real(kNewtonPotentialLimit)});
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
  res.current = launch_.sum(CellValue{q_.cview()}) * cell_volume / area;
  res.v_e = v_e_;
  last_current_ = res.current;
  return res;
}

}  // namespace afsim
