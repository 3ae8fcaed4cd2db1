#include "cell/run_coupling.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "io/vti_reader.hpp"

namespace afsim::cell {

namespace fs = std::filesystem;

DepositMorphology measure_deposit(const fs::path& vti) {
  io::ImageGeometry g;
  const std::vector<double> xi = io::read_vti_cell_array(vti, "metal_fraction", g);
  DepositMorphology d;
  d.frame = vti.string();
  d.columns = static_cast<long long>(g.nx) * g.nz;
  const double h = g.spacing;
  double dense = 0, envelope = 0;
  for (int k = 0; k < g.nz; ++k) {
    for (int i = 0; i < g.nx; ++i) {
      int top = -1;
      for (int j = 0; j < g.ny; ++j) {
        const double v = xi[static_cast<std::size_t>(i) + static_cast<std::size_t>(g.nx) * (j + g.ny * k)];
        dense += std::clamp(v, 0.0, 1.0) * h;
        if (v > 0.5) top = j;
      }
      envelope += (top + 1) * h;
    }
  }
  d.dense_m = dense / static_cast<double>(d.columns);
  d.envelope_m = envelope / static_cast<double>(d.columns);
  d.porosity = d.envelope_m > 0 ? std::max(0.0, 1.0 - d.dense_m / d.envelope_m) : 0.0;
  return d;
}

fs::path last_frame(const fs::path& run_dir) {
  fs::path best;
  long long best_step = -1;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(run_dir / "fields", ec)) {
    const std::string n = e.path().filename().string();
    if (n.rfind("step_", 0) != 0 || e.path().extension() != ".vti") continue;
    const std::string digits = n.substr(5, n.size() - 9);
    if (digits.empty() || !std::all_of(digits.begin(), digits.end(), ::isdigit)) continue;
    const long long s = std::stoll(digits);
    if (s > best_step) {
      best_step = s;
      best = e.path();
    }
  }
  return best;
}

std::vector<CycleRecord> cycles_with_discharge(const nlohmann::json& summary) {
  std::vector<CycleRecord> out;
  if (!summary.contains("cycles") || !summary["cycles"].is_array()) return out;
  int n = 0;
  for (const auto& c : summary["cycles"]) {
    ++n;
    const double in = c.value("charge_in_C_m2", 0.0);
    const double outq = c.value("charge_out_C_m2", 0.0);
    if (!(outq > 0) || !(in > 0)) continue;
    const double ce = c.contains("ce") && c["ce"].is_number() ? c["ce"].get<double>() : outq / in;
    out.push_back({n, in, outq, ce});
  }
  return out;
}

namespace {

std::vector<std::string> split_csv(const std::string& line) {
  std::vector<std::string> out;
  std::string cell;
  bool quoted = false;
  for (char ch : line) {
    if (ch == '"') {
      quoted = !quoted;
    } else if (ch == ',' && !quoted) {
      out.push_back(cell);
      cell.clear();
    } else if (ch != '\r') {
      cell += ch;
    }
  }
  out.push_back(cell);
  return out;
}

}  // namespace

double simulated_mean_discharge_voltage(const fs::path& csv) {
  std::ifstream in(csv);
  std::string line;
  if (!in || !std::getline(in, line)) return std::nan("");
  const std::vector<std::string> head = split_csv(line);
  auto column = [&](const char* name) {
    const auto it = std::find(head.begin(), head.end(), name);
    return it == head.end() ? -1 : static_cast<int>(it - head.begin());
  };
  const int kind = column("step_kind"), charge = column("charge_C_m2"), volt = column("V_cell_V");
  if (kind < 0 || charge < 0 || volt < 0) return std::nan("");
  double weighted = 0, passed = 0;
  bool have_previous = false;
  double q_prev = 0, v_prev = 0;
  while (std::getline(in, line)) {
    const std::vector<std::string> row = split_csv(line);
    if (static_cast<int>(row.size()) != static_cast<int>(head.size())) continue;  // a torn last line
    if (row[static_cast<size_t>(kind)] != "discharge") {
      have_previous = false;  // only consecutive discharge rows bound an interval
      continue;
    }
    const double q = std::strtod(row[static_cast<size_t>(charge)].c_str(), nullptr);
    const double v = std::strtod(row[static_cast<size_t>(volt)].c_str(), nullptr);
    if (have_previous) {
      const double dq = std::abs(q - q_prev);
      weighted += 0.5 * (v + v_prev) * dq;
      passed += dq;
    }
    have_previous = true;
    q_prev = q;
    v_prev = v;
  }
  return passed > 0 ? weighted / passed : std::nan("");
}

namespace {

std::string si(double v, const char* unit) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.12g %s", v, unit);
  return buf;
}

}  // namespace

std::string cell_deck_from_summary(const nlohmann::json& summary) {
  try {
    const auto& c = summary.at("deck").at("cell");
    std::string y = "cell:\n";
    y += "  metal: " + c.at("metal").at("name").get<std::string>() + "\n";
    y += "  electrolyte: " + c.at("electrolyte").at("name").get<std::string>() + "\n";
    y += "  collector: " + c.at("collector").at("name").get<std::string>() + "\n";
    if (c.contains("interlayer") && c["interlayer"].is_object())
      y += "  interlayer: {material: " + c["interlayer"].at("material").get<std::string>() +
           ", thickness: \"" + si(c["interlayer"].at("thickness_m").get<double>(), "m") + "\"}\n";
    y += "  cathode: {material: " + c.at("cathode").at("material").get<std::string>() + ", loading: \"" +
         si(c.at("cathode").at("loading_C_m2").get<double>(), "C/m2") + "\"}\n";
    return y;
  } catch (const nlohmann::json::exception& e) {
    throw std::invalid_argument(std::string("summary.json has no usable deck.cell echo: ") + e.what());
  }
}

}  // namespace afsim::cell
