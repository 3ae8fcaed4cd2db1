// Initial metal order parameter of a given deposit: a flat film, hemispherical bumps and needles on the
// collector. MODELS §2: the equilibrium profile across an interface is xi = 1/2 (1 - tanh(d / l)) with d
// the signed distance to the metal surface (positive in the electrolyte) and l = sqrt(2 kappa / W).
#pragma once

#include <math.h>

#include "core/index.hpp"

namespace afsim {

struct DepositShape {
  enum Kind : int { Bump = 0, Needle = 1 };
  int kind = Bump;
  Real x = 0, z = 0;  // axis position along the collector (m)
  Real radius = 0;    // bump radius, or needle half-width (m)
  Real top = 0;       // needle: height of the tip above the collector (m)
};

// Up to this many bumps and needles are carried by value into the kernel.
constexpr int kMaxDepositShapes = 64;

struct DepositGeometry {
  Real film = 0;      // flat film thickness (m); 0: bare collector
  Real width = 0;     // interface width l (m)
  Real length_x = 0;  // domain length along x and z (m), for periodic images
  Real length_z = 0;
  int periodic = 1;  // lateral periodicity
  int count = 0;
  DepositShape shapes[kMaxDepositShapes];

  // Lateral separation from the shape's axis, using the nearest periodic image.
  AFSIM_HD Real lateral(Real d, Real length) const {
    if (periodic && length > 0) {
      d = fmod(d, length);
      if (d > Real(0.5) * length) d -= length;
      if (d < Real(-0.5) * length) d += length;
    }
    return d;
  }

  // Signed distance (m) from (x, y, z) to the deposit surface; positive in the electrolyte.
  AFSIM_HD Real signed_distance(Real x, Real y, Real z, bool is3d) const {
    Real d = film > 0 ? y - film : Real(1e30);
    for (int s = 0; s < count; ++s) {
      const DepositShape& p = shapes[s];
      const Real dx = lateral(x - p.x, length_x);
      const Real dz = is3d ? lateral(z - p.z, length_z) : Real(0);
      const Real r2 = dx * dx + dz * dz;
      Real ds;
      if (p.kind == DepositShape::Bump) {
        // Hemisphere centred on the film surface.
        const Real dy = y - film;
        ds = sqrt(r2 + dy * dy) - p.radius;
      } else {
        // Needle: a capsule (cylinder with a hemispherical tip) from the collector to `top`.
        const Real y1 = p.top - p.radius;
        const Real yc = y < 0 ? Real(0) : (y > y1 ? y1 : y);
        const Real dy = y - yc;
        ds = sqrt(r2 + dy * dy) - p.radius;
      }
      d = ds < d ? ds : d;
    }
    return d;
  }
};

// MODELS §2 equilibrium profile evaluated at cell centres.
struct InitDepositOrderParameter {
  View xi;
  DepositGeometry geo;
  AFSIM_HD void operator()(int i, int j, int k) const {
    const Grid& g = xi.g;
    const Real d = geo.signed_distance(Real(g.x(i)), Real(g.y(j)), Real(g.z(k)), g.is3d());
    xi(i, j, k) = Real(0.5) * (Real(1) - tanh(d / geo.width));
  }
};

}  // namespace afsim
