// Geometry of the diffuse metal/electrolyte interface, MODELS §2: orientation of grad xi in the crystal
// frame, the unit normal and its divergence (the curvature K of the metal surface) and the surface
// stiffness of the 4-fold / cubic surface energy. Used by the gradient energy and by Gibbs–Thomson
// capillarity (kernels/phase_field.hpp, docs/model-notes.md "Capillarity").
#pragma once

#include <math.h>

#include "core/index.hpp"

namespace afsim {

// A lab-frame vector (px, py) in the crystal frame rotated by theta_0 about z (cos0 = cos theta_0, ...).
AFSIM_HD inline void to_crystal_frame(Real px, Real py, Real cos0, Real sin0, Real& qx, Real& qy) {
  qx = cos0 * px + sin0 * py;
  qy = -sin0 * px + cos0 * py;
}

// grad xi at a cell centre by central differences (0 along z in 2-D).
AFSIM_HD inline void central_gradient(const ConstView& xi, int i, int j, int k, Real grad[3]) {
  const Grid& g = xi.g;
  const Index n = g.idx(i, j, k);
  const Index s[3] = {g.stride_x(), g.stride_y(), g.stride_z()};
  const Real half_inv_h = Real(0.5) / Real(g.h);
  grad[0] = (xi[n + s[0]] - xi[n - s[0]]) * half_inv_h;
  grad[1] = (xi[n + s[1]] - xi[n - s[1]]) * half_inv_h;
  grad[2] = g.is3d() ? (xi[n + s[2]] - xi[n - s[2]]) * half_inv_h : Real(0);
}

AFSIM_HD inline Real gradient_magnitude(const ConstView& xi, int i, int j, int k) {
  Real grad[3];
  central_gradient(xi, i, j, k, grad);
  return sqrt(grad[0] * grad[0] + grad[1] * grad[1] + grad[2] * grad[2]);
}

// Unit normal n = grad xi / |grad xi| (it points into the metal) and its divergence div n = -K, K the
// curvature of the metal surface (1/R for a disc or 2/R for a ball of metal). n is taken at the cell
// corners, from the 2^dims cells around each (the gradient along an axis averaged over the cell pairs
// across the corner), and div n at a cell from its 2^dims corners: the compact, nearly isotropic form of
// level-set and VOF curvature, within 4 % of 1/R on a disc whose tanh profile is only 2 cells wide (the
// face-normal form was off by 20 %). Where |grad xi| is below 1e-6 per cell n is taken as 0.
// Reads edge and corner ghosts (fill_ghosts_with_edges).
AFSIM_HD inline void corner_unit_normal(const ConstView& xi, int i, int j, int k, Real n[3]) {
  const bool three = xi.g.is3d();
  const int kmax = three ? 1 : 0;
  Real grad[3] = {0, 0, 0};
  for (int dk = 0; dk <= kmax; ++dk)
    for (int dj = 0; dj <= 1; ++dj)
      for (int di = 0; di <= 1; ++di) {
        const Real v = xi(i + di, j + dj, k + dk);
        grad[0] += di ? v : -v;
        grad[1] += dj ? v : -v;
        if (three) grad[2] += dk ? v : -v;
      }
  const Real m = sqrt(grad[0] * grad[0] + grad[1] * grad[1] + grad[2] * grad[2]);
  // The sums are 2^(dims-1) h times the gradient: compare with that many times 1e-6 (per cell).
  const Real tiny = Real(three ? 4e-6 : 2e-6);
  for (int d = 0; d < 3; ++d) n[d] = m > tiny ? grad[d] / m : Real(0);
}
AFSIM_HD inline Real normal_divergence(const ConstView& xi, int i, int j, int k) {
  const bool three = xi.g.is3d();
  const int kmax = three ? 1 : 0;
  Real div = 0;
  for (int dk = 0; dk <= kmax; ++dk)
    for (int dj = 0; dj <= 1; ++dj)
      for (int di = 0; di <= 1; ++di) {
        // Corner (i - 1/2 + di, j - 1/2 + dj, k - 1/2 + dk) has its lower cell at (i - 1 + di, ...).
        Real n[3];
        corner_unit_normal(xi, i - 1 + di, j - 1 + dj, three ? k - 1 + dk : k, n);
        div += (di ? n[0] : -n[0]) + (dj ? n[1] : -n[1]);
        if (three) div += dk ? n[2] : -n[2];
      }
  return div / (Real(three ? 4 : 2) * Real(xi.g.h));
}

// gamma~ / gamma_0 at a cell, the surface stiffness gamma + gamma'' of the 4-fold surface energy
// gamma(theta) = gamma_0 (1 + delta cos 4(theta - theta_0)): 1 - 15 delta cos 4(theta - theta_0) in 2-D; in
// 3-D the cubic gamma(n) / gamma_0 = 1 - 3 delta + 4 delta sum n_i^4 of MODELS §2 stands for it (the
// stiffness tensor's anisotropic part is not resolved at the mesoscale). The orientation is that of the
// central-difference gradient; 1 where it is undefined.
AFSIM_HD inline Real surface_stiffness_factor(const ConstView& xi, int i, int j, int k, Real delta, Real cos0,
                                              Real sin0) {
  if (delta == Real(0)) return Real(1);
  Real p[3], qx, qy;
  central_gradient(xi, i, j, k, p);
  to_crystal_frame(p[0], p[1], cos0, sin0, qx, qy);
  const Real qz = p[2];
  const Real q2 = qx * qx + qy * qy + qz * qz;
  if (!(q2 > Real(1e-100))) return Real(1);
  const Real s4 = (qx * qx * qx * qx + qy * qy * qy * qy + qz * qz * qz * qz) / (q2 * q2);
  if (xi.g.is3d()) return Real(1) - Real(3) * delta + Real(4) * delta * s4;
  // 2-D: cos 4 theta = 1 - 8 nx^2 ny^2 = 4 s4 - 3 with s4 = nx^4 + ny^4 = 1 - 2 nx^2 ny^2.
  return Real(1) - Real(15) * delta * (Real(4) * s4 - Real(3));
}

}  // namespace afsim
