// Reads a run's timeseries.csv into named columns, so tests can check physics row by row.
#pragma once

#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace afsim::test {

class CsvTable {
 public:
  explicit CsvTable(const std::string& path) {
    std::ifstream in(path);
    if (!in) throw std::runtime_error("cannot open " + path);
    std::string line;
    std::getline(in, line);
    header_ = split(line);
    while (std::getline(in, line))
      if (!line.empty()) rows_.push_back(split(line));
  }

  size_t rows() const { return rows_.size(); }

  // The column `name` as numbers; throws when the column does not exist.
  std::vector<double> column(const std::string& name) const {
    const size_t k = index(name);
    std::vector<double> v;
    for (const auto& r : rows_) v.push_back(std::stod(r.at(k)));
    return v;
  }
  std::vector<std::string> text(const std::string& name) const {
    const size_t k = index(name);
    std::vector<std::string> v;
    for (const auto& r : rows_) v.push_back(r.at(k));
    return v;
  }

 private:
  static std::vector<std::string> split(const std::string& line) {
    std::vector<std::string> out;
    std::stringstream ss(line);
    for (std::string cell; std::getline(ss, cell, ',');) out.push_back(cell);
    return out;
  }
  size_t index(const std::string& name) const {
    for (size_t k = 0; k < header_.size(); ++k)
      if (header_[k] == name) return k;
    throw std::runtime_error("no column " + name);
  }
  std::vector<std::string> header_;
  std::vector<std::vector<std::string>> rows_;
};

}  // namespace afsim::test
