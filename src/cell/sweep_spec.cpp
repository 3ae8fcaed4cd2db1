#include "cell/sweep_spec.hpp"

#include <cctype>
#include <cstdio>
#include <cstdlib>

namespace afsim::cell {

namespace {

// Reads a number at s[i] (strtod), advancing i; false when there is none.
bool read_number(const std::string& s, std::size_t& i, double& out) {
  const char* b = s.c_str() + i;
  char* e = nullptr;
  out = std::strtod(b, &e);
  if (e == b) return false;
  i += static_cast<std::size_t>(e - b);
  return true;
}

}  // namespace

std::string SweepAxis::override_for(double v) const {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.10g", v);
  return path + "=" + buf + (unit.empty() ? "" : " " + unit);
}

SweepAxis parse_sweep(const std::string& spec) {
  const auto bad = [&](const std::string& why) {
    return SweepError("--sweep " + spec + ": " + why +
                      " (expected KEY=A..B[:N]UNIT, e.g. loading=2..10mAh/cm2)");
  };
  const auto eq = spec.find('=');
  if (eq == std::string::npos || eq == 0) throw bad("no KEY=");
  SweepAxis a;
  a.name = spec.substr(0, eq);
  if (a.name == "loading") {
    a.path = "cell.cathode.loading";
  } else if (a.name == "foil" || a.name == "li_thickness") {
    a.path = "stack.anode.thickness";
    a.foil_only = true;
  } else {
    a.path = a.name;
  }
  // The range text: "A..B", "A..B:N", then the unit.
  std::string r = spec.substr(eq + 1);
  std::size_t i = 0;
  double lo = 0, hi = 0;
  if (!read_number(r, i, lo)) throw bad("no start value");
  // strtod reads "2." of "2..10": step back onto the "..".
  if (i > 0 && r[i - 1] == '.' && r.compare(i, 1, ".") == 0) --i;
  if (r.compare(i, 2, "..") != 0) throw bad("no \"..\" between the start and end values");
  i += 2;
  if (!read_number(r, i, hi)) throw bad("no end value");
  int n = 9;
  if (i < r.size() && r[i] == ':') {
    ++i;
    double dn = 0;
    if (!read_number(r, i, dn) || dn < 1 || dn > 10000 || dn != static_cast<int>(dn))
      throw bad("the number of points after ':' must be an integer in [1, 10000]");
    n = static_cast<int>(dn);
  }
  while (i < r.size() && std::isspace(static_cast<unsigned char>(r[i]))) ++i;
  a.unit = r.substr(i);
  if (n == 1) {
    a.values = {lo};
  } else {
    for (int k = 0; k < n; ++k) a.values.push_back(lo + (hi - lo) * k / (n - 1));
  }
  return a;
}

}  // namespace afsim::cell
