// `afsim cell`: the stack model of MODELS §9 on cell decks, loading/thickness sweeps, and the coupling to a
// finished run (`--from RUN_DIR`, MODELS (9.4)).
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>

#include "app/commands.hpp"
#include "cell/cell_report.hpp"
#include "cell/run_coupling.hpp"
#include "cell/stack_model.hpp"
#include "cell/sweep_spec.hpp"
#include "config/cell_deck.hpp"
#include "io/atomic_file.hpp"
#include "io/summary.hpp"

namespace afsim::app {

namespace {

namespace fs = std::filesystem;
using nlohmann::json;

std::string stem(const std::string& path) {
  return fs::path(path).stem().string();
}

// "case5" from "case5_af_cu8.yaml"; the stem otherwise.
std::string case_label(const std::string& path) {
  const std::string s = stem(path);
  const auto us = s.find('_');
  return s.rfind("case", 0) == 0 && us != std::string::npos ? s.substr(0, us) : s;
}

json inputs_json(const config::CellDeck& deck) {
  return {
      {"deck", deck.source},
      {"metal", deck.cell.metal.name},
      {"electrolyte", deck.cell.electrolyte.name},
      {"cathode", {{"material", deck.cell.cathode.props.name}, {"loading_C_m2", deck.cell.cathode.loading}}},
      {"stack", cell::stack_echo_json(deck)},
      {"warnings", deck.warnings}};
}

void print_warnings(const config::CellDeck& deck) {
  for (const auto& w : deck.warnings)
    std::fprintf(stderr, "%s: warning: %s\n", deck.source.c_str(), w.c_str());
}

void write_outputs(const fs::path& dir, const json& j, const cell::StackResult& r) {
  fs::create_directories(dir);
  io::write_json_atomically(dir / "cell.json", j);
  io::write_file_atomically(dir / "cell.csv", cell::components_csv(r));
}

int single(const std::string& deck_path, const CellArgs& a, const fs::path& dir) {
  const config::CellDeck deck = config::load_cell_deck(deck_path, a.overrides);
  print_warnings(deck);
  const cell::StackResult r = cell::compute_stack(deck.cell, deck.stack);
  json j = cell::result_json(r);
  j["afsim_version"] = AFSIM_VERSION;
  j["inputs"] = inputs_json(deck);
  write_outputs(dir, j, r);
  std::printf("%s", cell::text_summary(deck_path, r).c_str());
  std::printf("  wrote %s and %s\n", (dir / "cell.json").c_str(), (dir / "cell.csv").c_str());
  return kExitOk;
}

// Every combination of the axes' values (odometer order, last axis fastest).
void for_each_point(const std::vector<cell::SweepAxis>& axes, std::size_t k, std::vector<double>& point,
                    const std::function<void(const std::vector<double>&)>& f) {
  if (k == axes.size()) return f(point);
  for (double v : axes[k].values) {
    point[k] = v;
    for_each_point(axes, k + 1, point, f);
  }
}

int sweep(const CellArgs& a, const fs::path& dir) {
  std::vector<cell::SweepAxis> axes;
  for (const auto& s : a.sweeps) axes.push_back(cell::parse_sweep(s));
  std::vector<std::string> label_names = {"deck", "case", "anode"};
  for (const auto& ax : axes) label_names.push_back(ax.name + (ax.unit.empty() ? "" : "_" + ax.unit));
  std::string csv = cell::sweep_csv_header(label_names);
  std::size_t rows = 0;
  for (const auto& deck_path : a.decks) {
    const config::CellDeck base = config::load_cell_deck(deck_path, a.overrides);
    print_warnings(base);
    const bool foil = base.stack.anode == config::AnodeKind::Foil;
    const char* anode = base.stack.anode == config::AnodeKind::Graphite ? "graphite"
                        : foil                                          ? "foil"
                                                                        : "anode_free";
    std::vector<cell::SweepAxis> used = axes;
    for (auto& ax : used)
      if (ax.foil_only && !foil) ax.values = {0.0};  // evaluated once; the column reads 0 (no foil)
    std::vector<double> point(used.size());
    for_each_point(used, 0, point, [&](const std::vector<double>& p) {
      std::vector<std::string> ov = a.overrides;
      std::vector<std::string> labels = {deck_path, case_label(deck_path), anode};
      for (std::size_t k = 0; k < used.size(); ++k) {
        char buf[32];
        std::snprintf(buf, sizeof buf, "%.10g", p[k]);
        labels.push_back(buf);
        if (!(used[k].foil_only && !foil)) ov.push_back(used[k].override_for(p[k]));
      }
      const config::CellDeck deck = config::load_cell_deck(deck_path, ov);
      csv += cell::sweep_csv_row(labels, cell::compute_stack(deck.cell, deck.stack));
      ++rows;
    });
  }
  fs::create_directories(dir);
  io::write_file_atomically(dir / "cell_sweep.csv", csv);
  std::printf("afsim cell: %zu stacks from %zu deck(s); wrote %s\n", rows, a.decks.size(),
              (dir / "cell_sweep.csv").c_str());
  return kExitOk;
}

int from_run(const CellArgs& a, const fs::path& dir) {
  const fs::path run(a.from);
  const fs::path summary_path = run / "summary.json";
  std::ifstream in(summary_path);
  if (!in) {
    std::fprintf(stderr, "%s: no summary.json (is this an afsim run directory?)\n", a.from.c_str());
    return kExitBadInput;
  }
  json summary;
  try {
    summary = json::parse(in);
  } catch (const json::exception& e) {
    std::fprintf(stderr, "%s: not valid JSON: %s\n", summary_path.c_str(), e.what());
    return kExitBadInput;
  }
  const config::CellDeck deck =
      a.decks.empty()
          ? config::parse_cell_deck(cell::cell_deck_from_summary(summary), summary_path.string(), a.overrides)
          : config::load_cell_deck(a.decks.front(), a.overrides);
  print_warnings(deck);
  const fs::path frame = cell::last_frame(run);
  if (frame.empty()) {
    std::fprintf(stderr, "%s: no fields/step_*.vti frame with metal_fraction to measure\n", a.from.c_str());
    return kExitBadInput;
  }
  const cell::DepositMorphology m = cell::measure_deposit(frame);

  config::StackConfig dense_stack = deck.stack;
  dense_stack.deposit_porosity = 0;
  config::StackConfig sim_stack = deck.stack;
  sim_stack.deposit_porosity = std::min(m.porosity, 0.99);
  // Ū from the run's own discharge curve when it has one (MODELS (9.1)); else the OCV table's mean.
  const double u_sim = cell::simulated_mean_discharge_voltage(run / "timeseries.csv");
  const double u_bar = std::isfinite(u_sim) ? u_sim : 0.0;
  const cell::StackResult dense = cell::compute_stack(deck.cell, dense_stack, u_bar);
  const cell::StackResult sim = cell::compute_stack(deck.cell, sim_stack, u_bar);

  json j = cell::result_json(sim);
  j["afsim_version"] = AFSIM_VERSION;
  j["source_run"] = a.from;
  j["deposit"] = {
      {"frame", m.frame},
      {"dense_equivalent_thickness_m", m.dense_m},
      {"envelope_thickness_m", m.envelope_m},
      {"porosity", m.porosity},
      {"columns", m.columns},
      {"note", "the cell's plated metal (9.2) is given the run's porosity: envelope = dense / (1 - p)"}};
  j["dense_equivalent"] = cell::result_json(dense);
  j["mean_voltage_source"] =
      std::isfinite(u_sim) ? "simulated discharge (timeseries.csv)" : "cathode OCV table";
  // Energy at cycle N from the inventory loss of each cycle: anode-free, no reservoir, Q_N = Q_0 Π CE_k.
  json cycles = json::array();
  double q = sim.areal_capacity_C_m2;
  for (const auto& c : cell::cycles_with_discharge(summary)) {
    q *= c.ce;
    const double e = q * sim.mean_voltage_V;
    cycles.push_back({{"cycle", c.cycle},
                      {"ce", c.ce},
                      {"capacity_C_m2", q},
                      {"energy_Wh_m2", e / 3600.0},
                      {"gravimetric_Wh_kg", e / sim.mass_kg_m2 / 3600.0},
                      {"volumetric_Wh_L", e / sim.thickness_m / 3.6e6}});
  }
  j["energy_vs_cycle"] = cycles;
  j["inputs"] = inputs_json(deck);
  write_outputs(dir, j, sim);
  std::printf("%s", cell::text_summary(a.from + " (simulated deposit)", sim).c_str());
  std::printf("  deposit: dense %.4g um, envelope %.4g um, porosity %.3f (%s)\n", m.dense_m * 1e6,
              m.envelope_m * 1e6, m.porosity, frame.filename().c_str());
  std::printf("  dense equivalent: %.1f Wh/kg, %.1f Wh/L\n", dense.gravimetric_Wh_kg(),
              dense.volumetric_Wh_L());
  if (!cycles.empty())
    std::printf("  after %zu cycle(s) with discharge data: %.1f Wh/kg\n", cycles.size(),
                cycles.back()["gravimetric_Wh_kg"].get<double>());
  std::printf("  wrote %s and %s\n", (dir / "cell.json").c_str(), (dir / "cell.csv").c_str());
  return kExitOk;
}

}  // namespace

int command_cell(const CellArgs& a) {
  try {
    if (!a.from.empty()) {
      if (a.decks.size() > 1 || !a.sweeps.empty()) {
        std::fprintf(stderr, "afsim cell --from takes at most one deck and no --sweep\n");
        return kExitBadInput;
      }
      return from_run(a, a.output.empty() ? fs::path(a.from) : fs::path(a.output));
    }
    if (a.decks.empty()) {
      std::fprintf(stderr, "afsim cell: give a cell deck (or --from RUN_DIR)\n");
      return kExitBadInput;
    }
    if (!a.sweeps.empty())
      return sweep(a, a.output.empty() ? fs::path("out/cell_sweep") : fs::path(a.output));
    if (a.decks.size() == 1)
      return single(a.decks.front(), a,
                    a.output.empty() ? fs::path("out/cell") / stem(a.decks.front()) : fs::path(a.output));
    for (const auto& d : a.decks) {
      const fs::path dir = (a.output.empty() ? fs::path("out/cell") : fs::path(a.output)) / stem(d);
      if (const int rc = single(d, a, dir); rc != kExitOk) return rc;
    }
    return kExitOk;
  } catch (const config::DeckError& e) {
    std::fprintf(stderr, "%s\n", e.what());
    return kExitBadInput;
  } catch (const cell::SweepError& e) {
    std::fprintf(stderr, "%s\n", e.what());
    return kExitBadInput;
  } catch (const io::IoError& e) {
    std::fprintf(stderr, "afsim: %s\n", e.what());
    return kExitRunFailed;
  } catch (const std::invalid_argument& e) {
    std::fprintf(stderr, "afsim cell: %s\n", e.what());
    return kExitBadInput;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "afsim cell: %s\n", e.what());
    return kExitRunFailed;
  }
}

}  // namespace afsim::app
