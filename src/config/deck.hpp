// Loading an input deck (DESIGN.md §5): YAML text + --set overrides + the material database -> Config in
// SI units, with every key checked. All problems are collected and thrown together as one DeckError,
// one message per line, each like
//   deck.yaml:12:14: domain.spacing: expected a length such as "50 nm", got "50 mA" (a current)
//   --set domain.spacing=50 mA: domain.spacing: expected a length such as "50 nm", got "50 mA" (a current)
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "config/config.hpp"
#include "schema/diagnostics.hpp"  // DeckError
#include "config/section.hpp"

namespace afsim::config {

// The material database folder: $AFSIM_MATERIALS when set, else <executable>/../share/afsim/materials when
// that exists (installed), else the source tree's inputs/materials.
std::string default_materials_dir();

// Reads `path`, merges `overrides` (KEY=VALUE; dotted key path, YAML value: `domain.cells=[128,64]`,
// `cell.cathode.loading="6 mAh/cm2"`, `protocol.steps[0].charge.current=2 mA/cm2`), validates every key
// and returns the SI structs. Relative paths in the deck (physics.initial.file) resolve against the
// deck's folder. Throws DeckError with all messages; never anything else for bad input.
Config load_deck(const std::string& path, const std::vector<std::string>& overrides = {},
                 const std::string& materials_dir = default_materials_dir());

// The same for deck text held in memory; `label` names it in messages and relative paths resolve
// against `base_dir`.
Config parse_deck(const std::string& text, const std::string& label,
                  const std::vector<std::string>& overrides = {},
                  const std::string& materials_dir = default_materials_dir(),
                  const std::string& base_dir = ".");

// The deck echo in SI for summary.json: every value with its SI unit in the key (`spacing_m`,
// `loading_C_m2`), materials expanded with their properties, enums as their deck words.
nlohmann::json deck_echo_si(const Config& config);

// Every key of a simulation deck, from the sections' declarations (config/section.hpp), in deck order; and
// the same as the markdown table of docs/deck-reference.md (afsim validate --list-keys).
std::vector<KeyDoc> deck_reference();
std::string deck_reference_markdown();

}  // namespace afsim::config
