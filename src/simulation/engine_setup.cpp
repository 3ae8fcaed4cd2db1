#include "simulation/engine_setup.hpp"

#include <cmath>
#include <stdexcept>
#include <string>

#include "io/vti_reader.hpp"

namespace afsim {

Grid make_grid(const config::DomainConfig& d) {
  Grid g;
  g.nx = d.cells[0];
  g.ny = d.cells[1];
  g.nz = d.cells[2];
  g.h = d.spacing;
  return g;
}

namespace {

DepositGeometry make_deposit(const config::Config& cfg, const Grid& g) {
  const auto& init = cfg.physics.initial;
  DepositGeometry geo;
  geo.film = Real(init.film);
  geo.width = Real(cfg.physics.phase_field.interface_width);
  geo.length_x = Real(g.nx * g.h);
  geo.length_z = Real(g.nz * g.h);
  geo.periodic = cfg.domain.lateral == config::Lateral::Periodic ? 1 : 0;
  const size_t shapes = init.bumps.size() + init.needles.size();
  if (shapes > static_cast<size_t>(kMaxDepositShapes))
    throw std::invalid_argument("physics.initial: at most " + std::to_string(kMaxDepositShapes) +
                                " bumps and needles together, got " + std::to_string(shapes));
  for (const auto& b : init.bumps) {
    DepositShape& s = geo.shapes[geo.count++];
    s.kind = DepositShape::Bump;
    s.x = Real(b.x);
    s.z = Real(b.z);
    s.radius = Real(b.radius);
  }
  for (const auto& n : init.needles) {
    DepositShape& s = geo.shapes[geo.count++];
    s.kind = DepositShape::Needle;
    s.x = Real(n.x);
    s.z = Real(n.z);
    s.radius = Real(0.5 * n.width);
    s.top = Real(n.height);
  }
  return geo;
}

}  // namespace

EngineSetup make_engine_setup(const config::Config& cfg) {
  EngineSetup s;
  s.grid = make_grid(cfg.domain);
  s.model = derive_model_parameters(cfg);
  s.lateral = cfg.domain.lateral;
  s.top = cfg.domain.top;
  s.solver.rtol = cfg.numerics.solver_tolerance;
  s.solver.max_iterations = cfg.numerics.solver_max_iterations;
  s.newton_max_iterations = cfg.numerics.newton_max_iterations;
  s.newton_tolerance = cfg.numerics.newton_tolerance;
  s.deposit = make_deposit(cfg, s.grid);
  const auto& pf = cfg.physics.phase_field;
  if (cfg.physics.initial.seeds)
    s.nuclei = random_nuclei(*cfg.physics.initial.seeds, s.grid, cfg.physics.initial.film, cfg.run.seed);
  s.evolve = pf.evolve;
  s.max_xi_change = cfg.numerics.max_xi_change;
  s.molar_volume = cfg.cell.metal.molar_volume;
  s.deck = cfg;
  PhaseFieldParams& p = s.phase_field;
  p.l_sigma = Real(s.model.interface_mobility);
  p.kappa = Real(s.model.kappa_gradient);
  p.barrier = Real(s.model.barrier);
  p.delta = Real(pf.anisotropy);
  p.cos0 = Real(std::cos(pf.anisotropy_angle));
  p.sin0 = Real(std::sin(pf.anisotropy_angle));
  p.noise = Real(pf.noise);
  p.seed = cfg.run.seed;
  // Gibbs–Thomson capillarity: U = -gamma~ V_m K / (nF) (kernels/phase_field.hpp). Radii below the interface
  // width l are not resolved by the diffuse profile: |K| is capped at 1/l.
  p.gibbs_thomson = pf.capillarity == config::Capillarity::GibbsThomson;
  p.gt_coefficient = Real(cfg.cell.metal.surface_energy * cfg.cell.metal.molar_volume / s.model.reaction.nF);
  p.max_curvature = Real(pf.interface_width > 0 ? 1.0 / pf.interface_width : 0.0);
  // A dead island's diffuse shell reaches about 2.5 l beyond its xi = 1/2 contour (xi < 0.007 beyond):
  // that many cells float with it (MODELS §7).
  s.halo_cells = 1 + static_cast<int>(std::ceil(2.5 * pf.interface_width / s.grid.h));
  if (!cfg.physics.initial.file.empty()) {
    io::ImageGeometry geo;
    s.metal_fraction = io::read_vti_cell_array(cfg.physics.initial.file, "metal_fraction", geo);
    if (geo.nx != s.grid.nx || geo.ny != s.grid.ny || geo.nz != s.grid.nz)
      throw std::invalid_argument(cfg.physics.initial.file + ": metal_fraction is " + std::to_string(geo.nx) +
                                  "x" + std::to_string(geo.ny) + "x" + std::to_string(geo.nz) +
                                  " cells but domain.cells is " + std::to_string(s.grid.nx) + "x" +
                                  std::to_string(s.grid.ny) + "x" + std::to_string(s.grid.nz));
  }
  return s;
}

}  // namespace afsim
