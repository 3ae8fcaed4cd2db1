// Launches and reductions over a module's interior cells that also count the memory traffic each kernel
// declares (its bytes_per_cell), so that the byte accounting of afsim bench stays out of the physics code.
#pragma once

#include "backend/algorithms.hpp"
#include "core/index.hpp"

namespace afsim {

template <class B>
class Launcher {
 public:
  explicit Launcher(const Grid& g) : g_(g) {}

  template <class F>
  void run(const F& f) const {
    for_each_cell<B>(interior(g_), f);
    traffic_ += F::bytes_per_cell;
  }
  template <class F>
  double sum(const F& f) const {
    traffic_ += F::bytes_per_cell;
    return sum_cells<B>(interior(g_), f);
  }
  template <class F>
  double min(const F& f) const {
    traffic_ += F::bytes_per_cell;
    return min_cells<B>(interior(g_), f);
  }
  template <class F>
  double max(const F& f) const {
    traffic_ += F::bytes_per_cell;
    return max_cells<B>(interior(g_), f);
  }
  // Traffic of work not launched through run/sum (a copy, the iterations of a linear solve), B/cell.
  void count(double bytes_per_cell) const { traffic_ += bytes_per_cell; }
  // Bytes per interior cell moved so far.
  double traffic() const { return traffic_; }

 private:
  Grid g_;
  mutable double traffic_ = 0;
};

}  // namespace afsim
