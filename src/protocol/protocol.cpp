#include "protocol/protocol.hpp"

#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

namespace afsim {

namespace {
constexpr double kRelativeSlack = 1e-12;  // a cut-off reached to round-off counts as reached
}

Protocol::Protocol(config::ProtocolConfig cfg) : cfg_(std::move(cfg)) {
  if (cfg_.steps.empty() || cfg_.cycles < 1) throw std::invalid_argument("protocol has no steps");
  charges_.resize(1);
}

const char* Protocol::kind_name(config::StepKind k) {
  switch (k) {
    case config::StepKind::Charge:
      return "charge";
    case config::StepKind::Rest:
      return "rest";
    case config::StepKind::Discharge:
      return "discharge";
  }
  return "unknown";
}

Drive Protocol::drive() const {
  const auto& s = step();
  Drive d;
  if (s.control == config::Control::Potentiostatic) {
    d.mode = Drive::Mode::Potentiostatic;
    d.potential = s.potential;
  } else {
    d.mode = Drive::Mode::Galvanostatic;
    const double sign = s.kind == config::StepKind::Discharge ? -1.0 : 1.0;
    d.current = s.control == config::Control::Rest ? 0.0 : sign * s.current;
  }
  return d;
}

double Protocol::limit_dt(double dt_max, double current) const {
  const auto& s = step();
  double dt = dt_max;
  if (s.until_time) dt = std::min(dt, *s.until_time - step_time_);
  if (s.until_capacity && std::abs(current) > 0)
    dt = std::min(dt, (*s.until_capacity - step_charge_) / std::abs(current));
  return std::max(dt, 0.0);
}

std::optional<std::string> Protocol::record(double dt, double current, double v_cell, bool metal_exhausted) {
  const auto& s = step();
  step_time_ += dt;
  step_charge_ += std::abs(current) * dt;
  if (s.kind == config::StepKind::Charge) charges_.back().charge_in += current * dt;
  if (s.kind == config::StepKind::Discharge) charges_.back().charge_out += -current * dt;
  if (s.until_time && step_time_ >= *s.until_time * (1 - kRelativeSlack)) return std::string("time");
  if (s.until_capacity && step_charge_ >= *s.until_capacity * (1 - kRelativeSlack))
    return std::string("capacity");
  if (s.until_voltage) {
    if (s.kind == config::StepKind::Charge && v_cell >= *s.until_voltage) return std::string("voltage");
    if (s.kind == config::StepKind::Discharge && v_cell <= *s.until_voltage) return std::string("voltage");
  }
  if (metal_exhausted && s.kind == config::StepKind::Discharge) return std::string("metal exhausted");
  return std::nullopt;
}

void Protocol::record_charge(double charge) {
  if (charge > 0) charges_.back().charge_in += charge;
  if (step().kind == config::StepKind::Charge) step_charge_ += std::abs(charge);
}

void Protocol::observe_metal(double connected, double dead) {
  CycleCharge& c = charges_.back();
  if (!metal_observed_) {
    c.connected_start = connected;
    c.dead_start = dead;
    metal_observed_ = true;
  }
  c.connected_end = connected;
  c.dead_end = dead;
}

void Protocol::advance() {
  step_time_ = 0;
  step_charge_ = 0;
  if (++step_ < static_cast<int>(cfg_.steps.size())) return;
  step_ = 0;
  if (++cycle_ < cfg_.cycles) {
    CycleCharge next;
    next.connected_start = next.connected_end = charges_.back().connected_end;
    next.dead_start = next.dead_end = charges_.back().dead_end;
    charges_.push_back(next);
    return;
  }
  cycle_ = cfg_.cycles - 1;
  finished_ = true;
}

ProtocolState Protocol::state() const {
  return ProtocolState{cycle_, step_, step_time_, step_charge_, finished_, charges_};
}

void Protocol::restore(const ProtocolState& s) {
  if (s.cycle < 0 || s.cycle >= cfg_.cycles || s.step < 0 || s.step >= static_cast<int>(cfg_.steps.size()) ||
      s.charges.size() != static_cast<size_t>(s.cycle) + 1) {
    throw std::invalid_argument("protocol position (cycle " + std::to_string(s.cycle + 1) + ", step " +
                                std::to_string(s.step + 1) + ") does not exist in this protocol");
  }
  cycle_ = s.cycle;
  step_ = s.step;
  step_time_ = s.step_time;
  step_charge_ = s.step_charge;
  finished_ = s.finished;
  charges_ = s.charges;
  metal_observed_ = true;  // the saved cycles carry their start
}

double Protocol::planned_duration() const {
  double total = 0;
  for (const auto& s : cfg_.steps) {
    double d = std::numeric_limits<double>::infinity();
    if (s.until_time) d = *s.until_time;
    if (s.until_capacity && s.current > 0) d = std::min(d, *s.until_capacity / s.current);
    if (!std::isfinite(d)) return std::nan("");
    total += d;
  }
  return total * cfg_.cycles;
}

}  // namespace afsim
