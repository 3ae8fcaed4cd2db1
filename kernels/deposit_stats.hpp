// Per-cell and per-column integrands of the deposit's shape (issue 3 observables; MODELS §7, §9.4): the
// envelope (top of the highest metal cell of each column) and the interface area. Summed or maximised in
// double by the host.
#pragma once

#include <math.h>

#include "core/index.hpp"

namespace afsim {

// Column heights: for the column (i, k) the height of the xi = 1/2 contour above its highest cell with
// xi > 1/2 (all metal: the envelope a porous deposit occupies) and above its highest connected metal cell
// (status == 2, src/physics/metal_connectivity.hpp), interpolated linearly between that cell's centre and
// the next one up (the top of the domain when it is the last row); 0 for a column without metal.
// Launched over Box{0, nx, 0, 1, 0, nz}; writes into fields on the column grid {nx, 1, nz}.
struct ColumnHeights {
  static constexpr int bytes_per_cell = 16;  // reads xi, status
  ConstView xi, status;
  View envelope, connected;
  AFSIM_HD Real contour_above(int i, int j, int k) const {
    const Grid& g = xi.g;
    if (j + 1 >= g.ny) return Real(g.ny * g.h);
    const Real a = xi(i, j, k), b = xi(i, j + 1, k);
    const Real s = a > b ? (a - Real(0.5)) / (a - b) : Real(0.5);
    return Real(g.y(j)) + s * Real(g.h);
  }
  AFSIM_HD void operator()(int i, int, int k) const {
    const Grid& g = xi.g;
    Real top = 0, top_connected = 0;
    for (int j = g.ny - 1; j >= 0; --j) {
      const Index n = g.idx(i, j, k);
      if (top == Real(0) && xi[n] > Real(0.5)) top = contour_above(i, j, k);
      if (status[n] > Real(1.5)) {
        top_connected = contour_above(i, j, k);
        break;
      }
    }
    envelope(i, 0, k) = top;
    connected(i, 0, k) = top_connected;
  }
};

// |grad xi| (central differences; reads ghosts): its volume integral is the interface area, 1 per unit
// collector area for a flat interface (the profile rises by 1 across it).
struct InterfaceAreaDensity {
  static constexpr int bytes_per_cell = 8;  // reads xi (stencil)
  ConstView xi;
  AFSIM_HD Real operator()(int i, int j, int k) const {
    const Grid& g = xi.g;
    const Index n = g.idx(i, j, k);
    const Real inv2h = Real(0.5) / Real(g.h);
    const Real gx = (xi[n + g.stride_x()] - xi[n - g.stride_x()]) * inv2h;
    const Real gy = (xi[n + g.stride_y()] - xi[n - g.stride_y()]) * inv2h;
    const Real gz = g.is3d() ? (xi[n + g.stride_z()] - xi[n - g.stride_z()]) * inv2h : Real(0);
    return sqrt(gx * gx + gy * gy + gz * gz);
  }
};

}  // namespace afsim
