// Dead-metal detection of MetalConnectivity<B> (MODELS §7) on every backend, against fields drawn by hand:
// components of face-connected metal cells (xi > 1/2), connected when they touch the collector row, with
// deterministic labels (the smallest linear index of each component) and the frozen halo of dead metal.
#include "physics/metal_connectivity.hpp"

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "backends.hpp"

namespace afsim {
namespace {

template <class B>
class MetalConnectivityModule : public ::testing::Test {};
TYPED_TEST_SUITE(MetalConnectivityModule, test::Backends);

// A field whose interior cells are fn(i, j, k). Ghosts hold 0.9 (metal): the module must not read xi's
// ghosts (they may be stale), so ghost metal must neither connect nor count anything.
template <class B, class Fn>
Field<B> xi_field(const Grid& g, Fn fn) {
  std::vector<Real> v(size_t(g.storage()), Real(0.9));
  for (int k = 0; k < g.nz; ++k)
    for (int j = 0; j < g.ny; ++j)
      for (int i = 0; i < g.nx; ++i) v[size_t(g.idx(i, j, k))] = Real(fn(i, j, k));
  Field<B> f(g);
  f.from_host(v);
  return f;
}

// A 2-D picture, top row (j = ny - 1) first: '.' is electrolyte (xi = 0), any other character is metal
// (xi = 1); letters name components in the tests that check labels.
struct Picture {
  std::vector<std::string> rows;
  Grid grid(double h = 1.0) const { return Grid{int(rows[0].size()), int(rows.size()), 1, h}; }
  char at(int i, int j) const { return rows[rows.size() - 1 - size_t(j)][size_t(i)]; }
};

template <class B>
Field<B> xi_from(const Picture& p, const Grid& g) {
  return xi_field<B>(g, [&](int i, int j, int) { return p.at(i, j) == '.' ? 0.0 : 1.0; });
}

template <class B>
double at(const Field<B>& f, int i, int j, int k = 0) {
  return double(f.to_host()[size_t(f.grid().idx(i, j, k))]);
}

template <class B>
double interior_sum(const Field<B>& f) {
  double s = 0;
  for (double v : f.interior_to_host()) s += v;
  return s;
}

// The 12 x 10 deck of three floating islands above a film on the collector (j = 0):
//  * a ring (rows 3-5, i = 1-3): its two sides are separate trees until the bottom and top rows merge them;
//  * a 2 x 2 block (rows 4-5, i = 8-9);
//  * a bar cut by the lateral boundary (row 7: i = 0, 1 and 11).
const Picture kThreeIslands{{
    "............",  // j = 9
    "............",  //
    "##.........#",  // j = 7
    "............",  //
    ".###....##..",  // j = 5
    ".#.#....##..",  //
    ".###........",  // j = 3
    "............",  //
    "............",  //
    "############",  // j = 0
}};

TYPED_TEST(MetalConnectivityModule, FilmOnTheCollectorIsOneConnectedComponentWithNoDeadMetal) {
  using B = TypeParam;
  AFSIM_REQUIRE_BACKEND(B);
  const Picture p{{
      "......",
      "......",
      "......",
      "......",
      "######",
      "######",
  }};
  const Grid g = p.grid();
  MetalConnectivity<B> mc(g, true, 2);
  mc.update(xi_from<B>(p, g));
  EXPECT_EQ(mc.dead_islands(), 0);
  EXPECT_TRUE(mc.collector_has_connected_metal());
  const std::vector<Index> labels = mc.labels_to_host();
  for (int j = 0; j < g.ny; ++j)
    for (int i = 0; i < g.nx; ++i) {
      const bool metal = j < 2;
      EXPECT_EQ(at(mc.status(), i, j), metal ? 2.0 : 0.0) << i << "," << j;
      EXPECT_EQ(labels[size_t(g.idx(i, j, 0))], metal ? g.idx(0, 0, 0) : Index(-1)) << i << "," << j;
    }
  EXPECT_EQ(interior_sum(mc.frozen()), 0.0);
}

TYPED_TEST(MetalConnectivityModule, ThreeFloatingIslandsAreThreeDeadIslands) {
  using B = TypeParam;
  AFSIM_REQUIRE_BACKEND(B);
  const Grid g = kThreeIslands.grid();
  MetalConnectivity<B> mc(g, true, 1);
  mc.update(xi_from<B>(kThreeIslands, g));
  EXPECT_EQ(mc.dead_islands(), 3);
  // Every metal cell above the film is dead, the film is connected.
  for (int j = 0; j < g.ny; ++j)
    for (int i = 0; i < g.nx; ++i) {
      const double expected = kThreeIslands.at(i, j) == '.' ? 0.0 : (j == 0 ? 2.0 : 1.0);
      EXPECT_EQ(at(mc.status(), i, j), expected) << i << "," << j;
    }
}

TYPED_TEST(MetalConnectivityModule, IslandAcrossThePeriodicLateralBoundaryIsOneComponent) {
  using B = TypeParam;
  AFSIM_REQUIRE_BACKEND(B);
  const Grid g = kThreeIslands.grid();
  MetalConnectivity<B> mc(g, true, 1);
  mc.update(xi_from<B>(kThreeIslands, g));
  const std::vector<Index> labels = mc.labels_to_host();
  // The bar's smallest linear index is its cell i = 0 of row 7.
  EXPECT_EQ(labels[size_t(g.idx(0, 7, 0))], g.idx(0, 7, 0));
  EXPECT_EQ(labels[size_t(g.idx(1, 7, 0))], g.idx(0, 7, 0));
  EXPECT_EQ(labels[size_t(g.idx(11, 7, 0))], g.idx(0, 7, 0));
}

TYPED_TEST(MetalConnectivityModule, WrappedIslandSplitsInTwoWhenTheLateralBoundaryIsNoFlux) {
  using B = TypeParam;
  AFSIM_REQUIRE_BACKEND(B);
  const Grid g = kThreeIslands.grid();
  MetalConnectivity<B> mc(g, false, 1);
  mc.update(xi_from<B>(kThreeIslands, g));
  EXPECT_EQ(mc.dead_islands(), 4);  // ring, block, and the bar's two halves
  const std::vector<Index> labels = mc.labels_to_host();
  EXPECT_EQ(labels[size_t(g.idx(1, 7, 0))], g.idx(0, 7, 0));
  EXPECT_EQ(labels[size_t(g.idx(11, 7, 0))], g.idx(11, 7, 0));
}

TYPED_TEST(MetalConnectivityModule, IslandTouchingADendriteFaceToFaceIsConnected) {
  using B = TypeParam;
  AFSIM_REQUIRE_BACKEND(B);
  const Picture p{{
      "........", "........",
      "....#...",  // j = 5
      "..###...",  // j = 4: the island's cell (3, 4) shares a face with the dendrite's (2, 4)
      "..#.....", "..#.....", "..#.....",
      "..#.....",  // j = 0
  }};
  const Grid g = p.grid();
  MetalConnectivity<B> mc(g, true, 1);
  mc.update(xi_from<B>(p, g));
  EXPECT_EQ(mc.dead_islands(), 0);
  EXPECT_EQ(at(mc.status(), 3, 4), 2.0);
  EXPECT_EQ(at(mc.status(), 4, 5), 2.0);
}

TYPED_TEST(MetalConnectivityModule, DiagonalOnlyContactDoesNotConnect) {
  using B = TypeParam;
  AFSIM_REQUIRE_BACKEND(B);
  const Picture p{{
      "........",
      "....#...",  // j = 6
      "...##...",  // j = 5: the island's cell (3, 5) touches the dendrite's tip (2, 4) at a corner only
      "..#.....", "..#.....", "..#.....", "..#.....",
      "..#.....",  // j = 0
  }};
  const Grid g = p.grid();
  MetalConnectivity<B> mc(g, true, 1);
  mc.update(xi_from<B>(p, g));
  EXPECT_EQ(mc.dead_islands(), 1);
  EXPECT_EQ(at(mc.status(), 2, 4), 2.0);
  EXPECT_EQ(at(mc.status(), 3, 5), 1.0);
  EXPECT_EQ(at(mc.status(), 4, 6), 1.0);
}

TYPED_TEST(MetalConnectivityModule, CellAtExactlyOneHalfIsNotMetalAndDoesNotBridge) {
  using B = TypeParam;
  AFSIM_REQUIRE_BACKEND(B);
  const Grid g{6, 6, 1, 1.0};
  // A pillar at i = 1 (j = 0-2), a bridge cell (1, 3) at xi = 1/2, an island (1, 4).
  Field<B> xi = xi_field<B>(g, [](int i, int j, int) {
    if (i != 1 || j > 4) return 0.0;
    return j == 3 ? 0.5 : 1.0;
  });
  MetalConnectivity<B> mc(g, true, 1);
  mc.update(xi);
  EXPECT_EQ(at(mc.status(), 1, 3), 0.0);
  EXPECT_EQ(at(mc.status(), 1, 4), 1.0);
  EXPECT_EQ(mc.dead_islands(), 1);
}

TYPED_TEST(MetalConnectivityModule, LabelsAreTheSmallestLinearIndexOfEachComponent) {
  using B = TypeParam;
  AFSIM_REQUIRE_BACKEND(B);
  // Linear order is x fastest, then y: a component's smallest index is the leftmost cell of its lowest
  // row. The arch c is two legs joined at the top: (6, 4) reaches (2, 4) only through row 6. The bar b
  // wraps: (0, 2) reaches its smallest cell (11, 1) only across the periodic boundary.
  const Picture p{{
      "............",  // j = 7
      "..ccccc.....",  //
      "..c...c.....",  //
      "..c...c..d..",  // j = 4
      "............",  //
      "b..........b",  // j = 2
      "...........b",  //
      "...aa.......",  // j = 0
  }};
  const Grid g = p.grid();
  MetalConnectivity<B> mc(g, true, 1);
  mc.update(xi_from<B>(p, g));
  const auto smallest = [&](char c) -> Index {
    switch (c) {
      case 'a':
        return g.idx(3, 0, 0);
      case 'b':
        return g.idx(11, 1, 0);
      case 'c':
        return g.idx(2, 4, 0);
      case 'd':
        return g.idx(9, 4, 0);
      default:
        return -1;
    }
  };
  const std::vector<Index> labels = mc.labels_to_host();
  for (int j = 0; j < g.ny; ++j)
    for (int i = 0; i < g.nx; ++i)
      EXPECT_EQ(labels[size_t(g.idx(i, j, 0))], smallest(p.at(i, j))) << i << "," << j;
  // Ghost entries are never labelled.
  EXPECT_EQ(labels[size_t(g.idx(-1, 2, 0))], Index(-1));
  EXPECT_EQ(labels[size_t(g.idx(g.nx, 2, 0))], Index(-1));
  EXPECT_EQ(labels[size_t(g.idx(3, -1, 0))], Index(-1));
  EXPECT_EQ(mc.dead_islands(), 3);
}

TYPED_TEST(MetalConnectivityModule, FloatingCubeIsDeadAndPillarIsConnectedIn3D) {
  using B = TypeParam;
  AFSIM_REQUIRE_BACKEND(B);
  const Grid g{6, 8, 6, 1e-6};
  const auto pillar = [](int i, int j, int k) { return i == 1 && k == 1 && j <= 4; };
  const auto cube = [](int i, int j, int k) {
    return i >= 3 && i <= 4 && j >= 3 && j <= 4 && k >= 3 && k <= 4;
  };
  Field<B> xi =
      xi_field<B>(g, [&](int i, int j, int k) { return pillar(i, j, k) || cube(i, j, k) ? 1.0 : 0.0; });
  MetalConnectivity<B> mc(g, true, 1);
  mc.update(xi);
  EXPECT_EQ(mc.dead_islands(), 1);
  const std::vector<Real> status = mc.status().to_host();
  const std::vector<Index> labels = mc.labels_to_host();
  for (int k = 0; k < g.nz; ++k)
    for (int j = 0; j < g.ny; ++j)
      for (int i = 0; i < g.nx; ++i) {
        const size_t n = size_t(g.idx(i, j, k));
        const double expected = pillar(i, j, k) ? 2.0 : (cube(i, j, k) ? 1.0 : 0.0);
        EXPECT_EQ(double(status[n]), expected) << i << "," << j << "," << k;
        if (cube(i, j, k)) {
          EXPECT_EQ(labels[n], g.idx(3, 3, 3));
        }
        if (pillar(i, j, k)) {
          EXPECT_EQ(labels[n], g.idx(1, 0, 1));
        }
      }
}

TYPED_TEST(MetalConnectivityModule, ContactThroughAZFaceConnectsButAnEdgeContactDoesNotIn3D) {
  using B = TypeParam;
  AFSIM_REQUIRE_BACKEND(B);
  const Grid g{6, 8, 6, 1e-6};
  // Pillar (1, 0-4, 1); (1, 3, 2) shares its k face with the pillar; (2, 4, 2) shares only an edge.
  Field<B> xi = xi_field<B>(g, [](int i, int j, int k) {
    const bool pillar = i == 1 && k == 1 && j <= 4;
    const bool z_face = i == 1 && j == 3 && k == 2;
    const bool edge = i == 2 && j == 4 && k == 2;
    return pillar || z_face || edge ? 1.0 : 0.0;
  });
  MetalConnectivity<B> mc(g, true, 1);
  mc.update(xi);
  EXPECT_EQ(at(mc.status(), 1, 3, 2), 2.0);
  EXPECT_EQ(at(mc.status(), 2, 4, 2), 1.0);
  EXPECT_EQ(mc.dead_islands(), 1);
}

TYPED_TEST(MetalConnectivityModule, IslandAcrossThePeriodicZBoundaryIsOneIslandIn3D) {
  using B = TypeParam;
  AFSIM_REQUIRE_BACKEND(B);
  const Grid g{4, 8, 5, 1e-6};
  Field<B> xi =
      xi_field<B>(g, [](int i, int j, int k) { return i == 2 && j == 5 && (k == 0 || k == 4) ? 1.0 : 0.0; });
  MetalConnectivity<B> periodic(g, true, 1), closed(g, false, 1);
  periodic.update(xi);
  closed.update(xi);
  EXPECT_EQ(periodic.dead_islands(), 1);
  EXPECT_EQ(periodic.labels_to_host()[size_t(g.idx(2, 5, 4))], g.idx(2, 5, 0));
  EXPECT_EQ(closed.dead_islands(), 2);
}

TYPED_TEST(MetalConnectivityModule, FrozenCoversTheDeadIslandAndItsHaloUpToHaloCells) {
  using B = TypeParam;
  AFSIM_REQUIRE_BACKEND(B);
  const Picture p{{
      "...........",  // j = 11
      "...........",  //
      "...........",  //
      "...........",  //
      ".....#.....",  // j = 7: the island, far (5 cells) from the film
      "...........",  //
      "...........",  //
      "...........",  //
      "...........",  //
      "...........",  //
      "###########",  //
      "###########",  // j = 0
  }};
  const Grid g = p.grid();
  MetalConnectivity<B> mc(g, false, 2);
  mc.update(xi_from<B>(p, g));
  // Cells within 2 face steps of (5, 7): a diamond of 1 + 4 + 8 = 13 cells.
  EXPECT_EQ(at(mc.frozen(), 5, 7), 1.0);
  EXPECT_EQ(at(mc.frozen(), 5, 8), 1.0);
  EXPECT_EQ(at(mc.frozen(), 5, 9), 1.0);
  EXPECT_EQ(at(mc.frozen(), 5, 10), 0.0);
  EXPECT_EQ(at(mc.frozen(), 6, 8), 1.0);
  EXPECT_EQ(at(mc.frozen(), 7, 8), 0.0);
  EXPECT_EQ(at(mc.frozen(), 3, 7), 1.0);
  EXPECT_EQ(at(mc.frozen(), 2, 7), 0.0);
  EXPECT_EQ(at(mc.frozen(), 5, 5), 1.0);
  EXPECT_EQ(at(mc.frozen(), 5, 4), 0.0);
  EXPECT_EQ(at(mc.frozen(), 5, 1), 0.0);  // connected metal never freezes
  EXPECT_EQ(interior_sum(mc.frozen()), 13.0);
}

TYPED_TEST(MetalConnectivityModule, FrozenSparesHaloCellsWithinReachOfConnectedMetal) {
  using B = TypeParam;
  AFSIM_REQUIRE_BACKEND(B);
  const Picture p{{
      "...........",  // j = 7
      "...........",  //
      "...........",  //
      ".....#.....",  // j = 4: the island, two electrolyte rows above the film
      "...........",  // j = 3
      "...........",  // j = 2
      "###########",  //
      "###########",  // j = 0
  }};
  const Grid g = p.grid();
  MetalConnectivity<B> mc(g, false, 2);
  mc.update(xi_from<B>(p, g));
  // With halo_cells = 2 the film's halo covers rows 2 and 3 entirely: the island's halo cells there
  // ((5, 3), (4, 3), (6, 3), (5, 2)) keep reacting; the 8 above and beside the island freeze with it.
  EXPECT_EQ(at(mc.frozen(), 5, 3), 0.0);
  EXPECT_EQ(at(mc.frozen(), 4, 3), 0.0);
  EXPECT_EQ(at(mc.frozen(), 5, 2), 0.0);
  EXPECT_EQ(at(mc.frozen(), 5, 4), 1.0);
  EXPECT_EQ(at(mc.frozen(), 4, 4), 1.0);
  EXPECT_EQ(at(mc.frozen(), 3, 4), 1.0);
  EXPECT_EQ(at(mc.frozen(), 5, 6), 1.0);
  EXPECT_EQ(interior_sum(mc.frozen()), 9.0);
}

TYPED_TEST(MetalConnectivityModule, ReactiveMaskIsConnectedMetalAndItsShellOnly) {
  using B = TypeParam;
  AFSIM_REQUIRE_BACKEND(B);
  const Picture p{{
      "...........",  // j = 7
      "...........",  //
      ".....#.....",  // j = 5: a dead island, three electrolyte rows above the film
      "...........",  //
      "...........",  //
      "...........",  // j = 2
      "###########",  //
      "###########",  // j = 0
  }};
  const Grid g = p.grid();
  MetalConnectivity<B> mc(g, false, 2);
  mc.update(xi_from<B>(p, g));
  // The collector's electrons reach the film (rows 0-1) and its two-cell shell (rows 2-3), nothing else:
  // 4 rows x 11 cells. Row 4 is beyond the film's shell (it lies in the island's) and the island floats.
  EXPECT_EQ(at(mc.reactive(), 5, 0), 1.0);
  EXPECT_EQ(at(mc.reactive(), 0, 3), 1.0);
  EXPECT_EQ(at(mc.reactive(), 5, 3), 1.0);
  EXPECT_EQ(at(mc.reactive(), 5, 4), 0.0);
  EXPECT_EQ(at(mc.reactive(), 0, 4), 0.0);
  EXPECT_EQ(at(mc.reactive(), 5, 5), 0.0);
  EXPECT_EQ(at(mc.reactive(), 5, 7), 0.0);
  EXPECT_EQ(interior_sum(mc.reactive()), 44.0);
}

TYPED_TEST(MetalConnectivityModule, TailOfXiFarFromAnyMetalIsNotReactive) {
  using B = TypeParam;
  AFSIM_REQUIRE_BACKEND(B);
  // A film of two rows under xi = 0.3 everywhere else: that is electrolyte (xi <= 1/2) with a profile's
  // tail in it; only the film's shell of halo_cells = 3 rows may react.
  const Grid g{6, 12, 1, 1.0};
  MetalConnectivity<B> mc(g, true, 3);
  mc.update(xi_field<B>(g, [](int, int j, int) { return j < 2 ? 1.0 : 0.3; }));
  for (int j = 0; j < g.ny; ++j) EXPECT_EQ(at(mc.reactive(), 2, j), j < 5 ? 1.0 : 0.0) << "row " << j;
}

TYPED_TEST(MetalConnectivityModule, CollectorRowAndItsShellAreReactiveWithoutMetalOnThem) {
  using B = TypeParam;
  AFSIM_REQUIRE_BACKEND(B);
  // The last remnant of a stripped nucleus, xi = 0.3 < 1/2 on the collector and above it, is no metal for
  // the labelling, but the collector is at V_e: it must still be able to strip (rows 0 .. halo_cells).
  const Grid g{6, 8, 1, 1.0};
  MetalConnectivity<B> mc(g, true, 2);
  mc.update(xi_field<B>(g, [](int, int, int) { return 0.3; }));
  EXPECT_FALSE(mc.collector_has_connected_metal());
  for (int j = 0; j < g.ny; ++j) EXPECT_EQ(at(mc.reactive(), 4, j), j <= 2 ? 1.0 : 0.0) << "row " << j;
}

TYPED_TEST(MetalConnectivityModule, FrozenHaloWrapsAcrossAPeriodicLateralBoundary) {
  using B = TypeParam;
  AFSIM_REQUIRE_BACKEND(B);
  const Picture p{{
      "........",
      "#.......",  // j = 4: the island at i = 0
      "........", "........", "........",
      "########",  // j = 0
  }};
  const Grid g = p.grid();
  MetalConnectivity<B> periodic(g, true, 1), closed(g, false, 1);
  const Field<B> xi = xi_from<B>(p, g);
  periodic.update(xi);
  closed.update(xi);
  EXPECT_EQ(at(periodic.frozen(), 7, 4), 1.0);
  EXPECT_EQ(at(closed.frozen(), 7, 4), 0.0);
  EXPECT_EQ(interior_sum(periodic.frozen()), 5.0);
  EXPECT_EQ(interior_sum(closed.frozen()), 4.0);
}

TYPED_TEST(MetalConnectivityModule, ConnectedHaloDoesNotPassThroughDeadMetal) {
  using B = TypeParam;
  AFSIM_REQUIRE_BACKEND(B);
  const Picture p{{
      "...........",  // j = 7
      "...........",  //
      "...........",  //
      "...........",  // j = 4: (5, 4) is one step above the dead bar, five around it from the film
      ".#########.",  // j = 3: the dead bar
      "...........",  // j = 2
      "###########",  //
      "###########",  // j = 0
  }};
  const Grid g = p.grid();
  MetalConnectivity<B> mc(g, false, 3);
  mc.update(xi_from<B>(p, g));
  // Straight through the bar (5, 4) would be 3 steps from the film; the shell of connected metal must go
  // around it (through (0, 2), (0, 3), (0, 4), ...), which takes more than 3 steps: (5, 4) freezes.
  EXPECT_EQ(at(mc.frozen(), 5, 4), 1.0);
  EXPECT_EQ(at(mc.frozen(), 5, 2), 0.0);
}

TYPED_TEST(MetalConnectivityModule, FrozenHaloReachesAlongZIn3D) {
  using B = TypeParam;
  AFSIM_REQUIRE_BACKEND(B);
  const Grid g{5, 8, 5, 1e-6};
  Field<B> xi = xi_field<B>(g, [](int i, int j, int k) {
    const bool film = j == 0;
    const bool island = i == 2 && j == 4 && k == 2;
    return film || island ? 1.0 : 0.0;
  });
  MetalConnectivity<B> mc(g, true, 1);
  mc.update(xi);
  // The island and its 6 face neighbours, two of them along z.
  EXPECT_EQ(at(mc.frozen(), 2, 4, 1), 1.0);
  EXPECT_EQ(at(mc.frozen(), 2, 4, 3), 1.0);
  EXPECT_EQ(interior_sum(mc.frozen()), 7.0);
}

TYPED_TEST(MetalConnectivityModule, DeadFractionVolumeIsTheSumOfXiOverFrozenCellsTimesCellVolume) {
  using B = TypeParam;
  AFSIM_REQUIRE_BACKEND(B);
  const double h = 1e-6;
  const Grid g{10, 10, 1, h};
  // Film rows 0-1; island (5, 6) xi = 0.9 and (5, 7) xi = 0.6; a diffuse shell on the electrolyte side:
  // (4, 6) 0.3, (6, 6) 0.2, (5, 5) 0.1, (5, 8) 0.4; a shell cell of the film (2, 2) 0.45 that must not count.
  Field<B> xi = xi_field<B>(g, [](int i, int j, int) {
    if (j <= 1) return 1.0;
    if (i == 5 && j == 6) return 0.9;
    if (i == 5 && j == 7) return 0.6;
    if (i == 4 && j == 6) return 0.3;
    if (i == 6 && j == 6) return 0.2;
    if (i == 5 && j == 5) return 0.1;
    if (i == 5 && j == 8) return 0.4;
    if (i == 2 && j == 2) return 0.45;
    return 0.0;
  });
  MetalConnectivity<B> mc(g, true, 1);
  mc.update(xi);
  const double expected = (0.9 + 0.6 + 0.3 + 0.2 + 0.1 + 0.4) * h * h * h;
  EXPECT_NEAR(mc.dead_fraction_volume(xi), expected, 1e-12 * expected);
}

TYPED_TEST(MetalConnectivityModule, ConnectedMetalTopIsThePillarHeight) {
  using B = TypeParam;
  AFSIM_REQUIRE_BACKEND(B);
  const double h = 0.5e-6;
  const Grid g{8, 12, 1, h};
  // Pillar i = 3, j = 0-6 (7 cells: top face at 3.5 um); a dead island higher up (j = 9-10) must not count.
  Field<B> xi = xi_field<B>(g, [](int i, int j, int) {
    const bool pillar = i == 3 && j <= 6;
    const bool island = i == 5 && (j == 9 || j == 10);
    return pillar || island ? 1.0 : 0.0;
  });
  MetalConnectivity<B> mc(g, true, 1);
  mc.update(xi);
  EXPECT_NEAR(mc.connected_metal_top(), 7 * h, 1e-15);
}

TYPED_TEST(MetalConnectivityModule, WithoutMetalOnTheCollectorAllMetalIsDead) {
  using B = TypeParam;
  AFSIM_REQUIRE_BACKEND(B);
  const Picture p{{
      "......",
      "..##..",
      "..#...",
      "......",
      "......",
  }};
  const Grid g = p.grid();
  MetalConnectivity<B> mc(g, true, 1);
  mc.update(xi_from<B>(p, g));
  EXPECT_FALSE(mc.collector_has_connected_metal());
  EXPECT_EQ(mc.connected_metal_top(), 0.0);
  EXPECT_EQ(mc.dead_islands(), 1);
  EXPECT_EQ(at(mc.status(), 2, 2), 1.0);
}

// Sequential reference: breadth-first flood fill of the metal cells from each unvisited cell in linear
// order, so the first cell of each component is its smallest linear index. Independent of the union-find.
std::vector<Index> flood_fill_labels(const Grid& g, const std::vector<Real>& xi, bool periodic) {
  std::vector<Index> label(xi.size(), -1);
  std::vector<std::array<int, 3>> queue;
  for (int k = 0; k < g.nz; ++k)
    for (int j = 0; j < g.ny; ++j)
      for (int i = 0; i < g.nx; ++i) {
        const Index seed = g.idx(i, j, k);
        if (!(xi[size_t(seed)] > 0.5) || label[size_t(seed)] >= 0) continue;
        label[size_t(seed)] = seed;
        queue.assign(1, {i, j, k});
        for (size_t q = 0; q < queue.size(); ++q) {
          const std::array<int, 3> c = queue[q];
          const int steps[6][3] = {{1, 0, 0}, {-1, 0, 0}, {0, 1, 0}, {0, -1, 0}, {0, 0, 1}, {0, 0, -1}};
          for (const auto& d : steps) {
            int a = c[0] + d[0], b = c[1] + d[1], e = c[2] + d[2];
            if (b < 0 || b >= g.ny) continue;
            if (periodic) {
              a = (a + g.nx) % g.nx;
              e = (e + g.nz) % g.nz;
            }
            if (a < 0 || a >= g.nx || e < 0 || e >= g.nz) continue;
            const Index m = g.idx(a, b, e);
            if (xi[size_t(m)] > 0.5 && label[size_t(m)] < 0) {
              label[size_t(m)] = seed;
              queue.push_back({a, b, e});
            }
          }
        }
      }
  return label;
}

// Near the percolation threshold of site percolation (0.593 on the square lattice, 0.312 on the cubic one)
// components are large and branched: many threads race to link the same roots.
template <class B>
void expect_labels_match_flood_fill(const Grid& g, double metal_probability, bool periodic) {
  std::uint64_t state = 12345;
  Field<B> xi = xi_field<B>(g, [&](int, int, int) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;  // Knuth's MMIX LCG
    return double(state >> 11) * 0x1.0p-53 < metal_probability ? 1.0 : 0.0;
  });
  MetalConnectivity<B> mc(g, periodic, 1);
  mc.update(xi);
  const std::vector<Index> expected = flood_fill_labels(g, xi.to_host(), periodic);
  const std::vector<Index> labels = mc.labels_to_host();
  long long mismatches = 0;
  for (size_t n = 0; n < labels.size(); ++n) mismatches += labels[n] != expected[n];
  EXPECT_EQ(mismatches, 0);
}

TYPED_TEST(MetalConnectivityModule, LabelsOfARandomFieldMatchASequentialFloodFill) {
  using B = TypeParam;
  AFSIM_REQUIRE_BACKEND(B);
  expect_labels_match_flood_fill<B>(Grid{256, 192, 1, 1e-6}, 0.6, true);
  expect_labels_match_flood_fill<B>(Grid{256, 192, 1, 1e-6}, 0.6, false);
}

TYPED_TEST(MetalConnectivityModule, LabelsOfARandom3DFieldMatchASequentialFloodFill) {
  using B = TypeParam;
  AFSIM_REQUIRE_BACKEND(B);
  expect_labels_match_flood_fill<B>(Grid{40, 36, 32, 1e-6}, 0.32, true);
  expect_labels_match_flood_fill<B>(Grid{40, 36, 32, 1e-6}, 0.32, false);
}

}  // namespace
}  // namespace afsim
