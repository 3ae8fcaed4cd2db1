// Deck section physics: phase-field parameters, the initial metal (film, bumps, needles, seeds, or a
// .vti file) with positions checked against the domain, nucleation and SEI switches.
#include <cstdio>

#include <sys/stat.h>

#include "config/deck_sections.hpp"

namespace afsim::config::detail {

namespace {

std::string number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", v);
  return buf;
}

std::string metres(double v) {
  return number(v) + " m";
}

// The extent of the domain along each axis, for position checks (null domain: not checked).
struct Extent {
  const DomainConfig* domain;
  double lx() const { return domain->cells[0] * domain->spacing; }
  double ly() const { return domain->cells[1] * domain->spacing; }
  double lz() const { return domain->cells[2] * domain->spacing; }
  bool three_d() const { return domain->cells[2] > 1; }
};

// A position along the collector (x) that must lie inside [0, lx).
std::optional<double> read_x(const Cursor& c, const Extent* ext) {
  auto v = c.quantity(dim::length);
  if (!v || !ext) return v;
  if (!(*v >= 0 && *v < ext->lx())) {
    c.error("must lie inside the domain, 0 <= x < " + metres(ext->lx()) + " (cells x spacing), got \"" +
            c.node().Scalar() + "\"");
    return std::nullopt;
  }
  return v;
}

std::optional<double> read_z(const Cursor& c, const Extent* ext) {
  auto v = c.quantity(dim::length);
  if (!v || !ext) return v;
  if (!ext->three_d()) {
    if (*v != 0) {
      c.error("a 2-D domain has no z extent; leave z out");
      return std::nullopt;
    }
    return v;
  }
  if (!(*v >= 0 && *v < ext->lz())) {
    c.error("must lie inside the domain, 0 <= z < " + metres(ext->lz()) + ", got \"" + c.node().Scalar() +
            "\"");
    return std::nullopt;
  }
  return v;
}

// A height above the collector that must stay below the top of the domain.
std::optional<double> read_height(const Cursor& c, const Range& r, const Extent* ext) {
  auto v = c.quantity(dim::length, r);
  if (!v || !ext) return v;
  if (!(*v < ext->ly())) {
    c.error("must be below the top of the domain, " + metres(ext->ly()) + " (cells[1] x spacing), got \"" +
            c.node().Scalar() + "\"");
    return std::nullopt;
  }
  return v;
}

// MODELS §2: above delta_a = 1/(m^2 - 1) = 1/15 the interface stiffness kappa + kappa'' turns negative for
// some orientations (missing orientations, corners) and the anisotropic Allen-Cahn problem is ill-posed.
constexpr double kMaxAnisotropy = 1.0 / 15.0;

// Smallest interface width, in cells, for Gibbs–Thomson capillarity (read_phase_field).
constexpr double kMinGibbsThomsonCells = 4.0;

void read_phase_field(const Cursor& c, PhaseFieldConfig& out, const DomainConfig* domain) {
  if (!c.check_map({"evolve", "interface_width", "anisotropy", "anisotropy_angle", "noise", "capillarity",
                    "reaction_mobility", "interface_mobility"},
                   "a mapping of phase-field settings {interface_width, anisotropy, noise, ...}"))
    return;
  if (auto e = c.get("evolve"))
    if (auto v = e->boolean()) out.evolve = *v;
  if (auto w = c.require("interface_width")) {
    if (auto v = w->quantity(dim::length, Range::positive())) {
      out.interface_width = *v;
      if (domain && domain->spacing > 0 && *v < 2 * domain->spacing)
        w->warning("the interface is resolved by " + std::to_string(*v / domain->spacing) +
                   " cells; at least 2 are recommended (DESIGN.md §10)");
    }
  }
  if (auto x = c.get("anisotropy")) {
    if (auto v = x->quantity(dim::none, Range::closed(0, 1))) {
      if (*v >= kMaxAnisotropy)
        x->error(
            "must be below 1/15 = 0.0667: a stronger 4-fold anisotropy makes the interface stiffness "
            "negative (missing orientations, MODELS §2); got \"" +
            x->node().Scalar() + "\"");
      else
        out.anisotropy = *v;
    }
  }
  if (auto x = c.get("anisotropy_angle"))
    if (auto v = x->quantity(dim::angle, Range::closed(-7, 7))) out.anisotropy_angle = *v;
  if (auto x = c.get("noise")) {
    // The Langevin strength D_xi in 1/s (a bare 0 switches it off).
    if (auto v = x->quantity_of({dim::rate, dim::none}, Range::non_negative())) {
      if (v->second == 1 && v->first != 0)
        x->error(
            "expected a rate such as \"1e-4 1/s\" (the variance of xi gained per second at the interface, "
            "MODELS §2), got \"" +
            x->node().Scalar() + "\"");
      else
        out.noise = v->first;
    }
  }
  if (auto x = c.get("capillarity")) {
    if (auto v = x->choice<Capillarity>(
            {{"diffuse", Capillarity::Diffuse}, {"gibbs_thomson", Capillarity::GibbsThomson}})) {
      // Without the curvature flow nothing evens out the lattice's own anisotropy: at l = 2 cells a disc at
      // rest turns into a square within ~300 h^2/(L_sigma kappa); at 4 cells it stays round to ~3 %
      // (docs/model-notes.md, "Capillarity").
      const double cells = domain && domain->spacing > 0 ? out.interface_width / domain->spacing : 1e300;
      const std::string least = number(kMinGibbsThomsonCells);
      if (*v == Capillarity::GibbsThomson && cells < kMinGibbsThomsonCells)
        x->error("gibbs_thomson needs an interface resolved by at least " + least +
                 " cells (interface_width >= " + least + " x domain.spacing), got " + number(cells) +
                 ": thinner curvature-free profiles facet along the grid axes");
      else
        out.capillarity = *v;
    }
  }
  if (auto x = c.get("reaction_mobility"))
    if (auto v = x->quantity(dim::rate, Range::positive())) out.reaction_mobility = *v;
  if (auto x = c.get("interface_mobility"))
    if (auto v = x->quantity(dim::interface_mobility, Range::positive())) out.interface_mobility = *v;
}

void read_initial(const Cursor& c, const DeckContext& ctx, const Extent* ext, InitialConfig& out) {
  if (!c.check_map({"film", "bumps", "needles", "seeds", "file"},
                   "a mapping of initial metal {film, bumps, needles, seeds, file}"))
    return;
  if (auto f = c.get("film"))
    if (auto v = read_height(*f, Range::non_negative(), ext)) out.film = *v;
  if (auto b = c.get("bumps")) {
    if (auto items = b->items("a list of bumps {x, z, radius}")) {
      for (const auto& it : *items) {
        if (!it.check_map({"x", "z", "radius"}, "a bump {x, z, radius}")) continue;
        Bump bump;
        bool ok = true;
        if (auto x = it.require("x")) {
          auto v = read_x(*x, ext);
          ok = ok && v;
          if (v) bump.x = *v;
        } else {
          ok = false;
        }
        if (auto z = it.get("z")) {
          auto v = read_z(*z, ext);
          ok = ok && v;
          if (v) bump.z = *v;
        }
        if (auto r = it.require("radius")) {
          auto v = read_height(*r, Range::positive(), ext);
          ok = ok && v;
          if (v) bump.radius = *v;
        } else {
          ok = false;
        }
        if (ok) out.bumps.push_back(bump);
      }
    }
  }
  if (auto n = c.get("needles")) {
    if (auto items = n->items("a list of needles {x, z, width, height}")) {
      for (const auto& it : *items) {
        if (!it.check_map({"x", "z", "width", "height"}, "a needle {x, z, width, height}")) continue;
        Needle needle;
        bool ok = true;
        if (auto x = it.require("x")) {
          auto v = read_x(*x, ext);
          ok = ok && v;
          if (v) needle.x = *v;
        } else {
          ok = false;
        }
        if (auto z = it.get("z")) {
          auto v = read_z(*z, ext);
          ok = ok && v;
          if (v) needle.z = *v;
        }
        if (auto w = it.require("width")) {
          auto v = w->quantity(dim::length, Range::positive());
          ok = ok && v;
          if (v) needle.width = *v;
        } else {
          ok = false;
        }
        if (auto h = it.require("height")) {
          auto v = read_height(*h, Range::positive(), ext);
          ok = ok && v;
          if (v) needle.height = *v;
        } else {
          ok = false;
        }
        if (ok) out.needles.push_back(needle);
      }
    }
  }
  if (auto s = c.get("seeds")) {
    if (s->check_map({"density", "radius"}, "a mapping {density, radius}")) {
      Seeds seeds;
      bool ok = true;
      if (auto d = s->require("density")) {
        auto v = d->quantity(dim::areal_density, Range::positive());
        ok = ok && v;
        if (v) seeds.density = *v;
      } else {
        ok = false;
      }
      if (auto r = s->require("radius")) {
        auto v = read_height(*r, Range::positive(), ext);
        ok = ok && v;
        if (v) seeds.radius = *v;
      } else {
        ok = false;
      }
      if (ok) out.seeds = seeds;
    }
  }
  if (auto f = c.get("file")) {
    if (auto name = f->text("a path to a .vti file")) {
      std::string path = *name;
      if (!path.empty() && path[0] != '/' && !f->from_override() && !ctx.base_dir.empty())
        path = ctx.base_dir + "/" + path;
      struct stat st {};
      if (path.size() < 4 || path.compare(path.size() - 4, 4, ".vti") != 0) {
        f->error("expected a .vti file (VTK ImageData with a metal_fraction array), got \"" + *name + "\"");
      } else if (::stat(path.c_str(), &st) != 0 || S_ISDIR(st.st_mode)) {
        f->error("file not found: " + path);
      } else {
        out.file = path;
      }
      for (const char* other : {"film", "bumps", "needles", "seeds"})
        if (c.get(other))
          f->error(std::string("file replaces film, bumps, needles and seeds; remove \"") + other +
                   "\" or the file");
    }
  }
}

}  // namespace

void read_physics(const Cursor& c, const DeckContext& ctx, const DomainConfig* domain, PhysicsConfig& out) {
  if (!c.check_map({"phase_field", "initial", "nucleation", "sei"},
                   "a mapping of physics settings {phase_field, initial, nucleation, sei}"))
    return;
  if (auto pf = c.require("phase_field")) read_phase_field(*pf, out.phase_field, domain);
  const Extent extent{domain};
  const Extent* ext = domain ? &extent : nullptr;
  if (auto in = c.get("initial")) read_initial(*in, ctx, ext, out.initial);
  if (auto n = c.get("nucleation")) {
    if (n->check_map({"mode"}, "a mapping {mode}")) {
      if (auto m = n->require("mode"))
        if (auto v = m->choice<NucleationMode>({{"off", NucleationMode::Off},
                                                {"instantaneous", NucleationMode::Instantaneous},
                                                {"progressive", NucleationMode::Progressive}}))
          out.nucleation.mode = *v;
    }
  }
  if (auto s = c.get("sei")) {
    if (s->check_map({"enabled"}, "a mapping {enabled}")) {
      if (auto e = s->require("enabled"))
        if (auto v = e->boolean()) out.sei.enabled = *v;
    }
  }
}

}  // namespace afsim::config::detail
