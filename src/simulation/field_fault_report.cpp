#include "simulation/field_fault_report.hpp"

#include <cmath>
#include <cstdio>

namespace afsim {

namespace {

const char* field_unit(const std::string& field) {
  if (field == "concentration") return " mol/m^3";
  if (field == "potential") return " V";
  return "";
}

}  // namespace

std::string describe_fault(const FieldFault& f, const Grid& g) {
  const char* unit = field_unit(f.field);
  std::string range;
  if (std::isfinite(f.lower) && std::isfinite(f.upper)) {
    range = "[" + format_number(f.lower) + ", " + format_number(f.upper) + "]";
  } else if (std::isfinite(f.lower)) {
    range = ">= " + format_number(f.lower) + unit;
  } else {
    range = "finite";
  }
  const auto um = [&](int n) { return format_number((n + 0.5) * g.h * 1e6) + " um"; };
  return f.field + " = " + format_number(f.value) + unit + " (admissible: " + range +
         ") in cell (i, j, k) = (" + std::to_string(f.i) + ", " + std::to_string(f.j) + ", " +
         std::to_string(f.k) + ") at x = " + um(f.i) + ", y = " + um(f.j) + ", z = " + um(f.k);
}

nlohmann::json fault_diagnosis(const FieldFault& f, const Grid& g, double time, long long step) {
  return {
      {"field", f.field},        {"value", f.value},
      {"cell", {f.i, f.j, f.k}}, {"position_m", {(f.i + 0.5) * g.h, (f.j + 0.5) * g.h, (f.k + 0.5) * g.h}},
      {"time_s", time},          {"step", step}};
}

std::string format_number(double v) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.6g", v);
  return buf;
}

}  // namespace afsim
