// The 0-D cathode of MODELS §1 (1.1): open-circuit voltage table, state of charge and Li inventory.
#include <stdexcept>

#include <gtest/gtest.h>

#include "cell/cathode_ocv.hpp"

namespace afsim {
namespace {

// Three points, given out of order on purpose: (0, 3.5 V), (0.5, 3.8 V), (1, 4.3 V).
config::CathodeProps props() {
  config::CathodeProps p;
  p.name = "test";
  p.metal = "Li";
  p.ocv = {{1.0, 4.3}, {0.0, 3.5}, {0.5, 3.8}};
  return p;
}

TEST(Cathode, VoltageInterpolatesLinearlyBetweenTablePoints) {
  // soc 0.25: halfway between 3.5 and 3.8 -> 3.65; soc 0.75: halfway between 3.8 and 4.3 -> 4.05;
  // soc 0.1: 3.5 + 0.2 * 0.3 = 3.56.
  EXPECT_NEAR(CathodeModel(props(), 1000, 0.25).open_circuit_voltage(), 3.65, 1e-12);
  EXPECT_NEAR(CathodeModel(props(), 1000, 0.75).open_circuit_voltage(), 4.05, 1e-12);
  EXPECT_NEAR(CathodeModel(props(), 1000, 0.1).open_circuit_voltage(), 3.56, 1e-12);
}

TEST(Cathode, VoltageEqualsTheTableAtATablePoint) {
  EXPECT_NEAR(CathodeModel(props(), 1000, 0.5).open_circuit_voltage(), 3.8, 1e-12);
  EXPECT_NEAR(CathodeModel(props(), 1000, 0.0).open_circuit_voltage(), 3.5, 1e-12);
  EXPECT_NEAR(CathodeModel(props(), 1000, 1.0).open_circuit_voltage(), 4.3, 1e-12);
}

TEST(Cathode, VoltageIsClampedBeyondTheTableEnds) {
  EXPECT_EQ(CathodeModel(props(), 1000, -0.2).open_circuit_voltage(), 3.5);
  EXPECT_EQ(CathodeModel(props(), 1000, 1.3).open_circuit_voltage(), 4.3);
  // A table that covers only [0.2, 0.8] holds its end values outside it.
  config::CathodeProps narrow = props();
  narrow.ocv = {{0.2, 3.6}, {0.8, 4.1}};
  EXPECT_EQ(CathodeModel(narrow, 1000, 0.0).open_circuit_voltage(), 3.6);
  EXPECT_EQ(CathodeModel(narrow, 1000, 1.0).open_circuit_voltage(), 4.1);
  EXPECT_NEAR(CathodeModel(narrow, 1000, 0.5).open_circuit_voltage(), 3.85, 1e-12);
}

TEST(Cathode, SingleTablePointGivesAConstantVoltage) {
  config::CathodeProps one = props();
  one.ocv = {{0.5, 3.7}};
  EXPECT_EQ(CathodeModel(one, 1000, 0.1).open_circuit_voltage(), 3.7);
  EXPECT_EQ(CathodeModel(one, 1000, 0.9).open_circuit_voltage(), 3.7);
}

TEST(Cathode, EmptyTableIsRejected) {
  config::CathodeProps none = props();
  none.ocv.clear();
  EXPECT_THROW(CathodeModel(none, 1000, 0.0), std::invalid_argument);
}

TEST(Cathode, PassingChargeMovesStateOfChargeByChargeOverCapacity) {
  // Q_cath = 72000 C/m^2 (2 mAh/cm^2); 3600 C/m^2 in -> soc + 0.05; 7200 C/m^2 back out -> soc - 0.1.
  CathodeModel m(props(), 72000.0, 0.0);
  m.pass_charge(3600.0);
  EXPECT_NEAR(m.state_of_charge(), 0.05, 1e-15);
  m.pass_charge(-7200.0);
  EXPECT_NEAR(m.state_of_charge(), -0.05, 1e-15);
  EXPECT_EQ(m.capacity(), 72000.0);
}

TEST(Cathode, ChargingRaisesTheOpenCircuitVoltageAlongTheTable) {
  // From soc 0 (3.5 V) pass a quarter of the capacity: soc 0.25, U = 3.65 V.
  CathodeModel m(props(), 8000.0, 0.0);
  m.pass_charge(2000.0);
  EXPECT_NEAR(m.open_circuit_voltage(), 3.65, 1e-12);
}

TEST(Cathode, MetalInventoryIsTheUnchargedFractionOfCapacityOverNF) {
  // Q = 2 nF C/m^2 (2 mol/m^2 of Li) at soc 0.25: (1 - 0.25) * 2 = 1.5 mol/m^2 still in the cathode.
  const double nF = 96485.33212;
  CathodeModel m(props(), 2.0 * nF, 0.25);
  EXPECT_NEAR(m.metal_inventory(nF), 1.5, 1e-14);
  // Passing all that is left empties it.
  m.pass_charge(1.5 * nF);
  EXPECT_NEAR(m.metal_inventory(nF), 0.0, 1e-14);
}

}  // namespace
}  // namespace afsim
