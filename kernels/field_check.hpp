// The divergence guard's scan of a field (DESIGN.md §3a field registry: each field's admissible range):
// the first cell whose value is outside [lo, hi] or not finite.
#pragma once

#include "core/index.hpp"
#include "potential.hpp"

namespace afsim {

// The linear interior index (x fastest) of a cell whose value is outside [lo, hi] or not finite, else a
// large number: min over the cells finds the first offending one. With `xi` set, the bounds apply to
// psi v (the salt content of the concentration v, MODELS §3): a cell deep in the metal holds almost no salt
// and its concentration is not a fault by itself.
struct FirstOutside {
  static constexpr int bytes_per_cell = 16;
  ConstView f, xi;
  Real lo, hi, psi_min;
  AFSIM_HD double operator()(int i, int j, int k) const {
    const Real v = f(i, j, k);
    const Real tested = xi.data ? electrolyte_fraction(xi(i, j, k), psi_min) * v : v;
    const bool ok = tested >= lo && tested <= hi && v - v == Real(0);
    return ok ? 1e300 : double(i) + double(f.g.nx) * (double(j) + double(f.g.ny) * double(k));
  }
};

}  // namespace afsim
