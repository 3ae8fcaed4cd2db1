// Deck section physics: phase-field parameters and the initial metal (film, bumps, needles, seeds, or a
// .vti file) with positions checked against the domain; nucleation and SEI are refused until built.
#include <cstdio>

#include <sys/stat.h>

#include "config/deck_sections.hpp"
#include "config/section.hpp"

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

const Extent* extent_of(const DeckContext* ctx, Extent& storage) {
  if (!ctx || !ctx->domain) return nullptr;
  storage.domain = ctx->domain;
  return &storage;
}

// x (required) and z (optional) of a shape on the collector; false when x is missing or either is outside the
// domain (reported).
bool read_position(const Cursor& shape, const Extent* ext, double& x, double& z) {
  bool ok = true;
  if (auto c = shape.require("x")) {
    auto v = read_x(*c, ext);
    ok = ok && v;
    if (v) x = *v;
  } else {
    ok = false;
  }
  if (auto c = shape.get("z")) {
    auto v = read_z(*c, ext);
    ok = ok && v;
    if (v) z = *v;
  }
  return ok;
}

void read_bumps(const Cursor& b, InitialConfig& out, const Extent* ext) {
  auto items = b.items("a list of bumps {x, z, radius}");
  if (!items) return;
  for (const auto& it : *items) {
    if (!it.check_map({"x", "z", "radius"}, "a bump {x, z, radius}")) continue;
    Bump bump;
    bool ok = read_position(it, ext, bump.x, bump.z);
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

void read_needles(const Cursor& n, InitialConfig& out, const Extent* ext) {
  auto items = n.items("a list of needles {x, z, width, height}");
  if (!items) return;
  for (const auto& it : *items) {
    if (!it.check_map({"x", "z", "width", "height"}, "a needle {x, z, width, height}")) continue;
    Needle needle;
    bool ok = read_position(it, ext, needle.x, needle.z);
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

void read_seeds(const Cursor& s, InitialConfig& out, const Extent* ext) {
  if (!s.check_map({"density", "radius"}, "a mapping {density, radius}")) return;
  Seeds seeds;
  bool ok = true;
  if (auto d = s.require("density")) {
    auto v = d->quantity(dim::areal_density, Range::positive());
    ok = ok && v;
    if (v) seeds.density = *v;
  } else {
    ok = false;
  }
  if (auto r = s.require("radius")) {
    auto v = read_height(*r, Range::positive(), ext);
    ok = ok && v;
    if (v) seeds.radius = *v;
  } else {
    ok = false;
  }
  if (ok) out.seeds = seeds;
}

void read_file(const Cursor& f, InitialConfig& out, const DeckContext* ctx) {
  auto name = f.text("a path to a .vti file");
  if (!name) return;
  std::string path = *name;
  if (!path.empty() && path[0] != '/' && !f.from_override() && ctx && !ctx->base_dir.empty())
    path = ctx->base_dir + "/" + path;
  struct stat st {};
  if (path.size() < 4 || path.compare(path.size() - 4, 4, ".vti") != 0) {
    f.error("expected a .vti file (VTK ImageData with a metal_fraction array), got \"" + *name + "\"");
  } else if (::stat(path.c_str(), &st) != 0 || S_ISDIR(st.st_mode)) {
    f.error("file not found: " + path);
  } else {
    out.file = path;
  }
}

nlohmann::json shapes_json(const InitialConfig& in, bool bumps) {
  nlohmann::json a = nlohmann::json::array();
  if (bumps)
    for (const auto& b : in.bumps) a.push_back({{"x_m", b.x}, {"z_m", b.z}, {"radius_m", b.radius}});
  else
    for (const auto& n : in.needles)
      a.push_back({{"x_m", n.x}, {"z_m", n.z}, {"width_m", n.width}, {"height_m", n.height}});
  return a;
}

const Section<InitialConfig>& initial_section() {
  static const Section<InitialConfig> s = [] {
    using N = Section<InitialConfig>::Need;
    Section<InitialConfig> in("physics.initial",
                              "a mapping of initial metal {film, bumps, needles, seeds, file}");
    in.custom(
          "film", N::Optional, {"length (m)", ">= 0 m, below the top of the domain", "0"},
          "a flat film of metal on the collector",
          [](const Cursor& c, InitialConfig& out, const DeckContext* ctx) {
            Extent e{nullptr};
            if (auto v = read_height(c, Range::non_negative(), extent_of(ctx, e))) out.film = *v;
          },
          [](const InitialConfig& v, nlohmann::json& j) { j["film_m"] = v.film; })
        .custom(
            "bumps", N::Optional, {"list of {x, z, radius} (lengths)", "inside the domain", "none"},
            "hemispherical caps sitting on the film (or the collector)",
            [](const Cursor& c, InitialConfig& out, const DeckContext* ctx) {
              Extent e{nullptr};
              read_bumps(c, out, extent_of(ctx, e));
            },
            [](const InitialConfig& v, nlohmann::json& j) { j["bumps"] = shapes_json(v, true); })
        .custom(
            "needles", N::Optional, {"list of {x, z, width, height} (lengths)", "inside the domain", "none"},
            "vertical needles with rounded tips, from the film (or the collector) up to height",
            [](const Cursor& c, InitialConfig& out, const DeckContext* ctx) {
              Extent e{nullptr};
              read_needles(c, out, extent_of(ctx, e));
            },
            [](const InitialConfig& v, nlohmann::json& j) { j["needles"] = shapes_json(v, false); })
        .custom(
            "seeds", N::Optional, {"mapping {density (1/m^2), radius (m)}", "> 0", "none"},
            "random hemispherical nuclei on the collector, placed from run.seed (booked as charge of the "
            "first "
            "charge)",
            [](const Cursor& c, InitialConfig& out, const DeckContext* ctx) {
              Extent e{nullptr};
              read_seeds(c, out, extent_of(ctx, e));
            },
            [](const InitialConfig& v, nlohmann::json& j) {
              j["seeds"] = v.seeds ? nlohmann::json{{"density_per_m2", v.seeds->density},
                                                    {"radius_m", v.seeds->radius}}
                                   : nlohmann::json(nullptr);
            })
        .custom(
            "file", N::Optional,
            {"path to a .vti with a metal_fraction cell array", "the domain's cells", "none"},
            "the initial metal from a file (replaces film, bumps, needles and seeds)",
            [](const Cursor& c, InitialConfig& out, const DeckContext* ctx) { read_file(c, out, ctx); },
            [](const InitialConfig& v, nlohmann::json& j) {
              j["file"] = v.file.empty() ? nlohmann::json(nullptr) : nlohmann::json(v.file);
            })
        .check([](const Cursor& c, InitialConfig&, const DeckContext*) {
          if (auto f = c.get("file"))
            for (const char* other : {"film", "bumps", "needles", "seeds"})
              if (c.get(other))
                f->error(std::string("file replaces film, bumps, needles and seeds; remove \"") + other +
                         "\" or the file");
        });
    return in;
  }();
  return s;
}

const Section<PhaseFieldConfig>& phase_field_section() {
  static const Section<PhaseFieldConfig> s = [] {
    using N = Section<PhaseFieldConfig>::Need;
    Section<PhaseFieldConfig> pf(
        "physics.phase_field", "a mapping of phase-field settings {interface_width, anisotropy, noise, ...}");
    pf.flag("evolve", &PhaseFieldConfig::evolve,
            "false holds the deposit fixed (the current distribution over it only)")
        .custom(
            "interface_width", N::Required, {"length (m)", "> 0 m", "required"},
            "l of the profile tanh(y / l) (MODELS §2); at least 2 cells, 4 with gibbs_thomson capillarity",
            [](const Cursor& w, PhaseFieldConfig& out, const DeckContext* ctx) {
              if (auto v = w.quantity(dim::length, Range::positive())) {
                out.interface_width = *v;
                const DomainConfig* domain = ctx ? ctx->domain : nullptr;
                if (domain && domain->spacing > 0 && *v < 2 * domain->spacing)
                  w.warning("the interface is resolved by " + std::to_string(*v / domain->spacing) +
                            " cells; at least 2 are recommended (DESIGN.md §10)");
              }
            },
            [](const PhaseFieldConfig& v, nlohmann::json& j) { j["interface_width_m"] = v.interface_width; })
        .custom(
            "anisotropy", N::Optional, {"number", "in [0, 1/15)", "0"},
            "4-fold strength delta_a of the interface energy (MODELS §2), below 1/15",
            [](const Cursor& x, PhaseFieldConfig& out, const DeckContext*) {
              if (auto v = x.quantity(dim::none, Range::closed(0, 1))) {
                if (*v >= kMaxAnisotropy)
                  x.error(
                      "must be below 1/15 = 0.0667: a stronger 4-fold anisotropy makes the interface "
                      "stiffness "
                      "negative (missing orientations, MODELS §2); got \"" +
                      x.node().Scalar() + "\"");
                else
                  out.anisotropy = *v;
              }
            },
            [](const PhaseFieldConfig& v, nlohmann::json& j) { j["anisotropy"] = v.anisotropy; })
        .quantity("anisotropy_angle", dim::angle, Range::closed(-7, 7), &PhaseFieldConfig::anisotropy_angle,
                  N::Optional, "theta_0, the crystal axes' rotation about z (\"30 deg\" or radians)", "rad")
        .custom(
            "noise", N::Optional, {"rate (1/s)", ">= 0 1/s", "0"},
            "Langevin strength D_xi: the variance of xi gained per second at the interface (MODELS §2)",
            [](const Cursor& x, PhaseFieldConfig& out, const DeckContext*) {
              if (auto v = x.quantity_of({dim::rate, dim::none}, Range::non_negative())) {
                if (v->second == 1 && v->first != 0)
                  x.error(
                      "expected a rate such as \"1e-4 1/s\" (the variance of xi gained per second at the "
                      "interface, MODELS §2), got \"" +
                      x.node().Scalar() + "\"");
                else
                  out.noise = v->first;
              }
            },
            [](const PhaseFieldConfig& v, nlohmann::json& j) { j["noise_per_s"] = v.noise; })
        .custom(
            "capillarity", N::Optional, {"diffuse | gibbs_thomson", "gibbs_thomson: l >= 4 cells", "diffuse"},
            "the Allen–Cahn curvature flow, or the sharp interface's Gibbs–Thomson potential "
            "(docs/model-notes.md, \"Capillarity\")",
            [](const Cursor& x, PhaseFieldConfig& out, const DeckContext* ctx) {
              if (auto v = x.choice<Capillarity>(
                      {{"diffuse", Capillarity::Diffuse}, {"gibbs_thomson", Capillarity::GibbsThomson}}))
                out.capillarity = *v;
              (void)ctx;
            },
            [](const PhaseFieldConfig& v, nlohmann::json& j) {
              j["capillarity"] = v.capillarity == Capillarity::GibbsThomson ? "gibbs_thomson" : "diffuse";
            })
        .optional_quantity(
            "reaction_mobility", dim::rate, Range::positive(), &PhaseFieldConfig::reaction_mobility,
            "L_eta of (2.1); by default derived from the exchange current", "i0 / (nF c_s 2.5 l)")
        .optional_quantity("interface_mobility", dim::interface_mobility, Range::positive(),
                           &PhaseFieldConfig::interface_mobility, "L_sigma of (2.1)", "5 L_eta / W")
        .check([](const Cursor& c, PhaseFieldConfig& out, const DeckContext* ctx) {
          // Without the curvature flow nothing evens out the lattice's own anisotropy: at l = 2 cells a disc
          // at rest turns into a square within ~300 h^2/(L_sigma kappa); at 4 cells it stays round to ~3 %
          // (docs/model-notes.md, "Capillarity").
          const DomainConfig* domain = ctx ? ctx->domain : nullptr;
          if (out.capillarity != Capillarity::GibbsThomson) return;
          const double cells = domain && domain->spacing > 0 ? out.interface_width / domain->spacing : 1e300;
          if (cells >= kMinGibbsThomsonCells) return;
          const std::string least = number(kMinGibbsThomsonCells);
          c.get("capillarity")
              ->error("gibbs_thomson needs an interface resolved by at least " + least +
                      " cells (interface_width >= " + least + " x domain.spacing), got " + number(cells) +
                      ": thinner curvature-free profiles facet along the grid axes");
          out.capillarity = Capillarity::Diffuse;
        });
    return pf;
  }();
  return s;
}

}  // namespace

const Section<PhysicsConfig>& physics_section() {
  static const Section<PhysicsConfig> s = [] {
    using N = Section<PhysicsConfig>::Need;
    Section<PhysicsConfig> p("physics",
                             "a mapping of physics settings {phase_field, initial, nucleation, sei}");
    p.section("phase_field", phase_field_section(), &PhysicsConfig::phase_field, N::Required,
              "the metal/electrolyte order parameter (MODELS §2)")
        .section("initial", initial_section(), &PhysicsConfig::initial, N::Optional, "the metal at t = 0")
        // Models that are not built yet are refused (a key that is accepted must act).
        .refused("nucleation",
                 "classical nucleation on the collector (MODELS §4) is not available yet; remove the key and "
                 "start "
                 "from nuclei placed at t = 0 (physics.initial.seeds)")
        .refused("sei", "the SEI and corrosion model (MODELS §5) is not available yet; remove the key");
    return p;
  }();
  return s;
}

void read_physics(const Cursor& c, const DeckContext& ctx, const DomainConfig* domain, PhysicsConfig& out) {
  DeckContext with_domain = ctx;
  with_domain.domain = domain;
  physics_section().read(c, out, &with_domain);
}

}  // namespace afsim::config::detail
