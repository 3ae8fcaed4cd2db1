// Dead metal by connected-component labelling, MODELS §7: metal cells (xi > 1/2) joined through faces
// (4-connectivity in 2-D, 6 in 3-D) form components; those touching the collector row (j = 0) are
// electronically connected, the rest is dead metal.
//
// The labelling is the union–find of Playne & Hawick 2018 (IEEE TPDS 29(6), "A new algorithm for parallel
// connected-component labelling on GPUs"), in three launches over the cells:
//   init     label = own linear storage index for metal, -1 otherwise;
//   merge    every metal cell unites its tree with those of its backward face neighbours that are metal;
//   flatten  label = root of its tree.
// Linking always points the larger root at the smaller one with an atomic min, so a component's root is
// the smallest linear index it holds whatever the order in which threads ran: labels are deterministic
// and identical on both backends (MODELS §7 "deterministic labels").
//
// Labels live in an array of Index of the size of the grid's storage; ghost entries are never written and
// stay -1. Interior kernels read only interior values of xi, so xi's ghosts may be stale.
#pragma once

#include "core/index.hpp"

namespace afsim {

namespace labeling {

// MODELS §7: a cell is metal when xi > 1/2.
AFSIM_HD inline bool is_metal(Real xi) {
  return xi > Real(0.5);
}

// Concurrent access to labels. Labels only ever decrease and always point at a cell of the same component
// with a label no larger than their own (label[n] <= n), so any value a thread reads, however stale, is a
// valid step towards the root: relaxed ordering is enough, and find() always terminates.
AFSIM_HD inline Index load_label(const Index* p) {
#if defined(__CUDA_ARCH__)
  return *static_cast<const volatile Index*>(p);  // volatile: bypass the non-coherent L1
#else
  return __atomic_load_n(p, __ATOMIC_RELAXED);
#endif
}

AFSIM_HD inline void store_label(Index* p, Index v) {
#if defined(__CUDA_ARCH__)
  *static_cast<volatile Index*>(p) = v;
#else
  __atomic_store_n(p, v, __ATOMIC_RELAXED);
#endif
}

// *p = min(*p, v) atomically; returns the value *p held before.
AFSIM_HD inline Index atomic_min_label(Index* p, Index v) {
#if defined(__CUDA_ARCH__)
  return atomicMin(p, v);
#else
  Index old = __atomic_load_n(p, __ATOMIC_RELAXED);
  while (v < old && !__atomic_compare_exchange_n(p, &old, v, true, __ATOMIC_RELAXED, __ATOMIC_RELAXED)) {
  }
  return old;
#endif
}

// Root of the tree holding n: the cell whose label is its own index.
AFSIM_HD inline Index find_root(const Index* label, Index n) {
  Index p = load_label(label + n);
  while (p != n) {
    n = p;
    p = load_label(label + n);
  }
  return n;
}

// Joins the trees of a and b (Playne & Hawick 2018, Alg. "union"): the larger root is linked to the smaller
// by an atomic min. When another thread relinked that root in between, the atomic returns its new parent
// and the loop retries from there; every retry strictly lowers a or b, so it ends.
AFSIM_HD inline void unite(Index* label, Index a, Index b) {
  bool done = false;
  while (!done) {
    a = find_root(label, a);
    b = find_root(label, b);
    if (a < b) {
      const Index old = atomic_min_label(label + b, a);
      done = old == b;
      b = old;
    } else if (b < a) {
      const Index old = atomic_min_label(label + a, b);
      done = old == a;
      a = old;
    } else {
      done = true;
    }
  }
}

}  // namespace labeling

// (a) init: label = own linear index for metal, -1 otherwise. Launched over the interior.
struct InitLabels {
  static constexpr int bytes_per_cell = 16;  // reads xi; writes label
  ConstView xi;
  ViewT<Index> label;
  AFSIM_HD void operator()(int i, int j, int k) const {
    const Index n = xi.g.idx(i, j, k);
    label[n] = labeling::is_metal(xi[n]) ? n : Index(-1);
  }
};

// (b) merge: every metal cell unites with its metal face neighbours at i-1, j-1 and (3-D) k-1; together
// the backward links of all cells cover every face once. Across a periodic lateral boundary cell i = 0
// links to i = nx-1 (and k = 0 to k = nz-1), so an island cut by the boundary is one component; y never
// wraps (MODELS §7). Launched over the interior.
struct MergeLabels {
  static constexpr int bytes_per_cell = 40;  // reads xi at the cell and 3 neighbours; label traffic varies
  ConstView xi;
  ViewT<Index> label;
  int periodic_lateral;  // 1: x and z wrap around
  AFSIM_HD void operator()(int i, int j, int k) const {
    const Grid& g = xi.g;
    const Index n = g.idx(i, j, k);
    if (!labeling::is_metal(xi[n])) return;
    Index* l = label.data;
    if (i > 0) {
      if (labeling::is_metal(xi[n - g.stride_x()])) labeling::unite(l, n, n - g.stride_x());
    } else if (periodic_lateral && g.nx > 1) {
      const Index m = g.idx(g.nx - 1, j, k);
      if (labeling::is_metal(xi[m])) labeling::unite(l, n, m);
    }
    if (j > 0 && labeling::is_metal(xi[n - g.stride_y()])) labeling::unite(l, n, n - g.stride_y());
    if (g.is3d()) {
      if (k > 0) {
        if (labeling::is_metal(xi[n - g.stride_z()])) labeling::unite(l, n, n - g.stride_z());
      } else if (periodic_lateral) {
        const Index m = g.idx(i, j, g.nz - 1);
        if (labeling::is_metal(xi[m])) labeling::unite(l, n, m);
      }
    }
  }
};

// (c) flatten: label = root, the smallest linear index of the component. Writing a root over a label only
// shortens paths that other threads may be walking, so the launch needs no ordering. Launched over the
// interior, after MergeLabels has finished.
struct FlattenLabels {
  static constexpr int bytes_per_cell = 16;  // reads and writes label (plus the path walked)
  ViewT<Index> label;
  AFSIM_HD void operator()(int i, int j, int k) const {
    const Index n = label.g.idx(i, j, k);
    if (labeling::load_label(label.data + n) < 0) return;
    labeling::store_label(label.data + n, labeling::find_root(label.data, n));
  }
};

// (d) components touching the collector: flag[root] = 1 for every metal cell of row j = 0. All writers
// write the same value, so the order does not matter (the relaxed store only keeps the host's memory
// model clean). flag must be zeroed before. Launched over row(g, 0), on flattened labels.
struct MarkCollectorRoots {
  static constexpr int bytes_per_cell = 16;  // reads label; writes flag
  ViewT<const Index> label;
  ViewT<Index> flag;
  AFSIM_HD void operator()(int i, int j, int k) const {
    const Index root = label(i, j, k);
    if (root >= 0) labeling::store_label(flag.data + root, 1);
  }
};

// (e) status per cell: 2 = connected metal, 1 = dead metal, 0 = not metal. Launched over the interior,
// on flattened labels and marked roots.
struct ClassifyConnectivity {
  static constexpr int bytes_per_cell = 32;  // reads xi, label, flag[label]; writes status
  ConstView xi;
  ViewT<const Index> label;
  ViewT<const Index> flag;
  View status;
  AFSIM_HD void operator()(int i, int j, int k) const {
    const Index n = xi.g.idx(i, j, k);
    Real s = Real(0);
    if (labeling::is_metal(xi[n])) s = flag[label[n]] ? Real(2) : Real(1);
    status[n] = s;
  }
};

// (f) 1 for the root cell of each dead island, 0 elsewhere: summed, the number of dead islands.
struct DeadIslandRoot {
  static constexpr int bytes_per_cell = 16;  // reads status, label
  ConstView status;
  ViewT<const Index> label;
  AFSIM_HD Real operator()(int i, int j, int k) const {
    const Index n = status.g.idx(i, j, k);
    return (status[n] == Real(1) && label[n] == n) ? Real(1) : Real(0);
  }
};

// (g) one Jacobi step of a mask dilation across the diffuse interface: an electrolyte-side cell
// (xi <= 1/2) becomes 1 when any face neighbour is 1; metal cells keep their value, so a mask never grows
// into other metal. in's ghosts must be filled (no-flux or periodic); xi's ghosts are not read. Launched
// over the interior.
struct DilateMask {
  static constexpr int bytes_per_cell = 24;  // reads xi, in (neighbours cached); writes out
  ConstView xi;
  ConstView in;
  View out;
  AFSIM_HD void operator()(int i, int j, int k) const {
    const Grid& g = in.g;
    const Index n = g.idx(i, j, k);
    Real v = in[n];
    if (v != Real(1) && !labeling::is_metal(xi[n])) {
      bool hit = in[n - g.stride_x()] == Real(1) || in[n + g.stride_x()] == Real(1) ||
                 in[n - g.stride_y()] == Real(1) || in[n + g.stride_y()] == Real(1);
      if (g.is3d()) hit = hit || in[n - g.stride_z()] == Real(1) || in[n + g.stride_z()] == Real(1);
      if (hit) v = Real(1);
    }
    out[n] = v;
  }
};

}  // namespace afsim
