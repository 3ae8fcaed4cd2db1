#include "cell/cathode_ocv.hpp"

#include <algorithm>
#include <stdexcept>

namespace afsim {

CathodeModel::CathodeModel(const config::CathodeProps& props, double capacity, double soc)
    : table_(props.ocv), capacity_(capacity), soc_(soc) {
  std::sort(table_.begin(), table_.end(),
            [](const config::OcvPoint& a, const config::OcvPoint& b) { return a.soc < b.soc; });
  if (table_.empty()) throw std::invalid_argument("cathode '" + props.name + "' has no OCV table");
}

double CathodeModel::open_circuit_voltage() const {
  if (table_.size() == 1 || soc_ <= table_.front().soc) return table_.front().voltage;
  if (soc_ >= table_.back().soc) return table_.back().voltage;
  const auto hi = std::lower_bound(table_.begin(), table_.end(), soc_,
                                   [](const config::OcvPoint& p, double s) { return p.soc < s; });
  const auto lo = hi - 1;
  const double t = (soc_ - lo->soc) / (hi->soc - lo->soc);
  return lo->voltage + t * (hi->voltage - lo->voltage);
}

void CathodeModel::pass_charge(double charge_C_m2) {
  if (capacity_ > 0) soc_ += charge_C_m2 / capacity_;
}

}  // namespace afsim

namespace afsim {

double mean_open_circuit_voltage(const config::CathodeProps& props, double soc_lo, double soc_hi) {
  if (!(soc_hi > soc_lo)) throw std::invalid_argument("mean_open_circuit_voltage: empty window");
  const auto at = [&](double s) { return CathodeModel(props, 1.0, s).open_circuit_voltage(); };
  // Breakpoints: the window ends and every table point inside; trapezoids are exact between them.
  std::vector<double> s{soc_lo};
  std::vector<config::OcvPoint> table = props.ocv;
  std::sort(table.begin(), table.end(),
            [](const config::OcvPoint& a, const config::OcvPoint& b) { return a.soc < b.soc; });
  for (const auto& p : table)
    if (p.soc > soc_lo && p.soc < soc_hi) s.push_back(p.soc);
  s.push_back(soc_hi);
  double integral = 0;
  for (std::size_t i = 1; i < s.size(); ++i) integral += 0.5 * (at(s[i - 1]) + at(s[i])) * (s[i] - s[i - 1]);
  return integral / (soc_hi - soc_lo);
}

}  // namespace afsim
