// The levels of the multigrid hierarchy (solvers/multigrid.hpp): a direction is halved while it has an even
// number of cells, at least 4, and its spacing is the finest of the directions that can still be halved
// (semi-coarsening keeps the levels' aspect ratio <= 2); coarsening ends when a level has at most
// `coarsest_max_cells` cells or nothing can be halved.
#pragma once

#include <algorithm>
#include <vector>

#include "core/index.hpp"
#include "linear/mg_transfer.hpp"

namespace afsim {

struct LevelShape {
  Grid g;
  double hx = 1, hy = 1, hz = 1;  // the level's spacings
  Coarsening to_coarse;           // towards the next level
};

inline std::vector<LevelShape> plan_levels(const Grid& g, int coarsest_max_cells) {
  std::vector<LevelShape> levels;
  LevelShape l0;
  l0.g = g;
  l0.hx = l0.hy = l0.hz = g.h;
  levels.push_back(l0);
  for (;;) {
    LevelShape& cur = levels.back();
    const Grid& cg = cur.g;
    if (cg.cells() <= Index(coarsest_max_cells)) break;
    const int n[3] = {cg.nx, cg.ny, cg.nz};
    const double h[3] = {cur.hx, cur.hy, cur.hz};
    // Coarsen the directions that can still be halved and have the finest spacing among those: a direction
    // that can no longer be halved (e.g. 2 cells across) must not stall the others.
    auto can_halve = [&](int d) { return n[d] > 1 && n[d] % 2 == 0 && n[d] / 2 >= 2; };
    double h_min = 1e300;
    for (int d = 0; d < 3; ++d)
      if (can_halve(d)) h_min = std::min(h_min, h[d]);
    int r[3] = {1, 1, 1};
    for (int d = 0; d < 3; ++d)
      if (can_halve(d) && h[d] <= h_min * (1 + 1e-12)) r[d] = 2;
    if (r[0] * r[1] * r[2] == 1) break;
    cur.to_coarse = Coarsening{r[0], r[1], r[2]};
    LevelShape next;
    next.hx = cur.hx * r[0];
    next.hy = cur.hy * r[1];
    next.hz = cur.hz * r[2];
    next.g = Grid{cg.nx / r[0], cg.ny / r[1], cg.nz / r[2], next.hy};
    levels.push_back(next);
  }
  return levels;
}

}  // namespace afsim
