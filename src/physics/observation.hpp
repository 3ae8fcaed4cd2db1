// What a run reports of itself (DESIGN.md §3a, §6): time-series columns and the lines of the metal
// inventory ledger. The driver and every physics module write into the same sinks, so the header and a
// row of timeseries.csv / .h5 come from one list (each column is named where its value is given), and the
// summary's ledger, the per-cycle metal and the ledger error come from one set of ledger lines.
#pragma once

#include <cmath>
#include <stdexcept>
#include <string>
#include <variant>
#include <vector>

namespace afsim {

using ColumnValue = std::variant<double, long long, std::string>;

// One row of the time series. A column's header is its name and its SI unit joined by '_' ("V_e" + "V" ->
// "V_e_V", "metal_dead" + "mol_m2"); a dimensionless column has no unit ("porosity").
class ColumnSink {
 public:
  struct Column {
    std::string header;
    ColumnValue value;
  };
  void add(const std::string& name, const std::string& unit, ColumnValue value) {
    columns_.push_back(Column{unit.empty() ? name : name + "_" + unit, std::move(value)});
  }
  void real(const std::string& name, const std::string& unit, double v) { add(name, unit, v); }
  void integer(const std::string& name, const std::string& unit, long long v) { add(name, unit, v); }
  void text(const std::string& name, std::string v) { add(name, "", std::move(v)); }

  const std::vector<Column>& columns() const { return columns_; }
  std::vector<std::string> headers() const {
    std::vector<std::string> h;
    for (const Column& c : columns_) h.push_back(c.header);
    return h;
  }
  std::vector<ColumnValue> values() const {
    std::vector<ColumnValue> v;
    for (const Column& c : columns_) v.push_back(c.value);
    return v;
  }
  // The value of the column with this header (std::out_of_range when there is none).
  const ColumnValue& at(const std::string& header) const {
    for (const Column& c : columns_)
      if (c.header == header) return c.value;
    throw std::out_of_range("no time-series column '" + header + "'");
  }

 private:
  std::vector<Column> columns_;
};

// Where the metal inventory is (MODELS §5 ledger; mol/m^2 of collector). Held lines are metal inside the
// cell (cathode, electrolyte salt, connected and dead metal, later SEI and alloy); inflow lines are metal
// that crossed the domain's boundary from outside (a reservoir top). Conservation: sum(held) - sum(inflow)
// equals the inventory at t = 0.
enum class LedgerRole { Held, Inflow };

// The part a line plays in the per-cycle metal (Protocol::observe_metal): connected metal, dead metal,
// or neither.
enum class MetalKind { None, Connected, Dead };

struct LedgerLine {
  std::string name;  // the time-series column and summary key is name + "_mol_m2"
  double mol_m2 = 0;
  LedgerRole role = LedgerRole::Held;
  MetalKind metal = MetalKind::None;
};

class LedgerSink {
 public:
  void held(const std::string& name, double mol_m2, MetalKind metal = MetalKind::None) {
    lines_.push_back(LedgerLine{name, mol_m2, LedgerRole::Held, metal});
  }
  void inflow(const std::string& name, double mol_m2) {
    lines_.push_back(LedgerLine{name, mol_m2, LedgerRole::Inflow, MetalKind::None});
  }
  const std::vector<LedgerLine>& lines() const { return lines_; }

  // sum(held) - sum(inflow), the held lines summed first in the order they were given.
  double inventory() const {
    double held = 0, inflow = 0;
    bool first = true;
    for (const LedgerLine& l : lines_) {
      if (l.role != LedgerRole::Held) continue;
      held = first ? l.mol_m2 : held + l.mol_m2;
      first = false;
    }
    for (const LedgerLine& l : lines_)
      if (l.role == LedgerRole::Inflow) inflow += l.mol_m2;
    return held - inflow;
  }
  // |inventory - initial| / initial.
  double error(double initial) const { return std::abs(inventory() - initial) / initial; }
  // The sum of the lines of one kind of metal.
  double metal(MetalKind kind) const {
    double s = 0;
    for (const LedgerLine& l : lines_)
      if (l.metal == kind) s += l.mol_m2;
    return s;
  }

 private:
  std::vector<LedgerLine> lines_;
};

// A module's reason to end the run now (the driver adds the time).
struct StopRequest {
  enum class Kind { Short, Cutoff } kind = Kind::Cutoff;
  std::string message;
};

}  // namespace afsim
