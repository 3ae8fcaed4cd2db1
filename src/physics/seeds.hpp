// Metal nuclei placed on the collector: the random seeds of `physics.initial.seeds` (DESIGN.md §5) at
// t = 0, reproducible from run.seed. The same caps are the seam for classical nucleation (MODELS §4),
// which will place nuclei during a run with place_nuclei().
#pragma once

#include <cstdint>
#include <vector>

#include "config/config.hpp"
#include "core/index.hpp"

namespace afsim {

// A hemispherical cap (a half-disc in 2-D, a half-cylinder along z) of radius r whose centre sits on the
// surface it grows from, at height `base` above the collector.
struct Nucleus {
  double x = 0, z = 0;  // m, along the collector
  double base = 0;      // m, height of the surface it sits on (0: the bare collector)
  double radius = 0;    // m
};

// Random nuclei of the given areal density over the collector of the grid: in 3-D density * area of them
// at uniform positions; in 2-D (a cross-section of the surface) round(L_x sqrt(density)) of them, the
// number that keeps the mean spacing 1/sqrt(density) of the areal pattern. Positions come from the
// counter-based generator keyed by `seed`, so the same deck gives the same nuclei on every backend.
std::vector<Nucleus> random_nuclei(const config::Seeds& seeds, const Grid& g, double base,
                                   std::uint64_t seed);

// Adds the nuclei to an order parameter given on the interior cells (x fastest): each cell takes
// max(xi, 1/2 (1 - tanh(d / width))) with d the signed distance to the nearest cap (MODELS §2 equilibrium
// profile); lateral distances use the nearest periodic image when `periodic`. Cells are binned along the
// collector so that the cost is O(cells), not O(cells x nuclei).
void place_nuclei(std::vector<double>& xi, const Grid& g, const std::vector<Nucleus>& nuclei, double width,
                  bool periodic);

}  // namespace afsim
