// load_deck: read -> overrides -> materials -> sections -> one DeckError with every message.
#include "config/deck.hpp"

#include <unistd.h>

#include <cmath>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <sstream>

#include <sys/stat.h>

#include "config/deck_sections.hpp"
#include "config/numerics_defaults.hpp"
#include "schema/overrides.hpp"
#include "schema/yaml_source.hpp"
#include "materials/database.hpp"

#ifndef AFSIM_SOURCE_DIR
#define AFSIM_SOURCE_DIR "."
#endif

namespace afsim::config {

namespace {

bool is_directory(const std::string& p) {
  struct stat st {};
  return ::stat(p.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

std::string parent_dir(const std::string& path) {
  const auto slash = path.find_last_of('/');
  if (slash == std::string::npos) return ".";
  if (slash == 0) return "/";
  return path.substr(0, slash);
}

const std::vector<std::string> kSections = {"run",      "domain",   "cell",  "physics",
                                            "numerics", "protocol", "output"};

Config build(std::optional<YAML::Node> root, const std::string& label,
             const std::vector<std::string>& overrides, const std::string& materials_dir,
             const std::string& base_dir, Diagnostics& diag) {
  if (!root) diag.throw_if_errors();  // unreadable or not YAML: nothing more to say
  if ((!root->IsDefined() || root->IsNull()) && overrides.empty()) {
    diag.error(
        label, "",
        "the deck is empty; expected a mapping with the sections run, domain, cell, physics, protocol and "
        "output (numerics optional)");
    diag.throw_if_errors();
  }
  auto source = std::make_shared<Source>();
  source->file = label;
  apply_overrides(*root, overrides, *source, diag);

  Config cfg;
  cfg.source = label;
  const Cursor top(*root, "", source, &diag, YAML::Mark());
  if (!top.check_map(kSections,
                     "a mapping with the sections run, domain, cell, physics, numerics, protocol and "
                     "output")) {
    diag.throw_if_errors();
  }

  Diagnostics material_diag;
  const materials::Database db = materials::Database::load(materials_dir, material_diag);
  for (const auto& e : material_diag.errors()) diag.error("", "", e);
  detail::DeckContext ctx;
  ctx.materials = material_diag.ok() ? &db : nullptr;
  ctx.base_dir = base_dir;
  ctx.simulation = true;

  if (auto c = top.require("run")) detail::read_run(*c, cfg.run);
  bool domain_ok = false;
  if (auto c = top.require("domain")) domain_ok = detail::read_domain(*c, cfg.domain);
  if (auto c = top.require("cell")) detail::read_cell(*c, ctx, cfg.cell);
  if (auto c = top.require("physics"))
    detail::read_physics(*c, ctx, domain_ok ? &cfg.domain : nullptr, cfg.physics);
  const std::optional<Cursor> numerics = top.get("numerics");
  if (numerics) detail::read_numerics(*numerics, cfg.numerics);
  if (auto c = top.require("protocol")) detail::read_protocol(*c, cfg.protocol);
  if (cfg.numerics.dt_source.empty() && diag.ok()) {
    // No numerics.dt: the cap from the protocol and the interface (numerics_defaults.hpp).
    const DerivedTimeStep d = default_time_step(cfg);
    cfg.numerics.dt = d.dt;
    cfg.numerics.dt_source = "derived from " + d.reason;
    if (!(d.dt > 0) || !std::isfinite(d.dt))
      diag.error(label, "numerics.dt",
                 "the protocol bounds no step duration (every step ends on the cell voltage only and the "
                 "cathode holds no capacity); give numerics.dt");
    if (numerics)
      if (auto m = numerics->get("dt_min"); m && cfg.numerics.dt_min && *cfg.numerics.dt_min > d.dt)
        m->error("must not exceed numerics.dt, here derived as " + std::to_string(d.dt) + " s (" + d.reason +
                 "); give numerics.dt or a smaller dt_min");
  }
  if (auto c = top.get("output"))
    detail::read_output(*c, cfg.output);
  else
    cfg.output.fields = {"metal_fraction", "concentration", "potential"};

  diag.throw_if_errors();
  cfg.warnings = diag.warnings();
  return cfg;
}

}  // namespace

std::string default_materials_dir() {
  if (const char* env = std::getenv("AFSIM_MATERIALS"); env != nullptr && *env != '\0') return env;
  char exe[4096];
  const ssize_t n = ::readlink("/proc/self/exe", exe, sizeof exe - 1);
  if (n > 0) {
    exe[n] = '\0';
    const std::string installed = parent_dir(exe) + "/../share/afsim/materials";
    if (is_directory(installed)) return installed;
  }
  return AFSIM_SOURCE_DIR "/inputs/materials";
}

Config load_deck(const std::string& path, const std::vector<std::string>& overrides,
                 const std::string& materials_dir) {
  return rethrow_as_deck_error(path, [&] {
    Diagnostics diag;
    auto root = read_yaml_file(path, diag);
    return build(std::move(root), path, overrides, materials_dir, parent_dir(path), diag);
  });
}

Config parse_deck(const std::string& text, const std::string& label,
                  const std::vector<std::string>& overrides, const std::string& materials_dir,
                  const std::string& base_dir) {
  return rethrow_as_deck_error(label, [&] {
    Diagnostics diag;
    auto root = parse_yaml_text(text, label, diag);
    return build(std::move(root), label, overrides, materials_dir, base_dir, diag);
  });
}

}  // namespace afsim::config
