// Deck sections run, domain, numerics and output.
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <limits>

#include "config/deck.hpp"
#include "config/deck_sections.hpp"

namespace afsim::config::detail {

double host_memory_bytes() {
  const long pages = ::sysconf(_SC_PHYS_PAGES);
  const long page = ::sysconf(_SC_PAGESIZE);
  if (pages <= 0 || page <= 0) return 0;
  return static_cast<double>(pages) * static_cast<double>(page);
}

namespace {
std::string gib(double bytes) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f GiB", bytes / (1024.0 * 1024.0 * 1024.0));
  return buf;
}
}  // namespace

void read_run(const Cursor& c, RunConfig& out) {
  if (!c.check_map({"name", "output", "device", "seed"},
                   "a mapping of run settings {name, output, device, seed}"))
    return;
  if (auto n = c.require("name"))
    if (auto v = n->name("a run name")) out.name = *v;
  if (auto o = c.get("output")) {
    if (auto v = o->text("an output folder")) {
      if (v->empty())
        o->error("expected an output folder, got an empty text");
      else
        out.output = *v;
    }
  } else if (!out.name.empty()) {
    out.output = "out/" + out.name;
  }
  if (auto d = c.get("device"))
    if (auto v = d->choice<std::string>({{"auto", "auto"}, {"cpu", "cpu"}, {"gpu", "gpu"}})) out.device = *v;
  if (auto s = c.get("seed"))
    if (auto v = s->integer(0, std::numeric_limits<long long>::max()))
      out.seed = static_cast<std::uint64_t>(*v);
}

bool read_domain(const Cursor& c, DomainConfig& out) {
  if (!c.check_map({"cells", "spacing", "lateral", "top"},
                   "a mapping of domain settings {cells, spacing, lateral, top}"))
    return false;
  bool cells_ok = false, spacing_ok = false;
  if (auto cells = c.require("cells")) {
    if (auto items = cells->items("a list [nx, ny] or [nx, ny, nz]")) {
      if (items->size() != 2 && items->size() != 3) {
        cells->error("expected [nx, ny] or [nx, ny, nz], got a list of " + std::to_string(items->size()) +
                     " entries");
      } else {
        std::array<int, 3> n{1, 1, 1};
        bool ok = true;
        for (std::size_t i = 0; i < items->size(); ++i) {
          if (auto v = (*items)[i].integer(1, kMaxCellsPerAxis))
            n[i] = static_cast<int>(*v);
          else
            ok = false;
        }
        if (ok) {
          const long long total = 1LL * n[0] * n[1] * n[2];
          const double bytes = static_cast<double>(total) * kBytesPerCell;
          const double memory = host_memory_bytes();
          std::string dims = std::to_string(n[0]) + " x " + std::to_string(n[1]);
          if (items->size() == 3) dims += " x " + std::to_string(n[2]);
          if (total > kMaxCells) {
            cells->error(dims + " = " + std::to_string(total) + " cells is more than the limit of " +
                         std::to_string(kMaxCells) + " cells (it would need about " + gib(bytes) +
                         " of memory)");
            ok = false;
          } else if (memory > 0 && bytes > memory) {
            cells->error(dims + " = " + std::to_string(total) + " cells need about " + gib(bytes) +
                         " of memory (~90 doubles per cell), more than this host's " + gib(memory));
            ok = false;
          }
        }
        if (ok) {
          out.cells = n;
          cells_ok = true;
        }
      }
    }
  }
  if (auto s = c.require("spacing")) {
    if (auto v = s->quantity(dim::length, Range::positive())) {
      out.spacing = *v;
      spacing_ok = true;
    }
  }
  if (auto l = c.get("lateral"))
    if (auto v = l->choice<Lateral>({{"periodic", Lateral::Periodic}, {"no_flux", Lateral::NoFlux}}))
      out.lateral = *v;
  if (auto t = c.get("top"))
    if (auto v = t->choice<TopBoundary>(
            {{"reservoir", TopBoundary::Reservoir}, {"counter_electrode", TopBoundary::CounterElectrode}}))
      out.top = *v;
  return cells_ok && spacing_ok;
}

void read_numerics(const Cursor& c, NumericsConfig& out) {
  if (!c.check_map({"dt", "dt_min", "max_xi_change", "psi_min", "ohmic_floor", "solver_tolerance",
                    "solver_max_iterations", "newton_tolerance", "newton_max_iterations"},
                   "a mapping of numerics settings {dt, psi_min, ...}"))
    return;
  if (auto x = c.require("dt"))
    if (auto v = x->quantity(dim::time, Range::positive())) out.dt = *v;
  if (auto x = c.get("dt_min")) {
    if (auto v = x->quantity(dim::time, Range::positive())) {
      if (out.dt > 0 && *v > out.dt)
        x->error("must not exceed numerics.dt, the largest step; got \"" + x->node().Scalar() + "\"");
      else
        out.dt_min = *v;
    }
  }
  if (auto x = c.get("max_xi_change"))
    if (auto v = x->quantity(dim::none, Range::open_closed(0, 0.5))) out.max_xi_change = *v;
  if (auto x = c.get("psi_min"))
    if (auto v = x->quantity(dim::none, Range::open_closed(0, 0.1))) out.psi_min = *v;
  if (auto x = c.get("ohmic_floor"))
    if (auto v = x->quantity(dim::none, Range::closed(0, 1))) out.ohmic_floor = *v;
  if (auto x = c.get("solver_tolerance"))
    if (auto v = x->quantity(dim::none, Range::open(0, 1))) out.solver_tolerance = *v;
  if (auto x = c.get("solver_max_iterations"))
    if (auto v = x->integer(1, 1000000)) out.solver_max_iterations = static_cast<int>(*v);
  if (auto x = c.get("newton_tolerance"))
    if (auto v = x->quantity(dim::none, Range::open(0, 1))) out.newton_tolerance = *v;
  if (auto x = c.get("newton_max_iterations"))
    if (auto v = x->integer(1, 10000)) out.newton_max_iterations = static_cast<int>(*v);
}

void read_output(const Cursor& c, OutputConfig& out) {
  out.fields = {"metal_fraction", "concentration", "potential"};
  if (!c.check_map({"every", "fields", "checkpoint"},
                   "a mapping of output settings {every, fields, checkpoint}"))
    return;
  if (auto k = c.get("checkpoint")) {
    if (k->check_map({"every", "wall"},
                     "a mapping {every: simulated time or capacity, wall: wall-clock time}")) {
      if (auto e = k->get("every")) {
        if (auto v = e->quantity_of({dim::time, dim::areal_capacity}, Range::positive())) {
          if (v->second == 0)
            out.checkpoint_every_time = v->first;
          else
            out.checkpoint_every_capacity = v->first;
        }
      }
      if (auto w = k->get("wall"))
        if (auto v = w->quantity(dim::time, Range::positive())) out.checkpoint_wall = *v;
    }
  }
  if (auto e = c.get("every")) {
    if (auto v = e->quantity_of({dim::time, dim::areal_capacity}, Range::positive())) {
      if (v->second == 0)
        out.every_time = v->first;
      else
        out.every_capacity = v->first;
    }
  }
  if (auto f = c.get("fields")) {
    if (auto items = f->items("a list of field names")) {
      const auto& known = known_output_fields();
      std::vector<std::string> fields;
      for (const auto& it : *items) {
        auto name = it.text("a field name");
        if (!name) continue;
        if (std::find(known.begin(), known.end(), *name) == known.end()) {
          it.error("unknown field \"" + *name + "\"" + suggestion(*name, known));
          continue;
        }
        if (std::find(fields.begin(), fields.end(), *name) != fields.end()) {
          it.error("field \"" + *name + "\" is listed twice");
          continue;
        }
        fields.push_back(*name);
      }
      out.fields = fields;
    }
  }
}

}  // namespace afsim::config::detail
