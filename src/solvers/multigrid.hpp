// Host side of the multigrid-preconditioned conjugate gradient solver of MODELS §3:
//
//     b u - div(a grad u) = f     on the cell-centred grid, a > 0 (jumps of 1e6 and more), b >= 0,
//
// with the boundary conditions of a BoundarySpec (lateral periodic or no-flux, bottom no-flux or Dirichlet,
// top Dirichlet or no-flux). The preconditioner is one symmetric geometric multigrid V-cycle: red-black
// Gauss-Seidel (red-black before, black-red after the coarse correction), average restriction,
// piecewise-constant prolongation, coarse operators rediscretised with face-averaged coefficients, and an
// exact dense solve on the coarsest level. The kernels live in kernels/solvers/; this class decides when
// they run. All levels are allocated once in the constructor; set_coefficients() and solve() allocate
// nothing and only the CG scalars (and, in set_coefficients, the few coarsest-level coefficients) cross
// between host and device.
//
// Coarsening: a direction is halved while it has an even number of cells, at least 4, and its spacing is
// the finest of the directions that have more than one cell (semi-coarsening keeps the levels' aspect
// ratio <= 2). So nx == 1 columns coarsen in y only, an odd nx stops x (e.g. 3 x 200 -> 3 x 100), and
// coarsening ends when a level has at most coarsest_max_cells cells or nothing can be halved. The
// coarsest level is solved exactly with a dense inverse (set up on the host) when it has at most
// kDenseCoarseMaxCells cells, otherwise (grids with large odd factors) with symmetric Gauss-Seidel sweeps,
// which keeps the preconditioner linear and symmetric but weakens it.
#pragma once

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>
#include <vector>

#include <thrust/transform_reduce.h>

#include "backend/algorithms.hpp"
#include "backend/boundary.hpp"
#include "backend/field.hpp"
#include "core/boundary.hpp"
#include "linear/krylov.hpp"
#include "linear/mg_operator.hpp"
#include "linear/mg_smoother.hpp"
#include "linear/mg_transfer.hpp"
#include "solvers/dense_spd_inverse.hpp"
#include "solvers/mg_levels.hpp"
#include "solvers/pair_reduction.hpp"
#include "solvers/solver_options.hpp"

namespace afsim {

namespace detail {

// Cell value, for the min/max checks of the coefficients (namespace scope: nvcc launches it).
struct ReadCell {
  ConstView v;
  AFSIM_HD Real operator()(int i, int j, int k) const { return v(i, j, k); }
};

}  // namespace detail

template <class B>
class MultigridPcg {
 public:
  // Coarsest levels up to this many cells are solved with a dense inverse (O(n^3) host set-up per
  // set_coefficients, O(n^2) device work per V-cycle).
  static constexpr Index kDenseCoarseMaxCells = 512;

  MultigridPcg(const Grid& g, const BoundarySpec& bc, SolverOptions opt = {}) : bc_(bc), opt_(opt) {
    if (g.nx < 1 || g.ny < 1 || g.nz < 1) throw std::invalid_argument("MultigridPcg: empty grid");
    if (bc.lateral == BcKind::Dirichlet)
      throw std::invalid_argument("MultigridPcg: lateral boundaries must be periodic or no-flux");
    if (bc.bottom == BcKind::Periodic || bc.top == BcKind::Periodic)
      throw std::invalid_argument("MultigridPcg: bottom and top boundaries must be Dirichlet or no-flux");
    if (opt.pre_smooth != opt.post_smooth || opt.pre_smooth < 1)
      throw std::invalid_argument(
          "MultigridPcg: pre_smooth must equal post_smooth (>= 1) so that the "
          "V-cycle is a symmetric preconditioner");
    if (opt.rtol <= 0 || opt.max_iterations < 0)
      throw std::invalid_argument("MultigridPcg: rtol must be > 0 and max_iterations >= 0");
    build_hierarchy(g);
  }

  int levels() const { return int(levels_.size()); }
  const SolverOptions& options() const { return opt_; }
  // Cells of level l (0: the finest).
  const Grid& level_grid(int l) const { return levels_.at(size_t(l)).g; }

  // a: cell coefficient (> 0), b: cell diagonal term (>= 0), on the solver's grid. Rebuilds the face
  // coefficients of every level and the coarsest inverse; allocates nothing.
  void set_coefficients(const Field<B>& a, const Field<B>& b) {
    const Grid& g = levels_[0].g;
    if (!(a.grid() == g) || !(b.grid() == g))
      throw std::invalid_argument("MultigridPcg::set_coefficients: fields are not on the solver's grid");
    const Box in = interior(g);
    const double a_min = min_cells<B>(in, detail::ReadCell{a.cview()});
    const double b_min = min_cells<B>(in, detail::ReadCell{b.cview()});
    const double b_max = max_cells<B>(in, detail::ReadCell{b.cview()});
    if (!(a_min > 0)) throw std::invalid_argument("MultigridPcg: coefficient a must be > 0 everywhere");
    if (!(b_min >= 0)) throw std::invalid_argument("MultigridPcg: coefficient b must be >= 0 everywhere");
    const bool dirichlet = bc_.bottom == BcKind::Dirichlet || bc_.top == BcKind::Dirichlet;
    if (!dirichlet && !(b_max > 0))
      throw std::invalid_argument(
          "MultigridPcg: singular problem (no Dirichlet boundary and b == 0 everywhere: u is defined only "
          "up to a constant)");

    // Finest level from the cell coefficients.
    Level& L0 = levels_[0];
    for_each_cell<B>(Box{0, g.nx + 1, 0, g.ny, 0, g.nz},
                     FaceCoefficientX{a.cview(), L0.cx.view(), bc_.lateral, Real(1.0 / (L0.hx * L0.hx))});
    for_each_cell<B>(
        Box{0, g.nx, 0, g.ny + 1, 0, g.nz},
        FaceCoefficientY{a.cview(), L0.cy.view(), bc_.bottom, bc_.top, Real(1.0 / (L0.hy * L0.hy))});
    if (g.is3d())
      for_each_cell<B>(Box{0, g.nx, 0, g.ny, 0, g.nz + 1},
                       FaceCoefficientZ{a.cview(), L0.cz.view(), bc_.lateral, Real(1.0 / (L0.hz * L0.hz))});
    for_each_cell<B>(
        in, DiagonalFromFaces{L0.cx.cview(), L0.cy.cview(), L0.cz.cview(), b.cview(), L0.diag.view()});

    // The inhomogeneous Dirichlet data as a right-hand side term.
    dirichlet_rhs_.fill(Real(0));
    if (bc_.bottom == BcKind::Dirichlet)
      for_each_cell<B>(row(g, 0), DirichletRowRhs{L0.cy.cview(), dirichlet_rhs_.view(), 0, bc_.bottom_value});
    if (bc_.top == BcKind::Dirichlet)
      for_each_cell<B>(row(g, g.ny - 1),
                       DirichletRowRhs{L0.cy.cview(), dirichlet_rhs_.view(), g.ny, bc_.top_value});

    // Coarser levels by face averaging.
    for (size_t l = 1; l < levels_.size(); ++l) {
      const Level& fine = levels_[l - 1];
      Level& c = levels_[l];
      const Coarsening r = fine.to_coarse;
      const Grid& cg = c.g;
      for_each_cell<B>(interior(cg), RestrictAverage{l == 1 ? b.cview() : fine.b.cview(), c.b.view(), r});
      for_each_cell<B>(Box{0, cg.nx + 1, 0, cg.ny, 0, cg.nz},
                       CoarsenFaces{fine.cx.cview(), c.cx.view(), r, 0});
      for_each_cell<B>(Box{0, cg.nx, 0, cg.ny + 1, 0, cg.nz},
                       CoarsenFaces{fine.cy.cview(), c.cy.view(), r, 1});
      if (cg.is3d())
        for_each_cell<B>(Box{0, cg.nx, 0, cg.ny, 0, cg.nz + 1},
                         CoarsenFaces{fine.cz.cview(), c.cz.view(), r, 2});
      for_each_cell<B>(interior(cg), DiagonalFromFaces{c.cx.cview(), c.cy.cview(), c.cz.cview(), c.b.cview(),
                                                       c.diag.view()});
    }
    if (dense_coarse_) build_dense_inverse();
    ready_ = true;
  }

  // r = f_total - A u (f_total = f + the Dirichlet data) on the interior of r; returns ||r||_2.
  double residual(const Field<B>& u, const Field<B>& f, Field<B>& r) {
    require_ready(u, f);
    if (!(r.grid() == levels_[0].g)) throw std::invalid_argument("MultigridPcg::residual: r on another grid");
    for_each_cell<B>(interior(levels_[0].g), CopyInterior{u.cview(), x_.view()});
    return std::sqrt(true_residual(f, r).first);
  }

  // z = M^{-1} r: one V-cycle of the preconditioner from a zero guess (r and z distinct; the ghosts of r
  // are not read).
  void apply_preconditioner(const Field<B>& r, Field<B>& z) {
    require_ready(r, z);
    vcycle(0, z.view(), r.cview());
  }

  // u: initial guess (warm start) and result; f: right-hand side (cell values). On return the ghosts of u
  // hold the boundary conditions (fill_ghosts with the BoundarySpec).
  SolveStats solve(Field<B>& u, const Field<B>& f) {
    require_ready(u, f);
    const Grid& g = levels_[0].g;
    const Box in = interior(g);
    SolveStats st;
    for_each_cell<B>(in, CopyInterior{u.cview(), x_.view()});

    SumPair n0 = true_residual(f, r_);
    st.initial_residual = std::sqrt(n0.first);
    const double f_norm = std::sqrt(n0.second);
    const double ref = f_norm > 0 ? f_norm : st.initial_residual;
    if (ref == 0) {  // f_total == 0 and u == 0: the exact solution
      st.converged = true;
      finish(u);
      return st;
    }
    double rel = st.initial_residual / ref;
    // Restarted only if the recurrence residual drifted from the true one at convergence.
    while (rel > opt_.rtol && st.iterations < opt_.max_iterations) {
      double rz_old = 0;
      bool breakdown = false;
      for (int it = 0; st.iterations < opt_.max_iterations; ++it) {
        vcycle(0, z_.view(), r_.cview());
        const double rz = sum_cells<B>(in, DotCells{r_.cview(), z_.cview()});
        if (!(rz > 0)) {  // the preconditioner is SPD: only an exact zero residual gets here
          breakdown = true;
          break;
        }
        for_each_cell<B>(in, UpdateDirection{z_.cview(), p_.view(), Real(it == 0 ? 0.0 : rz / rz_old)});
        fill_periodic(p_.view());
        const double pq = sum_cells<B>(in, ApplyAndDot{coeffs(0), p_.cview(), q_.view()});
        if (!(pq > 0)) {
          breakdown = true;
          break;
        }
        const double alpha = rz / pq;
        const double rr = sum_cells<B>(in, CgUpdate{x_.cview(), r_.cview(), p_.cview(), q_.cview(),
                                                    x_next_.view(), r_next_.view(), Real(alpha)});
        x_.swap(x_next_);
        r_.swap(r_next_);
        ++st.iterations;
        rz_old = rz;
        if (std::sqrt(rr) / ref <= opt_.rtol) break;
      }
      rel = std::sqrt(true_residual(f, r_).first) / ref;
      if (breakdown) break;
    }
    st.relative_residual = rel;
    st.converged = rel <= opt_.rtol;
    finish(u);
    return st;
  }

  // Bytes the solver holds (every level's arrays, the CG vectors, the coarsest inverse): the memory
  // estimate of the field registry (physics/field_registry.hpp).
  double storage_bytes() const {
    double values = 0;
    for (const Level& L : levels_)
      for (const Field<B>* f : {&L.cx, &L.cy, &L.cz, &L.diag, &L.b, &L.u, &L.f})
        values += double(f->stored_values());
    for (const Field<B>* f : {&x_, &r_, &z_, &p_, &q_, &x_next_, &r_next_, &dirichlet_rhs_})
      values += double(f->stored_values());
    return values * double(sizeof(Real)) + double(inverse_.size()) * sizeof(double) +
           double(dense_.size() + factor_.size()) * sizeof(double);
  }

  // Bytes moved per fine cell per CG iteration, counted from the kernels launched in one iteration,
  // assuming each array a kernel touches is streamed once (neighbour reads hit the cache) and counting a
  // colour half-sweep as a full read of its arrays (cache lines hold both colours).
  double bytes_per_cell_per_iteration() const {
    const double d = levels_[0].g.is3d() ? 3 : 2;  // coefficient arrays per level
    const double n0 = double(levels_[0].g.cells());
    double values = 0;
    // CG vector work on the finest level: r.z (2), p = z + beta p (3), q = A p with p.q (read p, diag, d
    // coefficient arrays, write q), x', r' = x + alpha p, r - alpha q with |r'|^2 (read 4, write 2).
    values += 2 + 3 + (3 + d) + 6;
    const int nu = opt_.pre_smooth + opt_.post_smooth;
    for (size_t l = 0; l < levels_.size(); ++l) {
      const Level& L = levels_[l];
      const double w = double(L.g.cells()) / n0;
      if (l + 1 == levels_.size()) {
        if (dense_coarse_) {
          const double n = double(L.g.cells());
          values += w * (n + 1 + 1);  // one row of the inverse and f read, u written per cell (f cached)
        } else {
          values += w * (1 + 2 * coarse_sweeps_ * (2 * (3 + d) + 1));
        }
        continue;
      }
      const double wc = double(levels_[l + 1].g.cells()) / n0;
      values += w * 1;                       // u = 0
      values += w * nu * (2 * (3 + d) + 1);  // colour half-sweeps: read u, f, diag, coefficients; write u/2
      values += w * (3 + d) + wc;            // fused residual + restriction
      values += w * 2 + wc;                  // prolongation: read/write fine u, read coarse u
    }
    return values * double(sizeof(Real));
  }

 private:
  struct Level {
    Grid g;
    double hx = 1, hy = 1, hz = 1;
    Coarsening to_coarse;                // towards level l + 1
    Field<B> cx, cy, cz, diag, b, u, f;  // b, u, f unused on level 0 (the caller's b, CG's z and r)
  };

  void build_hierarchy(const Grid& g) {
    for (const LevelShape& shape : plan_levels(g, opt_.coarsest_max_cells)) {
      Level L;
      L.g = shape.g;
      L.hx = shape.hx;
      L.hy = shape.hy;
      L.hz = shape.hz;
      L.to_coarse = shape.to_coarse;
      levels_.push_back(std::move(L));
    }
    for (size_t l = 0; l < levels_.size(); ++l) {
      Level& L = levels_[l];
      L.cx = Field<B>(L.g);
      L.cy = Field<B>(L.g);
      if (L.g.is3d()) L.cz = Field<B>(L.g);
      L.diag = Field<B>(L.g, Real(1));
      if (l > 0) {
        L.b = Field<B>(L.g);
        L.u = Field<B>(L.g);
        L.f = Field<B>(L.g);
      }
    }
    for (Field<B>* v : {&x_, &r_, &z_, &p_, &q_, &x_next_, &r_next_, &dirichlet_rhs_}) *v = Field<B>(g);
    const Grid& cg = levels_.back().g;
    dense_coarse_ = cg.cells() <= kDenseCoarseMaxCells;
    if (dense_coarse_) {
      const size_t n = size_t(cg.cells());
      dense_.assign(n * n, 0.0);
      factor_.assign(n * n, 0.0);
      inverse_.resize(n * n);
    } else {
      coarse_sweeps_ = std::min(200, 2 * std::max(cg.nx, std::max(cg.ny, cg.nz)));
    }
  }

  FaceCoeffs coeffs(size_t l) const {
    const Level& L = levels_[l];
    return FaceCoeffs{L.cx.cview(), L.cy.cview(), L.cz.cview(), L.diag.cview()};
  }

  void require_ready(const Field<B>& u, const Field<B>& f) const {
    if (!ready_) throw std::logic_error("MultigridPcg: set_coefficients() must be called before solving");
    if (!(u.grid() == levels_[0].g) || !(f.grid() == levels_[0].g))
      throw std::invalid_argument("MultigridPcg: u and f must be on the solver's grid");
  }

  // Periodic ghosts of a level vector; all other ghosts of the solver's vectors stay 0 (homogeneous data).
  void fill_periodic(View v) const {
    if (bc_.lateral != BcKind::Periodic) return;
    const Grid& g = v.g;
    for_each_cell<B>(Box{0, 1, 0, g.ny, 0, g.nz}, FillGhostX{v, BcKind::Periodic});
    if (g.is3d()) for_each_cell<B>(Box{0, g.nx, 0, g.ny, 0, 1}, FillGhostZ{v, BcKind::Periodic});
  }

  // r = f + dirichlet - A x_ ; returns (|r|^2, |f + dirichlet|^2).
  SumPair true_residual(const Field<B>& f, Field<B>& r) {
    fill_periodic(x_.view());
    return detail::sum_pair_cells<B>(
        interior(levels_[0].g),
        ResidualAndNorms{coeffs(0), x_.cview(), f.cview(), dirichlet_rhs_.cview(), r.view()});
  }

  void finish(Field<B>& u) {
    for_each_cell<B>(interior(levels_[0].g), CopyInterior{x_.cview(), u.view()});
    fill_ghosts<B>(u, bc_);
  }

  void smooth(size_t l, View u, ConstView f, int first_colour) const {
    const FaceCoeffs c = coeffs(l);
    const Box in = interior(levels_[l].g);
    for (int s = 0; s < 2; ++s) {
      fill_periodic(u);
      for_each_coloured_cell<B>(in, first_colour ^ s, GaussSeidelColour{c, f, u});
    }
  }

  // u = M^{-1} f on level l (one V-cycle from a zero guess).
  void vcycle(size_t l, View u, ConstView f) {
    Level& L = levels_[l];
    dispatch<B>(L.g.storage(),
                [&](auto policy) { thrust::fill(policy, u.data, u.data + L.g.storage(), Real(0)); });
    if (l + 1 == levels_.size()) {
      coarse_solve(u, f);
      return;
    }
    for (int s = 0; s < opt_.pre_smooth; ++s) smooth(l, u, f, 0);
    Level& C = levels_[l + 1];
    fill_periodic(u);
    for_each_cell<B>(interior(C.g),
                     ResidualRestrict{coeffs(l), ConstView{u.data, u.g}, f, C.f.view(), L.to_coarse});
    vcycle(l + 1, C.u.view(), C.f.cview());
    for_each_cell<B>(interior(L.g), ProlongAdd{u, C.u.cview(), L.to_coarse});
    for (int s = 0; s < opt_.post_smooth; ++s) smooth(l, u, f, 1);
  }

  void coarse_solve(View u, ConstView f) {
    const size_t l = levels_.size() - 1;
    if (dense_coarse_) {
      for_each_cell<B>(interior(levels_[l].g),
                       DenseCoarseSolve{thrust::raw_pointer_cast(inverse_.data()), f, u});
      return;
    }
    for (int s = 0; s < coarse_sweeps_; ++s) {
      smooth(l, u, f, 0);
      smooth(l, u, f, 1);
    }
  }

  // Assembles the coarsest operator on the host, factors it (Cholesky) and stores the symmetric inverse
  // L^{-T} L^{-1} on the device.
  void build_dense_inverse() {
    const Level& L = levels_.back();
    const Grid& g = L.g;
    const int n = int(g.cells());
    // A few hundred values at most: the only host round trip of set_coefficients besides the checks.
    host_cx_ = L.cx.to_host();
    host_cy_ = L.cy.to_host();
    if (g.is3d()) host_cz_ = L.cz.to_host();
    host_diag_ = L.diag.to_host();
    std::fill(dense_.begin(), dense_.end(), 0.0);
    auto cell = [&](int i, int j, int k) { return (k * g.ny + j) * g.nx + i; };
    const bool periodic = bc_.lateral == BcKind::Periodic;
    for (int k = 0; k < g.nz; ++k)
      for (int j = 0; j < g.ny; ++j)
        for (int i = 0; i < g.nx; ++i) {
          const Index s = g.idx(i, j, k);
          const int row = cell(i, j, k);
          double* a = &dense_[size_t(row) * n];
          a[row] += host_diag_[s];
          // Neighbour across each face; -1 where the face is a boundary without a neighbour.
          const int xm = i > 0 ? cell(i - 1, j, k) : (periodic ? cell(g.nx - 1, j, k) : -1);
          const int xp = i + 1 < g.nx ? cell(i + 1, j, k) : (periodic ? cell(0, j, k) : -1);
          if (xm >= 0) a[xm] -= host_cx_[s];
          if (xp >= 0) a[xp] -= host_cx_[s + 1];
          if (j > 0) a[cell(i, j - 1, k)] -= host_cy_[s];
          if (j + 1 < g.ny) a[cell(i, j + 1, k)] -= host_cy_[s + g.stride_y()];
          if (g.is3d()) {
            const int zm = k > 0 ? cell(i, j, k - 1) : (periodic ? cell(i, j, g.nz - 1) : -1);
            const int zp = k + 1 < g.nz ? cell(i, j, k + 1) : (periodic ? cell(i, j, 0) : -1);
            if (zm >= 0) a[zm] -= host_cz_[s];
            if (zp >= 0) a[zp] -= host_cz_[s + g.stride_z()];
          }
        }
    invert_spd(dense_, factor_, n);  // factor_ = A^{-1}
    thrust::copy(factor_.begin(), factor_.end(), inverse_.begin());
  }

  BoundarySpec bc_;
  SolverOptions opt_;
  std::vector<Level> levels_;
  Field<B> x_, r_, z_, p_, q_, x_next_, r_next_, dirichlet_rhs_;
  bool ready_ = false;
  bool dense_coarse_ = true;
  int coarse_sweeps_ = 0;
  typename B::template vector<double> inverse_;
  std::vector<double> dense_, factor_;
  std::vector<Real> host_cx_, host_cy_, host_cz_, host_diag_;
};

}  // namespace afsim
