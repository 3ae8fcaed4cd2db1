#include "io/timeseries.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <set>
#include <sstream>
#include <stdexcept>
#include <system_error>

#include "io/atomic_file.hpp"

namespace afsim::io {

namespace fs = std::filesystem;

namespace {

std::string format_double(double v) {
  if (std::isnan(v)) return "nan";
  if (std::isinf(v)) return v > 0 ? "inf" : "-inf";
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.17g", v);
  return buf;
}

std::string quote_if_needed(const std::string& s) {
  const bool needs = s.find_first_of(",\"\r\n") != std::string::npos ||
                     (!s.empty() && (s.front() == ' ' || s.back() == ' '));
  if (!needs) return s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

std::string read_whole(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) throw_io_error("cannot read", p, errno ? errno : EIO);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace

std::string csv_line(const TimeSeriesRow& values) {
  std::string line;
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (i) line += ',';
    const TimeSeriesValue& v = values[i];
    if (const double* d = std::get_if<double>(&v)) {
      line += format_double(*d);
    } else if (const long long* n = std::get_if<long long>(&v)) {
      line += std::to_string(*n);
    } else {
      line += quote_if_needed(std::get<std::string>(v));
    }
  }
  line += '\n';
  return line;
}

std::string csv_header(const std::vector<std::string>& columns) {
  TimeSeriesRow row(columns.begin(), columns.end());
  return csv_line(row);
}

TimeSeriesWriter::TimeSeriesWriter(fs::path path, std::vector<std::string> columns)
    : TimeSeriesWriter(std::move(path), std::move(columns), Options{}) {}

TimeSeriesWriter::TimeSeriesWriter(fs::path path, std::vector<std::string> columns, Options options)
    : path_(std::move(path)), columns_(std::move(columns)), options_(options) {
  if (columns_.empty()) throw std::invalid_argument("TimeSeriesWriter: no columns");
  std::set<std::string> seen;
  for (const auto& c : columns_) {
    if (c.empty()) throw std::invalid_argument("TimeSeriesWriter: a column has an empty name");
    if (!seen.insert(c).second)
      throw std::invalid_argument("TimeSeriesWriter: column '" + c + "' given twice");
  }
  const std::string header = csv_header(columns_);

  std::error_code ec;
  if (options_.mode == OpenMode::resume && fs::exists(path_, ec)) {
    std::string text = read_whole(path_);
    const std::size_t header_end = text.find('\n');
    if (header_end == std::string::npos || text.compare(0, header_end + 1, header) != 0) {
      throw IoError("cannot resume time series '" + path_.string() +
                    "': its header differs from the columns " + header.substr(0, header.size() - 1));
    }
    if (text.back() != '\n') {  // killed mid-row: drop the partial line
      text.erase(text.rfind('\n') + 1);
      write_file_atomically(path_, text);
    }
  } else {
    write_file_atomically(path_, header);
  }
  fd_ = ::open(path_.c_str(), O_WRONLY | O_APPEND | O_CLOEXEC);
  if (fd_ < 0) throw_io_error("cannot open time series", path_, errno);
}

TimeSeriesWriter::~TimeSeriesWriter() {
  if (fd_ >= 0) ::close(fd_);
}

TimeSeriesWriter::TimeSeriesWriter(TimeSeriesWriter&& other) noexcept
    : path_(std::move(other.path_)),
      columns_(std::move(other.columns_)),
      options_(other.options_),
      fd_(other.fd_) {
  other.fd_ = -1;
}

TimeSeriesWriter& TimeSeriesWriter::operator=(TimeSeriesWriter&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) ::close(fd_);
    path_ = std::move(other.path_);
    columns_ = std::move(other.columns_);
    options_ = other.options_;
    fd_ = other.fd_;
    other.fd_ = -1;
  }
  return *this;
}

void TimeSeriesWriter::append(const TimeSeriesRow& row) {
  if (row.size() != columns_.size()) {
    throw std::invalid_argument("TimeSeriesWriter: row has " + std::to_string(row.size()) + " values, " +
                                std::to_string(columns_.size()) + " columns expected");
  }
  write_line(csv_line(row));
}

void TimeSeriesWriter::append(const std::vector<double>& row) {
  append(TimeSeriesRow(row.begin(), row.end()));
}

void TimeSeriesWriter::write_line(const std::string& line) {
  if (fd_ < 0) throw IoError("time series '" + path_.string() + "' is not open");
  const char* p = line.data();
  std::size_t left = line.size();
  while (left > 0) {
    const ssize_t n = ::write(fd_, p, left);
    if (n < 0) {
      if (errno == EINTR) continue;
      throw_io_error("cannot append to time series", path_, errno);
    }
    p += n;
    left -= static_cast<std::size_t>(n);
  }
  if (options_.fsync_each_row && ::fsync(fd_) != 0) throw_io_error("cannot fsync time series", path_, errno);
}

void drop_rows_after(const fs::path& path, double time_s) {
  std::error_code ec;
  if (!fs::exists(path, ec)) return;
  const std::string text = read_whole(path);
  std::size_t end = text.find('\n');
  if (end == std::string::npos) return;  // no complete header: nothing to keep or drop
  std::size_t keep = end + 1;
  while (keep < text.size()) {
    end = text.find('\n', keep);
    if (end == std::string::npos) break;  // partial last line
    const char* begin = text.c_str() + keep;
    char* stop = nullptr;
    const double t = std::strtod(begin, &stop);
    if (stop == begin || t > time_s) break;
    keep = end + 1;
  }
  if (keep != text.size()) write_file_atomically(path, text.substr(0, keep));
}

}  // namespace afsim::io
