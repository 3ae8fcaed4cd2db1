// A reduction of two sums at once (|r|^2 and |f|^2 of one sweep over the residual): the CG's fused norms
// (solvers/multigrid.hpp).
#pragma once

#include <thrust/iterator/counting_iterator.h>
#include <thrust/transform_reduce.h>

#include "backend/algorithms.hpp"
#include "linear/mg_operator.hpp"

namespace afsim::detail {

template <class F>
struct CellPairValue {
  F f;
  Box b;
  AFSIM_HD SumPair operator()(Index n) const {
    int i, j, k;
    unflatten(b, n, i, j, k);
    return f(i, j, k);
  }
};

// Sum over box of the pair f(i, j, k), in double.
template <class B, class F>
SumPair sum_pair_cells(const Box& box, const F& f) {
  const Index n = box.size();
  if (n == 0) return SumPair{};
  return dispatch<B>(n, [&](auto policy) {
    return thrust::transform_reduce(policy, thrust::counting_iterator<Index>(0),
                                    thrust::counting_iterator<Index>(n), CellPairValue<F>{f, box}, SumPair{},
                                    SumPairPlus{});
  });
}

}  // namespace afsim::detail
