// load_cell_deck: read -> --set overrides -> materials -> cell + stack (+ run-deck sections when present)
// -> one DeckError with every message, as load_deck does for run decks.
#include "config/cell_deck.hpp"

#include <memory>

#include "config/cell_deck_detail.hpp"
#include "config/deck_sections.hpp"
#include "schema/overrides.hpp"
#include "schema/yaml_source.hpp"
#include "materials/database.hpp"

namespace afsim::config {

namespace {

std::string parent_dir(const std::string& path) {
  const auto slash = path.find_last_of('/');
  if (slash == std::string::npos) return ".";
  if (slash == 0) return "/";
  return path.substr(0, slash);
}

const char* const kWhat =
    "a mapping with the section cell, an optional stack section, and optionally the run-deck sections run, "
    "domain, physics, numerics, protocol and output";

CellDeck build(std::optional<YAML::Node> root, const std::string& label,
               const std::vector<std::string>& overrides, const std::string& materials_dir,
               const std::string& base_dir, Diagnostics& diag) {
  if (!root) diag.throw_if_errors();
  if ((!root->IsDefined() || root->IsNull()) && overrides.empty()) {
    diag.error(label, "", std::string("the deck is empty; expected ") + kWhat);
    diag.throw_if_errors();
  }
  auto source = std::make_shared<Source>();
  source->file = label;
  apply_overrides(*root, overrides, *source, diag);

  CellDeck deck;
  deck.source = label;
  const Cursor top(*root, "", source, &diag, YAML::Mark());
  if (!top.check_map({"cell", "stack", "run", "domain", "physics", "numerics", "protocol", "output"}, kWhat))
    diag.throw_if_errors();

  Diagnostics material_diag;
  const materials::Database db = materials::Database::load(materials_dir, material_diag);
  const detail::StackLayers layers = detail::load_stack_layers(materials_dir, material_diag);
  for (const auto& e : material_diag.errors()) diag.error("", "", e);
  const bool materials_ok = material_diag.ok();
  detail::DeckContext ctx;
  ctx.materials = materials_ok ? &db : nullptr;
  ctx.base_dir = base_dir;

  if (auto c = top.require("cell")) detail::read_cell(*c, ctx, deck.cell);
  const auto stack = top.get("stack");
  deck.has_stack_section = stack.has_value();
  detail::read_stack(stack ? &*stack : nullptr, deck.cell, ctx.materials, materials_ok ? &layers : nullptr,
                     deck.stack);

  // A run deck is a valid cell deck: its other sections are checked as `afsim validate` checks them.
  Config run;
  if (auto c = top.get("run")) detail::read_run(*c, run.run);
  bool domain_ok = false;
  if (auto c = top.get("domain")) domain_ok = detail::read_domain(*c, run.domain);
  if (auto c = top.get("physics"))
    detail::read_physics(*c, ctx, domain_ok ? &run.domain : nullptr, run.physics);
  if (auto c = top.get("numerics")) detail::read_numerics(*c, run.numerics);
  if (auto c = top.get("protocol")) detail::read_protocol(*c, run.protocol);
  if (auto c = top.get("output")) detail::read_output(*c, run.output);

  diag.throw_if_errors();
  deck.warnings = diag.warnings();
  const auto note = [&](const std::string& name) {
    if (auto it = layers.unconfirmed.find(name); it != layers.unconfirmed.end() && !it->second.empty()) {
      std::string keys;
      for (const auto& k : it->second) keys += (keys.empty() ? "" : ", ") + k;
      deck.warnings.push_back(name + " uses unconfirmed values (" + keys +
                              "); see inputs/materials/stack_layers.yaml");
    }
  };
  note(deck.stack.separator.name);
  if (deck.stack.anode == AnodeKind::Graphite) note(deck.stack.graphite.name);
  return deck;
}

}  // namespace

CellDeck load_cell_deck(const std::string& path, const std::vector<std::string>& overrides,
                        const std::string& materials_dir) {
  return rethrow_as_deck_error(path, [&] {
    Diagnostics diag;
    auto root = read_yaml_file(path, diag);
    return build(std::move(root), path, overrides, materials_dir, parent_dir(path), diag);
  });
}

CellDeck parse_cell_deck(const std::string& text, const std::string& label,
                         const std::vector<std::string>& overrides, const std::string& materials_dir) {
  return rethrow_as_deck_error(label, [&] {
    Diagnostics diag;
    auto root = parse_yaml_text(text, label, diag);
    return build(std::move(root), label, overrides, materials_dir, ".", diag);
  });
}

}  // namespace afsim::config
