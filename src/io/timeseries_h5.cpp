#include "io/timeseries_h5.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>

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

void write_timeseries_h5(const fs::path& csv, const fs::path& h5) {
  const CsvColumns t = read_csv_columns(csv);
  std::string image;
  {
    const hdf5::QuietHdf5 quiet;
    const hdf5::Writer w(h5, "time series");
    hdf5::Handle file = hdf5::memory_file(w, h5);
    std::string order;
    for (const auto& n : t.names) order += (order.empty() ? "" : ",") + n;
    w.string_attribute(file.get(), "columns", order);
    w.string_attribute(file.get(), "source", "timeseries.csv");
    const long long rows = t.cells.empty() ? 0 : static_cast<long long>(t.cells[0].size());
    w.scalar_attribute(file.get(), "rows", H5T_NATIVE_LLONG, rows);
    hdf5::Handle group = w.group(file.get(), "timeseries");
    for (std::size_t c = 0; c < t.names.size(); ++c) {
      const std::vector<std::string>& cells = t.cells[c];
      std::vector<double> numbers(cells.size());
      bool numeric = true;
      for (std::size_t r = 0; r < cells.size() && numeric; ++r) numeric = parse_number(cells[r], numbers[r]);
      if (numeric) {
        w.dataset(group.get(), t.names[c], H5T_NATIVE_DOUBLE, numbers.data(), {hsize_t(cells.size())});
        continue;
      }
      std::size_t width = 1;  // the longest text and its terminating null (C readers rely on it)
      for (const auto& s : cells) width = std::max(width, s.size() + 1);
      std::string packed(width * cells.size(), '\0');
      for (std::size_t r = 0; r < cells.size(); ++r) packed.replace(r * width, cells[r].size(), cells[r]);
      hdf5::Handle type(H5Tcopy(H5T_C_S1), H5Tclose);
      if (!type.valid()) w.fail(t.names[c]);
      w.check(H5Tset_size(type.get(), width), t.names[c]);
      w.dataset(group.get(), t.names[c], type.get(), packed.data(), {hsize_t(cells.size())});
    }
    group.reset();
    image = hdf5::file_image(w, file);
  }
  write_file_atomically(h5, image);
}

}  // namespace afsim::io
