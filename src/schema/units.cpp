#include "schema/units.hpp"

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <optional>
#include <sstream>
#include <vector>

namespace afsim::schema {

// ---- parsing ------------------------------------------------------------------------------------

namespace {

// Factors are kept as mantissa x 10^exp10 so that pure powers of ten are applied to the decimal text of
// the number (1.24 g/cm3 -> "1.24e3" kg/m3, correctly rounded) rather than by inexact multiplication.
struct UnitDef {
  const char* symbol;
  double mantissa;
  int exp10;
  Dimension dimension;
  bool prefixable;
};

const std::vector<UnitDef>& unit_table() {
  using dim::make;
  static const std::vector<UnitDef> table = {
      {"m", 1, 0, dim::length, true},
      {"g", 1, -3, make(0, 1, 0, 0, 0, 0), true},
      {"s", 1, 0, dim::time, true},
      {"min", 6, 1, dim::time, false},
      {"h", 3.6, 3, dim::time, false},
      {"A", 1, 0, make(0, 0, 0, 1, 0, 0), true},
      {"K", 1, 0, dim::temperature, false},
      {"mol", 1, 0, make(0, 0, 0, 0, 0, 1), true},
      {"L", 1, -3, make(3, 0, 0, 0, 0, 0), true},
      {"M", 1, 3, dim::concentration, true},  // molar, mol/L
      {"C", 1, 0, make(0, 0, 1, 1, 0, 0), true},
      {"Ah", 3.6, 3, make(0, 0, 1, 1, 0, 0), true},
      {"V", 1, 0, dim::voltage, true},
      {"W", 1, 0, make(2, 1, -3, 0, 0, 0), true},
      {"Wh", 3.6, 3, make(2, 1, -2, 0, 0, 0), true},
      {"J", 1, 0, make(2, 1, -2, 0, 0, 0), true},
      {"eV", 1.602176634, -19, make(2, 1, -2, 0, 0, 0), true},
      {"N", 1, 0, make(1, 1, -2, 0, 0, 0), true},
      {"Pa", 1, 0, dim::pressure, true},
      {"bar", 1, 5, dim::pressure, true},
      {"S", 1, 0, make(-2, -1, 3, 2, 0, 0), true},
      {"ohm", 1, 0, make(2, 1, -3, -2, 0, 0), true},
      {"Ohm", 1, 0, make(2, 1, -3, -2, 0, 0), true},
      {"\xCE\xA9", 1, 0, make(2, 1, -3, -2, 0, 0), true},  // Ω
  };
  return table;
}

struct Prefix {
  const char* symbol;
  int exp10;
};

const std::vector<Prefix>& prefixes() {
  static const std::vector<Prefix> table = {
      {"p", -12},
      {"n", -9},
      {"u", -6},
      {"\xC2\xB5", -6} /* µ micro sign */,
      {"\xCE\xBC", -6} /* μ greek mu */,
      {"m", -3},
      {"c", -2},
      {"k", 3},
      {"M", 6},
      {"G", 9},
  };
  return table;
}

struct Scaled {
  double mantissa = 1.0;
  int exp10 = 0;
  Dimension dimension;
};

std::optional<Scaled> lookup_symbol(const std::string& sym) {
  for (const auto& u : unit_table())
    if (sym == u.symbol) return Scaled{u.mantissa, u.exp10, u.dimension};
  for (const auto& p : prefixes()) {
    const std::size_t n = std::strlen(p.symbol);
    if (sym.size() <= n || sym.compare(0, n, p.symbol) != 0) continue;
    const std::string base = sym.substr(n);
    for (const auto& u : unit_table())
      if (u.prefixable && base == u.symbol) return Scaled{u.mantissa, u.exp10 + p.exp10, u.dimension};
  }
  return std::nullopt;
}

std::string trim(const std::string& s) {
  const auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  std::size_t b = 0, e = s.size();
  while (b < e && is_space(s[b])) ++b;
  while (e > b && is_space(s[e - 1])) --e;
  return s.substr(b, e - b);
}

bool starts_with(const std::string& s, std::size_t pos, const char* lit) {
  return s.compare(pos, std::strlen(lit), lit) == 0;
}

// Recursive-descent reader of a unit expression.
class UnitReader {
 public:
  explicit UnitReader(const std::string& text) : s_(text) {}

  Scaled read_all() {
    Scaled r = read_product(/*depth=*/0);
    skip_spaces();
    if (pos_ != s_.size()) fail("unexpected \"" + s_.substr(pos_, 1) + "\"");
    return r;
  }

 private:
  [[noreturn]] void fail(const std::string& why) { throw UnitError(why); }

  void skip_spaces() {
    while (pos_ < s_.size() && (s_[pos_] == ' ' || s_[pos_] == '\t')) ++pos_;
  }

  static bool symbol_byte_at(const std::string& s, std::size_t i, std::size_t* len) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')) {
      *len = 1;
      return true;
    }
    for (const char* mb : {"\xC2\xB5", "\xCE\xBC", "\xCE\xA9"}) {  // µ μ Ω
      if (starts_with(s, i, mb)) {
        *len = 2;
        return true;
      }
    }
    return false;
  }

  Scaled read_product(int depth) {
    if (depth > 8) fail("too many nested parentheses");
    Scaled acc;
    bool first = true;
    while (true) {
      skip_spaces();
      bool invert = false;
      if (!first) {
        if (pos_ >= s_.size() || s_[pos_] == ')') break;
        if (s_[pos_] == '/') {
          invert = true;
          ++pos_;
        } else if (s_[pos_] == '*') {
          ++pos_;
        } else if (starts_with(s_, pos_, "\xC2\xB7")) {  // middle dot
          pos_ += 2;
        }
        skip_spaces();
      }
      Scaled f = read_factor(depth, first);
      if (invert) {
        acc.mantissa /= f.mantissa;
        acc.exp10 -= f.exp10;
        acc.dimension = acc.dimension / f.dimension;
      } else {
        acc.mantissa *= f.mantissa;
        acc.exp10 += f.exp10;
        acc.dimension = acc.dimension * f.dimension;
      }
      first = false;
    }
    return acc;
  }

  Scaled read_factor(int depth, bool first) {
    if (pos_ >= s_.size()) fail("a unit is missing at the end");
    Scaled base;
    if (s_[pos_] == '(') {
      ++pos_;
      base = read_product(depth + 1);
      skip_spaces();
      if (pos_ >= s_.size() || s_[pos_] != ')') fail("missing \")\"");
      ++pos_;
    } else if (s_[pos_] == '1' && first) {
      ++pos_;
      return base;  // "1/s"
    } else {
      std::size_t start = pos_, len = 0;
      while (pos_ < s_.size() && symbol_byte_at(s_, pos_, &len)) pos_ += len;
      if (pos_ == start) fail("unexpected \"" + s_.substr(pos_, 1) + "\"");
      const std::string sym = s_.substr(start, pos_ - start);
      if (sym == "degC") fail("degC can only stand alone (use K inside compound units)");
      auto u = lookup_symbol(sym);
      if (!u) fail("unknown unit \"" + sym + "\"");
      base = *u;
    }
    const int p = read_exponent();
    Scaled r;
    r.mantissa = std::pow(base.mantissa, p);
    r.exp10 = base.exp10 * p;
    r.dimension = base.dimension.pow(p);
    return r;
  }

  int read_exponent() {
    std::size_t i = pos_;
    if (i < s_.size() && s_[i] == '^') ++i;
    bool neg = false;
    if (i < s_.size() && (s_[i] == '-' || s_[i] == '+')) {
      neg = s_[i] == '-';
      ++i;
    }
    std::size_t d = i;
    while (d < s_.size() && s_[d] >= '0' && s_[d] <= '9') ++d;
    if (d == i) {
      if (i != pos_) fail("an exponent is missing after \"" + s_.substr(pos_, i - pos_) + "\"");
      return 1;
    }
    if (d - i > 1) fail("exponent \"" + s_.substr(i, d - i) + "\" is too large");
    const int e = s_[i] - '0';
    if (e == 0) fail("exponent 0 is not allowed");
    pos_ = d;
    return neg ? -e : e;
  }

  const std::string& s_;
  std::size_t pos_ = 0;
};

// Reads a quantity; on failure returns nullopt with the reason in *why (without the text itself).
std::optional<Quantity> try_parse(const std::string& raw, std::string* why) {
  const std::string text = trim(raw);
  if (text.empty()) {
    *why = "empty value";
    return std::nullopt;
  }
  std::size_t pos = 0;
  if (text[0] == '+') pos = 1;
  const char* begin = text.data() + pos;
  const char* end = text.data() + text.size();
  // Reject spellings of NaN/Inf up front (from_chars would accept them).
  {
    std::string head;
    for (const char* p = text.data(); p < end && head.size() < 5; ++p) {
      const char c = *p;
      if (c == '+' || c == '-' || c == '.') continue;
      head += static_cast<char>((c >= 'A' && c <= 'Z') ? c - 'A' + 'a' : c);
    }
    if (head.rfind("nan", 0) == 0 || head.rfind("inf", 0) == 0) {
      *why = "not a finite number";
      return std::nullopt;
    }
  }
  double value = 0;
  const auto res = std::from_chars(begin, end, value, std::chars_format::general);
  if (res.ec == std::errc::result_out_of_range) {
    *why = "beyond the range of a double-precision number";
    return std::nullopt;
  }
  if (res.ec != std::errc() || res.ptr == begin) {
    *why = "does not start with a number";
    return std::nullopt;
  }
  if (!std::isfinite(value)) {
    *why = "not a finite number";
    return std::nullopt;
  }
  const std::string unit = trim(std::string(res.ptr, end));
  Quantity q;
  if (unit.empty()) {
    q.value = value;
    return q;
  }
  if (unit == "degC" || unit ==
                            "\xC2\xB0"
                            "C") {
    q.value = value + 273.15;
    q.dimension = dim::temperature;
    return q;
  }
  if (unit == "%") {
    q.value = value * 0.01;
    return q;
  }
  // Angles are plain numbers in radians; degrees only stand alone ("45 deg").
  if (unit == "deg" || unit == "rad") {
    q.value = unit == "deg" ? value * 3.14159265358979323846 / 180.0 : value;
    return q;
  }
  Scaled s;
  try {
    s = UnitReader(unit).read_all();
  } catch (const UnitError& e) {
    *why = e.what();
    return std::nullopt;
  }
  // Apply the power of ten to the decimal text, then the (rarely non-unit) mantissa.
  std::string digits(begin, res.ptr);
  int own_exp = 0;
  if (const auto e = digits.find_first_of("eE"); e != std::string::npos) {
    own_exp = std::atoi(digits.c_str() + e + 1);
    digits.erase(e);
  }
  const std::string scaled_text = digits + "e" + std::to_string(own_exp + s.exp10);
  double scaled = 0;
  const auto r2 = std::from_chars(scaled_text.data(), scaled_text.data() + scaled_text.size(), scaled);
  if (r2.ec != std::errc()) {
    *why = "beyond the range of a double-precision number in SI units";
    return std::nullopt;
  }
  q.value = scaled * s.mantissa;
  q.dimension = s.dimension;
  if (!std::isfinite(q.value)) {
    *why = "beyond the range of a double-precision number in SI units";
    return std::nullopt;
  }
  return q;
}

}  // namespace

std::string with_article(const std::string& noun) {
  const char c = noun.empty() ? 'x' : noun[0];
  const bool vowel = c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u';
  return (vowel ? "an " : "a ") + noun;
}

Quantity parse_quantity(const std::string& text) {
  std::string why;
  auto q = try_parse(text, &why);
  if (!q) throw UnitError("\"" + text + "\": " + why);
  return *q;
}

double to_si(const std::string& text, const Dimension& expected, std::string* error) {
  std::string why;
  const auto q = try_parse(text, &why);
  if (q && q->dimension == expected) return q->value;
  std::string msg = "expected " + with_article(describe(expected)) + ", got \"" + text + "\"";
  if (!q)
    msg += ": " + why;
  else if (q->dimension.dimensionless())
    msg += " (a plain number: give the unit)";
  else
    msg += " (" + with_article(dimension_name(q->dimension)) + ")";
  if (error == nullptr) throw UnitError(msg);
  *error = msg;
  return std::numeric_limits<double>::quiet_NaN();
}

}  // namespace afsim::schema
