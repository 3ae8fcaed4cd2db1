// load_deck: read -> overrides -> materials -> sections -> one DeckError with every message.
#include "config/deck.hpp"

#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <memory>
#include <sstream>

#include <sys/stat.h>

#include "config/deck_sections.hpp"
#include "config/overrides.hpp"
#include "config/yaml_source.hpp"
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
        "the deck is empty; expected a mapping with the sections run, domain, cell, physics, numerics, "
        "protocol and output");
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

  if (auto c = top.require("run")) detail::read_run(*c, cfg.run);
  bool domain_ok = false;
  if (auto c = top.require("domain")) domain_ok = detail::read_domain(*c, cfg.domain);
  if (auto c = top.require("cell")) detail::read_cell(*c, ctx, cfg.cell);
  if (auto c = top.require("physics"))
    detail::read_physics(*c, ctx, domain_ok ? &cfg.domain : nullptr, cfg.physics);
  if (auto c = top.require("numerics")) detail::read_numerics(*c, cfg.numerics);
  if (auto c = top.require("protocol")) detail::read_protocol(*c, cfg.protocol);
  if (auto c = top.get("output"))
    detail::read_output(*c, cfg.output);
  else
    cfg.output.fields = {"metal_fraction", "concentration", "potential"};

  diag.throw_if_errors();
  cfg.warnings = diag.warnings();
  return cfg;
}

}  // namespace

const std::vector<std::string>& known_output_fields() {
  // Fields of the current engine plus those that later modules (dead metal, SEI, interlayer) produce;
  // a run warns about a requested field that its physics does not produce.
  static const std::vector<std::string> fields = {
      "metal_fraction", "concentration",        "potential",  "current_density", "reaction_current_density",
      "reaction_rate",  "electrolyte_fraction", "dead_metal", "sei_thickness",   "alloy_fraction"};
  return fields;
}

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
