// Cycling protocol state machine, MODELS §1: a list of charge / rest / discharge steps repeated for N
// cycles; each step ends at its first cut-off (capacity, time, cell voltage; a discharge also when the
// metal is exhausted). Charge passed is counted per
// cycle for the Coulombic efficiency CE = Q_out / Q_in, beside the metal each cycle found and left, so
// that a cell which starts with metal (a film, a reservoir) reads right: CE > 1 there only says that
// metal from before the cycle was stripped too.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "config/config.hpp"
#include "physics/drive.hpp"

namespace afsim {

struct CycleCharge {
  double charge_in = 0;   // C/m^2 passed while charging (plating)
  double charge_out = 0;  // C/m^2 passed while discharging (stripping)
  // Metal as charge (amount x nF, C/m^2): connected to the collector and dead when the cycle began (not
  // counting nuclei booked as charge in) and when it was last observed. With nothing but plating,
  // stripping and dead metal, Q_in + connected_start = Q_out + connected_end + (dead_end - dead_start).
  double connected_start = 0, dead_start = 0;
  double connected_end = 0, dead_end = 0;
  double ce() const { return charge_in > 0 ? charge_out / charge_in : 0.0; }
  // The part of the metal the cycle could strip (what it found connected plus what it plated) that came
  // back: equal to CE in an anode-free cell, below 1 whenever metal is left behind.
  double returned_fraction() const {
    const double available = charge_in + connected_start;
    return available > 0 ? charge_out / available : 0.0;
  }
  double dead_formed() const { return dead_end - dead_start; }
};

// Where the protocol stands (checkpoint/restart).
struct ProtocolState {
  int cycle = 0;
  int step = 0;
  double step_time = 0;
  double step_charge = 0;
  bool finished = false;
  std::vector<CycleCharge> charges;
};

class Protocol {
 public:
  explicit Protocol(config::ProtocolConfig cfg);

  bool finished() const { return finished_; }
  int cycle() const { return cycle_; }
  int step_index() const { return step_; }
  const config::ProtocolStep& step() const { return cfg_.steps.at(static_cast<size_t>(step_)); }
  static const char* kind_name(config::StepKind k);
  double step_time() const { return step_time_; }
  double step_charge() const { return step_charge_; }

  // What the engine must do now. The potentiostatic set point is the step's V_e.
  Drive drive() const;
  // The largest dt <= dt_max that does not step past this step's time or capacity cut-off; `current` is
  // the expected magnitude of the current density (A/m^2).
  double limit_dt(double dt_max, double current) const;
  // Books a finished time step (signed current density, plating > 0) and checks the cut-offs against
  // the cell voltage; returns the reason when this step is over. `metal_exhausted` (no metal connected
  // to the collector is left to strip) ends every discharge step (MODELS §1: in an anode-free cell this
  // is how a discharge ends, whatever the deck's cut-offs).
  std::optional<std::string> record(double dt, double current, double v_cell, bool metal_exhausted = false);
  // Books charge passed outside a time step (C/m^2, plating > 0): the nuclei an anode-free cell forms at the
  // start of its first charge. It counts towards this cycle's charge in and, during a charge step, towards
  // the step's capacity cut-off.
  void record_charge(double charge);
  // Books the metal in the cell now (C/m^2 as amount x nF; connected to the collector, and dead): the
  // first call of a cycle is its start, every call its end so far. A new cycle starts from the previous
  // cycle's end.
  void observe_metal(double connected, double dead);
  // Moves to the next step (and cycle); finished() after the last.
  void advance();
  // Ends the whole protocol early (e.g. a fatal cut-off).
  void stop() { finished_ = true; }

  const std::vector<CycleCharge>& cycles() const { return charges_; }

  ProtocolState state() const;
  // Continues from a saved position; std::invalid_argument when it does not exist in this protocol.
  void restore(const ProtocolState& s);
  // Total duration if every step ends on time or capacity (NaN when a step ends only on voltage).
  double planned_duration() const;

 private:
  config::ProtocolConfig cfg_;
  int cycle_ = 0;
  int step_ = 0;
  double step_time_ = 0;
  double step_charge_ = 0;  // magnitude, C/m^2
  bool finished_ = false;
  bool metal_observed_ = false;  // the first cycle's start is set by the first observe_metal
  std::vector<CycleCharge> charges_;
};

}  // namespace afsim
