// Internal to the deck parser: one reader per top-level section of a deck (DESIGN.md §5). Each checks
// its keys, reports every problem through the cursor and fills its part of Config.
#pragma once

#include <string>

#include "config/config.hpp"
#include "config/schema.hpp"

namespace afsim::materials {
class Database;
}

namespace afsim::config::detail {

struct DeckContext {
  const materials::Database* materials = nullptr;  // null when the database failed to load
  std::string base_dir;                            // folder of the deck, for relative paths
};

// Limits on the grid: cells per axis, total cells, and the memory estimate per cell.
inline constexpr long long kMaxCellsPerAxis = 65536;
inline constexpr long long kMaxCells = 1LL << 31;
// Measured peak resident memory of a coupled run (phase field, salt, potential, two MG-PCG hierarchies,
// labels, output buffers): 714 B per cell between 512^2 and 1024^2 (/usr/bin/time -f %M); 90 doubles
// leave a little headroom. The same estimate bounds the device memory of a GPU run.
inline constexpr double kBytesPerCell = 90 * sizeof(double);

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
