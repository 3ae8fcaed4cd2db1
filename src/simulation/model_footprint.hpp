// What a deck's physics holds and writes, from its modules' field registry (physics/field_registry.hpp):
// the bytes per cell of every field, scratch array and solver level, and the fields it can write to VTK.
// Found by building the deck's engine on two small grids of the same dimensionality (milliseconds), so
// that `afsim validate` and `afsim run` check a deck against the physics it will run before anything large
// is allocated.
#pragma once

#include <vector>

#include "config/config.hpp"
#include "simulation/engine.hpp"

namespace afsim {

struct ModelFootprint {
  double bytes_per_stored_cell = 0;  // per stored cell (ghosts included) of the grid
  double fixed_bytes = 0;            // what does not grow with the grid (the coarsest levels' inverses)
  std::vector<OutputFieldInfo> outputs;
  // The estimate for the deck's own grid (its ghost layers included).
  double bytes(const config::DomainConfig& d) const;
};

ModelFootprint model_footprint(const config::Config& cfg);

// Throws config::DeckError, with the deck's file:line:col, for an output field the physics does not write
// and for a grid whose footprint exceeds this host's memory.
void check_deck_against_model(const config::Config& cfg, const ModelFootprint& footprint);

}  // namespace afsim
