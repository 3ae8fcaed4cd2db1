// kappa_e(c), MODELS §3 (kernels/potential.hpp, physics/model_parameters.cpp): the Landesfeind fits of the
// shipped electrolytes against the values PARAMETERS.md §2 tabulates at 298.15 K (computed there from the
// full fit), the dilute form, and the floor that keeps a salt-free cell conducting a little.
#include <gtest/gtest.h>

#include "config/deck.hpp"
#include "materials/database.hpp"
#include "physics/model_parameters.hpp"

namespace {

using afsim::ConductivityForm;
using afsim::ConductivityModel;
using afsim::Real;

ConductivityModel model_of(const char* electrolyte, double temperature) {
  const auto db = afsim::materials::Database::load(afsim::config::default_materials_dir());
  return afsim::conductivity_model(*db.electrolyte(electrolyte), temperature);
}

// PARAMETERS.md §2, "Computed values at 298.15 K": kappa in S/m at 0.5, 1.0 and 1.5 M, two digits.
TEST(Conductivity, LandesfeindEcDmcFitFallsOnBothSidesOfOneMolarAsTabulated) {
  const ConductivityModel m = model_of("LiPF6_EC_DMC", 298.15);
  ASSERT_EQ(m.form, ConductivityForm::Landesfeind);
  EXPECT_NEAR(afsim::relative_conductivity(Real(1000), m), 1.0, 1e-12);
  EXPECT_NEAR(afsim::relative_conductivity(Real(500), m), 1.02 / 1.18, 0.01);
  EXPECT_NEAR(afsim::relative_conductivity(Real(1500), m), 1.00 / 1.18, 0.01);
}

TEST(Conductivity, LandesfeindEcEmcFitFallsOnBothSidesOfOneMolarAsTabulated) {
  const ConductivityModel m = model_of("LiPF6_EC_EMC", 298.15);
  ASSERT_EQ(m.form, ConductivityForm::Landesfeind);
  EXPECT_NEAR(afsim::relative_conductivity(Real(500), m), 0.76 / 0.91, 0.01);
  EXPECT_NEAR(afsim::relative_conductivity(Real(1500), m), 0.81 / 0.91, 0.01);
}

// Without carriers there is no conduction: the fit goes linearly to zero (kappa ~ c as c -> 0), which is
// what bounds kappa_D grad ln c at a depleted tip.
TEST(Conductivity, LandesfeindFitVanishesLinearlyWithTheSalt) {
  const ConductivityModel m = model_of("LiPF6_EC_DMC", 300);
  const double k1 = afsim::relative_conductivity(Real(1), m);  // 1 mmol/L
  const double k2 = afsim::relative_conductivity(Real(2), m);
  EXPECT_NEAR(k2 / k1, 2.0, 0.1);
  EXPECT_LT(k1, 0.01);
}

TEST(Conductivity, DiluteFormIsProportionalToTheSalt) {
  const ConductivityModel m = model_of("NaPF6_diglyme", 298.15);
  ASSERT_EQ(m.form, ConductivityForm::Dilute);
  EXPECT_NEAR(afsim::relative_conductivity(Real(250), m), 0.25, 1e-12);
  EXPECT_NEAR(afsim::relative_conductivity(Real(2000), m), 2.0, 1e-12);
}

TEST(Conductivity, EmptiedCellKeepsTheFloorConductivity) {
  const ConductivityModel m = model_of("LiPF6_EC_DMC", 300);
  EXPECT_DOUBLE_EQ(afsim::relative_conductivity(Real(0), m), afsim::kConductivityFloor);
  EXPECT_DOUBLE_EQ(afsim::relative_conductivity(Real(-5), m), afsim::kConductivityFloor);
}

TEST(Conductivity, SolidElectrolyteConductsIndependentlyOfConcentration) {
  const ConductivityModel m = model_of("Li6PS5Cl", 298.15);
  EXPECT_EQ(m.form, ConductivityForm::Constant);
  EXPECT_DOUBLE_EQ(afsim::relative_conductivity(Real(10), m), 1.0);
}

}  // namespace
