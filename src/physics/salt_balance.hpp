// The salt balance of MODELS §3 (3.1) closed to round-off after each solve (MODELS §5, §11 V9), and the
// boundary conditions of the salt and potential fields: host helpers of CurrentDistribution.
#pragma once

#include <cmath>

#include "backend/algorithms.hpp"
#include "backend/boundary.hpp"
#include "backend/field.hpp"
#include "config/config.hpp"
#include "current_distribution_ops.hpp"
#include "physics/traffic.hpp"
#include "reduce.hpp"
#include "transport.hpp"

namespace afsim {

inline BcKind lateral_kind(config::Lateral l) {
  return l == config::Lateral::Periodic ? BcKind::Periodic : BcKind::Neumann;
}

// MODELS §3: no flux at the collector, phi = 0 (the reference) at y = L_y.
inline BoundarySpec potential_bc(config::Lateral l) {
  BoundarySpec bc;
  bc.lateral = lateral_kind(l);
  bc.bottom = BcKind::Neumann;
  bc.top = BcKind::Dirichlet;
  bc.top_value = 0;
  return bc;
}

// Reservoir: c = c0 at y = L_y; counter electrode: the flux is given through the right-hand side.
inline BoundarySpec salt_bc(config::Lateral l, config::TopBoundary top, double c0) {
  BoundarySpec bc;
  bc.lateral = lateral_kind(l);
  bc.bottom = BcKind::Neumann;
  bc.top = top == config::TopBoundary::Reservoir ? BcKind::Dirichlet : BcKind::Neumann;
  bc.top_value = Real(c0);
  return bc;
}

// No flux at the collector and the top; the sides as the domain's.
inline BoundarySpec no_flux_bc(config::Lateral l) {
  BoundarySpec bc;
  bc.lateral = lateral_kind(l);
  bc.bottom = BcKind::Neumann;
  bc.top = BcKind::Neumann;
  return bc;
}

// The salt solve stops at a relative residual of rtol, and the capacity psi/dt of each row is carried
// inside a diagonal dominated by the diffusion coefficients (its round-off alone is ~1e-11 of the capacity
// on fine grids): the discrete salt balance then misses by ~1e-12 per step. A uniform shift of the solution
// closes it in the ledger's own measure, sum(psi c) (MODELS §5, §11 V9): the imbalance
//   E = sum(psi^{n+1} c) - sum(psi^n c^n) - dt (sources + reservoir inflow)
// is removed by dc = -E / (sum(psi^{n+1}) + dt sum_top 2 psi D / h^2), the denominator counting that a
// shift also changes the reservoir inflow. Sums in the units of cell values (mol/m^3 per cell); the shift
// is of order rtol * c.
template <class B>
void conserve_salt(const Launcher<B>& launch, const Grid& g, const Field<B>& xi, Field<B>& c,
                   const ElectrolyteParams& e, double c_ref, bool counter_electrode, double before,
                   double source, double dt) {
  double capacity = launch.sum(cd_detail::PsiValue{xi.cview(), e.psi_min});
  if (!counter_electrode)
    capacity += dt * 2.0 * e.diffusivity / (g.h * g.h) *
                sum_cells<B>(row(g, g.ny - 1), cd_detail::PsiValue{xi.cview(), e.psi_min});
  for (int pass = 0; pass < 2; ++pass) {
    double inflow = 0;
    if (!counter_electrode)
      inflow = sum_cells<B>(row(g, g.ny - 1), ReservoirInflux{xi.cview(), c.cview(), e, Real(c_ref)}) / g.h;
    const double after = launch.sum(SaltContent{xi.cview(), c.cview(), e.psi_min});
    const double shift = -(after - before - dt * (source + inflow)) / capacity;
    if (!(std::abs(shift) > 0)) break;
    launch.run(cd_detail::AddConstant{c.view(), Real(shift)});
  }
}

// Cells whose salt content went negative (a depleted cell the lagged reaction over-consumed) borrow it from
// their face neighbours (kernels/transport.hpp, SaltDeficit / SaltRedistribute); a few passes reach the rare
// deficit a neighbourhood cannot cover, conserve_salt() closes what a no-flux side wall mirrors. deficit,
// share and out are free scratch fields; c is swapped with out on every pass.
template <class B>
void restore_salt_positivity(const Launcher<B>& launch, const Field<B>& xi, Field<B>& c, Field<B>& deficit,
                             Field<B>& share, Field<B>& out, const BoundarySpec& salt, Real psi_min,
                             config::Lateral lateral) {
  BoundarySpec deficit_bc;  // zero beyond the collector and the top; the sides as the salt's
  deficit_bc.lateral = salt.lateral;
  deficit_bc.bottom = BcKind::Dirichlet;
  deficit_bc.top = BcKind::Dirichlet;
  for (int pass = 0; pass < 4; ++pass) {
    if (launch.min(SaltContent{xi.cview(), c.cview(), psi_min}) >= 0) return;
    fill_ghosts<B>(c, no_flux_bc(lateral));
    launch.run(SaltDeficit{xi.cview(), c.cview(), deficit.view(), share.view(), psi_min});
    fill_ghosts<B>(deficit, deficit_bc);
    fill_ghosts<B>(share, deficit_bc);
    launch.run(SaltRedistribute{xi.cview(), c.cview(), deficit.cview(), share.cview(), out.view(), psi_min});
    c.swap(out);
  }
}

}  // namespace afsim
