// Ghost-cell fill for the boundary conditions of MODELS §3: lateral periodic or no-flux, no flux at the
// collector (y = 0), Dirichlet or no-flux at the top (y = L_y). Interior kernels never branch on
// boundaries (DESIGN.md §3): they read ghosts filled here.
#pragma once

#include "core/index.hpp"

namespace afsim {

enum class BcKind : int { Periodic = 0, Neumann = 1, Dirichlet = 2 };

// Boundary conditions of one scalar problem. Neumann means zero normal flux unless a flux is given by the
// caller through the right-hand side; Dirichlet holds the boundary-face value.
struct BoundarySpec {
  BcKind lateral = BcKind::Periodic;  // x and z faces
  BcKind bottom = BcKind::Neumann;    // y = 0 (collector)
  BcKind top = BcKind::Dirichlet;     // y = L_y
  Real bottom_value = 0;
  Real top_value = 0;
};

// Fills ghosts of v on the x faces (i = -1, nx) for interior rows; launched over Box{0,1,0,ny,0,nz}.
struct FillGhostX {
  View v;
  BcKind kind;
  AFSIM_HD void operator()(int, int j, int k) const {
    const Grid& g = v.g;
    if (kind == BcKind::Periodic) {
      v(-1, j, k) = v(g.nx - 1, j, k);
      v(g.nx, j, k) = v(0, j, k);
    } else {
      v(-1, j, k) = v(0, j, k);
      v(g.nx, j, k) = v(g.nx - 1, j, k);
    }
  }
};

// Fills ghosts on the y faces (j = -1, ny); launched over Box{0,nx,0,1,0,nz}. The face value of a
// Dirichlet condition sits half a cell from the cell centre: ghost = 2 value - inside.
struct FillGhostY {
  View v;
  BoundarySpec bc;
  AFSIM_HD static Real ghost(BcKind kind, Real inside, Real value) {
    return kind == BcKind::Dirichlet ? Real(2) * value - inside : inside;
  }
  AFSIM_HD void operator()(int i, int, int k) const {
    const Grid& g = v.g;
    v(i, -1, k) = ghost(bc.bottom, v(i, 0, k), bc.bottom_value);
    v(i, g.ny, k) = ghost(bc.top, v(i, g.ny - 1, k), bc.top_value);
  }
};

// Fills ghosts on the z faces (k = -1, nz) of a 3-D grid; launched over Box{0,nx,0,ny,0,1}.
struct FillGhostZ {
  View v;
  BcKind kind;
  AFSIM_HD void operator()(int i, int j, int) const {
    const Grid& g = v.g;
    if (kind == BcKind::Periodic) {
      v(i, j, -1) = v(i, j, g.nz - 1);
      v(i, j, g.nz) = v(i, j, 0);
    } else {
      v(i, j, -1) = v(i, j, 0);
      v(i, j, g.nz) = v(i, j, g.nz - 1);
    }
  }
};

}  // namespace afsim
