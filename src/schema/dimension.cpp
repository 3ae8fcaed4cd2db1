// Dimensions (src/schema/units.hpp): their algebra, their SI units and key suffixes, and the names of the
// dimensions decks and material files use.
#include <string>
#include <vector>

#include "schema/units.hpp"

namespace afsim::schema {

// ---- Dimension ----------------------------------------------------------------------------------

Dimension Dimension::operator*(const Dimension& o) const {
  Dimension r;
  for (std::size_t i = 0; i < exponent.size(); ++i) r.exponent[i] = exponent[i] + o.exponent[i];
  return r;
}

Dimension Dimension::operator/(const Dimension& o) const {
  Dimension r;
  for (std::size_t i = 0; i < exponent.size(); ++i) r.exponent[i] = exponent[i] - o.exponent[i];
  return r;
}

Dimension Dimension::pow(int p) const {
  Dimension r;
  for (std::size_t i = 0; i < exponent.size(); ++i) r.exponent[i] = exponent[i] * p;
  return r;
}

namespace {

constexpr const char* kBaseSymbol[6] = {"m", "kg", "s", "A", "K", "mol"};

struct NamedDimension {
  Dimension dimension;
  const char* name;
  const char* example;  // empty: no example (only used to describe what was given)
  const char* suffix;   // key suffix for the SI echo
};

const std::vector<NamedDimension>& named_dimensions() {
  static const std::vector<NamedDimension> table = {
      {dim::none, "plain number", "0.5", ""},
      {dim::length, "length", "50 nm", "m"},
      {dim::time, "time", "10 min", "s"},
      {dim::temperature, "temperature", "25 degC", "K"},
      {dim::current_density, "current density", "1 mA/cm2", "A_m2"},
      {dim::areal_capacity, "areal capacity", "3 mAh/cm2", "C_m2"},
      {dim::specific_capacity, "specific capacity", "175 mAh/g", "C_kg"},
      {dim::pressure, "pressure", "2 MPa", "Pa"},
      {dim::concentration, "concentration", "1 M", "mol_m3"},
      {dim::conductivity, "conductivity", "1.18 S/m", "S_m"},
      {dim::diffusivity, "diffusivity", "2.9e-10 m2/s", "m2_s"},
      {dim::areal_density, "areal density", "1e8 1/cm2", "per_m2"},
      {dim::voltage, "voltage", "4.3 V", "V"},
      {dim::mass_density, "density", "0.534 g/cm3", "kg_m3"},
      {dim::molar_mass, "molar mass", "6.941 g/mol", "kg_mol"},
      {dim::molar_volume, "molar volume", "13 cm3/mol", "m3_mol"},
      {dim::surface_energy, "surface energy", "0.5 J/m2", "J_m2"},
      {dim::area_resistance, "area-specific resistance", "10 ohm cm2", "ohm_m2"},
      {dim::rate, "rate", "1e-3 1/s", "per_s"},
      {dim::interface_mobility, "interface mobility", "2.5e-6 m3/(J s)", "m3_J_s"},
      {dim::molar_energy, "molar energy", "37 kJ/mol", "J_mol"},
      {dim::make(0, 0, 0, 1, 0, 0), "current", "", "A"},
      {dim::make(0, 0, 1, 1, 0, 0), "charge", "", "C"},
      {dim::make(2, 0, 0, 0, 0, 0), "area", "", "m2"},
      {dim::make(3, 0, 0, 0, 0, 0), "volume", "", "m3"},
      {dim::make(0, 1, 0, 0, 0, 0), "mass", "", "kg"},
      {dim::make(0, 0, 0, 0, 0, 1), "amount of substance", "", "mol"},
      {dim::make(2, 1, -2, 0, 0, 0), "energy", "", "J"},
      {dim::make(2, 1, -3, -2, 0, 0), "resistance", "", "ohm"},
      {dim::make(-2, -1, 3, 2, 0, 0), "conductance", "", "S"},
      {dim::make(1, 1, -2, 0, 0, 0), "force", "", "N"},
  };
  return table;
}

const NamedDimension* find_named(const Dimension& d) {
  for (const auto& n : named_dimensions())
    if (n.dimension == d) return &n;
  return nullptr;
}

}  // namespace

std::string Dimension::si_unit() const {
  std::string out;
  for (std::size_t i = 0; i < exponent.size(); ++i) {
    if (exponent[i] == 0) continue;
    if (!out.empty()) out += ' ';
    out += kBaseSymbol[i];
    if (exponent[i] != 1) out += "^" + std::to_string(exponent[i]);
  }
  return out.empty() ? "1" : out;
}

std::string Dimension::key_suffix() const {
  if (const auto* n = find_named(*this)) return n->suffix;
  std::string out;
  for (std::size_t i = 0; i < exponent.size(); ++i) {
    if (exponent[i] == 0) continue;
    if (!out.empty()) out += '_';
    out += kBaseSymbol[i];
    if (exponent[i] != 1) out += std::to_string(exponent[i]);
  }
  return out;
}

std::string dimension_name(const Dimension& d) {
  if (const auto* n = find_named(d)) return n->name;
  return "quantity in " + d.si_unit();
}

std::string describe(const Dimension& d) {
  const auto* n = find_named(d);
  if (n == nullptr) return "quantity in " + d.si_unit();
  if (*n->example == '\0') return n->name;
  return std::string(n->name) + " such as \"" + n->example + "\"";
}

}  // namespace afsim::schema
