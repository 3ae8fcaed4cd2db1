// Units parser (src/config/units.hpp): conversions to SI against hand values, dimension checks, garbage.
#include "schema/units.hpp"

#include <cmath>
#include <string>

#include <gtest/gtest.h>

namespace {

using afsim::schema::Dimension;
using afsim::schema::parse_quantity;
using afsim::schema::to_si;
using afsim::schema::UnitError;
namespace dim = afsim::schema::dim;

double si(const std::string& text, const Dimension& d) {
  return to_si(text, d);
}

TEST(Units, LengthsWithPrefixesConvertToMetres) {
  EXPECT_DOUBLE_EQ(si("50 nm", dim::length), 50e-9);
  EXPECT_DOUBLE_EQ(si("0.2 um", dim::length), 0.2e-6);
  EXPECT_DOUBLE_EQ(si("0.2 \xC2\xB5m", dim::length), 0.2e-6);  // micro sign
  EXPECT_DOUBLE_EQ(si("0.2 \xCE\xBCm", dim::length), 0.2e-6);  // greek mu
  EXPECT_DOUBLE_EQ(si("3 mm", dim::length), 3e-3);
  EXPECT_DOUBLE_EQ(si("2 cm", dim::length), 0.02);
}

TEST(Units, OneMilliampPerSquareCentimetreIsTenAmpsPerSquareMetre) {
  EXPECT_DOUBLE_EQ(si("1 mA/cm2", dim::current_density), 10.0);
  EXPECT_DOUBLE_EQ(si("7 mA/cm2", dim::current_density), 70.0);
}

TEST(Units, OneMilliampHourPerSquareCentimetreIs36000CoulombPerSquareMetre) {
  // 1 mAh = 3.6 C and 1 cm2 = 1e-4 m2, so 1 mAh/cm2 = 3.6 C/cm2 = 3.6e4 C/m2.
  EXPECT_DOUBLE_EQ(si("1 mAh/cm2", dim::areal_capacity), 36000.0);
  EXPECT_DOUBLE_EQ(si("3 mAh/cm2", dim::areal_capacity), 108000.0);
}

TEST(Units, CelsiusIsShiftedToKelvin) {
  EXPECT_DOUBLE_EQ(si("25 degC", dim::temperature), 298.15);
  EXPECT_DOUBLE_EQ(si("25 \xC2\xB0"
                      "C",
                      dim::temperature),
                   298.15);
  EXPECT_DOUBLE_EQ(si("300 K", dim::temperature), 300.0);
}

TEST(Units, CelsiusInsideACompoundUnitIsRejected) {
  EXPECT_THROW(parse_quantity("5 degC/s"), UnitError);
}

TEST(Units, TimesPressuresAndVoltagesConvert) {
  EXPECT_DOUBLE_EQ(si("10 min", dim::time), 600.0);
  EXPECT_DOUBLE_EQ(si("2 h", dim::time), 7200.0);
  EXPECT_DOUBLE_EQ(si("5 ms", dim::time), 5e-3);
  EXPECT_DOUBLE_EQ(si("2 MPa", dim::pressure), 2e6);
  EXPECT_DOUBLE_EQ(si("4.3 V", dim::voltage), 4.3);
  EXPECT_DOUBLE_EQ(si("50 mV", dim::voltage), 0.05);
}

TEST(Units, OneMolarIsOneThousandMolPerCubicMetre) {
  EXPECT_DOUBLE_EQ(si("1 M", dim::concentration), 1000.0);
  EXPECT_DOUBLE_EQ(si("1 mol/L", dim::concentration), 1000.0);
  EXPECT_DOUBLE_EQ(si("50 mM", dim::concentration), 50.0);
}

TEST(Units, ConductivityInMillisiemensPerCentimetreConverts) {
  EXPECT_DOUBLE_EQ(si("11.8 mS/cm", dim::conductivity), 1.18);
  EXPECT_DOUBLE_EQ(si("1.18 S/m", dim::conductivity), 1.18);
}

TEST(Units, DiffusivityInSquareCentimetresPerSecondConverts) {
  EXPECT_DOUBLE_EQ(si("2.9e-10 m2/s", dim::diffusivity), 2.9e-10);
  EXPECT_DOUBLE_EQ(si("2.9e-6 cm2/s", dim::diffusivity), 2.9e-10);
  EXPECT_DOUBLE_EQ(si("2.9e-10 m^2/s", dim::diffusivity), 2.9e-10);
}

TEST(Units, AreaDensityPerSquareCentimetreConverts) {
  EXPECT_DOUBLE_EQ(si("1e8 1/cm2", dim::areal_density), 1e12);
}

TEST(Units, DensityAndSpecificCapacityConvert) {
  EXPECT_DOUBLE_EQ(si("0.534 g/cm3", dim::mass_density), 534.0);
  EXPECT_DOUBLE_EQ(si("1.24 g/cm3", dim::mass_density), 1240.0);  // exact: applied to the decimal text
  EXPECT_DOUBLE_EQ(si("175 mAh/g", dim::specific_capacity), 630000.0);
  EXPECT_DOUBLE_EQ(si("6.941 g/mol", dim::molar_mass), 6.941e-3);
}

TEST(Units, AreaSpecificResistanceAcceptsSpaceStarAndOmega) {
  EXPECT_DOUBLE_EQ(si("10 ohm cm2", dim::area_resistance), 1e-3);
  EXPECT_DOUBLE_EQ(si("10 Ohm*cm2", dim::area_resistance), 1e-3);
  EXPECT_DOUBLE_EQ(si("10 \xCE\xA9 cm2", dim::area_resistance), 1e-3);
}

TEST(Units, ParenthesisedDenominatorComposes) {
  EXPECT_DOUBLE_EQ(si("2.5e-6 m3/(J s)", dim::interface_mobility), 2.5e-6);
  EXPECT_DOUBLE_EQ(si("1e-3 1/s", dim::rate), 1e-3);
}

TEST(Units, PlainNumbersAndPercentAreDimensionless) {
  EXPECT_DOUBLE_EQ(si("0.33", dim::none), 0.33);
  EXPECT_DOUBLE_EQ(si("5 %", dim::none), 0.05);
  EXPECT_DOUBLE_EQ(si("+2", dim::none), 2.0);
}

TEST(Units, WrongDimensionNamesWhatWasExpected) {
  std::string err;
  const double v = to_si("50 mA", dim::length, &err);
  EXPECT_TRUE(std::isnan(v));
  EXPECT_EQ(err, "expected a length such as \"50 nm\", got \"50 mA\" (a current)");
}

TEST(Units, MissingUnitOnADimensionalValueIsAnError) {
  std::string err;
  to_si("50", dim::length, &err);
  EXPECT_NE(err.find("give the unit"), std::string::npos) << err;
}

TEST(Units, WrongDimensionThrowsWithoutAnErrorSlot) {
  EXPECT_THROW(to_si("1 mA/cm2", dim::areal_capacity), UnitError);
}

TEST(Units, GarbageEmptyNanInfAndOverflowAreRejected) {
  for (const char* bad : {"", "   ", "abc", "nan", "NaN", ".nan", "inf", "-inf", ".inf", "1e400", "1e400 nm",
                          "5 furlongs", "5 m/", "5 (m", "5 m^", "1e308 km3", "1..2 m", "0x10 m"}) {
    EXPECT_THROW(parse_quantity(bad), UnitError) << "\"" << bad << "\"";
  }
}

TEST(Units, UnknownUnitIsNamedInTheMessage) {
  try {
    parse_quantity("5 furlongs");
    FAIL();
  } catch (const UnitError& e) {
    EXPECT_NE(std::string(e.what()).find("unknown unit \"furlongs\""), std::string::npos) << e.what();
  }
}

TEST(Units, DimensionsDescribeThemselvesWithAnExample) {
  EXPECT_EQ(afsim::schema::describe(dim::current_density), "current density such as \"1 mA/cm2\"");
  EXPECT_EQ(afsim::schema::describe(dim::length), "length such as \"50 nm\"");
  EXPECT_EQ(dim::areal_capacity.key_suffix(), "C_m2");
}

}  // namespace
