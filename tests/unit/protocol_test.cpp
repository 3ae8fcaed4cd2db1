// The cycling protocol state machine of MODELS §1: cut-offs, drives, cycles and Coulombic efficiency.
#include "protocol/protocol.hpp"

#include <cmath>
#include <optional>
#include <stdexcept>
#include <string>

#include <gtest/gtest.h>

namespace afsim {
namespace {

using config::Control;
using config::ProtocolConfig;
using config::ProtocolStep;
using config::StepKind;

ProtocolStep step(StepKind kind, double current) {
  ProtocolStep s;
  s.kind = kind;
  s.control = kind == StepKind::Rest ? Control::Rest : Control::Galvanostatic;
  s.current = current;
  return s;
}

ProtocolConfig one_step(const ProtocolStep& s, int cycles = 1) {
  ProtocolConfig cfg;
  cfg.cycles = cycles;
  cfg.steps = {s};
  return cfg;
}

TEST(Protocol, TimeCutOffEndsTheStepAfterExactlyItsDuration) {
  ProtocolStep s = step(StepKind::Charge, 10.0);
  s.until_time = 100.0;
  Protocol p(one_step(s));
  // dt_max = 30 s: 30 + 30 + 30 = 90 s, then limit_dt leaves 100 - 90 = 10 s.
  for (int n = 0; n < 3; ++n) {
    EXPECT_EQ(p.limit_dt(30.0, 10.0), 30.0);
    EXPECT_FALSE(p.record(30.0, 10.0, 3.9).has_value());
  }
  const double dt = p.limit_dt(30.0, 10.0);
  EXPECT_DOUBLE_EQ(dt, 10.0);
  const std::optional<std::string> why = p.record(dt, 10.0, 3.9);
  ASSERT_TRUE(why.has_value());
  EXPECT_EQ(*why, "time");
  EXPECT_DOUBLE_EQ(p.step_time(), 100.0);
}

TEST(Protocol, CapacityCutOffShortensTheLastStepToHitTheCapacityExactly) {
  ProtocolStep s = step(StepKind::Charge, 10.0);
  s.until_capacity = 50.0;  // C/m^2: 5 s at 10 A/m^2
  Protocol p(one_step(s));
  // dt_max = 2 s: 2 s + 2 s pass 40 C/m^2; the last dt is (50 - 40) / 10 = 1 s.
  EXPECT_FALSE(p.record(p.limit_dt(2.0, 10.0), 10.0, 3.9).has_value());
  EXPECT_FALSE(p.record(p.limit_dt(2.0, 10.0), 10.0, 3.9).has_value());
  const double dt = p.limit_dt(2.0, 10.0);
  EXPECT_DOUBLE_EQ(dt, 1.0);
  const std::optional<std::string> why = p.record(dt, 10.0, 3.9);
  ASSERT_TRUE(why.has_value());
  EXPECT_EQ(*why, "capacity");
  EXPECT_DOUBLE_EQ(p.step_charge(), 50.0);
  EXPECT_DOUBLE_EQ(p.step_time(), 5.0);
}

TEST(Protocol, CapacityOfADischargeIsCountedByMagnitude) {
  ProtocolStep s = step(StepKind::Discharge, 4.0);
  s.until_capacity = 20.0;  // 5 s at 4 A/m^2
  Protocol p(one_step(s));
  // limit_dt takes the expected magnitude; record gets the signed (negative) current.
  EXPECT_DOUBLE_EQ(p.limit_dt(10.0, 4.0), 5.0);
  const std::optional<std::string> why = p.record(5.0, -4.0, 3.5);
  ASSERT_TRUE(why.has_value());
  EXPECT_EQ(*why, "capacity");
  EXPECT_DOUBLE_EQ(p.step_charge(), 20.0);
}

TEST(Protocol, ChargeEndsWhenTheCellVoltageReachesTheUpperLimit) {
  ProtocolStep s = step(StepKind::Charge, 10.0);
  s.until_voltage = 4.2;
  Protocol p(one_step(s));
  EXPECT_FALSE(p.record(1.0, 10.0, 4.19).has_value());
  EXPECT_FALSE(p.record(1.0, 10.0, 2.0).has_value());  // a low voltage never ends a charge
  const std::optional<std::string> why = p.record(1.0, 10.0, 4.2);
  ASSERT_TRUE(why.has_value());
  EXPECT_EQ(*why, "voltage");
}

TEST(Protocol, DischargeEndsWhenTheCellVoltageFallsToTheLowerLimit) {
  ProtocolStep s = step(StepKind::Discharge, 10.0);
  s.until_voltage = 3.0;
  Protocol p(one_step(s));
  EXPECT_FALSE(p.record(1.0, -10.0, 3.01).has_value());
  EXPECT_FALSE(p.record(1.0, -10.0, 4.5).has_value());  // a high voltage never ends a discharge
  const std::optional<std::string> why = p.record(1.0, -10.0, 3.0);
  ASSERT_TRUE(why.has_value());
  EXPECT_EQ(*why, "voltage");
}

TEST(Protocol, MetalExhaustedEndsADischargeBeforeItsVoltageCutOff) {
  ProtocolStep s = step(StepKind::Discharge, 10.0);
  s.until_voltage = 3.0;
  Protocol p(one_step(s));
  EXPECT_FALSE(p.record(1.0, -10.0, 3.6, false).has_value());
  // MODELS §1: no metal left to strip ends the step even though the voltage is still above 3.0 V.
  const std::optional<std::string> why = p.record(1.0, -10.0, 3.5, true);
  ASSERT_TRUE(why.has_value());
  EXPECT_EQ(*why, "metal exhausted");
  EXPECT_DOUBLE_EQ(p.step_charge(), 20.0);
}

TEST(Protocol, MetalExhaustedNeverEndsAChargeOrARest) {
  ProtocolStep charge = step(StepKind::Charge, 10.0);
  charge.until_time = 100.0;
  Protocol p(one_step(charge));
  EXPECT_FALSE(p.record(1.0, 10.0, 3.6, true).has_value());  // an anode-free cell starts without metal
  ProtocolStep rest = step(StepKind::Rest, 0.0);
  rest.until_time = 100.0;
  Protocol r(one_step(rest));
  EXPECT_FALSE(r.record(1.0, 0.0, 3.6, true).has_value());
}

TEST(Protocol, RecordedNucleationChargeCountsTowardsTheChargeStepAndItsCycle) {
  ProtocolStep s = step(StepKind::Charge, 10.0);
  s.until_capacity = 50.0;
  Protocol p(one_step(s));
  p.record_charge(20.0);  // nuclei of the first charge, C/m^2
  EXPECT_DOUBLE_EQ(p.step_charge(), 20.0);
  EXPECT_DOUBLE_EQ(p.cycles().front().charge_in, 20.0);
  // 30 C/m^2 remain to the capacity cut-off: 3 s at 10 A/m^2.
  EXPECT_DOUBLE_EQ(p.limit_dt(10.0, 10.0), 3.0);
  const std::optional<std::string> why = p.record(3.0, 10.0, 3.9);
  ASSERT_TRUE(why.has_value());
  EXPECT_EQ(*why, "capacity");
  EXPECT_DOUBLE_EQ(p.cycles().front().charge_in, 50.0);
}

TEST(Protocol, RestDrivesZeroCurrent) {
  ProtocolStep s = step(StepKind::Rest, 5.0);  // a stray current on a rest step is ignored
  s.until_time = 60.0;
  const Drive d = Protocol(one_step(s)).drive();
  EXPECT_EQ(d.mode, Drive::Mode::Galvanostatic);
  EXPECT_EQ(d.current, 0.0);
}

TEST(Protocol, ChargeDrivesPositiveAndDischargeNegativeCurrent) {
  ProtocolStep charge = step(StepKind::Charge, 10.0);
  charge.until_time = 1.0;
  ProtocolStep discharge = step(StepKind::Discharge, 10.0);
  discharge.until_time = 1.0;
  EXPECT_EQ(Protocol(one_step(charge)).drive().current, 10.0);
  EXPECT_EQ(Protocol(one_step(discharge)).drive().current, -10.0);
}

TEST(Protocol, PotentiostaticStepDrivesItsElectrodePotential) {
  ProtocolStep s = step(StepKind::Charge, 0.0);
  s.control = Control::Potentiostatic;
  s.potential = -0.1;
  s.until_time = 1.0;
  const Drive d = Protocol(one_step(s)).drive();
  EXPECT_EQ(d.mode, Drive::Mode::Potentiostatic);
  EXPECT_EQ(d.potential, -0.1);
}

// Charge 10 A/m^2 for 10 s (100 C/m^2 in), rest 5 s, discharge 10 A/m^2 for 8 s (80 C/m^2 out): CE = 0.8.
ProtocolConfig two_cycles() {
  ProtocolConfig cfg;
  cfg.cycles = 2;
  ProtocolStep charge = step(StepKind::Charge, 10.0);
  charge.until_time = 10.0;
  ProtocolStep rest = step(StepKind::Rest, 0.0);
  rest.until_time = 5.0;
  ProtocolStep discharge = step(StepKind::Discharge, 10.0);
  discharge.until_time = 8.0;
  cfg.steps = {charge, rest, discharge};
  return cfg;
}

TEST(Protocol, CyclesRepeatTheStepsAndRecordChargeInOutAndCoulombicEfficiency) {
  Protocol p(two_cycles());
  const double durations[3] = {10.0, 5.0, 8.0};
  for (int cycle = 0; cycle < 2; ++cycle) {
    for (int s = 0; s < 3; ++s) {
      EXPECT_EQ(p.cycle(), cycle);
      EXPECT_EQ(p.step_index(), s);
      const double i = p.drive().current;
      ASSERT_TRUE(p.record(durations[s], i, 3.8).has_value());
      p.advance();
    }
  }
  ASSERT_EQ(p.cycles().size(), 2u);
  for (const CycleCharge& c : p.cycles()) {
    EXPECT_DOUBLE_EQ(c.charge_in, 100.0);
    EXPECT_DOUBLE_EQ(c.charge_out, 80.0);
    EXPECT_DOUBLE_EQ(c.ce(), 0.8);
  }
}

TEST(Protocol, FinishedOnlyAfterTheLastStepOfTheLastCycle) {
  Protocol p(two_cycles());
  for (int n = 0; n < 5; ++n) {  // 6 steps in all: after 5 advances one is left
    EXPECT_FALSE(p.finished());
    p.advance();
  }
  EXPECT_FALSE(p.finished());
  EXPECT_EQ(p.cycle(), 1);
  EXPECT_EQ(p.step_index(), 2);
  p.advance();
  EXPECT_TRUE(p.finished());
  EXPECT_EQ(p.cycle(), 1);  // stays on the last cycle
}

TEST(Protocol, AdvanceResetsTheStepClockAndCharge) {
  Protocol p(two_cycles());
  p.record(4.0, 10.0, 3.8);
  EXPECT_DOUBLE_EQ(p.step_time(), 4.0);
  EXPECT_DOUBLE_EQ(p.step_charge(), 40.0);
  p.advance();
  EXPECT_EQ(p.step_time(), 0.0);
  EXPECT_EQ(p.step_charge(), 0.0);
}

TEST(Protocol, PlannedDurationSumsTimeAndCapacityStepsOverAllCycles) {
  ProtocolConfig cfg;
  cfg.cycles = 3;
  ProtocolStep charge = step(StepKind::Charge, 10.0);
  charge.until_capacity = 100.0;  // 100 / 10 = 10 s
  charge.until_voltage = 4.3;     // a voltage limit beside a finite one does not matter
  ProtocolStep rest = step(StepKind::Rest, 0.0);
  rest.until_time = 5.0;
  ProtocolStep discharge = step(StepKind::Discharge, 10.0);
  discharge.until_time = 20.0;
  discharge.until_capacity = 500.0;  // 50 s: the time (20 s) comes first
  cfg.steps = {charge, rest, discharge};
  // (10 + 5 + 20) s x 3 cycles = 105 s.
  EXPECT_DOUBLE_EQ(Protocol(cfg).planned_duration(), 105.0);
}

TEST(Protocol, PlannedDurationIsNaNWithAVoltageOnlyStep) {
  ProtocolConfig cfg = two_cycles();
  ProtocolStep discharge = step(StepKind::Discharge, 10.0);
  discharge.until_voltage = 3.0;
  cfg.steps.push_back(discharge);
  EXPECT_TRUE(std::isnan(Protocol(cfg).planned_duration()));
}

TEST(Protocol, FirstMetalObservationIsTheStartOfTheFirstCycleAndTheLastItsEnd) {
  Protocol p(two_cycles());
  p.observe_metal(300.0, 0.0);  // a film of 300 C/m^2 before anything was passed
  p.record(10.0, 10.0, 3.9);    // 100 C/m^2 plated
  p.observe_metal(400.0, 0.0);
  p.observe_metal(250.0, 20.0);  // later: stripped, 20 C/m^2 of it cut off
  const CycleCharge& c = p.cycles().front();
  EXPECT_DOUBLE_EQ(c.connected_start, 300.0);
  EXPECT_DOUBLE_EQ(c.dead_start, 0.0);
  EXPECT_DOUBLE_EQ(c.connected_end, 250.0);
  EXPECT_DOUBLE_EQ(c.dead_formed(), 20.0);
}

TEST(Protocol, ANewCycleStartsWithTheMetalThePreviousCycleLeft) {
  Protocol p(two_cycles());
  p.observe_metal(0.0, 0.0);
  p.observe_metal(40.0, 15.0);
  while (p.cycle() == 0) p.advance();
  p.observe_metal(35.0, 15.0);
  ASSERT_EQ(p.cycles().size(), 2u);
  EXPECT_DOUBLE_EQ(p.cycles()[1].connected_start, 40.0);
  EXPECT_DOUBLE_EQ(p.cycles()[1].dead_start, 15.0);
  EXPECT_DOUBLE_EQ(p.cycles()[1].connected_end, 35.0);
  EXPECT_DOUBLE_EQ(p.cycles()[1].dead_formed(), 0.0);
}

TEST(Protocol, ReturnedFractionCountsTheMetalACycleFoundAsAvailable) {
  CycleCharge c;
  c.charge_in = 100.0;
  c.charge_out = 120.0;  // the cycle stripped part of a film too
  c.connected_start = 60.0;
  EXPECT_DOUBLE_EQ(c.ce(), 1.2);
  EXPECT_DOUBLE_EQ(c.returned_fraction(), 120.0 / 160.0);
  c.connected_start = 0.0;  // anode-free: the two agree
  EXPECT_DOUBLE_EQ(c.returned_fraction(), c.ce());
}

TEST(Protocol, ConstructionRejectsAnEmptyProtocol) {
  ProtocolConfig cfg;
  EXPECT_THROW(Protocol{cfg}, std::invalid_argument);
}

}  // namespace
}  // namespace afsim
