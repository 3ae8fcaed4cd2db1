// Deck sections run, domain, numerics and output.
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <limits>

#include "config/deck.hpp"
#include "config/deck_sections.hpp"
#include "config/section.hpp"

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

using Need = Section<RunConfig>::Need;

// domain.cells: [nx, ny] or [nx, ny, nz], each within kMaxCellsPerAxis and kMaxCells in all. (The memory a
// grid needs depends on the physics: the run checks it against the modules' field registry.)
void read_cells(const Cursor& cells, DomainConfig& out) {
  auto items = cells.items("a list [nx, ny] or [nx, ny, nz]");
  if (!items) return;
  if (items->size() != 2 && items->size() != 3) {
    cells.error("expected [nx, ny] or [nx, ny, nz], got a list of " + std::to_string(items->size()) +
                " entries");
    return;
  }
  std::array<int, 3> n{1, 1, 1};
  bool ok = true;
  for (std::size_t i = 0; i < items->size(); ++i) {
    if (auto v = (*items)[i].integer(1, kMaxCellsPerAxis))
      n[i] = static_cast<int>(*v);
    else
      ok = false;
  }
  if (!ok) return;
  const long long total = 1LL * n[0] * n[1] * n[2];
  if (total > kMaxCells) {
    std::string dims = std::to_string(n[0]) + " x " + std::to_string(n[1]);
    if (items->size() == 3) dims += " x " + std::to_string(n[2]);
    cells.error(dims + " = " + std::to_string(total) + " cells is more than the limit of " +
                std::to_string(kMaxCells) + " cells");
    return;
  }
  out.cells = n;
  out.cells_where = cells.location();
}

}  // namespace

std::string memory_text(double bytes) {
  return gib(bytes);
}

const Section<RunConfig>& run_section() {
  static const Section<RunConfig> s = [] {
    Section<RunConfig> r("run", "a mapping of run settings {name, output, device, seed}");
    r.custom(
         "name", Need::Required, {"name (letters, digits, _ - . +)", "", "required"},
         "names the run in logs and summaries",
         [](const Cursor& c, RunConfig& out, const DeckContext*) {
           if (auto v = c.name("a run name")) out.name = *v;
         },
         [](const RunConfig& v, nlohmann::json& j) { j["name"] = v.name; })
        .custom(
            "output", Need::Optional, {"folder", "not empty", "out/<run.name>"},
            "where the run writes its outputs",
            [](const Cursor& c, RunConfig& out, const DeckContext*) {
              if (auto v = c.text("an output folder")) {
                if (v->empty())
                  c.error("expected an output folder, got an empty text");
                else
                  out.output = *v;
              }
            },
            [](const RunConfig& v, nlohmann::json& j) { j["output"] = v.output; })
        .custom(
            "device", Need::Optional, {"auto | cpu | gpu", "", "auto"},
            "the backend: auto takes the GPU when there is one (--device overrides)",
            [](const Cursor& c, RunConfig& out, const DeckContext*) {
              if (auto v = c.choice<std::string>({{"auto", "auto"}, {"cpu", "cpu"}, {"gpu", "gpu"}}))
                out.device = *v;
            },
            [](const RunConfig& v, nlohmann::json& j) { j["device"] = v.device; })
        .custom(
            "seed", Need::Optional, {"integer", ">= 0", "0"},
            "keys the counter-based random numbers (nuclei, noise): CPU and GPU runs draw the same",
            [](const Cursor& c, RunConfig& out, const DeckContext*) {
              if (auto v = c.integer(0, std::numeric_limits<long long>::max()))
                out.seed = static_cast<std::uint64_t>(*v);
            },
            [](const RunConfig& v, nlohmann::json& j) { j["seed"] = v.seed; })
        .check([](const Cursor& c, RunConfig& out, const DeckContext*) {
          if (!c.get("output") && !out.name.empty()) out.output = "out/" + out.name;
        });
    return r;
  }();
  return s;
}

const Section<DomainConfig>& domain_section() {
  static const Section<DomainConfig> s = [] {
    using N = Section<DomainConfig>::Need;
    Section<DomainConfig> d("domain", "a mapping of domain settings {cells, spacing, lateral, top}");
    d.custom(
         "cells", N::Required,
         {"list [nx, ny] or [nx, ny, nz] of integers", "each >= 1, at most 2^31 cells", "required"},
         "cells along the collector (x), across the cell (y, collector at y = 0) and along z (3-D)",
         [](const Cursor& c, DomainConfig& out, const DeckContext*) { read_cells(c, out); },
         [](const DomainConfig& v, nlohmann::json& j) { j["cells"] = v.cells; })
        .quantity("spacing", dim::length, Range::positive(), &DomainConfig::spacing, N::Required,
                  "the cell size h (cubic cells)")
        .choice<Lateral>("lateral", {{"periodic", Lateral::Periodic}, {"no_flux", Lateral::NoFlux}},
                         &DomainConfig::lateral, "the side boundaries (x and z)")
        .choice<TopBoundary>(
            "top",
            {{"reservoir", TopBoundary::Reservoir}, {"counter_electrode", TopBoundary::CounterElectrode}},
            &DomainConfig::top,
            "y = L_y: bulk electrolyte at c0, or the separator side of a closed cell fed by the cathode");
    return d;
  }();
  return s;
}

const Section<NumericsConfig>& numerics_section() {
  static const Section<NumericsConfig> s = [] {
    using N = Section<NumericsConfig>::Need;
    Section<NumericsConfig> n("numerics", "a mapping of numerics settings {dt, psi_min, ...}");
    n.custom(
         "dt", N::Optional,
         {"time (s)", "> 0 s", "derived from the protocol and the interface (config/numerics_defaults.hpp)"},
         "the time step; with a moving interface the cap of the adaptive step",
         [](const Cursor& c, NumericsConfig& out, const DeckContext*) {
           if (auto v = c.quantity(dim::time, Range::positive())) out.dt = *v;
           out.dt_source = "deck";
         },
         [](const NumericsConfig& v, nlohmann::json& j) {
           j["dt_s"] = v.dt;
           j["dt_source"] = v.dt_source;
         })
        .optional_quantity("dt_min", dim::time, Range::positive(), &NumericsConfig::dt_min,
                           "below it (when the cap allows more) the run counts as diverged", "1e-6 dt")
        .quantity("max_xi_change", dim::none, Range::open_closed(0, 0.5), &NumericsConfig::max_xi_change,
                  N::Optional, "the largest change of the order parameter in one step")
        .quantity("psi_min", dim::none, Range::open_closed(0, 0.1), &NumericsConfig::psi_min, N::Optional,
                  "floor of the electrolyte fraction in the operators (MODELS §3)")
        .quantity("ohmic_floor", dim::none, Range::closed(0, 1), &NumericsConfig::ohmic_floor, N::Optional,
                  "residual ohmic conductivity of a depleted electrolyte, as a fraction of kappa_e(c0)")
        .quantity("solver_tolerance", dim::none, Range::open(0, 1), &NumericsConfig::solver_tolerance,
                  N::Optional, "relative residual of the linear solves")
        .integer("solver_max_iterations", 1, 1000000, &NumericsConfig::solver_max_iterations,
                 "CG iterations of a linear solve")
        .quantity("newton_tolerance", dim::none, Range::open(0, 1), &NumericsConfig::newton_tolerance,
                  N::Optional, "relative change of the galvanostatic current balance")
        .integer("newton_max_iterations", 1, 10000, &NumericsConfig::newton_max_iterations,
                 "Newton iterations of the charge balance")
        .check([](const Cursor& c, NumericsConfig& out, const DeckContext*) {
          if (out.dt_min && out.dt > 0 && *out.dt_min > out.dt) {
            const auto m = c.get("dt_min");
            m->error("must not exceed numerics.dt, the largest step; got \"" + m->node().Scalar() + "\"");
            out.dt_min.reset();
          }
        });
    return n;
  }();
  return s;
}

namespace {

void read_every(const Cursor& c, std::optional<double>& time, std::optional<double>& capacity) {
  if (auto v = c.quantity_of({dim::time, dim::areal_capacity}, Range::positive())) {
    if (v->second == 0)
      time = v->first;
    else
      capacity = v->first;
  }
}

const Section<OutputConfig>& checkpoint_section() {
  static const Section<OutputConfig> s = [] {
    using N = Section<OutputConfig>::Need;
    Section<OutputConfig> k("output.checkpoint",
                            "a mapping {every: simulated time or capacity, wall: wall-clock time}");
    k.custom(
         "every", N::Optional, {"time (s) or areal capacity (C/m^2)", "> 0", "every output frame"},
         "a checkpoint at these marks of simulated time or of charge passed",
         [](const Cursor& c, OutputConfig& out, const DeckContext*) {
           read_every(c, out.checkpoint_every_time, out.checkpoint_every_capacity);
         },
         [](const OutputConfig& v, nlohmann::json& j) {
           j["every_s"] =
               v.checkpoint_every_time ? nlohmann::json(*v.checkpoint_every_time) : nlohmann::json(nullptr);
           j["every_C_m2"] = v.checkpoint_every_capacity ? nlohmann::json(*v.checkpoint_every_capacity)
                                                         : nlohmann::json(nullptr);
         })
        .optional_quantity("wall", dim::time, Range::positive(), &OutputConfig::checkpoint_wall,
                           "a checkpoint after this much wall-clock time", "none");
    return k;
  }();
  return s;
}

}  // namespace

const Section<OutputConfig>& output_section() {
  static const Section<OutputConfig> s = [] {
    using N = Section<OutputConfig>::Need;
    Section<OutputConfig> o("output", "a mapping of output settings {every, fields, checkpoint}");
    o.custom(
         "every", N::Optional,
         {"time (s) or areal capacity (C/m^2)", "> 0", "the start and the end of each step"},
         "a row of timeseries.csv and a VTK frame at these marks of simulated time or of charge passed",
         [](const Cursor& c, OutputConfig& out, const DeckContext*) {
           read_every(c, out.every_time, out.every_capacity);
         },
         [](const OutputConfig& v, nlohmann::json& j) {
           j["every_s"] = v.every_time ? nlohmann::json(*v.every_time) : nlohmann::json(nullptr);
           j["every_C_m2"] = v.every_capacity ? nlohmann::json(*v.every_capacity) : nlohmann::json(nullptr);
         })
        .custom(
            "fields", N::Optional,
            {"list of field names", "each once", "metal_fraction, concentration, potential"},
            "the fields of each VTK frame (the names this run's physics writes: afsim validate --list-keys)",
            [](const Cursor& c, OutputConfig& out, const DeckContext*) {
              auto items = c.items("a list of field names");
              if (!items) return;
              std::vector<std::string> fields, where;
              for (const auto& it : *items) {
                auto name = it.name("a field name");
                if (!name) continue;
                if (std::find(fields.begin(), fields.end(), *name) != fields.end()) {
                  it.error("field \"" + *name + "\" is listed twice");
                  continue;
                }
                fields.push_back(*name);
                where.push_back(it.location());
              }
              out.fields = fields;
              out.fields_where = where;
            },
            [](const OutputConfig& v, nlohmann::json& j) { j["fields"] = v.fields; })
        .subsection(
            "checkpoint", checkpoint_section(),
            "when checkpoint.h5 is written (without it: with every output frame; the end of a run always "
            "writes one)");
    return o;
  }();
  return s;
}

void read_run(const Cursor& c, RunConfig& out) {
  run_section().read(c, out);
}

bool read_domain(const Cursor& c, DomainConfig& out) {
  const std::size_t errors = c.diagnostics().error_count();
  return domain_section().read(c, out) && c.diagnostics().error_count() == errors && out.spacing > 0;
}

void read_numerics(const Cursor& c, NumericsConfig& out) {
  numerics_section().read(c, out);
}

void read_output(const Cursor& c, OutputConfig& out) {
  out.fields = {"metal_fraction", "concentration", "potential"};
  output_section().read(c, out);
}

}  // namespace afsim::config::detail
