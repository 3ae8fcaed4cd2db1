// timeseries.h5 (DESIGN.md §6): the rows of the time series as an HDF5 file, one 1-D dataset per column in
// the group /timeseries (float64 for numbers, null-terminated fixed-length strings for text such as
// step_kind), the column order in the root attribute `columns` (comma-separated).
//
// TimeSeriesH5 is a TimeSeriesSink beside the CSV writer: every row is appended to chunked, extendible
// datasets of an HDF5 file held in memory (HDF5's core driver), so a row costs O(1) and nothing is parsed
// again. The file on disk is that file's image, written atomically (temporary + fsync + rename,
// io/atomic_file.hpp) by write(): never half-written, readable after a kill at any instant, and HDF5 never
// meets a disk error itself (a failing disk is reported with the path and errno). The driver calls
// refresh() with every checkpoint: it rewrites the file only when the rows have grown by a quarter since
// the last write, so that the bytes written over a run stay linear in its length; write() at the end of
// every run (completed, interrupted or diverged) makes it equal to timeseries.csv. After a kill the file
// holds a prefix of the rows; timeseries.csv (one fsync'ed append per row) holds them all.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "io/timeseries.hpp"

namespace afsim::io {

class TimeSeriesH5 final : public TimeSeriesSink {
 public:
  // Throws std::invalid_argument for no columns or an empty or repeated name.
  TimeSeriesH5(std::filesystem::path path, std::vector<std::string> columns);
  ~TimeSeriesH5() override;
  TimeSeriesH5(const TimeSeriesH5&) = delete;
  TimeSeriesH5& operator=(const TimeSeriesH5&) = delete;

  const std::vector<std::string>& columns() const override { return columns_; }
  // One row (as many values as columns; a column's kind, number or text, is that of its first value).
  // std::invalid_argument for a row that does not fit; IoError if HDF5 fails.
  void append(const TimeSeriesRow& row) override;
  long long rows() const { return rows_; }

  // The file on disk as of the rows so far (atomically). IoError naming the path; the previous file survives.
  void write();
  // write() when the rows grew by a quarter (at least one row) since the last write.
  void refresh();

 private:
  struct State;
  std::filesystem::path path_;
  std::vector<std::string> columns_;
  std::unique_ptr<State> state_;
  long long rows_ = 0, rows_written_ = -1;
};

// A parsed CSV table: complete lines only (a partial last line of a killed run is ignored), RFC 4180 quotes.
struct CsvColumns {
  std::vector<std::string> names;
  std::vector<std::vector<std::string>> cells;  // cells[column][row], as written
};
CsvColumns read_csv_columns(const std::filesystem::path& csv);

// The rows of a CSV table as time-series values: a cell that parses as a number whole (nan, inf and -inf
// included) is a number, any other is text.
std::vector<TimeSeriesRow> csv_rows(const CsvColumns& t);

// Rebuilds `h5` from `csv` atomically (a run resumed from a checkpoint starts its HDF5 copy this way).
// Throws IoError naming the path (the previous `h5` survives).
void write_timeseries_h5(const std::filesystem::path& csv, const std::filesystem::path& h5);

}  // namespace afsim::io
