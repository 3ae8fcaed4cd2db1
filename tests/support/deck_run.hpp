// Runs a deck in-process (CPU backend) into a temporary directory and keeps what the validation tests
// read: the configuration, the time series and summary.json; the directory is removed afterwards.
#pragma once

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "config/config.hpp"
#include "core/constants.hpp"
#include "csv_table.hpp"
#include "simulation/run.hpp"

namespace afsim::test {

struct DeckRun {
  config::Config cfg;
  std::unique_ptr<CsvTable> series;
  nlohmann::json summary;
  double nF() const { return cfg.cell.metal.charge_number * constants::faraday; }
};

// `tag` names the temporary directory (unique per process and tag).
inline DeckRun run_deck(const config::Config& cfg, const std::string& tag) {
  DeckRun r;
  r.cfg = cfg;
  const std::filesystem::path dir =
      std::filesystem::temp_directory_path() / ("afsim_deck_" + std::to_string(::getpid()) + "_" + tag);
  std::filesystem::remove_all(dir);
  RunOptions opt;
  opt.output = dir.string();
  opt.device = "cpu";
  opt.log = nullptr;
  run_simulation(r.cfg, opt);
  r.series = std::make_unique<CsvTable>((dir / "timeseries.csv").string());
  std::ifstream in(dir / "summary.json");
  r.summary = nlohmann::json::parse(in);
  std::filesystem::remove_all(dir);
  return r;
}

}  // namespace afsim::test
