// Backend-generic launch and reduction helpers. Every kernel functor is called as f(i, j, k) on the
// cells of a Box. On the device the helpers map a flat counter to (i, j, k) so that Thrust launches them;
// the host backend walks rows instead ((k, j) shared among the OpenMP threads, i innermost), which spares
// the two 64-bit divisions per cell that made simple kernels compute-bound at a tenth of the memory
// bandwidth (issue 20). Every cell of a launch is independent, so the order changes nothing. Reductions
// accumulate in double (DESIGN.md §3).
#pragma once

#include <limits>

#include <thrust/execution_policy.h>
#include <thrust/for_each.h>
#include <thrust/iterator/counting_iterator.h>
#include <thrust/transform_reduce.h>

#include "core/index.hpp"

namespace afsim {

namespace detail {

AFSIM_HD inline void unflatten(const Box& b, Index n, int& i, int& j, int& k) {
  const Index w = b.i1 - b.i0, hgt = b.j1 - b.j0;
  i = b.i0 + int(n % w);
  const Index r = n / w;
  j = b.j0 + int(r % hgt);
  k = b.k0 + int(r / hgt);
}

template <class F>
struct CellLauncher {
  F f;
  Box b;
  AFSIM_HD void operator()(Index n) const {
    int i, j, k;
    unflatten(b, n, i, j, k);
    f(i, j, k);
  }
};

// Launches only the cells of one colour of a red-black ordering: (i + j + k) % 2 == colour.
// Cells are enumerated two per x-pair so no thread is idle.
template <class F>
struct ColouredCellLauncher {
  F f;
  Box b;
  int colour;
  AFSIM_HD void operator()(Index n) const {
    const int w = b.i1 - b.i0;
    const int half = (w + 1) / 2;
    const int hgt = b.j1 - b.j0;
    const int ih = int(n % half);
    const Index r = n / half;
    const int j = b.j0 + int(r % hgt);
    const int k = b.k0 + int(r / hgt);
    const int parity = ((b.i0 + j + k) ^ colour) & 1;  // offset so that (i + j + k) % 2 == colour
    const int i = b.i0 + 2 * ih + parity;
    if (i < b.i1) f(i, j, k);
  }
};

template <class F>
struct CellValue {
  F f;
  Box b;
  AFSIM_HD double operator()(Index n) const {
    int i, j, k;
    unflatten(b, n, i, j, k);
    return double(f(i, j, k));
  }
};

struct MaxOp {
  AFSIM_HD double operator()(double a, double b) const { return a > b ? a : b; }
};
struct MinOp {
  AFSIM_HD double operator()(double a, double b) const { return a < b ? a : b; }
};
struct SumOp {
  AFSIM_HD double operator()(double a, double b) const { return a + b; }
};

}  // namespace detail

// Runs fn(policy) with the backend's policy, or serially when the backend is the host's and the launch has
// fewer than B::serial_below elements: a parallel region costs microseconds and a barrier that waits for a
// descheduled thread (two ctest jobs on two cores) a whole time slice, while the coarse multigrid levels
// and the small grids of tests hold a few hundred cells.
template <class B, class Fn>
decltype(auto) dispatch(Index n, Fn&& fn) {
  if constexpr (B::serial_below > 0) {
    if (n < Index(B::serial_below)) return fn(thrust::seq);
  }
  return fn(B::policy());
}

namespace detail {

// The rows (j, k) of box on the host, each walked in i from first(j, k) in steps of stride: in parallel
// unless the box is small (B::serial_below, as dispatch).
template <class B, class First, class F>
void host_rows(const Box& box, Index n, int stride, const First& first, const F& f) {
  const int nj = box.j1 - box.j0;
  const long long rows = (long long)nj * (box.k1 - box.k0);
  const auto row = [&](long long r) {
    const int j = box.j0 + int(r % nj), k = box.k0 + int(r / nj);
    for (int i = first(j, k); i < box.i1; i += stride) f(i, j, k);
  };
  if (n < Index(B::serial_below)) {
    for (long long r = 0; r < rows; ++r) row(r);
    return;
  }
#pragma omp parallel for schedule(static)
  for (long long r = 0; r < rows; ++r) row(r);
}

}  // namespace detail

// f(i, j, k) for every cell of box.
template <class B, class F>
void for_each_cell(const Box& box, const F& f) {
  const Index n = box.size();
  if (n == 0) return;
  if constexpr (B::host_rows) {
    detail::host_rows<B>(
        box, n, 1, [&](int, int) { return box.i0; }, f);
    return;
  }
  dispatch<B>(n, [&](auto policy) {
    thrust::for_each(policy, thrust::counting_iterator<Index>(0), thrust::counting_iterator<Index>(n),
                     detail::CellLauncher<F>{f, box});
  });
}

// f(i, j, k) for the cells of box whose (i + j + k) % 2 == colour (red-black sweeps).
template <class B, class F>
void for_each_coloured_cell(const Box& box, int colour, const F& f) {
  const Index w = box.i1 - box.i0;
  if (box.size() == 0) return;
  const Index n = ((w + 1) / 2) * Index(box.j1 - box.j0) * Index(box.k1 - box.k0);
  if constexpr (B::host_rows) {
    // The first cell of the row with (i + j + k) % 2 == colour, then every second one.
    detail::host_rows<B>(
        box, n, 2, [&](int j, int k) { return box.i0 + (((box.i0 + j + k) ^ colour) & 1); }, f);
    return;
  }
  dispatch<B>(n, [&](auto policy) {
    thrust::for_each(policy, thrust::counting_iterator<Index>(0), thrust::counting_iterator<Index>(n),
                     detail::ColouredCellLauncher<F>{f, box, colour});
  });
}

// Sum over box of f(i, j, k), accumulated in double.
template <class B, class F>
double sum_cells(const Box& box, const F& f) {
  const Index n = box.size();
  if (n == 0) return 0.0;
  return dispatch<B>(n, [&](auto policy) {
    return thrust::transform_reduce(policy, thrust::counting_iterator<Index>(0),
                                    thrust::counting_iterator<Index>(n), detail::CellValue<F>{f, box}, 0.0,
                                    detail::SumOp{});
  });
}

template <class B, class F>
double max_cells(const Box& box, const F& f) {
  const Index n = box.size();
  if (n == 0) return -std::numeric_limits<double>::infinity();
  return dispatch<B>(n, [&](auto policy) {
    return thrust::transform_reduce(policy, thrust::counting_iterator<Index>(0),
                                    thrust::counting_iterator<Index>(n), detail::CellValue<F>{f, box},
                                    -std::numeric_limits<double>::infinity(), detail::MaxOp{});
  });
}

template <class B, class F>
double min_cells(const Box& box, const F& f) {
  const Index n = box.size();
  if (n == 0) return std::numeric_limits<double>::infinity();
  return dispatch<B>(n, [&](auto policy) {
    return thrust::transform_reduce(policy, thrust::counting_iterator<Index>(0),
                                    thrust::counting_iterator<Index>(n), detail::CellValue<F>{f, box},
                                    std::numeric_limits<double>::infinity(), detail::MinOp{});
  });
}

}  // namespace afsim
