// Cell decks for `afsim cell` (MODELS §9, DESIGN §5): the run deck's `cell:` block plus an optional
// `stack:` section with what the per-area stack model needs (component thicknesses, porosities, the
// repeating-unit convention). Every stack key has a default (seed §2 values from
// inputs/materials/stack_layers.yaml), so any run deck is also a valid cell deck; the other run-deck
// sections (run, domain, physics, numerics, protocol, output) are accepted and checked when present.
// Errors are reported exactly like run decks: one DeckError, one `file:line:col: key.path: ...` per line.
#pragma once

#include <string>
#include <vector>

#include "config/config.hpp"
#include "config/deck.hpp"  // default_materials_dir
#include "schema/diagnostics.hpp"

namespace afsim::config {

// Which share of the current collectors one cell layer carries (MODELS §9): in a wound or stacked cell
// with double-sided electrodes each collector foil serves two cell layers, so a repeating unit holds half
// of each foil; a single-sided (pouch test) cell carries the whole foil.
enum class RepeatingUnit { DoubleSided, SingleSided };
enum class AnodeKind { AnodeFree, Foil, Graphite };

// A porous layer: separator (skeletal density, pores filled with electrolyte) or a dense solid-electrolyte
// layer (porosity 0).
struct LayerSpec {
  std::string name;
  double thickness = 0;  // m
  double porosity = 0;   // pore volume fraction, filled with the cell's electrolyte
  double density = 0;    // kg/m^3 of the solid (skeletal) material
};

// Graphite negative electrode of the Li-ion reference (seed case 1).
struct GraphiteSpec {
  std::string name;
  double density = 0;            // kg/m^3, electrode (coating) density including pores
  double porosity = 0;           // filled with electrolyte
  double active_fraction = 0;    // mass fraction of active material in the coating
  double specific_capacity = 0;  // C/kg of active material
  double mean_voltage = 0;       // V vs Li/Li+, mean over the cycled window (subtracted from the cathode's)
  double np_ratio = 0;           // negative/positive areal capacity
};

struct StackConfig {
  RepeatingUnit repeating_unit = RepeatingUnit::DoubleSided;
  CollectorProps positive_collector;        // Al unless the deck says otherwise
  double positive_collector_thickness = 0;  // m (whole foil)
  double cathode_porosity = 0;              // coating porosity, filled with electrolyte
  double cathode_active_fraction = 0;       // mass fraction of active material in the coating
  double utilisation = 1;                   // fraction of the cathode loading cycled (MODELS (9.1))
  double polarization = 0;                  // V subtracted from the OCV mean
  LayerSpec separator;                      // or the solid-electrolyte layer
  double negative_collector_thickness = 0;  // m (whole foil); 0 = no negative collector (seed case 2)
  AnodeKind anode = AnodeKind::AnodeFree;
  double foil_thickness = 0;             // m, metal foil of a Li-metal cell (as built)
  GraphiteSpec graphite;                 // anode = graphite
  double deposit_porosity = 0;           // plated metal: envelope = dense / (1 - porosity)
  double interlayer_density = 0;         // kg/m^3 of cell.interlayer's material (collectors.yaml)
  std::vector<std::string> unconfirmed;  // stack values read with an unconfirmed tag
};

struct CellDeck {
  std::string source;  // deck path (for messages)
  CellConfig cell;
  StackConfig stack;
  bool has_stack_section = false;     // false: every stack value is a default
  std::vector<std::string> warnings;  // unconfirmed values used, ...
};

// Reads a cell deck (or a run deck) with --set overrides; throws DeckError with every message.
CellDeck load_cell_deck(const std::string& path, const std::vector<std::string>& overrides = {},
                        const std::string& materials_dir = default_materials_dir());
// The same for deck text in memory (`label` names it in messages).
CellDeck parse_cell_deck(const std::string& text, const std::string& label,
                         const std::vector<std::string>& overrides = {},
                         const std::string& materials_dir = default_materials_dir());

}  // namespace afsim::config
