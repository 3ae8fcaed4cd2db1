// afsim bench selects what it runs (--case, --grid, --steps) and prints a machine-readable table (--json).
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "run_process.hpp"

namespace {

using afsim::test::describe;
using afsim::test::ProcessResult;
using afsim::test::run_afsim;

TEST(BenchCli, ACaseOnAGridPrintsOneJsonRow) {
  const ProcessResult r = run_afsim({"bench", "--device", "cpu", "--quick", "--case", "coupled", "--grid",
                                     "32x32", "--steps", "1", "--json"});
  ASSERT_EQ(r.exit_code, 0) << describe(r);
  const nlohmann::json j = nlohmann::json::parse(r.out);
  EXPECT_GT(j["triad_GBps"].get<double>(), 0.0);
  ASSERT_EQ(j["rows"].size(), 1u);
  const nlohmann::json& row = j["rows"][0];
  EXPECT_EQ(row["case"], "coupled");
  EXPECT_EQ(row["grid"], (nlohmann::json{32, 32}));
  EXPECT_GT(row["cell_updates_per_s"].get<double>(), 0.0);
  EXPECT_GT(row["bytes_per_cell"].get<double>(), 0.0);
  EXPECT_GT(row["iterations"].get<double>(), 0.0);
}

TEST(BenchCli, TheTransportCaseAloneLeavesThePotentialRowOut) {
  const ProcessResult r =
      run_afsim({"bench", "--device", "cpu", "--quick", "--case", "transport", "--grid", "16x16", "--json"});
  ASSERT_EQ(r.exit_code, 0) << describe(r);
  const nlohmann::json j = nlohmann::json::parse(r.out);
  ASSERT_EQ(j["rows"].size(), 1u);
  EXPECT_EQ(j["rows"][0]["case"], "transport");
}

TEST(BenchCli, AMalformedGridIsBadInput) {
  const ProcessResult r = run_afsim({"bench", "--device", "cpu", "--grid", "512by512"});
  EXPECT_EQ(r.exit_code, 2) << describe(r);
  EXPECT_NE(r.err.find("--grid: expected NXxNY or NXxNYxNZ"), std::string::npos) << r.err;
}

}  // namespace
