// Mean discharge voltage from a run's time series (MODELS (9.1), `afsim cell --from`).
#include <cmath>
#include <fstream>

#include <gtest/gtest.h>

#include "cell/run_coupling.hpp"
#include "temp_dir.hpp"

namespace afsim {
namespace {

void write(const std::filesystem::path& p, const std::string& text) {
  std::ofstream(p) << text;
}

TEST(DischargeVoltage, ChargeWeightedTrapezoidOverConsecutiveDischargeRows) {
  test::TempDir tmp;
  const auto csv = tmp.path() / "timeseries.csv";
  // Charge rows are ignored; the discharge passes 10 C/m2 at a mean of (3.9 + 3.7)/2 = 3.8 V, then
  // 30 C/m2 at (3.7 + 3.5)/2 = 3.6 V: U = (10 * 3.8 + 30 * 3.6) / 40 = 146 / 40 = 3.65 V.
  write(csv,
        "time_s,step_kind,charge_C_m2,V_cell_V\n"
        "0,\"charge\",0,4.0\n"
        "10,\"charge\",100,4.2\n"
        "20,\"discharge\",100,3.9\n"
        "30,\"discharge\",90,3.7\n"
        "40,\"discharge\",60,3.5\n");
  EXPECT_NEAR(cell::simulated_mean_discharge_voltage(csv), 3.65, 1e-12);
}

TEST(DischargeVoltage, RunWithoutDischargeGivesNaN) {
  test::TempDir tmp;
  const auto csv = tmp.path() / "timeseries.csv";
  write(csv, "time_s,step_kind,charge_C_m2,V_cell_V\n0,charge,0,4.0\n10,charge,100,4.2\n");
  EXPECT_TRUE(std::isnan(cell::simulated_mean_discharge_voltage(csv)));
  EXPECT_TRUE(std::isnan(cell::simulated_mean_discharge_voltage(tmp.path() / "absent.csv")));
}

TEST(DischargeVoltage, RestBetweenDischargesDoesNotBridgeTheGap) {
  test::TempDir tmp;
  const auto csv = tmp.path() / "timeseries.csv";
  // Two separate discharge pairs: 10 C/m2 at 3.8 V and 10 C/m2 at 3.4 V; the rest row breaks the chain,
  // so the 3.7 -> 3.5 jump across it is not counted: U = (38 + 34) / 20 = 3.6 V.
  write(csv,
        "time_s,step_kind,charge_C_m2,V_cell_V\n"
        "0,discharge,0,3.9\n"
        "1,discharge,-10,3.7\n"
        "2,rest,-10,3.8\n"
        "3,discharge,-10,3.5\n"
        "4,discharge,-20,3.3\n");
  EXPECT_NEAR(cell::simulated_mean_discharge_voltage(csv), 3.6, 1e-12);
}

}  // namespace
}  // namespace afsim
