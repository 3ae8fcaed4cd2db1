#include "physics/seeds.hpp"

#include <algorithm>
#include <cmath>

#include "core/rng.hpp"

namespace afsim {

namespace {

// Stream keys of the generator, so that seed positions never share values with the noise of step 0.
constexpr unsigned long long kSeedStream = 0x5EED5EED00000000ull;

double nearest_image(double d, double length, bool periodic) {
  if (!periodic || length <= 0) return d;
  d = std::fmod(d, length);
  if (d > 0.5 * length) d -= length;
  if (d < -0.5 * length) d += length;
  return d;
}

}  // namespace

std::vector<Nucleus> random_nuclei(const config::Seeds& seeds, const Grid& g, double base,
                                   std::uint64_t seed) {
  const double lx = g.nx * g.h, lz = g.nz * g.h;
  const double expected = g.is3d() ? seeds.density * lx * lz : lx * std::sqrt(seeds.density);
  const auto count = static_cast<long long>(std::llround(expected));
  std::vector<Nucleus> out;
  out.reserve(static_cast<size_t>(std::max(0LL, count)));
  for (long long n = 0; n < count; ++n) {
    Nucleus c;
    c.x = lx * uniform01(seed, kSeedStream, 2ull * static_cast<unsigned long long>(n));
    c.z = g.is3d() ? lz * uniform01(seed, kSeedStream, 2ull * static_cast<unsigned long long>(n) + 1) : 0.0;
    c.base = base;
    c.radius = seeds.radius;
    out.push_back(c);
  }
  return out;
}

void place_nuclei(std::vector<double>& xi, const Grid& g, const std::vector<Nucleus>& nuclei, double width,
                  bool periodic) {
  if (nuclei.empty()) return;
  const double lx = g.nx * g.h, lz = g.nz * g.h;
  // Beyond 6 interface widths the profile is below 1e-5: cells farther than that from every cap keep xi.
  double reach = 0;
  for (const Nucleus& c : nuclei) reach = std::max(reach, c.radius + 6.0 * width);
  // Bins along x (and z) at least `reach` wide: a cell only needs the caps of its own and neighbouring bins.
  const int bx = std::max(1, static_cast<int>(lx / reach));
  const int bz = g.is3d() ? std::max(1, static_cast<int>(lz / reach)) : 1;
  std::vector<std::vector<int>> bins(static_cast<size_t>(bx) * bz);
  auto bin_of = [&](double x, double z) {
    const int ix = std::min(bx - 1, std::max(0, static_cast<int>(x / lx * bx)));
    const int iz = g.is3d() ? std::min(bz - 1, std::max(0, static_cast<int>(z / lz * bz))) : 0;
    return std::pair<int, int>{ix, iz};
  };
  for (size_t n = 0; n < nuclei.size(); ++n) {
    const auto [ix, iz] = bin_of(nuclei[n].x, nuclei[n].z);
    bins[static_cast<size_t>(iz) * bx + ix].push_back(static_cast<int>(n));
  }
  double top = 0;
  for (const Nucleus& c : nuclei) top = std::max(top, c.base + c.radius + 6.0 * width);
  const int j_end = std::min(g.ny, static_cast<int>(std::ceil(top / g.h)) + 1);
  for (int k = 0; k < g.nz; ++k) {
    for (int i = 0; i < g.nx; ++i) {
      const double x = g.x(i), z = g.is3d() ? g.z(k) : 0.0;
      const auto [cx, cz] = bin_of(x, z);
      std::vector<int> near;
      for (int dz = (g.is3d() ? -1 : 0); dz <= (g.is3d() ? 1 : 0); ++dz) {
        for (int dx = -1; dx <= 1; ++dx) {
          int ix = cx + dx, iz = cz + dz;
          if (ix < 0 || ix >= bx) {
            if (!periodic) continue;
            ix = (ix + bx) % bx;
          }
          if (iz < 0 || iz >= bz) {
            if (!periodic) continue;
            iz = (iz + bz) % bz;
          }
          for (int n : bins[static_cast<size_t>(iz) * bx + ix]) near.push_back(n);
        }
      }
      if (near.empty()) continue;
      std::sort(near.begin(), near.end());
      near.erase(std::unique(near.begin(), near.end()), near.end());
      for (int j = 0; j < j_end; ++j) {
        const double y = g.y(j);
        double d = 1e300;
        for (int n : near) {
          const Nucleus& c = nuclei[static_cast<size_t>(n)];
          const double ddx = nearest_image(x - c.x, lx, periodic);
          const double ddz = g.is3d() ? nearest_image(z - c.z, lz, periodic) : 0.0;
          const double ddy = y - c.base;
          d = std::min(d, std::sqrt(ddx * ddx + ddy * ddy + ddz * ddz) - c.radius);
        }
        const double v = 0.5 * (1.0 - std::tanh(d / width));
        double& cell = xi[static_cast<size_t>(i + static_cast<long long>(g.nx) *
                                                      (j + static_cast<long long>(g.ny) * k))];
        cell = std::max(cell, v);
      }
    }
  }
}

}  // namespace afsim
