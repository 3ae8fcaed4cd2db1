// Plating needs the collector's electrons: the cathodic reaction runs on connected metal, the collector row
// and their diffuse shell only (MODELS §2, docs/model-notes.md "Electronic reach"). A film plated at -1 V
// (inputs/regime_high_current.yaml as a 1-D column, a stiff profile L_sigma = 1e-6 m3/(J s)) drives the
// Butler–Volmer factor to ~1e8, so that any xi > ~1e-9 in the electrolyte would grow into metal; before the
// rule the profile's tail turned into a fog of metal out in the electrolyte (interface area 1.31 and the
// xi = 1/2 front 1.5 um behind the dense-equivalent thickness in this very run). With it, the column plates
// as one flat front.
#include <cmath>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "config/deck.hpp"
#include "deck_run.hpp"

namespace afsim {
namespace {

class FilmAtALargeOverpotential : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    const std::vector<std::string> column = {
        "domain.cells=[4, 256]", "physics.initial={film: 2 um}",
        "protocol.steps[0].charge={potential: -1.0 V, until: {capacity: 0.5 mAh/cm2}}",
        "physics.phase_field.interface_mobility=1e-6 m3/(J s)"};
    run_ = new test::DeckRun(test::run_deck(
        config::load_deck(std::string(AFSIM_SOURCE_DIR) + "/inputs/regime_high_current.yaml", column),
        "electronic_reach"));
  }
  static void TearDownTestSuite() { delete run_; }
  static test::DeckRun* run_;
};
test::DeckRun* FilmAtALargeOverpotential::run_ = nullptr;

TEST_F(FilmAtALargeOverpotential, PlatesItsCapacity) {
  EXPECT_EQ(run_->summary["status"], "completed") << run_->summary.dump(2);
}

TEST_F(FilmAtALargeOverpotential, StaysOneFlatInterface) {
  // A column has one flat interface: area 1 per collector area (the diffuse estimate is within 1 %).
  EXPECT_NEAR(run_->summary["deposit"]["interface_area"].get<double>(), 1.0, 0.01);
}

TEST_F(FilmAtALargeOverpotential, FrontSitsWhereTheMetalFormedPutsIt) {
  // All metal is in the film: its xi = 1/2 front is at the dense-equivalent thickness (film + plated), to
  // within half the interface width (the front is read at cell faces, h = 0.5 um, l = 1 um).
  const auto& d = run_->summary["deposit"];
  const double front = d["envelope_max_m"].get<double>();
  const double dense = d["dense_thickness_m"].get<double>();
  EXPECT_NEAR(front, dense, 0.5 * run_->cfg.physics.phase_field.interface_width)
      << "front " << front << ", dense " << dense;
}

}  // namespace
}  // namespace afsim
