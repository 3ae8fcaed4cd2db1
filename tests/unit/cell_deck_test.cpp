// Cell decks (config/cell_deck.hpp): run decks are cell decks, stack keys have defaults, and bad cell decks
// get the same file:line:col messages as run decks (DESIGN §5).
#include "config/cell_deck.hpp"

#include <string>

#include <gtest/gtest.h>

namespace afsim::config {
namespace {

const char* const kCell =
    "cell:\n"
    "  metal: Li\n"
    "  electrolyte: LiPF6_EC_DMC\n"
    "  collector: Cu\n"
    "  cathode: {material: NMC622, loading: 3 mAh/cm2}\n";

std::string error_of(const std::string& text, const std::vector<std::string>& overrides = {}) {
  try {
    parse_cell_deck(text, "cell.yaml", overrides);
  } catch (const DeckError& e) {
    return e.what();
  }
  return "";
}

TEST(CellDeck, ARunDeckIsAValidCellDeck) {
  const CellDeck d = load_cell_deck(std::string(AFSIM_SOURCE_DIR) + "/inputs/current_distribution_2d.yaml");
  EXPECT_FALSE(d.has_stack_section);
  EXPECT_GT(d.cell.cathode.loading, 0);
}

TEST(CellDeck, AnInterlayerIsALayerOfTheStack) {
  const CellDeck d =
      parse_cell_deck(std::string(kCell) + "  interlayer: {material: Ag, thickness: 50 nm}\n", "cell.yaml");
  ASSERT_TRUE(d.cell.interlayer.has_value());
  EXPECT_EQ(d.cell.interlayer->material, "Ag");
  EXPECT_DOUBLE_EQ(d.cell.interlayer->thickness, 50e-9);
}

TEST(CellDeck, AnUnknownInterlayerMaterialSuggestsTheNearest) {
  const std::string err = error_of(std::string(kCell) + "  interlayer: {material: Agg, thickness: 50 nm}\n");
  EXPECT_NE(err.find("cell.yaml:6:"), std::string::npos) << err;
  EXPECT_NE(err.find("cell.interlayer.material: unknown interlayer material \"Agg\", did you mean \"Ag\"?"),
            std::string::npos)
      << err;
}

TEST(CellDeck, StackDefaultsAreTheSeedStack) {
  // Seed §2 (PARAMETERS §11): double-sided, Al 15 um, coating 31 % porous and 95.5 wt% active,
  // Celgard H2010 20 um / 46 % / 950 kg/m3, anode-free, 8 um negative collector.
  const CellDeck d = parse_cell_deck(kCell, "cell.yaml");
  EXPECT_EQ(d.stack.repeating_unit, RepeatingUnit::DoubleSided);
  EXPECT_DOUBLE_EQ(d.stack.positive_collector_thickness, 15e-6);
  EXPECT_DOUBLE_EQ(d.stack.positive_collector.density, 2710);
  EXPECT_DOUBLE_EQ(d.stack.cathode_porosity, 0.31);
  EXPECT_DOUBLE_EQ(d.stack.cathode_active_fraction, 0.955);
  EXPECT_EQ(d.stack.separator.name, "Celgard_H2010");
  EXPECT_DOUBLE_EQ(d.stack.separator.thickness, 20e-6);
  EXPECT_DOUBLE_EQ(d.stack.separator.porosity, 0.46);
  EXPECT_DOUBLE_EQ(d.stack.separator.density, 950);
  EXPECT_EQ(d.stack.anode, AnodeKind::AnodeFree);
}

TEST(CellDeck, SolidElectrolyteCellDefaultsToA30umLayerOfIt) {
  const std::string text =
      "cell: {metal: Li, electrolyte: Li6PS5Cl, collector: Cu, cathode: {material: NMC622, loading: 3 "
      "mAh/cm2}}\n";
  const CellDeck d = parse_cell_deck(text, "cell.yaml");
  EXPECT_EQ(d.stack.separator.name, "Li6PS5Cl");
  EXPECT_DOUBLE_EQ(d.stack.separator.thickness, 30e-6);
  EXPECT_DOUBLE_EQ(d.stack.separator.porosity, 0.0);
  EXPECT_DOUBLE_EQ(d.stack.separator.density, 1640);
}

TEST(CellDeck, UnknownStackKeyIsReportedWithPositionAndSuggestion) {
  const std::string m = error_of(std::string(kCell) + "stack:\n  repeating_unti: single_sided\n");
  EXPECT_NE(m.find("cell.yaml:7:3: stack.repeating_unti: unknown key \"repeating_unti\""), std::string::npos)
      << m;
  EXPECT_NE(m.find("repeating_unit"), std::string::npos) << m;
}

TEST(CellDeck, WrongUnitDimensionIsReportedAtTheValue) {
  const std::string m = error_of(std::string(kCell) + "stack:\n  negative_collector: {thickness: 8 mA}\n");
  EXPECT_NE(m.find("cell.yaml:7:35: stack.negative_collector.thickness: expected a length"),
            std::string::npos)
      << m;
}

TEST(CellDeck, BadOverrideIsReportedAsTheSetText) {
  const std::string m = error_of(kCell, {"stack.separator.porosity=1.5"});
  EXPECT_NE(m.find("--set stack.separator.porosity=1.5: stack.separator.porosity: must be in [0, 0.99]"),
            std::string::npos)
      << m;
}

TEST(CellDeck, FoilAnodeWithoutThicknessIsAnError) {
  const std::string m = error_of(std::string(kCell) + "stack:\n  anode: {type: foil}\n");
  EXPECT_NE(m.find("stack.anode: missing required key \"thickness\""), std::string::npos) << m;
}

TEST(CellDeck, MissingCellBlockIsAnError) {
  const std::string m = error_of("stack: {repeating_unit: double_sided}\n");
  EXPECT_NE(m.find("missing required section \"cell\""), std::string::npos) << m;
}

TEST(CellDeck, UnknownSeparatorNamesTheKnownOnes) {
  const std::string m = error_of(std::string(kCell) + "stack:\n  separator: Celgard_H2020\n");
  EXPECT_NE(m.find("unknown separator \"Celgard_H2020\""), std::string::npos) << m;
  EXPECT_NE(m.find("Celgard_H2010"), std::string::npos) << m;
}

TEST(CellDeck, RunDeckSectionsAreStillChecked) {
  const std::string m = error_of(std::string(kCell) + "domain: {cells: [8, 8], spacing: 50 mA}\n");
  EXPECT_NE(m.find("domain.spacing: expected a length"), std::string::npos) << m;
}

}  // namespace
}  // namespace afsim::config
