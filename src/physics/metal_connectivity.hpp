// Host module of dead-metal detection, MODELS §7: labels the connected components of the metal, marks the
// ones touching the collector as connected, and derives what the rest of the model needs from that:
//  * status   2 = connected metal, 1 = dead metal, 0 = not metal (the `dead_metal` output field);
//  * frozen   1 on dead metal and on the diffuse shell around it, where the electrode potential V_e does
//             not reach: a floating island and its shell must not react, but a shell cell that is also
//             within reach of connected metal or of the collector keeps reacting;
//  * reactive 1 on connected metal, on the collector row, and on the diffuse shell of both: the only cells
//             the collector's electrons reach, so the only cells where the reaction may run (MODELS §2: the
//             metal at V_e is the metal connected to the CC; the CC itself is at V_e, so the last sub-1/2
//             remnant of a stripped nucleus on it still strips). Far from both, xi is the numerical tail of
//             a profile; at a large |eta| the Butler–Volmer factor would grow it into metal in the
//             electrolyte;
//  * the observables: number of dead islands, dead metal volume, height of the connected deposit.
//
// One update() costs 7 launches for the labelling and classification (kernels/labeling.hpp), then for each
// of the two masks `halo_cells` dilation steps of 1 ghost fill (2 launches in 2-D, 3 in 3-D) + 1 launch, and
// 1 launch for frozen: with halo_cells = 2 in 2-D, 20 launches. The observables are one reduction each,
// computed when asked.
#pragma once

#include <stdexcept>
#include <vector>

#include <thrust/copy.h>
#include <thrust/fill.h>

#include "backend/algorithms.hpp"
#include "backend/boundary.hpp"
#include "backend/field.hpp"
#include "labeling.hpp"

namespace afsim {

// Small functors of the module, at namespace scope because nvcc cannot launch kernels whose functor type
// is private to a class.
namespace conn_detail {

// The seeds of the two dilations: what the collector's electrons reach (connected metal, status 2, and the
// collector row j = 0 itself) and dead metal (status 1).
struct SplitStatus {
  static constexpr int bytes_per_cell = 24;  // reads status; writes connected, dead
  ConstView status;
  View connected, dead;
  AFSIM_HD void operator()(int i, int j, int k) const {
    const Index n = status.g.idx(i, j, k);
    connected[n] = (status[n] == Real(2) || j == 0) ? Real(1) : Real(0);
    dead[n] = status[n] == Real(1) ? Real(1) : Real(0);
  }
};

// MODELS §7: frozen = dead metal OR (dead halo AND NOT connected halo).
struct FrozenMask {
  static constexpr int bytes_per_cell = 32;  // reads status, connected, dead; writes frozen
  ConstView status, connected, dead;
  View frozen;
  AFSIM_HD void operator()(int i, int j, int k) const {
    const Index n = status.g.idx(i, j, k);
    const bool f = status[n] == Real(1) || (dead[n] == Real(1) && connected[n] != Real(1));
    frozen[n] = f ? Real(1) : Real(0);
  }
};

// xi on frozen cells, 0 elsewhere.
struct FrozenMetal {
  static constexpr int bytes_per_cell = 16;  // reads frozen, xi
  ConstView frozen, xi;
  AFSIM_HD Real operator()(int i, int j, int k) const {
    const Index n = xi.g.idx(i, j, k);
    return frozen[n] == Real(1) ? xi[n] : Real(0);
  }
};

// Top face (j + 1) h of connected metal cells, 0 elsewhere.
struct ConnectedTop {
  static constexpr int bytes_per_cell = 8;  // reads status
  ConstView status;
  AFSIM_HD double operator()(int i, int j, int k) const {
    return status(i, j, k) == Real(2) ? double(j + 1) * status.g.h : 0.0;
  }
};

// 1 on connected metal, 0 elsewhere.
struct IsConnected {
  static constexpr int bytes_per_cell = 8;  // reads status
  ConstView status;
  AFSIM_HD Real operator()(int i, int j, int k) const {
    return status(i, j, k) == Real(2) ? Real(1) : Real(0);
  }
};

}  // namespace conn_detail

template <class B>
class MetalConnectivity {
 public:
  // periodic_lateral: the x (and z) faces wrap around, for both the components and the halo dilation;
  // halo_cells: how many cells beyond the metal (through xi <= 1/2) the halo of dead metal reaches.
  MetalConnectivity(const Grid& g, bool periodic_lateral, int halo_cells)
      : g_(g),
        periodic_(periodic_lateral),
        halo_(halo_cells),
        labels_(size_t(g.storage()), Index(-1)),
        flags_(size_t(g.storage()), Index(0)),
        status_(g),
        frozen_(g),
        connected_(g),
        dead_(g),
        scratch_(g) {
    if (halo_cells < 0) throw std::invalid_argument("MetalConnectivity: halo_cells must be >= 0");
    mask_bc_.lateral = periodic_lateral ? BcKind::Periodic : BcKind::Neumann;
    mask_bc_.bottom = BcKind::Neumann;
    mask_bc_.top = BcKind::Neumann;
  }

  const Grid& grid() const { return g_; }

  // Labels, classifies and builds the frozen mask from xi (interior values only: ghosts may be stale).
  // Bytes per interior cell that one update() moves, in the accounting of afsim bench (each kernel's
  // declared bytes_per_cell; ghost fills not counted): the labelling, the reset of the root flags (one Index
  // per stored cell), the collector row, the classification, the split, 2 x halo_cells dilations, the mask.
  double bytes_per_update() const {
    const double per_stored = double(g_.storage()) / double(g_.cells());
    return InitLabels::bytes_per_cell + MergeLabels::bytes_per_cell + FlattenLabels::bytes_per_cell +
           double(sizeof(Index)) * per_stored + double(MarkCollectorRoots::bytes_per_cell) / g_.ny +
           ClassifyConnectivity::bytes_per_cell + conn_detail::SplitStatus::bytes_per_cell +
           2.0 * halo_ * DilateMask::bytes_per_cell + conn_detail::FrozenMask::bytes_per_cell;
  }

  // Bytes the module holds: the labels and root flags, the status, the masks and their scratch.
  double storage_bytes() const {
    double values = 0;
    for (const Field<B>* f : {&status_, &frozen_, &connected_, &dead_, &scratch_})
      values += double(f->stored_values());
    return values * double(sizeof(Real)) + double(labels_.size() + flags_.size()) * sizeof(Index);
  }

  void update(const Field<B>& xi) {
    check_grid(xi);
    const Box in = interior(g_);
    // Labelling (Playne & Hawick 2018); ghost labels were set to -1 once and are never written.
    for_each_cell<B>(in, InitLabels{xi.cview(), label_view()});
    for_each_cell<B>(in, MergeLabels{xi.cview(), label_view(), periodic_ ? 1 : 0});
    for_each_cell<B>(in, FlattenLabels{label_view()});
    // Components touching the collector row (MODELS §7).
    thrust::fill(B::policy(), flags_.begin(), flags_.end(), Index(0));
    for_each_cell<B>(row(g_, 0), MarkCollectorRoots{clabel_view(), flag_view()});
    for_each_cell<B>(in, ClassifyConnectivity{xi.cview(), clabel_view(), cflag_view(), status_.view()});
    // Halos: both kinds of metal spread the same number of cells through the electrolyte side.
    for_each_cell<B>(in, conn_detail::SplitStatus{status_.cview(), connected_.view(), dead_.view()});
    dilate(xi, connected_);
    dilate(xi, dead_);
    for_each_cell<B>(
        in, conn_detail::FrozenMask{status_.cview(), connected_.cview(), dead_.cview(), frozen_.view()});
  }

  // 2 = connected metal, 1 = dead metal, 0 = not metal (interior; ghosts 0).
  const Field<B>& status() const { return status_; }
  // 1 on dead metal and its halo not shared with connected metal, 0 elsewhere (interior; ghosts 0).
  const Field<B>& frozen() const { return frozen_; }
  // 1 on connected metal, the collector row and their halo (where the reaction may run), 0 elsewhere
  // (interior).
  const Field<B>& reactive() const { return connected_; }
  // Component label of every storage entry: the smallest linear index of the component for metal cells,
  // -1 for other cells and ghosts.
  ViewT<const Index> labels() const {
    return ViewT<const Index>{thrust::raw_pointer_cast(labels_.data()), g_};
  }
  std::vector<Index> labels_to_host() const {
    std::vector<Index> out(labels_.size());
    thrust::copy(labels_.begin(), labels_.end(), out.begin());
    return out;
  }

  // Number of dead islands (components not touching the collector).
  long long dead_islands() const {
    return static_cast<long long>(sum_cells<B>(interior(g_), DeadIslandRoot{status_.cview(), labels()}) +
                                  0.5);
  }
  // Sum of xi over frozen cells times the cell volume (m^3); multiply by c_s for moles (MODELS §7 report).
  double dead_fraction_volume(const Field<B>& xi) const {
    check_grid(xi);
    return sum_cells<B>(interior(g_), conn_detail::FrozenMetal{frozen_.cview(), xi.cview()}) *
           g_.cell_volume();
  }
  // Height (m) of the top face of the highest connected metal cell; 0 when there is none.
  double connected_metal_top() const {
    const double top = max_cells<B>(interior(g_), conn_detail::ConnectedTop{status_.cview()});
    return top > 0 ? top : 0.0;
  }
  // Whether any cell of the collector row is connected metal.
  bool collector_has_connected_metal() const {
    return max_cells<B>(row(g_, 0), conn_detail::IsConnected{status_.cview()}) > 0.5;
  }

 private:
  ViewT<Index> label_view() { return ViewT<Index>{thrust::raw_pointer_cast(labels_.data()), g_}; }
  ViewT<const Index> clabel_view() const { return labels(); }
  ViewT<Index> flag_view() { return ViewT<Index>{thrust::raw_pointer_cast(flags_.data()), g_}; }
  ViewT<const Index> cflag_view() const {
    return ViewT<const Index>{thrust::raw_pointer_cast(flags_.data()), g_};
  }

  void check_grid(const Field<B>& xi) const {
    if (!(xi.grid() == g_)) throw std::invalid_argument("MetalConnectivity: field on a different grid");
  }

  // halo_ Jacobi steps of DilateMask on mask, ping-ponging with scratch_.
  void dilate(const Field<B>& xi, Field<B>& mask) {
    for (int s = 0; s < halo_; ++s) {
      fill_ghosts<B>(mask, mask_bc_);
      for_each_cell<B>(interior(g_), DilateMask{xi.cview(), mask.cview(), scratch_.view()});
      mask.swap(scratch_);
    }
  }

  Grid g_;
  bool periodic_;
  int halo_;
  BoundarySpec mask_bc_;
  typename B::template vector<Index> labels_, flags_;
  Field<B> status_, frozen_, connected_, dead_, scratch_;
};

}  // namespace afsim
