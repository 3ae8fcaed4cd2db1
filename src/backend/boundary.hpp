// Host side of the ghost fill: launches the face kernels of kernels/core/boundary.hpp.
#pragma once

#include "backend/algorithms.hpp"
#include "backend/field.hpp"
#include "core/boundary.hpp"

namespace afsim {

template <class B>
void fill_ghosts(View v, const BoundarySpec& bc) {
  const Grid& g = v.g;
  for_each_cell<B>(Box{0, 1, 0, g.ny, 0, g.nz}, FillGhostX{v, bc.lateral});
  for_each_cell<B>(Box{0, g.nx, 0, 1, 0, g.nz}, FillGhostY{v, bc});
  if (g.is3d()) for_each_cell<B>(Box{0, g.nx, 0, g.ny, 0, 1}, FillGhostZ{v, bc.lateral});
}

template <class B>
void fill_ghosts(Field<B>& f, const BoundarySpec& bc) {
  fill_ghosts<B>(f.view(), bc);
}

// The ghost faces plus the edge and corner ghosts, for stencils that read diagonal neighbours (the
// tangential derivatives of the anisotropic gradient flux, kernels/phase_field.hpp): the y faces are
// filled across the x ghosts and the z faces across both, so each edge gets the value the two conditions
// compose to.
template <class B>
void fill_ghosts_with_edges(View v, const BoundarySpec& bc) {
  const Grid& g = v.g;
  for_each_cell<B>(Box{0, 1, 0, g.ny, 0, g.nz}, FillGhostX{v, bc.lateral});
  for_each_cell<B>(Box{-1, g.nx + 1, 0, 1, 0, g.nz}, FillGhostY{v, bc});
  if (g.is3d()) for_each_cell<B>(Box{-1, g.nx + 1, -1, g.ny + 1, 0, 1}, FillGhostZ{v, bc.lateral});
}

}  // namespace afsim
