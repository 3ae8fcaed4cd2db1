// Deck parser (src/config/deck.hpp): good decks into SI structs, overrides, inline material overrides,
// messages with file:line:col and suggestions.
#include "config/deck.hpp"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include <gtest/gtest.h>

namespace {

using namespace afsim::config;

const std::string kMinimal = std::string(AFSIM_TEST_DATA_DIR) + "/cli/good_decks/minimal.yaml";

// The deck of DESIGN.md §5, verbatim: the contract examples and studies rely on.
const char* kDesignDeck = R"(run:      {name: li_cu_1mA, output: out/li_cu_1mA, device: auto, seed: 7}
domain:   {cells: [512, 256], spacing: 50 nm, lateral: periodic, top: reservoir}
cell:
  metal: Li                       # Li | Na
  electrolyte: LiPF6_EC_DMC       # a name in inputs/materials/electrolytes.yaml (liquid or solid)
  collector: Cu
  interlayer: {material: Ag, thickness: 50 nm}        # optional
  cathode: {material: NMC622, loading: 3 mAh/cm2}
  temperature: 25 degC
  pressure: 2 MPa                 # stack pressure (solid electrolytes)
physics:
  phase_field: {interface_width: 0.2 um, anisotropy: 0.05, noise: 0}
  initial: {seeds: {density: 1e8 1/cm2, radius: 0.2 um}}   # or {film: 0.5 um} or {file: seeds.vti}
  nucleation: {mode: progressive}
  sei: {enabled: true}
protocol:
  cycles: 3
  steps:
    - charge:    {current: 1 mA/cm2, until: {capacity: 1 mAh/cm2, voltage: 4.3 V}}
    - rest:      {duration: 10 min}
    - discharge: {current: 1 mA/cm2, until: {voltage: 3.0 V}}
output:   {every: 0.1 mAh/cm2, fields: [metal_fraction, concentration, potential, dead_metal]}
numerics: {dt: 1 ms}
)";

std::string error_of(const std::string& text, const std::vector<std::string>& overrides = {}) {
  try {
    parse_deck(text, "deck.yaml", overrides);
  } catch (const DeckError& e) {
    return e.what();
  }
  return "";
}

std::string minimal_text() {
  std::ifstream in(kMinimal);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

std::string replaced(std::string text, const std::string& from, const std::string& to) {
  const auto p = text.find(from);
  EXPECT_NE(p, std::string::npos) << from;
  if (p != std::string::npos) text.replace(p, from.size(), to);
  return text;
}

TEST(Deck, MinimalDeckParsesIntoSiValues) {
  const Config c = load_deck(kMinimal);
  EXPECT_EQ(c.run.name, "minimal");
  EXPECT_EQ(c.run.device, "cpu");
  EXPECT_EQ(c.run.seed, 1u);
  EXPECT_EQ(c.domain.cells, (std::array<int, 3>{32, 32, 1}));
  EXPECT_DOUBLE_EQ(c.domain.spacing, 0.5e-6);
  EXPECT_EQ(c.domain.lateral, Lateral::Periodic);
  EXPECT_EQ(c.domain.top, TopBoundary::Reservoir);
  EXPECT_EQ(c.cell.metal.name, "Li");
  EXPECT_DOUBLE_EQ(c.cell.metal.molar_volume, 1.3e-5);
  EXPECT_DOUBLE_EQ(c.cell.metal.surface_energy, 0.5);
  EXPECT_EQ(c.cell.electrolyte.name, "LiPF6_EC_DMC");
  EXPECT_DOUBLE_EQ(c.cell.electrolyte.concentration, 1000.0);
  EXPECT_DOUBLE_EQ(c.cell.electrolyte.diffusivity, 2.91e-10);
  EXPECT_DOUBLE_EQ(c.cell.electrolyte.conductivity, 1.18);
  EXPECT_DOUBLE_EQ(c.cell.electrolyte.transference, 0.33);
  EXPECT_DOUBLE_EQ(c.cell.electrolyte.exchange_current, 71.0);
  EXPECT_DOUBLE_EQ(c.cell.collector.density, 8960.0);
  EXPECT_EQ(c.cell.cathode.props.name, "NMC622");
  EXPECT_EQ(c.cell.cathode.props.ocv.size(), 17u);
  EXPECT_DOUBLE_EQ(c.cell.cathode.loading, 108000.0);
  EXPECT_DOUBLE_EQ(c.cell.temperature, 298.15);
  EXPECT_DOUBLE_EQ(c.physics.phase_field.interface_width, 1e-6);
  EXPECT_DOUBLE_EQ(c.physics.phase_field.anisotropy, 0.04);
  EXPECT_DOUBLE_EQ(c.physics.initial.film, 2e-6);
  ASSERT_EQ(c.physics.initial.bumps.size(), 1u);
  EXPECT_DOUBLE_EQ(c.physics.initial.bumps[0].x, 4e-6);
  EXPECT_DOUBLE_EQ(c.physics.initial.bumps[0].radius, 1e-6);
  ASSERT_EQ(c.physics.initial.needles.size(), 1u);
  EXPECT_DOUBLE_EQ(c.physics.initial.needles[0].height, 6e-6);
  EXPECT_DOUBLE_EQ(c.numerics.dt, 0.01);
  ASSERT_EQ(c.protocol.steps.size(), 1u);
  EXPECT_EQ(c.protocol.steps[0].kind, StepKind::Charge);
  EXPECT_EQ(c.protocol.steps[0].control, Control::Galvanostatic);
  EXPECT_DOUBLE_EQ(c.protocol.steps[0].current, 10.0);
  EXPECT_DOUBLE_EQ(*c.protocol.steps[0].until_time, 10.0);
  EXPECT_DOUBLE_EQ(*c.output.every_time, 5.0);
  EXPECT_FALSE(c.output.every_capacity.has_value());
}

TEST(Deck, OmittedKeysTakeTheirDefaults) {
  const Config c = load_deck(kMinimal);
  EXPECT_EQ(c.run.output, "out/minimal");
  EXPECT_EQ(c.protocol.cycles, 1);
  EXPECT_DOUBLE_EQ(c.numerics.psi_min, 1e-6);
  EXPECT_EQ(c.numerics.solver_max_iterations, 200);
  EXPECT_DOUBLE_EQ(c.cell.cathode.initial_soc, 0.0);
  EXPECT_FALSE(c.cell.interlayer.has_value());
  EXPECT_FALSE(c.physics.phase_field.reaction_mobility.has_value());
  EXPECT_EQ(c.physics.phase_field.capillarity, Capillarity::Diffuse);
}

TEST(Deck, CapillarityChoosesGibbsThomson) {
  // A 2 um interface on the minimal deck's 0.5 um cells: four cells across l.
  const Config c = load_deck(kMinimal, {"physics.phase_field.interface_width=2 um",
                                        "physics.phase_field.capillarity=gibbs_thomson"});
  EXPECT_EQ(c.physics.phase_field.capillarity, Capillarity::GibbsThomson);
}

TEST(Deck, GibbsThomsonOnAnInterfaceOfTwoCellsIsRefused) {
  const std::string text = replaced(minimal_text(), "noise: 0}", "noise: 0, capillarity: gibbs_thomson}");
  const std::string err = error_of(text);
  EXPECT_NE(err.find("physics.phase_field.capillarity"), std::string::npos) << err;
  EXPECT_NE(err.find("at least 4 cells"), std::string::npos) << err;
  EXPECT_NE(err.find("got 2:"), std::string::npos) << err;
}

TEST(Deck, UnknownCapillarityNamesTheChoices) {
  const std::string text = replaced(minimal_text(), "noise: 0}", "noise: 0, capillarity: sharp}");
  const std::string err = error_of(text);
  EXPECT_NE(err.find("deck.yaml:12:"), std::string::npos) << err;
  EXPECT_NE(err.find("physics.phase_field.capillarity"), std::string::npos) << err;
  EXPECT_NE(err.find("gibbs_thomson"), std::string::npos) << err;
}

// The lines of the DESIGN.md deck that name physics not built yet: each is refused at its key (a key that
// is accepted must act), with what to do instead.
TEST(Deck, DesignDocumentDeckIsRefusedWhereItsPhysicsIsNotBuiltYet) {
  const std::string err = error_of(kDesignDeck);
  for (const char* key :
       {"deck.yaml:7:15: cell.interlayer: lithiophilic interlayers (MODELS §6) are not available yet",
        "deck.yaml:10:13: cell.pressure: stack pressure",
        "deck.yaml:14:15: physics.nucleation: classical nucleation",
        "deck.yaml:15:8: physics.sei: the SEI and corrosion model"})
    EXPECT_NE(err.find(key), std::string::npos) << key << "\n" << err;
}

std::string design_deck_without_unbuilt_physics() {
  std::string text = kDesignDeck;
  for (const char* line : {"  interlayer: {material: Ag, thickness: 50 nm}        # optional\n",
                           "  pressure: 2 MPa                 # stack pressure (solid electrolytes)\n",
                           "  nucleation: {mode: progressive}\n", "  sei: {enabled: true}\n"}) {
    const auto p = text.find(line);
    EXPECT_NE(p, std::string::npos) << line;
    if (p != std::string::npos) text.erase(p, std::string(line).size());
  }
  return text;
}

TEST(Deck, DesignDocumentDeckParsesWithoutThePhysicsNotBuiltYet) {
  const Config c = parse_deck(design_deck_without_unbuilt_physics(), "design.yaml");
  EXPECT_EQ(c.domain.cells, (std::array<int, 3>{512, 256, 1}));
  EXPECT_FALSE(c.cell.interlayer.has_value());
  ASSERT_TRUE(c.physics.initial.seeds.has_value());
  EXPECT_DOUBLE_EQ(c.physics.initial.seeds->density, 1e12);
  EXPECT_EQ(c.protocol.cycles, 3);
  ASSERT_EQ(c.protocol.steps.size(), 3u);
  EXPECT_DOUBLE_EQ(*c.protocol.steps[0].until_capacity, 36000.0);
  EXPECT_DOUBLE_EQ(*c.protocol.steps[0].until_voltage, 4.3);
  EXPECT_EQ(c.protocol.steps[1].control, Control::Rest);
  EXPECT_DOUBLE_EQ(*c.protocol.steps[1].until_time, 600.0);
  EXPECT_EQ(c.protocol.steps[2].kind, StepKind::Discharge);
  EXPECT_DOUBLE_EQ(*c.protocol.steps[2].until_voltage, 3.0);
  EXPECT_DOUBLE_EQ(*c.output.every_capacity, 3600.0);
  EXPECT_EQ(c.output.fields.size(), 4u);
}

TEST(Deck, ASolidElectrolyteIsRefusedInASimulationDeck) {
  const std::string err = error_of(minimal_text(), {"cell.electrolyte=Li6PS5Cl"});
  EXPECT_NE(err.find("cell.electrolyte: Li6PS5Cl is a solid electrolyte"), std::string::npos) << err;
  EXPECT_NE(err.find("not available yet"), std::string::npos) << err;
}

// ---- numerics is optional: dt from the protocol and the interface (config/numerics_defaults.hpp) ----

std::string without_numerics(const std::string& text) {
  return replaced(text, "numerics: {dt: 0.01 s}\n", "");
}

TEST(Deck, WithoutNumericsTheStepResolvesTheProtocolStep) {
  // The minimal deck plates for 10 s at 1 mA/cm2 on a 1 um interface: the step's 10 s / 100 is far below
  // the 1 um / (10 A/m^2 V_m / F) = 742 s the front needs per interface width, and Sand's time is hours.
  const Config c = parse_deck(without_numerics(minimal_text()), "deck.yaml");
  EXPECT_DOUBLE_EQ(c.numerics.dt, 0.1);
  EXPECT_NE(c.numerics.dt_source.find("protocol step 1 (charge): its duration"), std::string::npos)
      << c.numerics.dt_source;
  EXPECT_DOUBLE_EQ(c.numerics.max_xi_change, 0.05);
}

TEST(Deck, WithoutNumericsAFastChargeIsResolvedBySandsTime) {
  // 100 mA/cm2 to 10 mAh/cm2: 360 s / 100 = 3.6 s; the front crosses 1 um in l F / (i V_m) ~ 7 s; the planar
  // Sand's time pi D (c0 F / (2 i (1 - t+)))^2 of LP30 is a few seconds: its hundredth is the step.
  const Config c =
      parse_deck(without_numerics(minimal_text()), "deck.yaml",
                 {"protocol.steps[0].charge={current: 100 mA/cm2, until: {capacity: 10 mAh/cm2}}"});
  const auto& e = c.cell.electrolyte;
  const double faraday = 96485.33212, i = 1000.0;
  const double a = e.concentration * faraday / (2 * i * (1 - e.transference));
  const double sand = 3.14159265358979323846 * e.diffusivity * a * a;
  ASSERT_LT(sand / 100, 3.6);
  EXPECT_NEAR(c.numerics.dt, sand / 100, 1e-12 * sand);
  EXPECT_NE(c.numerics.dt_source.find("Sand's time"), std::string::npos) << c.numerics.dt_source;
}

TEST(Deck, WithoutNumericsAFastStripIsResolvedByTheFront) {
  // Stripping 2 A/cm2 (2e4 A/m^2) for 100 s from the minimal deck's 1 um interface: the front crosses l in
  // l F / (i V_m(Li)) ~ 0.37 s, below the step's 100 s / 100 (no Sand's time on a discharge).
  const Config c =
      parse_deck(without_numerics(minimal_text()), "deck.yaml",
                 {"protocol.steps[0]={discharge: {current: 2000 mA/cm2, until: {time: 100 s}}}"});
  const double front = 1e-6 * 96485.33212 / (2e4 * c.cell.metal.molar_volume);
  ASSERT_LT(front, 1.0);
  EXPECT_NEAR(c.numerics.dt, front, 1e-12 * front);
  EXPECT_NE(c.numerics.dt_source.find("the front advances one interface width"), std::string::npos)
      << c.numerics.dt_source;
}

TEST(Deck, WithoutNumericsAPotentiostaticChargeIsBoundedByTheSaltsLimitingCurrent) {
  // -0.7 V to 1 mAh/cm2: the kinetic current 2 i0 sinh(alpha f 0.7) and the ohmic kappa 0.7 V / L_y are far
  // above the salt's limiting current F D c0 / ((1 - t+) L_y) across the 16 um domain, so the step's
  // duration is at least 1 mAh/cm2 over that current.
  const Config c = parse_deck(without_numerics(minimal_text()), "deck.yaml",
                              {"protocol.steps[0].charge={potential: -0.7 V, until: {capacity: 1 mAh/cm2}}"});
  const auto& e = c.cell.electrolyte;
  const double height = 32 * 0.5e-6;
  const double i_lim = 96485.33212 * e.diffusivity * e.concentration / ((1 - e.transference) * height);
  ASSERT_LT(i_lim, e.conductivity * 0.7 / height);
  EXPECT_NEAR(c.numerics.dt, 36000.0 / i_lim / 100, 1e-9 * c.numerics.dt);
  EXPECT_NE(c.numerics.dt_source.find("its duration"), std::string::npos) << c.numerics.dt_source;
}

TEST(Deck, WithoutNumericsADtMinAboveTheDerivedStepIsRefused) {
  const std::string text = replaced(minimal_text(), "numerics: {dt: 0.01 s}", "numerics: {dt_min: 1 s}");
  const std::string err = error_of(text);
  EXPECT_NE(err.find("numerics.dt_min: must not exceed numerics.dt, here derived as 0.1"), std::string::npos)
      << err;
}

TEST(Deck, PotentiostaticStepAndDurationAreRead) {
  const std::string text = replaced(minimal_text(), "{current: 1 mA/cm2, until: {time: 10 s}}",
                                    "{potential: -50 mV, duration: 2 min}");
  const Config c = parse_deck(text, "deck.yaml");
  EXPECT_EQ(c.protocol.steps[0].control, Control::Potentiostatic);
  EXPECT_DOUBLE_EQ(c.protocol.steps[0].potential, -0.05);
  EXPECT_DOUBLE_EQ(*c.protocol.steps[0].until_time, 120.0);
}

TEST(Deck, ThreeDimensionalCellsAcceptZPositions) {
  std::string text = replaced(minimal_text(), "cells: [32, 32]", "cells: [32, 32, 16]");
  text = replaced(text, "{x: 4 um, radius: 1 um}", "{x: 4 um, z: 3 um, radius: 1 um}");
  const Config c = parse_deck(text, "deck.yaml");
  EXPECT_EQ(c.domain.cells[2], 16);
  EXPECT_DOUBLE_EQ(c.physics.initial.bumps[0].z, 3e-6);
}

TEST(Deck, OverridesReplaceDeckValues) {
  const Config c = load_deck(
      kMinimal, {"domain.cells=[128,64]", "cell.cathode.loading=\"6 mAh/cm2\"",
                 "protocol.steps[0].charge.current=2 mA/cm2", "run.seed=42", "numerics.psi_min=1e-4"});
  EXPECT_EQ(c.domain.cells, (std::array<int, 3>{128, 64, 1}));
  EXPECT_DOUBLE_EQ(c.cell.cathode.loading, 216000.0);
  EXPECT_DOUBLE_EQ(c.protocol.steps[0].current, 20.0);
  EXPECT_EQ(c.run.seed, 42u);
  EXPECT_DOUBLE_EQ(c.numerics.psi_min, 1e-4);
}

TEST(Deck, LaterOverridesWinAndNewSectionsAreCreated) {
  const Config c =
      load_deck(kMinimal, {"domain.spacing=1 um", "domain.spacing=0.75 um",
                           "physics.initial.seeds.density=1e8 1/cm2", "physics.initial.seeds.radius=0.5 um"});
  EXPECT_DOUBLE_EQ(c.domain.spacing, 0.75e-6);
  ASSERT_TRUE(c.physics.initial.seeds.has_value());
  EXPECT_DOUBLE_EQ(c.physics.initial.seeds->radius, 0.5e-6);
}

TEST(Deck, BadOverrideSaysItCameFromTheCommandLine) {
  try {
    load_deck(kMinimal, {"domain.spacing=50 mA"});
    FAIL();
  } catch (const DeckError& e) {
    EXPECT_EQ(
        std::string(e.what()),
        "--set domain.spacing=50 mA: domain.spacing: expected a length such as \"50 nm\", got \"50 mA\" "
        "(a current)");
  }
}

TEST(Deck, MalformedOverridesAreReported) {
  try {
    load_deck(kMinimal,
              {"no_equals_sign", "protocol.steps[5].rest.duration=1 s", "domain..x=1", "domain.cells=[1, 2"});
    FAIL();
  } catch (const DeckError& e) {
    const std::string m = e.what();
    EXPECT_NE(m.find("--set no_equals_sign: expected KEY=VALUE"), std::string::npos) << m;
    EXPECT_NE(m.find("index 5 is out of range"), std::string::npos) << m;
    EXPECT_NE(m.find("--set domain..x=1"), std::string::npos) << m;
    EXPECT_NE(m.find("--set domain.cells=[1, 2: YAML syntax error"), std::string::npos) << m;
  }
}

TEST(Deck, InlineMaterialOverrideChangesOnlyThatProperty) {
  const std::string text = replaced(minimal_text(), "electrolyte: LiPF6_EC_DMC",
                                    "electrolyte: {name: LiPF6_EC_DMC, diffusivity: 3e-10 m2/s}");
  const Config c = parse_deck(text, "deck.yaml");
  EXPECT_DOUBLE_EQ(c.cell.electrolyte.diffusivity, 3e-10);
  EXPECT_DOUBLE_EQ(c.cell.electrolyte.conductivity, 1.18);
}

TEST(Deck, InlineMetalOverrideKeepsMolarVolumeConsistent) {
  const Config c = load_deck(kMinimal, {"cell.metal={name: Li, density: 0.5 g/cm3}"});
  EXPECT_DOUBLE_EQ(c.cell.metal.density, 500.0);
  EXPECT_DOUBLE_EQ(c.cell.metal.molar_volume, 6.941e-3 / 500.0);
}

TEST(Deck, UnknownKeySuggestsTheNearestKnownKeyWithItsPosition) {
  const std::string text = replaced(minimal_text(), "spacing: 0.5 um", "spacnig: 0.5 um");
  const std::string m = error_of(text);
  EXPECT_NE(m.find("deck.yaml:4:27: domain.spacnig: unknown key \"spacnig\", did you mean \"spacing\"?"),
            std::string::npos)
      << m;
}

TEST(Deck, WrongUnitPointsAtTheValue) {
  const std::string text = replaced(minimal_text(), "spacing: 0.5 um", "spacing: 50 mA");
  EXPECT_EQ(error_of(text),
            "deck.yaml:4:36: domain.spacing: expected a length such as \"50 nm\", got \"50 mA\" (a current)");
}

TEST(Deck, SeveralErrorsAreReportedTogetherOnePerLine) {
  std::string text = replaced(minimal_text(), "spacing: 0.5 um", "spacing: 50 mA");
  text = replaced(text, "dt: 0.01 s", "dt: -1 s");
  text = replaced(text, "metal: Li", "metal: Lu");
  const std::string m = error_of(text);
  EXPECT_NE(m.find("domain.spacing"), std::string::npos) << m;
  EXPECT_NE(m.find("numerics.dt: must be > 0 s"), std::string::npos) << m;
  EXPECT_NE(m.find("unknown metal \"Lu\", did you mean \"Li\"?"), std::string::npos) << m;
  EXPECT_GE(std::count(m.begin(), m.end(), '\n'), 2);
}

TEST(Deck, RelativeInitialFileResolvesBesideTheDeck) {
  const auto dir = std::filesystem::temp_directory_path() / ("afsim_deck_test_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "seeds.vti") << "<VTKFile/>";
  std::string text = minimal_text();
  text = replaced(text,
                  "    film: 2 um\n    bumps: [{x: 4 um, radius: 1 um}]\n"
                  "    needles: [{x: 12 um, width: 1 um, height: 6 um}]\n",
                  "    file: seeds.vti\n");
  std::ofstream(dir / "deck.yaml") << text;
  const Config c = load_deck((dir / "deck.yaml").string());
  EXPECT_EQ(c.physics.initial.file, (dir / "seeds.vti").string());
  std::filesystem::remove_all(dir);
}

TEST(Deck, MissingDeckFileIsADeckError) {
  EXPECT_THROW(load_deck("/nonexistent/deck.yaml"), DeckError);
}

TEST(Deck, UnconfirmedMaterialValuesBecomeWarnings) {
  const Config c =
      load_deck(kMinimal, {"cell.metal=Na", "cell.electrolyte=NaPF6_diglyme", "cell.cathode.material=NVP"});
  bool found = false;
  for (const auto& w : c.warnings)
    found = found || w.find("NaPF6_diglyme uses unconfirmed values") != std::string::npos;
  EXPECT_TRUE(found);
  EXPECT_FALSE(c.cell.electrolyte.unconfirmed.empty());
}

// Robustness: every prefix of a good deck, and the deck with any one line replaced by junk, either
// parses or fails with DeckError; nothing else escapes and nothing crashes.
TEST(Deck, TruncatedDecksFailOnlyWithDeckError) {
  const std::string text = minimal_text();
  for (std::size_t n = 0; n < text.size(); n += 7) {
    try {
      parse_deck(text.substr(0, n), "deck.yaml");
    } catch (const DeckError&) {
    } catch (const std::exception& e) {
      ADD_FAILURE() << "prefix of " << n << " bytes threw " << e.what();
    }
  }
}

TEST(Deck, LinesReplacedByJunkFailOnlyWithDeckError) {
  const std::string text = minimal_text();
  const char* junk[] = {"",       "  - [", "}: {",       "x: &a [*a]",    "  key: !!binary AAAA",
                        "\t- 1",  ": :",   "? [a]\n: b", "'unterminated", "- - - -",
                        "a: b: c"};
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    for (const char* j : junk) {
      const std::string mutated = text.substr(0, start) + j + text.substr(end);
      try {
        parse_deck(mutated, "deck.yaml");
      } catch (const DeckError&) {
      } catch (const std::exception& e) {
        ADD_FAILURE() << "line at byte " << start << " replaced by \"" << j << "\" threw " << e.what();
      }
    }
    start = end + 1;
  }
}

TEST(Deck, EchoCarriesSiUnitsInKeyNames) {
  const auto j = deck_echo_si(load_deck(kMinimal));
  EXPECT_DOUBLE_EQ(j["domain"]["spacing_m"].get<double>(), 0.5e-6);
  EXPECT_DOUBLE_EQ(j["cell"]["cathode"]["loading_C_m2"].get<double>(), 108000.0);
  EXPECT_DOUBLE_EQ(j["cell"]["temperature_K"].get<double>(), 298.15);
  EXPECT_DOUBLE_EQ(j["protocol"]["steps"][0]["current_A_m2"].get<double>(), 10.0);
  EXPECT_EQ(j["domain"]["lateral"], "periodic");
  EXPECT_DOUBLE_EQ(j["output"]["every_s"].get<double>(), 5.0);
}

}  // namespace
