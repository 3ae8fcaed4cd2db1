// A scalar field with ghost cells, stored on backend B.
#pragma once

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include <thrust/copy.h>
#include <thrust/fill.h>

#include "core/index.hpp"

namespace afsim {

template <class B>
class Field {
 public:
  Field() = default;
  Field(const Grid& g, Real value = Real(0)) : g_(g), data_(g.storage(), value) {}

  const Grid& grid() const { return g_; }
  // Values allocated (0 for a default-constructed field), ghosts included.
  std::size_t stored_values() const { return data_.size(); }
  View view() { return View{thrust::raw_pointer_cast(data_.data()), g_}; }
  ConstView view() const { return ConstView{thrust::raw_pointer_cast(data_.data()), g_}; }
  ConstView cview() const { return view(); }

  void fill(Real value) { thrust::fill(B::policy(), data_.begin(), data_.end(), value); }
  void copy_from(const Field& other) {
    thrust::copy(B::policy(), other.data_.begin(), other.data_.end(), data_.begin());
  }
  void swap(Field& other) {
    std::swap(g_, other.g_);
    data_.swap(other.data_);
  }

  // Whole storage (ghosts included) to and from the host, in the grid's linear order.
  std::vector<Real> to_host() const {
    std::vector<Real> out(data_.size());
    thrust::copy(data_.begin(), data_.end(), out.begin());
    return out;
  }
  void from_host(const std::vector<Real>& in) { thrust::copy(in.begin(), in.end(), data_.begin()); }

  // Interior values only, x fastest then y then z (the VTK ImageData order).
  std::vector<double> interior_to_host() const {
    const std::vector<Real> all = to_host();
    std::vector<double> out;
    out.reserve(static_cast<size_t>(g_.cells()));
    for (int k = 0; k < g_.nz; ++k)
      for (int j = 0; j < g_.ny; ++j)
        for (int i = 0; i < g_.nx; ++i) out.push_back(double(all[static_cast<size_t>(g_.idx(i, j, k))]));
    return out;
  }
  void interior_from_host(const std::vector<double>& in) {
    std::vector<Real> all = to_host();
    size_t n = 0;
    for (int k = 0; k < g_.nz; ++k)
      for (int j = 0; j < g_.ny; ++j)
        for (int i = 0; i < g_.nx; ++i) all[static_cast<size_t>(g_.idx(i, j, k))] = Real(in[n++]);
    from_host(all);
  }

 private:
  Grid g_;
  typename B::template vector<Real> data_;
};

}  // namespace afsim
