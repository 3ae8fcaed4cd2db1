// Quantities with units, as written in decks and material files ("50 nm", "1 mA/cm2", "25 degC"), turned
// into SI values with a dimension check (DESIGN.md §5). A dimension is the vector of exponents of the SI
// base units (m, kg, s, A, K, mol), so compound units compose: mAh/cm2 = (A s) m^-2.
#pragma once

#include <array>
#include <stdexcept>
#include <string>

namespace afsim::schema {

struct Dimension {
  std::array<int, 6> exponent{};  // powers of m, kg, s, A, K, mol

  friend bool operator==(const Dimension& a, const Dimension& b) { return a.exponent == b.exponent; }
  friend bool operator!=(const Dimension& a, const Dimension& b) { return !(a == b); }
  Dimension operator*(const Dimension& o) const;
  Dimension operator/(const Dimension& o) const;
  Dimension pow(int p) const;
  bool dimensionless() const { return *this == Dimension{}; }
  // The SI unit spelled out, e.g. "m^2 s^-1"; "1" when dimensionless.
  std::string si_unit() const;
  // The SI unit in a form usable as a key suffix, e.g. "m2_s" for m^2/s, "C_m2" for A s/m^2 (as used in
  // summary.json and timeseries headers). Charge and voltage-like compositions use C, V, S, Pa, J, K.
  std::string key_suffix() const;
};

// Named dimensions used by decks and material files.
namespace dim {
constexpr Dimension make(int m, int kg, int s, int A, int K, int mol) {
  return Dimension{{m, kg, s, A, K, mol}};
}
inline constexpr Dimension none = make(0, 0, 0, 0, 0, 0);
inline constexpr Dimension length = make(1, 0, 0, 0, 0, 0);
inline constexpr Dimension time = make(0, 0, 1, 0, 0, 0);
inline constexpr Dimension temperature = make(0, 0, 0, 0, 1, 0);
inline constexpr Dimension current_density = make(-2, 0, 0, 1, 0, 0);     // A/m^2
inline constexpr Dimension areal_capacity = make(-2, 0, 1, 1, 0, 0);      // C/m^2
inline constexpr Dimension specific_capacity = make(0, -1, 1, 1, 0, 0);   // C/kg
inline constexpr Dimension pressure = make(-1, 1, -2, 0, 0, 0);           // Pa
inline constexpr Dimension concentration = make(-3, 0, 0, 0, 0, 1);       // mol/m^3
inline constexpr Dimension conductivity = make(-3, -1, 3, 2, 0, 0);       // S/m
inline constexpr Dimension diffusivity = make(2, 0, -1, 0, 0, 0);         // m^2/s
inline constexpr Dimension areal_density = make(-2, 0, 0, 0, 0, 0);       // 1/m^2
inline constexpr Dimension voltage = make(2, 1, -3, -1, 0, 0);            // V
inline constexpr Dimension mass_density = make(-3, 1, 0, 0, 0, 0);        // kg/m^3
inline constexpr Dimension molar_mass = make(0, 1, 0, 0, 0, -1);          // kg/mol
inline constexpr Dimension molar_volume = make(3, 0, 0, 0, 0, -1);        // m^3/mol
inline constexpr Dimension surface_energy = make(0, 1, -2, 0, 0, 0);      // J/m^2
inline constexpr Dimension area_resistance = make(4, 1, -3, -2, 0, 0);    // Ohm m^2
inline constexpr Dimension rate = make(0, 0, -1, 0, 0, 0);                // 1/s
inline constexpr Dimension interface_mobility = make(1, -1, 1, 0, 0, 0);  // m^3/(J s) = m kg^-1 s
inline constexpr Dimension energy_per_volume = make(-1, 1, -2, 0, 0, 0);  // J/m^3 (= Pa)
inline constexpr Dimension molar_energy = make(2, 1, -2, 0, 0, -1);       // J/mol
inline constexpr Dimension angle = none;  // radians ("45 deg" and "0.79 rad" read as plain numbers)
}  // namespace dim

// What a value of this dimension looks like, for messages: "length such as \"50 nm\"". Dimensions
// without a name read "quantity in m^2 s^-1".
std::string describe(const Dimension& d);
// Short name ("length", "current density"), or the SI unit when the dimension has no name.
std::string dimension_name(const Dimension& d);
// "a length", "an areal capacity".
std::string with_article(const std::string& noun);

struct UnitError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct Quantity {
  double value = 0;  // SI
  Dimension dimension;
};

// Parses "<number> [unit]" into SI. Units: products and quotients of symbols with optional integer
// powers ("m2/s", "m^2/s", "ohm cm2", "Ohm*cm2", "m3/(J s)", "1/cm2", "mAh/g"), SI prefixes p n u µ m c k
// M G on the units that take them, h, min, s, degC (affine, only alone), K, % (0.01), deg and rad (angles
// as plain numbers in radians, only alone), M (mol/L). A plain
// number is dimensionless. Throws UnitError with a message naming the text; NaN, Inf, values beyond the
// range of a double, empty and garbage texts are rejected.
Quantity parse_quantity(const std::string& text);

// parse_quantity plus a dimension check. On failure: when `error` is given, sets it to a message of the
// form `expected a length such as "50 nm", got "50 mA"` and returns NaN; otherwise throws UnitError with
// that message.
double to_si(const std::string& text, const Dimension& expected, std::string* error = nullptr);

}  // namespace afsim::schema
