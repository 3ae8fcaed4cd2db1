#include "simulation/model_footprint.hpp"

#include <algorithm>
#include <cstdio>
#include <string>

#include "config/deck_sections.hpp"
#include "schema/diagnostics.hpp"
#include "simulation/engine_setup.hpp"

namespace afsim {

namespace {

// A probe: n x n cells in 2-D, n^3 in 3-D (powers of two: the multigrid builds its whole hierarchy, so the
// estimate errs on the large side for grids with odd factors), a film over a quarter of it.
config::Config probe_deck(const config::Config& cfg, int n) {
  config::Config p = cfg;
  const bool three_d = cfg.domain.cells[2] > 1;
  p.domain.cells = three_d ? std::array<int, 3>{n, n, n} : std::array<int, 3>{n, n, 1};
  p.physics.initial = config::InitialConfig{};
  p.physics.initial.film = 0.25 * p.domain.cells[1] * p.domain.spacing;
  return p;
}

struct Probe {
  double storage = 0, bytes = 0;
  std::vector<OutputFieldInfo> outputs;
};

Probe probe(const config::Config& cfg, int n) {
  const EngineSetup setup = make_engine_setup(probe_deck(cfg, n));
  const std::unique_ptr<Engine> engine = make_cpu_engine(setup);
  return Probe{double(setup.grid.storage()), engine->storage_bytes(), engine->output_fields()};
}

std::string gib(double bytes) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f GiB", bytes / (1024.0 * 1024.0 * 1024.0));
  return buf;
}

}  // namespace

double ModelFootprint::bytes(const config::DomainConfig& d) const {
  const Grid g{d.cells[0], d.cells[1], d.cells[2], d.spacing};
  return fixed_bytes + bytes_per_stored_cell * double(g.storage());
}

// Two probes fit storage = fixed + per cell x stored cells: the fixed part (the coarsest levels' dense
// inverses) would otherwise weigh on a small probe's per-cell figure.
ModelFootprint model_footprint(const config::Config& cfg) {
  const bool three_d = cfg.domain.cells[2] > 1;
  const Probe small = probe(cfg, three_d ? 8 : 32), large = probe(cfg, three_d ? 16 : 64);
  ModelFootprint f;
  f.bytes_per_stored_cell = (large.bytes - small.bytes) / (large.storage - small.storage);
  f.fixed_bytes = std::max(0.0, small.bytes - f.bytes_per_stored_cell * small.storage);
  f.outputs = large.outputs;
  return f;
}

void check_deck_against_model(const config::Config& cfg, const ModelFootprint& footprint) {
  config::Diagnostics diag;
  std::vector<std::string> known;
  for (const OutputFieldInfo& o : footprint.outputs) known.push_back(o.name);
  for (std::size_t i = 0; i < cfg.output.fields.size(); ++i) {
    const std::string& name = cfg.output.fields[i];
    if (std::find(known.begin(), known.end(), name) != known.end()) continue;
    const std::string where = i < cfg.output.fields_where.size() ? cfg.output.fields_where[i] : cfg.source;
    std::string list;
    for (const std::string& k : known) list += (list.empty() ? "" : ", ") + k;
    diag.error(where, "output.fields[" + std::to_string(i) + "]",
               "unknown field \"" + name + "\"" + config::suggestion(name, known) + " (this run's physics writes " +
                   list + ")");
  }
  const double need = footprint.bytes(cfg.domain);
  const double host = config::detail::host_memory_bytes();
  if (host > 0 && need > host) {
    const auto& n = cfg.domain.cells;
    std::string dims = std::to_string(n[0]) + " x " + std::to_string(n[1]);
    if (n[2] > 1) dims += " x " + std::to_string(n[2]);
    char per_cell[64];
    std::snprintf(per_cell, sizeof per_cell, "%.0f B", footprint.bytes_per_stored_cell);
    diag.error(cfg.domain.cells_where.empty() ? cfg.source : cfg.domain.cells_where, "domain.cells",
               dims + " = " + std::to_string(1LL * n[0] * n[1] * n[2]) + " cells need about " + gib(need) +
                   " of memory (" + per_cell +
                   " per cell: the fields, scratch arrays and solver levels of this "
                   "physics' modules), more than this host's " +
                   gib(host));
  }
  diag.throw_if_errors();
}

}  // namespace afsim
