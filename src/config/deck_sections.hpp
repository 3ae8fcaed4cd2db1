// Internal to the deck parser: one reader per top-level section of a deck (DESIGN.md §5). Each checks
// its keys, reports every problem through the cursor and fills its part of Config.
#pragma once

#include <string>

#include "config/config.hpp"
#include "schema/schema.hpp"
#include "config/section.hpp"

namespace afsim::materials {
class Database;
}

namespace afsim::config::detail {

struct DeckContext {
  const materials::Database* materials = nullptr;  // null when the database failed to load
  std::string base_dir;                            // folder of the deck, for relative paths
  bool simulation = false;               // an `afsim run` deck (refuses what its physics does not model yet)
  const DomainConfig* domain = nullptr;  // when read and valid: positions are checked against it
};

// Limits on the grid: cells per axis and total cells (the memory a grid needs is the physics modules'
// to say: simulation/model_footprint.hpp).
inline constexpr long long kMaxCellsPerAxis = 65536;
inline constexpr long long kMaxCells = 1LL << 31;

// The sections, declared once (config/section.hpp): read, echoed in SI and listed in the deck reference.
const Section<RunConfig>& run_section();
const Section<DomainConfig>& domain_section();
const Section<CellConfig>& cell_section();
const Section<PhysicsConfig>& physics_section();
const Section<NumericsConfig>& numerics_section();
const Section<ProtocolConfig>& protocol_section();
const Section<OutputConfig>& output_section();

void read_run(const Cursor& c, RunConfig& out);
// Returns true when cells and spacing were both read (positions can then be checked against the domain).
bool read_domain(const Cursor& c, DomainConfig& out);
void read_cell(const Cursor& c, const DeckContext& ctx, CellConfig& out);
void read_physics(const Cursor& c, const DeckContext& ctx, const DomainConfig* domain, PhysicsConfig& out);
void read_numerics(const Cursor& c, NumericsConfig& out);
void read_protocol(const Cursor& c, ProtocolConfig& out);
void read_output(const Cursor& c, OutputConfig& out);

// Host physical memory in bytes (0 when unknown).
double host_memory_bytes();

}  // namespace afsim::config::detail
