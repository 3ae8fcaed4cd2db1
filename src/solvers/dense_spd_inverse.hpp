// The inverse of a small symmetric positive definite matrix on the host: the exact coarsest-level solve of
// the multigrid (solvers/multigrid.hpp, build_dense_inverse).
#pragma once

#include <cmath>
#include <cstddef>
#include <stdexcept>
#include <vector>

namespace afsim {

// A^{-1} of the n x n matrix `a` (row-major) into `factor`, by Cholesky A = L L^T (L in `factor`), then
// W = L^{-1} (overwriting `a`) and A^{-1} = W^T W, exactly symmetric. Both vectors hold n * n values.
// Throws std::invalid_argument when A is not positive definite (a singular problem). Header-only: the
// CUDA backend's translation units instantiate the multigrid too.
inline void invert_spd(std::vector<double>& a, std::vector<double>& factor, int n) {
  // Cholesky A = L L^T (lower triangle of factor).
  std::vector<double>& Lf = factor;
  std::fill(Lf.begin(), Lf.end(), 0.0);
  for (int c = 0; c < n; ++c) {
    double d = a[size_t(c) * n + c];
    for (int m = 0; m < c; ++m) d -= Lf[size_t(c) * n + m] * Lf[size_t(c) * n + m];
    if (!(d > 1e-300) || !(d > 1e-14 * a[size_t(c) * n + c]))
      throw std::invalid_argument(
          "MultigridPcg: the coarse operator is not positive definite (singular "
          "problem?)");
    const double lcc = std::sqrt(d);
    Lf[size_t(c) * n + c] = lcc;
    for (int r = c + 1; r < n; ++r) {
      double s = a[size_t(r) * n + c];
      for (int m = 0; m < c; ++m) s -= Lf[size_t(r) * n + m] * Lf[size_t(c) * n + m];
      Lf[size_t(r) * n + c] = s / lcc;
    }
  }
  // W = L^{-1} (lower), overwriting a.
  std::vector<double>& W = a;
  std::fill(W.begin(), W.end(), 0.0);
  for (int c = 0; c < n; ++c) {
    W[size_t(c) * n + c] = 1.0 / Lf[size_t(c) * n + c];
    for (int r = c + 1; r < n; ++r) {
      double s = 0;
      for (int m = c; m < r; ++m) s -= Lf[size_t(r) * n + m] * W[size_t(m) * n + c];
      W[size_t(r) * n + c] = s / Lf[size_t(r) * n + r];
    }
  }
  // A^{-1} = W^T W, exactly symmetric; stored in factor then uploaded.
  std::vector<double>& inv = factor;
  for (int r = 0; r < n; ++r)
    for (int c = 0; c <= r; ++c) {
      double s = 0;
      for (int m = r; m < n; ++m) s += W[size_t(m) * n + r] * W[size_t(m) * n + c];
      inv[size_t(r) * n + c] = s;
    }
  for (int r = 0; r < n; ++r)
    for (int c = r + 1; c < n; ++c) inv[size_t(r) * n + c] = inv[size_t(c) * n + r];
}

}  // namespace afsim
