// The per-area stack model of MODELS §9 (9.1)-(9.3) against a stack worked out by hand. Every reference
// number below is computed in the comments from the inputs, not taken from the program.
#include <cmath>

#include <gtest/gtest.h>

#include "cell/cathode_ocv.hpp"
#include "cell/stack_model.hpp"

namespace afsim::cell {
namespace {

// The hand stack: Li, anode-free, double-sided unless a test says otherwise.
//   cathode: 150 mAh/g = 540000 C/kg active, coating density 3000 kg/m3, 90 wt% active, 30 % porous,
//            flat OCV 4.0 V (so Ū = 4.0 V exactly), loading 3 mAh/cm2 = 3 * 3.6 C / 1e-4 m2 = 108000 C/m2
//   Al 10 um at 2700 kg/m3; separator 20 um, 50 % porous, skeletal 1000 kg/m3; Cu 10 um at 9000 kg/m3;
//   electrolyte 1200 kg/m3; Li: M = 6.941e-3 kg/mol, rho = 534 kg/m3, n = 1.
config::CellConfig hand_cell() {
  config::CellConfig c;
  c.metal.name = "Li";
  c.metal.molar_mass = 6.941e-3;
  c.metal.density = 534;
  c.metal.charge_number = 1;
  c.electrolyte.name = "E";
  c.electrolyte.density = 1200;
  c.collector.name = "Cu";
  c.collector.density = 9000;
  c.cathode.props.name = "K";
  c.cathode.props.specific_capacity = 540000;
  c.cathode.props.density = 3000;
  c.cathode.props.ocv = {{0.0, 4.0}, {1.0, 4.0}};
  c.cathode.loading = 108000;
  return c;
}

config::StackConfig hand_stack() {
  config::StackConfig s;
  s.repeating_unit = config::RepeatingUnit::DoubleSided;
  s.positive_collector.name = "Al";
  s.positive_collector.density = 2700;
  s.positive_collector_thickness = 10e-6;
  s.cathode_porosity = 0.3;
  s.cathode_active_fraction = 0.9;
  s.separator = {"S", 20e-6, 0.5, 1000};
  s.negative_collector_thickness = 10e-6;
  s.anode = config::AnodeKind::AnodeFree;
  return s;
}

double rel(double a, double b) {
  return std::abs(a - b) / std::abs(b);
}

TEST(CellStack, HandComputedAnodeFreeStackMatchesToAThousandth) {
  // E = 108000 C/m2 * 4.0 V = 432000 J/m2.
  // Coating t_c = Q / (q w rho) = 108000 / (540000 * 0.9 * 3000) = 7.4074e-5 m.
  // Plated Li (9.2): 108000 / 96485.33 = 1.11934 mol/m2 -> 7.76935e-3 kg/m2 -> / 534 = 1.45493e-5 m.
  // Mass (the plated Li comes out of the cathode, so it cancels): Al 5e-6 * 2700 = 0.0135,
  //   coating 3000 * 7.4074e-5 = 0.222222, separator 0.5 * 1000 * 20e-6 = 0.01, Cu 5e-6 * 9000 = 0.045,
  //   electrolyte 1200 * (0.3 * 7.4074e-5 + 0.5 * 20e-6) = 1200 * 3.22222e-5 = 0.0386667
  //   -> 0.329389 kg/m2 -> 432000 / 0.329389 / 3600 = 364.31 Wh/kg.
  // Thickness: 5 + 74.074 + 20 + 14.549 + 5 um = 118.623 um -> 432000 / 118.623e-6 / 3.6e6 = 1011.60 Wh/L.
  const StackResult r = compute_stack(hand_cell(), hand_stack());
  EXPECT_LT(rel(r.energy_J_m2, 432000), 1e-3);
  EXPECT_LT(rel(r.mass_kg_m2, 0.329389), 1e-3);
  EXPECT_LT(rel(r.thickness_m, 118.623e-6), 1e-3);
  EXPECT_LT(rel(r.gravimetric_Wh_kg(), 364.31), 1e-3);
  EXPECT_LT(rel(r.volumetric_Wh_L(), 1011.60), 1e-3);
  EXPECT_LT(rel(r.plated_dense_thickness_m, 14.549e-6), 1e-3);
}

TEST(CellStack, ReportsAreaCapacityInMilliampHoursPerSquareCentimetre) {
  // 108000 C/m2 = 108000 / 36000 mAh/cm2 = 3 mAh/cm2; 432000 J/m2 = 120 Wh/m2.
  const StackResult r = compute_stack(hand_cell(), hand_stack());
  EXPECT_NEAR(r.areal_capacity_mAh_cm2(), 3.0, 1e-12);
  EXPECT_NEAR(r.energy_Wh_m2(), 120.0, 1e-9);
}

TEST(CellStack, SingleSidedUnitCarriesTheWholeOfEachCollector) {
  // Whole foils: + 0.0135 (Al) + 0.045 (Cu) kg/m2 -> 0.388389 kg/m2 -> 309.37 Wh/kg;
  // + 5 + 5 um -> 128.623 um -> 932.96 Wh/L.
  auto s = hand_stack();
  s.repeating_unit = config::RepeatingUnit::SingleSided;
  const StackResult r = compute_stack(hand_cell(), s);
  EXPECT_LT(rel(r.gravimetric_Wh_kg(), 309.37), 1e-3);
  EXPECT_LT(rel(r.volumetric_Wh_L(), 932.96), 1e-3);
}

TEST(CellStack, PorousDepositCostsVolumeAndElectrolyte) {
  // Porosity 0.5: the plated layer is 2 * 14.549 = 29.099 um, its pores hold 1200 * 14.549e-6
  //   = 0.017459 kg/m2 more electrolyte -> 0.346848 kg/m2, 133.173 um -> 345.97 Wh/kg, 901.09 Wh/L.
  auto s = hand_stack();
  s.deposit_porosity = 0.5;
  const StackResult r = compute_stack(hand_cell(), s);
  EXPECT_LT(rel(r.plated_envelope_thickness_m, 29.099e-6), 1e-3);
  EXPECT_LT(rel(r.gravimetric_Wh_kg(), 345.97), 1e-3);
  EXPECT_LT(rel(r.volumetric_Wh_L(), 901.09), 1e-3);
}

TEST(CellStack, MassAndVolumeFractionsOfTheLayersSumToOne) {
  // Layers fill the stack; the electrolyte sits inside their pores, so its volume is not added again.
  const StackResult r = compute_stack(hand_cell(), hand_stack());
  double mass = 0, volume = 0;
  for (const auto& c : r.components) {
    mass += c.mass_fraction;
    if (c.name != "electrolyte") volume += c.volume_fraction;
  }
  EXPECT_NEAR(mass, 1.0, 1e-12);
  EXPECT_NEAR(volume, 1.0, 1e-12);
}

TEST(CellStack, GraphiteThicknessFollowsTheNpRatio) {
  // Graphite 1600 kg/m3, 93 wt%, 370 mAh/g = 1332000 C/kg, N/P 1.1:
  //   t = 1.1 * 108000 / (1332000 * 0.93 * 1600) = 118800 / 1.98202e9 = 5.99388e-5 m.
  auto s = hand_stack();
  s.anode = config::AnodeKind::Graphite;
  s.graphite = {"g", 1600, 0.25, 0.93, 1332000, 0.1, 1.1};
  const StackResult r = compute_stack(hand_cell(), s);
  ASSERT_NE(r.find("graphite"), nullptr);
  EXPECT_LT(rel(r.find("graphite")->thickness_m, 5.99388e-5), 1e-3);
  EXPECT_EQ(r.find("plated_metal"), nullptr);
  // Ū = 4.0 V of the cathode - 0.1 V of the graphite.
  EXPECT_NEAR(r.mean_voltage_V, 3.9, 1e-12);
}

TEST(CellStack, MeanVoltageIsTheAverageOfTheOcvTableOverTheWindow) {
  // Table (0, 3.5), (0.5, 3.8), (1, 4.3): over [0, 1] the trapezoids give
  //   (0.5 * (3.5 + 3.8) / 2 + 0.5 * (3.8 + 4.3) / 2) = 1.825 + 2.025 = 3.85 V;
  // over [0, 0.5]: (3.5 + 3.8) / 2 = 3.65 V; over [0.25, 0.75]: U(0.25) = 3.65, U(0.75) = 4.05 ->
  //   (0.25 * (3.65 + 3.8) / 2 + 0.25 * (3.8 + 4.05) / 2) / 0.5 = (0.93125 + 0.98125) / 0.5 = 3.825 V.
  config::CathodeProps p;
  p.name = "t";
  p.ocv = {{0.0, 3.5}, {0.5, 3.8}, {1.0, 4.3}};
  EXPECT_NEAR(mean_open_circuit_voltage(p, 0.0, 1.0), 3.85, 1e-12);
  EXPECT_NEAR(mean_open_circuit_voltage(p, 0.0, 0.5), 3.65, 1e-12);
  EXPECT_NEAR(mean_open_circuit_voltage(p, 0.25, 0.75), 3.825, 1e-12);
}

}  // namespace
}  // namespace afsim::cell
