// Internal to the cell-deck reader (config/cell_deck.hpp): the stack-layer table
// (inputs/materials/stack_layers.yaml) and the `stack:` section reader.
#pragma once

#include <map>
#include <string>

#include "config/cell_deck.hpp"
#include "schema/schema.hpp"

namespace afsim::materials {
class Database;
}

namespace afsim::config::detail {

struct StackLayers {
  std::map<std::string, LayerSpec> separators;
  std::map<std::string, GraphiteSpec> graphites;
  std::map<std::string, std::vector<std::string>> unconfirmed;  // name -> keys read with an unconfirmed tag
  std::vector<std::string> names;                               // in file order
};

// Loads `dir`/stack_layers.yaml; every value must carry {value, source, confidence}. Problems go to `diag`.
StackLayers load_stack_layers(const std::string& dir, Diagnostics& diag);

// Reads the optional `stack:` section (`c` may be nullptr: all defaults). `cell` must be read first: the
// default separator of a solid-electrolyte cell is a 30 um layer of that electrolyte.
void read_stack(const Cursor* c, const CellConfig& cell, const materials::Database* db,
                const StackLayers* layers, StackConfig& out);

}  // namespace afsim::config::detail
