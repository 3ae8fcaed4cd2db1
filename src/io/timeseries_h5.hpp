// timeseries.h5 (DESIGN.md §6): the rows of timeseries.csv as an HDF5 file, one 1-D dataset per column in
// the group /timeseries (float64 for numbers, fixed-length strings for text such as step_kind), the column
// order in the root attribute `columns` (comma-separated) and the row count in `rows`.
//
// The CSV is the streaming record (one fsync'ed append per output row); the HDF5 copy is rebuilt from it
// and replaced atomically whenever the run writes a checkpoint or its summary, so it is never half-written
// and equals the CSV at the end of every run (completed, interrupted or diverged).
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace afsim::io {

// A parsed CSV table: complete lines only (a partial last line of a killed run is ignored), RFC 4180 quotes.
struct CsvColumns {
  std::vector<std::string> names;
  std::vector<std::vector<std::string>> cells;  // cells[column][row], as written
};
CsvColumns read_csv_columns(const std::filesystem::path& csv);

// Rebuilds `h5` from `csv` atomically. Throws IoError naming the path (the previous `h5` survives).
void write_timeseries_h5(const std::filesystem::path& csv, const std::filesystem::path& h5);

}  // namespace afsim::io
