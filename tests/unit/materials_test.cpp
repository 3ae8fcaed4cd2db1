// Material database (src/materials): the shipped files load, values arrive in SI, OCV tables are sorted,
// and broken material files are reported with file:line:col.
#include <filesystem>
#include <fstream>
#include <string>

#include <gtest/gtest.h>

#include "config/deck.hpp"
#include "materials/database.hpp"

namespace {

using afsim::materials::Database;
using afsim::materials::Kind;

TEST(Materials, ShippedDatabaseLoadsWithoutErrors) {
  EXPECT_NO_THROW(Database::load(afsim::config::default_materials_dir()));
}

TEST(Materials, ShippedDatabaseHasTheRequiredEntries) {
  const Database db = Database::load(afsim::config::default_materials_dir());
  for (const char* m : {"Li", "Na"}) EXPECT_NE(db.metal(m), nullptr) << m;
  for (const char* e : {"LiPF6_EC_DMC", "LiPF6_EC_EMC", "LiFSI_DME_4M", "NaPF6_diglyme", "LLZO", "Li6PS5Cl",
                        "Na_beta_alumina"})
    EXPECT_NE(db.electrolyte(e), nullptr) << e;
  for (const char* c : {"Cu", "Al", "Ni", "stainless_steel", "Ag", "Zn", "Au", "Sn", "In", "Mg", "C"})
    EXPECT_NE(db.collector(c), nullptr) << c;
  for (const char* c : {"NMC622", "NMC811", "LFP", "NVP"}) EXPECT_NE(db.cathode(c), nullptr) << c;
}

TEST(Materials, ValuesArriveInSiUnits) {
  const Database db = Database::load(afsim::config::default_materials_dir());
  EXPECT_DOUBLE_EQ(db.metal("Li")->molar_mass, 6.941e-3);
  EXPECT_DOUBLE_EQ(db.metal("Li")->density, 534.0);
  EXPECT_DOUBLE_EQ(db.metal("Na")->surface_energy, 0.22);
  EXPECT_DOUBLE_EQ(db.collector("Ag")->density, 10490.0);
  EXPECT_DOUBLE_EQ(db.cathode("NMC622")->specific_capacity, 630000.0);  // 175 mAh/g
  EXPECT_DOUBLE_EQ(db.cathode("NMC622")->density, 2700.0);
  EXPECT_EQ(db.electrolyte("LLZO")->kind, "solid");
  EXPECT_DOUBLE_EQ(db.electrolyte("LLZO")->transference, 1.0);
}

TEST(Materials, OcvTablesAreSortedAndSpanTheWholeWindow) {
  const Database db = Database::load(afsim::config::default_materials_dir());
  for (const auto& name : db.names(Kind::Cathode)) {
    const auto& ocv = db.cathode(name)->ocv;
    ASSERT_GE(ocv.size(), 2u) << name;
    EXPECT_DOUBLE_EQ(ocv.front().soc, 0.0) << name;
    EXPECT_DOUBLE_EQ(ocv.back().soc, 1.0) << name;
    for (std::size_t i = 1; i < ocv.size(); ++i) EXPECT_GT(ocv[i].soc, ocv[i - 1].soc) << name;
  }
  EXPECT_DOUBLE_EQ(db.cathode("NMC622")->ocv.back().voltage, 4.255);
}

TEST(Materials, PlaceholderValuesAreMarkedUnconfirmed) {
  const Database db = Database::load(afsim::config::default_materials_dir());
  const auto& unc = db.electrolyte("NaPF6_diglyme")->unconfirmed;
  EXPECT_NE(std::find(unc.begin(), unc.end(), "diffusivity"), unc.end());
  EXPECT_NE(std::find(db.cathode("NVP")->unconfirmed.begin(), db.cathode("NVP")->unconfirmed.end(), "ocv"),
            db.cathode("NVP")->unconfirmed.end());
}

// IUPAC atomic weights and handbook densities of the elements are textbook constants (tag T), not
// secondary knowledge: a Li|Cu or Na|Al deck sees no "unconfirmed" warning for its metal and collector.
TEST(Materials, TextbookConstantsAreNotUnconfirmed) {
  const Database db = Database::load(afsim::config::default_materials_dir());
  for (const char* metal : {"Li", "Na"}) EXPECT_TRUE(db.metal(metal)->unconfirmed.empty()) << metal;
  for (const char* host : {"Cu", "Al", "Ni", "Ag", "Zn", "Au", "Sn", "In", "Mg"})
    EXPECT_TRUE(db.collector(host)->unconfirmed.empty()) << host;
  // A handbook range of an alloy stays unconfirmed.
  EXPECT_FALSE(db.collector("stainless_steel")->unconfirmed.empty());
}

class BrokenMaterials : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("afsim_materials_test_" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir_);
    for (const char* f : {"metals.yaml", "electrolytes.yaml", "collectors.yaml", "cathodes.yaml"})
      std::filesystem::copy_file(std::filesystem::path(afsim::config::default_materials_dir()) / f, dir_ / f,
                                 std::filesystem::copy_options::overwrite_existing);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string load_error() {
    try {
      Database::load(dir_.string());
    } catch (const afsim::config::DeckError& e) {
      return e.what();
    }
    return "";
  }
  std::filesystem::path dir_;
};

TEST_F(BrokenMaterials, ValueWithoutSourceIsRefusedWithItsPosition) {
  std::ofstream(dir_ / "collectors.yaml") << "Cu:\n  density: 8.96 g/cm3\n";
  const std::string m = load_error();
  EXPECT_NE(m.find("collectors.yaml:2:12: Cu.density: every value in a material file needs its source"),
            std::string::npos)
      << m;
}

TEST_F(BrokenMaterials, NonMonotonicOcvTableIsRefused) {
  std::ofstream(dir_ / "cathodes.yaml")
      << "X:\n  metal: Li\n"
         "  specific_capacity: {value: 100 mAh/g, source: test, confidence: C}\n"
         "  density: {value: 2 g/cm3, source: test, confidence: C}\n"
         "  ocv: {source: test, confidence: C, points: [[0, 3.9], [1, 4.2], [0.5, 3.5]]}\n";
  const std::string m = load_error();
  EXPECT_NE(m.find("X.ocv.points: the open-circuit voltage must not fall"), std::string::npos) << m;
}

TEST_F(BrokenMaterials, UnknownPropertyAndBadTagAreReported) {
  std::ofstream(dir_ / "collectors.yaml")
      << "Cu:\n  densty: {value: 8.96 g/cm3, source: x, confidence: C}\n"
         "Ni:\n  density: {value: 8.9 g/cm3, source: x, confidence: maybe}\n";
  const std::string m = load_error();
  EXPECT_NE(m.find("Cu.densty: unknown key \"densty\", did you mean \"density\"?"), std::string::npos) << m;
  EXPECT_NE(m.find("Cu: missing required key \"density\""), std::string::npos) << m;
  EXPECT_NE(m.find("Ni.density.confidence: expected one of R, A, S"), std::string::npos) << m;
}

TEST_F(BrokenMaterials, ConductivityFitWithTheWrongNumberOfCoefficientsIsRefused) {
  std::ofstream(dir_ / "electrolytes.yaml")
      << "X:\n  kind: liquid\n  metal: Li\n"
         "  concentration: {value: 1 M, source: t, confidence: C}\n"
         "  diffusivity: {value: 3e-10 m2/s, source: t, confidence: C}\n"
         "  conductivity: {value: 1 S/m, source: t, confidence: C}\n"
         "  conductivity_fit: {form: landesfeind2019, coefficients: [1, 2, 3, 4, 5], source: t, confidence: "
         "R}\n"
         "  transference: {value: 0.3, source: t, confidence: C}\n"
         "  density: {value: 1.2 g/cm3, source: t, confidence: C}\n"
         "  exchange_current: {value: 1 mA/cm2, source: t, confidence: C}\n";
  const std::string m = load_error();
  EXPECT_NE(m.find("X.conductivity_fit.coefficients: expected the six Landesfeind coefficients"),
            std::string::npos)
      << m;
}

TEST_F(BrokenMaterials, LiquidElectrolyteWithoutAConductivityFitIsRefused) {
  std::ofstream(dir_ / "electrolytes.yaml")
      << "X:\n  kind: liquid\n  metal: Li\n"
         "  concentration: {value: 1 M, source: t, confidence: C}\n"
         "  diffusivity: {value: 3e-10 m2/s, source: t, confidence: C}\n"
         "  conductivity: {value: 1 S/m, source: t, confidence: C}\n"
         "  transference: {value: 0.3, source: t, confidence: C}\n"
         "  density: {value: 1.2 g/cm3, source: t, confidence: C}\n"
         "  exchange_current: {value: 1 mA/cm2, source: t, confidence: C}\n";
  const std::string m = load_error();
  EXPECT_NE(m.find("X: missing required key \"conductivity_fit\""), std::string::npos) << m;
}

}  // namespace
