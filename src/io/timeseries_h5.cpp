#include "io/timeseries_h5.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <variant>

#include "io/atomic_file.hpp"
#include "io/hdf5_support.hpp"

namespace afsim::io {

namespace fs = std::filesystem;

namespace {

// Splits one CSV record (without its '\n') into fields, undoing RFC 4180 quoting.
std::vector<std::string> split_record(const std::string& line) {
  std::vector<std::string> out(1);
  bool quoted = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char ch = line[i];
    if (quoted) {
      if (ch == '"' && i + 1 < line.size() && line[i + 1] == '"') {
        out.back() += '"';
        ++i;
      } else if (ch == '"') {
        quoted = false;
      } else {
        out.back() += ch;
      }
    } else if (ch == '"') {
      quoted = true;
    } else if (ch == ',') {
      out.emplace_back();
    } else {
      out.back() += ch;
    }
  }
  return out;
}

// A cell as a number: the whole text must parse (nan, inf and -inf included, as the CSV writer writes them).
bool parse_number(const std::string& text, double& value) {
  if (text.empty()) return false;
  char* end = nullptr;
  errno = 0;
  value = std::strtod(text.c_str(), &end);
  return end == text.c_str() + text.size();
}

}  // namespace

CsvColumns read_csv_columns(const fs::path& csv) {
  std::ifstream in(csv, std::ios::binary);
  if (!in) throw_io_error("cannot read time series", csv, errno);
  std::stringstream buffer;
  buffer << in.rdbuf();
  const std::string text = buffer.str();
  CsvColumns t;
  std::size_t begin = 0;
  bool header = true;
  while (begin < text.size()) {
    const std::size_t end = text.find('\n', begin);
    if (end == std::string::npos) break;  // a partial last line (a run killed mid-row)
    std::vector<std::string> fields = split_record(text.substr(begin, end - begin));
    begin = end + 1;
    if (header) {
      t.names = fields;
      t.cells.assign(fields.size(), {});
      header = false;
      continue;
    }
    if (fields.size() != t.names.size())
      throw IoError("cannot read time series '" + csv.string() + "': a row has " +
                    std::to_string(fields.size()) + " values for " + std::to_string(t.names.size()) +
                    " columns");
    for (std::size_t c = 0; c < fields.size(); ++c) t.cells[c].push_back(std::move(fields[c]));
  }
  if (header) throw IoError("cannot read time series '" + csv.string() + "': no header line");
  return t;
}

std::vector<TimeSeriesRow> csv_rows(const CsvColumns& t) {
  const std::size_t rows = t.cells.empty() ? 0 : t.cells[0].size();
  std::vector<TimeSeriesRow> out(rows, TimeSeriesRow(t.names.size()));
  for (std::size_t c = 0; c < t.names.size(); ++c)
    for (std::size_t r = 0; r < rows; ++r) {
      double v = 0;
      if (parse_number(t.cells[c][r], v))
        out[r][c] = v;
      else
        out[r][c] = t.cells[c][r];
    }
  return out;
}

// ---- TimeSeriesH5 ----

namespace {

// Rows per chunk of a column's dataset (512 B of float64: small files for short runs, few chunks for long).
constexpr hsize_t kChunkRows = 64;
// Bytes of a text cell, its null terminator included ("discharge" needs 10).
constexpr std::size_t kTextWidth = 32;

}  // namespace

struct TimeSeriesH5::State {
  hdf5::Writer w;
  hdf5::Handle file{-1, H5Fclose};
  hdf5::Handle group{-1, H5Gclose};
  hdf5::Handle text_type{-1, H5Tclose};
  std::vector<hdf5::Handle> sets;
  std::vector<bool> text;
  explicit State(const fs::path& path) : w(path, "time series") {}
};

TimeSeriesH5::TimeSeriesH5(fs::path path, std::vector<std::string> columns)
    : path_(std::move(path)), columns_(std::move(columns)) {
  if (columns_.empty()) throw std::invalid_argument("TimeSeriesH5: no columns");
  for (std::size_t c = 0; c < columns_.size(); ++c) {
    if (columns_[c].empty()) throw std::invalid_argument("TimeSeriesH5: a column has an empty name");
    if (std::find(columns_.begin(), columns_.begin() + static_cast<long>(c), columns_[c]) !=
        columns_.begin() + static_cast<long>(c))
      throw std::invalid_argument("TimeSeriesH5: column '" + columns_[c] + "' given twice");
  }
  const hdf5::QuietHdf5 quiet;
  state_ = std::make_unique<State>(path_);
  State& s = *state_;
  s.file = hdf5::memory_file(s.w, path_);
  std::string order;
  for (const auto& n : columns_) order += (order.empty() ? "" : ",") + n;
  s.w.string_attribute(s.file.get(), "columns", order);
  s.group = s.w.group(s.file.get(), "timeseries");
  s.text_type = hdf5::Handle(H5Tcopy(H5T_C_S1), H5Tclose);
  if (!s.text_type.valid()) s.w.fail("text type");
  s.w.check(H5Tset_size(s.text_type.get(), kTextWidth), "text type");
}

TimeSeriesH5::~TimeSeriesH5() {
  const hdf5::QuietHdf5 quiet;
  state_.reset();
}

void TimeSeriesH5::append(const TimeSeriesRow& row) {
  if (row.size() != columns_.size())
    throw std::invalid_argument("TimeSeriesH5: row has " + std::to_string(row.size()) + " values, " +
                                std::to_string(columns_.size()) + " columns expected");
  const hdf5::QuietHdf5 quiet;
  State& s = *state_;
  if (s.sets.empty()) {  // the first row decides each column's kind
    hdf5::Handle dcpl(H5Pcreate(H5P_DATASET_CREATE), H5Pclose);
    const hsize_t chunk = kChunkRows, zero = 0, unlimited = H5S_UNLIMITED;
    if (!dcpl.valid() || H5Pset_chunk(dcpl.get(), 1, &chunk) < 0) s.w.fail("chunked layout");
    for (std::size_t c = 0; c < columns_.size(); ++c) {
      const bool text = std::holds_alternative<std::string>(row[c]);
      hdf5::Handle space(H5Screate_simple(1, &zero, &unlimited), H5Sclose);
      hdf5::Handle set(
          H5Dcreate2(s.group.get(), columns_[c].c_str(), text ? s.text_type.get() : H5T_NATIVE_DOUBLE,
                     space.get(), H5P_DEFAULT, dcpl.get(), H5P_DEFAULT),
          H5Dclose);
      if (!set.valid()) s.w.fail(columns_[c]);
      s.sets.push_back(std::move(set));
      s.text.push_back(text);
    }
  }
  const hsize_t n = static_cast<hsize_t>(rows_), one = 1, extent = n + 1;
  for (std::size_t c = 0; c < columns_.size(); ++c) {
    double number = 0;
    std::string cell(kTextWidth, '\0');
    if (s.text[c]) {
      const std::string* t = std::get_if<std::string>(&row[c]);
      if (!t)
        throw std::invalid_argument("TimeSeriesH5: column '" + columns_[c] + "' holds text, got a number");
      if (t->size() >= kTextWidth)
        throw std::invalid_argument("TimeSeriesH5: text in column '" + columns_[c] + "' longer than " +
                                    std::to_string(kTextWidth - 1) + " characters");
      cell.replace(0, t->size(), *t);
    } else if (const double* d = std::get_if<double>(&row[c])) {
      number = *d;
    } else if (const long long* i = std::get_if<long long>(&row[c])) {
      number = static_cast<double>(*i);
    } else {
      throw std::invalid_argument("TimeSeriesH5: column '" + columns_[c] + "' holds numbers, got text");
    }
    const hid_t set = s.sets[c].get();
    s.w.check(H5Dset_extent(set, &extent), columns_[c]);
    hdf5::Handle file_space(H5Dget_space(set), H5Sclose);
    hdf5::Handle memory_space(H5Screate_simple(1, &one, nullptr), H5Sclose);
    if (!file_space.valid() || !memory_space.valid()) s.w.fail(columns_[c]);
    s.w.check(H5Sselect_hyperslab(file_space.get(), H5S_SELECT_SET, &n, nullptr, &one, nullptr), columns_[c]);
    const void* value = s.text[c] ? static_cast<const void*>(cell.data()) : static_cast<const void*>(&number);
    s.w.check(H5Dwrite(set, s.text[c] ? s.text_type.get() : H5T_NATIVE_DOUBLE, memory_space.get(),
                       file_space.get(), H5P_DEFAULT, value),
              columns_[c]);
  }
  ++rows_;
}

void TimeSeriesH5::write() {
  std::string image;
  {
    const hdf5::QuietHdf5 quiet;
    State& s = *state_;
    if (H5Fflush(s.file.get(), H5F_SCOPE_GLOBAL) < 0) s.w.fail("flush");
    const ssize_t size = H5Fget_file_image(s.file.get(), nullptr, 0);
    if (size <= 0) s.w.fail("file image");
    image.assign(static_cast<size_t>(size), '\0');
    if (H5Fget_file_image(s.file.get(), image.data(), image.size()) != size) s.w.fail("file image");
  }
  write_file_atomically(path_, image);
  rows_written_ = rows_;
}

void TimeSeriesH5::refresh() {
  if (rows_written_ < 0 || (rows_ > rows_written_ && 4 * (rows_ - rows_written_) >= rows_written_)) write();
}

void write_timeseries_h5(const fs::path& csv, const fs::path& h5) {
  const CsvColumns t = read_csv_columns(csv);
  TimeSeriesH5 out(h5, t.names);
  for (const TimeSeriesRow& row : csv_rows(t)) out.append(row);
  out.write();
}

}  // namespace afsim::io
