// The scalar time series of a run (timeseries.csv): one row per output step, header names carrying SI
// units (chosen by the caller, e.g. "time_s", "current_density_A_m2", "step_kind").
//
// Durability choice: rows are appended to the open file and each row is written with one write(2) and
// then fsync'ed (fsync can be turned off), not rewritten atomically each time (that would be O(n²) in
// the number of rows). A run killed mid-row can therefore leave a partial last line; opening with
// OpenMode::resume cuts it off, and readers of a live file should ignore a last line without '\n'.
// The header itself is written atomically when the file is created.
#pragma once

#include <filesystem>
#include <string>
#include <variant>
#include <vector>

namespace afsim::io {

// A value in a row: numbers are written with full precision (%.17g; non-finite as nan / inf / -inf),
// integers exactly, text quoted as CSV requires (RFC 4180).
using TimeSeriesValue = std::variant<double, long long, std::string>;
using TimeSeriesRow = std::vector<TimeSeriesValue>;

// Seam for more formats: the CSV writer below today, an HDF5 writer (timeseries.h5, same columns, same
// rows) later; the simulation talks to TimeSeriesSink only.
class TimeSeriesSink {
 public:
  virtual ~TimeSeriesSink() = default;
  virtual const std::vector<std::string>& columns() const = 0;
  virtual void append(const TimeSeriesRow& row) = 0;
};

class TimeSeriesWriter final : public TimeSeriesSink {
 public:
  enum class OpenMode {
    create,  // start a new file (an existing one is replaced)
    resume,  // append to an existing file whose header equals `columns` (IoError otherwise); creates it
             // when absent; a partial last line (run killed mid-write) is removed first
  };
  struct Options {
    OpenMode mode = OpenMode::create;
    bool fsync_each_row = true;  // flush to the OS always; fsync too unless turned off
  };

  // Throws std::invalid_argument for no columns or an empty/repeated name, IoError when the file cannot be
  // created or does not match on resume (message names the path).
  TimeSeriesWriter(std::filesystem::path path, std::vector<std::string> columns);
  TimeSeriesWriter(std::filesystem::path path, std::vector<std::string> columns, Options options);
  ~TimeSeriesWriter() override;
  TimeSeriesWriter(const TimeSeriesWriter&) = delete;
  TimeSeriesWriter& operator=(const TimeSeriesWriter&) = delete;
  TimeSeriesWriter(TimeSeriesWriter&& other) noexcept;
  TimeSeriesWriter& operator=(TimeSeriesWriter&& other) noexcept;

  // One row, as many values as columns (std::invalid_argument otherwise); IoError on a write failure.
  void append(const TimeSeriesRow& row) override;
  void append(const std::vector<double>& row);

  const std::vector<std::string>& columns() const override { return columns_; }
  const std::filesystem::path& path() const { return path_; }

 private:
  void write_line(const std::string& line);

  std::filesystem::path path_;
  std::vector<std::string> columns_;
  Options options_;
  int fd_ = -1;
};

// Resume from a checkpoint at time t: rewrites the time series at `path` atomically without the rows whose
// first column (the time) is > t_s (written after the checkpoint and about to be written again) and
// without a partial last line. An absent file is left absent. Throws IoError naming the path.
void drop_rows_after(const std::filesystem::path& path, double time_s);

// One CSV line (with '\n') for `values`; exposed for tests and for other tables (study.csv).
std::string csv_line(const TimeSeriesRow& values);
std::string csv_header(const std::vector<std::string>& columns);

}  // namespace afsim::io
