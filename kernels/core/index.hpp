// Structured grid with ghost cells, boxes of cells and POD views (DESIGN.md §3).
// x (i) and z (k) run along the current collector, y (j) is normal to it; j = 0 is the first cell above
// the collector. A 2-D grid has nz == 1 and no ghost layer in z, so one set of kernels serves 2-D and 3-D.
#pragma once

#include "core/defs.hpp"

namespace afsim {

using Index = long long;

struct Grid {
  int nx = 1, ny = 1, nz = 1;  // interior cells
  double h = 1.0;              // uniform cell size (m)

  static constexpr int ng = 1;  // ghost layers in x and y (and z when 3-D)

  AFSIM_HD bool is3d() const { return nz > 1; }
  AFSIM_HD int gz() const { return nz > 1 ? ng : 0; }
  AFSIM_HD int sx() const { return nx + 2 * ng; }
  AFSIM_HD int sy() const { return ny + 2 * ng; }
  AFSIM_HD int sz() const { return nz + 2 * gz(); }
  // Number of stored values including ghosts.
  AFSIM_HD Index storage() const { return Index(sx()) * sy() * sz(); }
  AFSIM_HD Index cells() const { return Index(nx) * ny * nz; }
  // Linear offset of interior cell (i, j, k); ghosts are i = -1, i = nx, etc.
  AFSIM_HD Index idx(int i, int j, int k) const {
    return (Index(k + gz()) * sy() + (j + ng)) * sx() + (i + ng);
  }
  // Strides between face neighbours.
  AFSIM_HD Index stride_x() const { return 1; }
  AFSIM_HD Index stride_y() const { return sx(); }
  AFSIM_HD Index stride_z() const { return Index(sx()) * sy(); }
  // Volume of one cell; a 2-D grid is one cell thick (h) in z.
  AFSIM_HD double cell_volume() const { return h * h * h; }
  // Collector area under the grid (m^2).
  AFSIM_HD double collector_area() const { return double(nx) * h * double(nz) * h; }
  // Cell-centre coordinates (m).
  AFSIM_HD double x(int i) const { return (i + 0.5) * h; }
  AFSIM_HD double y(int j) const { return (j + 0.5) * h; }
  AFSIM_HD double z(int k) const { return (k + 0.5) * h; }
};

inline bool operator==(const Grid& a, const Grid& b) {
  return a.nx == b.nx && a.ny == b.ny && a.nz == b.nz && a.h == b.h;
}

// Half-open box of cells [i0, i1) x [j0, j1) x [k0, k1).
struct Box {
  int i0 = 0, i1 = 0, j0 = 0, j1 = 0, k0 = 0, k1 = 0;
  AFSIM_HD Index size() const {
    return (i1 > i0 && j1 > j0 && k1 > k0) ? Index(i1 - i0) * (j1 - j0) * (k1 - k0) : 0;
  }
};

inline Box interior(const Grid& g) {
  return Box{0, g.nx, 0, g.ny, 0, g.nz};
}
// The row of cells j = row (e.g. 0: the layer touching the collector).
inline Box row(const Grid& g, int j) {
  return Box{0, g.nx, j, j + 1, 0, g.nz};
}

// Trivially copyable view of a field: pointer + grid. Kernels take these by value.
template <class T>
struct ViewT {
  T* data = nullptr;
  Grid g;
  AFSIM_HD T& operator()(int i, int j, int k) const { return data[g.idx(i, j, k)]; }
  AFSIM_HD T& operator[](Index n) const { return data[n]; }
};

using View = ViewT<Real>;
using ConstView = ViewT<const Real>;

}  // namespace afsim
