// Cathode open-circuit voltage and state of charge: the 0-D cathode of MODELS §1 (1.1).
#pragma once

#include <vector>

#include "config/config.hpp"

namespace afsim {

class CathodeModel {
 public:
  // capacity: areal capacity of the cathode (C/m^2); soc: initial state of charge (0 = fully lithiated).
  CathodeModel(const config::CathodeProps& props, double capacity, double soc);

  // U_cath at the present state of charge (linear interpolation of the table; clamped at its ends).
  double open_circuit_voltage() const;
  // Charging the anode-free cell (plating, i > 0) delithiates the cathode: soc += i dt / Q_cath.
  void pass_charge(double charge_C_m2);
  double state_of_charge() const { return soc_; }
  // Restores a saved state of charge (checkpoint/restart).
  void set_state_of_charge(double soc) { soc_ = soc; }
  double capacity() const { return capacity_; }
  // Metal (mol/m^2) still held by the cathode, for the inventory ledger: (1 - soc) Q / (nF).
  double metal_inventory(double nF) const { return (1.0 - soc_) * capacity_ / nF; }

 private:
  std::vector<config::OcvPoint> table_;
  double capacity_;
  double soc_;
};

}  // namespace afsim

namespace afsim {

// Mean of the cathode's open-circuit voltage over the state-of-charge window [soc_lo, soc_hi]: the exact
// integral of the linearly interpolated table divided by the window (MODELS (9.1), Ū over the cycled window).
double mean_open_circuit_voltage(const config::CathodeProps& props, double soc_lo, double soc_hi);

}  // namespace afsim
