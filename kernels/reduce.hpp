// Generic per-cell integrands of reductions (a value, products, |v|, non-finite counts); summed in double
// by the host. A model's own integrands live in its kernel header (SaltContent in transport.hpp, MetalContent
// in phase_field.hpp, ReactionCurrentDensity in reaction.hpp).
#pragma once

#include "core/index.hpp"

namespace afsim {

struct CellValue {
  static constexpr int bytes_per_cell = 8;  // reads v
  ConstView v;
  AFSIM_HD Real operator()(int i, int j, int k) const { return v(i, j, k); }
};

// a * (b - offset) per cell.
struct CellProduct {
  static constexpr int bytes_per_cell = 16;  // reads a, b
  ConstView a, b;
  Real offset;
  AFSIM_HD Real operator()(int i, int j, int k) const {
    const Index n = a.g.idx(i, j, k);
    return a[n] * (b[n] - offset);
  }
};

// a * (b - c) per cell.
struct CellProductOfDifference {
  static constexpr int bytes_per_cell = 24;  // reads a, b, c
  ConstView a, b, c;
  AFSIM_HD Real operator()(int i, int j, int k) const {
    const Index n = a.g.idx(i, j, k);
    return a[n] * (b[n] - c[n]);
  }
};

// |v| per cell (max-reductions of rates).
struct AbsValue {
  static constexpr int bytes_per_cell = 8;  // reads v
  ConstView v;
  AFSIM_HD Real operator()(int i, int j, int k) const {
    const Real x = v(i, j, k);
    return x < Real(0) ? -x : x;
  }
};

// NaN/Inf detector: 1 for a non-finite value.
struct NonFinite {
  static constexpr int bytes_per_cell = 8;  // reads v
  ConstView v;
  AFSIM_HD Real operator()(int i, int j, int k) const {
    const Real x = v(i, j, k);
    return (x == x && x - x == Real(0)) ? Real(0) : Real(1);
  }
};

}  // namespace afsim
