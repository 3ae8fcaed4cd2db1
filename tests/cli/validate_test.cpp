// `afsim validate` and the bad-input exit path of `afsim run`, driven through the real binary
// (DESIGN.md §5, §6: exit 0 for a valid deck, 2 for bad input with nothing run and nothing written).
#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "run_process.hpp"
#include "temp_dir.hpp"

namespace {

namespace fs = std::filesystem;
using afsim::test::data_path;
using afsim::test::describe;
using afsim::test::ProcessResult;
using afsim::test::run_afsim;
using afsim::test::TempDir;

constexpr int kExitOk = 0;
constexpr int kExitBadInput = 2;

std::vector<std::string> yaml_files_in(const fs::path& dir) {
  std::vector<std::string> files;
  for (const auto& e : fs::directory_iterator(dir))
    if (e.is_regular_file() && e.path().extension() == ".yaml") files.push_back(e.path().string());
  std::sort(files.begin(), files.end());
  return files;
}

// The example decks of inputs/ and the good decks of the CLI corpus.
std::vector<std::string> good_decks() {
  auto files = yaml_files_in(fs::path(AFSIM_TEST_DATA_DIR).parent_path() / "inputs");
  const auto more = yaml_files_in(data_path("cli/good_decks"));
  files.insert(files.end(), more.begin(), more.end());
  return files;
}

std::vector<std::string> bad_decks() {
  return yaml_files_in(data_path("cli/bad_decks"));
}

std::vector<std::string> expected_fragments(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::vector<std::string> out;
  const std::string tag = "# expect: ";
  for (std::string line; std::getline(in, line);) {
    if (line.rfind(tag, 0) == 0) out.push_back(line.substr(tag.size()));
  }
  return out;
}

// A ctest-friendly case name from the file: "inputs_current_distribution_2d", "01_wrong_unit_spacing".
std::string stem_name(const std::string& path, const std::string& prefix = "") {
  std::string n = prefix + fs::path(path).stem().string();
  for (char& c : n)
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  return n;
}

// ---------------------------------------------------------------------------------------------------------
// Good decks

class GoodDeck : public ::testing::TestWithParam<std::string> {};

TEST_P(GoodDeck, ValidatesWithExitZero) {
  const ProcessResult r = run_afsim({"validate", GetParam()});
  EXPECT_EQ(r.exit_code, kExitOk) << GetParam() << "\n" << describe(r);
  EXPECT_NE(r.out.find("valid"), std::string::npos) << describe(r);
}

INSTANTIATE_TEST_SUITE_P(Decks, GoodDeck, ::testing::ValuesIn(good_decks()),
                         [](const ::testing::TestParamInfo<std::string>& info) {
                           const bool example = info.param.find("/inputs/") != std::string::npos;
                           return stem_name(info.param, example ? "inputs_" : "good_");
                         });

TEST(GoodDeckCorpus, IncludesTheExampleDecksAndTheMinimalDeck) {
  const auto decks = good_decks();
  EXPECT_GE(decks.size(), 2u);
  EXPECT_TRUE(std::any_of(decks.begin(), decks.end(),
                          [](const std::string& d) { return d.find("/inputs/") != std::string::npos; }));
  EXPECT_TRUE(std::any_of(decks.begin(), decks.end(),
                          [](const std::string& d) { return fs::path(d).filename() == "minimal.yaml"; }));
}

// ---------------------------------------------------------------------------------------------------------
// Bad decks: validate and run

class BadDeck : public ::testing::TestWithParam<std::string> {};

TEST_P(BadDeck, ValidateExitsTwoWithEveryExpectedFragmentOnStderr) {
  const auto fragments = expected_fragments(GetParam());
  ASSERT_FALSE(fragments.empty()) << GetParam() << " has no '# expect:' line";
  const ProcessResult r = run_afsim({"validate", GetParam()});
  EXPECT_EQ(r.exit_code, kExitBadInput) << describe(r);
  for (const auto& f : fragments)
    EXPECT_NE(r.err.find(f), std::string::npos) << "missing \"" << f << "\" on stderr\n" << describe(r);
}

TEST_P(BadDeck, RunExitsTwoAndWritesNothing) {
  TempDir tmp;
  const fs::path out = tmp.path() / "out";
  const ProcessResult r = run_afsim({"run", GetParam(), "--output", out.string()});
  EXPECT_EQ(r.exit_code, kExitBadInput) << describe(r);
  EXPECT_FALSE(fs::exists(out)) << out << " was created\n" << describe(r);
}

INSTANTIATE_TEST_SUITE_P(Corpus, BadDeck, ::testing::ValuesIn(bad_decks()),
                         [](const ::testing::TestParamInfo<std::string>& info) {
                           return stem_name(info.param);
                         });

TEST(BadDeckCorpus, HasAtLeastThirtyFiles) {
  EXPECT_GE(bad_decks().size(), 30u);
}

// ---------------------------------------------------------------------------------------------------------
// --set overrides

const std::string kMinimal = data_path("cli/good_decks/minimal.yaml");

TEST(SetOverride, WithAWrongUnitExitsTwo) {
  const ProcessResult r = run_afsim({"validate", kMinimal, "--set", "domain.spacing=5 mA"});
  EXPECT_EQ(r.exit_code, kExitBadInput) << describe(r);
}

TEST(SetOverride, WithAWrongUnitNamesTheKeyAndTheCommandLine) {
  const ProcessResult r = run_afsim({"validate", kMinimal, "--set", "domain.spacing=5 mA"});
  EXPECT_NE(r.err.find("domain.spacing"), std::string::npos) << describe(r);
  EXPECT_NE(r.err.find("--set domain.spacing=5 mA"), std::string::npos) << describe(r);
  EXPECT_NE(r.err.find("expected a length"), std::string::npos) << describe(r);
  EXPECT_NE(r.err.find("5 mA"), std::string::npos) << describe(r);
}

TEST(SetOverride, WithAQuotedWrongUnitIsRefusedLikeTheUnquotedOne) {
  const ProcessResult r = run_afsim({"validate", kMinimal, "--set", "domain.spacing=\"5 mA\""});
  EXPECT_EQ(r.exit_code, kExitBadInput) << describe(r);
  EXPECT_NE(r.err.find("domain.spacing"), std::string::npos) << describe(r);
  EXPECT_NE(r.err.find("--set"), std::string::npos) << describe(r);
}

TEST(SetOverride, WithAWrongUnitOnRunExitsTwoAndWritesNothing) {
  TempDir tmp;
  const fs::path out = tmp.path() / "out";
  const ProcessResult r =
      run_afsim({"run", kMinimal, "--output", out.string(), "--set", "domain.spacing=5 mA"});
  EXPECT_EQ(r.exit_code, kExitBadInput) << describe(r);
  EXPECT_FALSE(fs::exists(out)) << describe(r);
}

TEST(SetOverride, WithAnUnknownKeySuggestsTheNearestKey) {
  const ProcessResult r = run_afsim({"validate", kMinimal, "--set", "domain.spacnig=0.5 um"});
  EXPECT_EQ(r.exit_code, kExitBadInput) << describe(r);
  EXPECT_NE(r.err.find("did you mean \"spacing\""), std::string::npos) << describe(r);
  EXPECT_NE(r.err.find("--set"), std::string::npos) << describe(r);
}

TEST(SetOverride, WithAValidValueValidates) {
  const ProcessResult r = run_afsim({"validate", kMinimal, "--set", "domain.cells=[32,48]"});
  EXPECT_EQ(r.exit_code, kExitOk) << describe(r);
  EXPECT_NE(r.out.find("32 x 48"), std::string::npos) << describe(r);
}

// ---------------------------------------------------------------------------------------------------------
// Command line

TEST(CommandLine, WithoutASubcommandExitsTwo) {
  const ProcessResult r = run_afsim({});
  EXPECT_EQ(r.exit_code, kExitBadInput) << describe(r);
}

TEST(CommandLine, WithAnUnknownOptionExitsTwo) {
  const ProcessResult r = run_afsim({"--no-such-option"});
  EXPECT_EQ(r.exit_code, kExitBadInput) << describe(r);
}

TEST(CommandLine, WithAnUnknownOptionAfterASubcommandExitsTwo) {
  const ProcessResult r = run_afsim({"validate", kMinimal, "--no-such-option"});
  EXPECT_EQ(r.exit_code, kExitBadInput) << describe(r);
}

TEST(CommandLine, WithAnUnknownSubcommandExitsTwo) {
  const ProcessResult r = run_afsim({"simulate", kMinimal});
  EXPECT_EQ(r.exit_code, kExitBadInput) << describe(r);
}

TEST(CommandLine, ValidateOfAMissingFileExitsTwo) {
  const ProcessResult r = run_afsim({"validate", data_path("cli/good_decks/no_such_deck.yaml")});
  EXPECT_EQ(r.exit_code, kExitBadInput) << describe(r);
  EXPECT_NE(r.err.find("no_such_deck.yaml"), std::string::npos) << describe(r);
}

TEST(CommandLine, HelpExitsZero) {
  const ProcessResult r = run_afsim({"--help"});
  EXPECT_EQ(r.exit_code, kExitOk) << describe(r);
  EXPECT_NE(r.out.find("validate"), std::string::npos) << describe(r);
}

}  // namespace

// ---------------------------------------------------------------------------------------------------------
// The deck README.md shows under "Writing a deck" (DESIGN.md §5's shape, without numerics) validates and
// runs: a user who copies it gets a run, with the time step derived from its protocol and interface.

std::string readme_deck() {
  std::ifstream in(fs::path(AFSIM_SOURCE_DIR) / "README.md");
  const std::string text((std::istreambuf_iterator<char>(in)), {});
  const auto section = text.find("## Writing a deck");
  const auto begin = text.find("```yaml\n", section);
  const auto end = text.find("```\n", begin + 8);
  if (section == std::string::npos || begin == std::string::npos || end == std::string::npos) return "";
  return text.substr(begin + 8, end - begin - 8);
}

TEST(ReadmeDeck, ValidatesAndRunsWithoutANumericsSection) {
  const std::string deck = readme_deck();
  ASSERT_FALSE(deck.empty()) << "README.md has no yaml block under \"## Writing a deck\"";
  EXPECT_EQ(deck.find("numerics"), std::string::npos) << "the README deck is meant to show numerics optional";
  TempDir dir;
  const fs::path file = dir.path() / "readme_deck.yaml";
  std::ofstream(file) << deck;
  const ProcessResult v = run_afsim({"validate", file.string()});
  ASSERT_EQ(v.exit_code, kExitOk) << describe(v);
  const fs::path out = dir.path() / "out";
  const ProcessResult r = run_afsim({"run", file.string(), "--output", out.string(), "--device", "cpu",
                                     "--threads", "1", "--max-steps", "2", "--set", "domain.cells=[64, 32]"});
  ASSERT_EQ(r.exit_code, 4) << describe(r);  // stopped by --max-steps with a checkpoint
  std::ifstream in(out / "summary.json");
  const std::string summary((std::istreambuf_iterator<char>(in)), {});
  EXPECT_NE(summary.find("\"dt_source\": \"derived from protocol step"), std::string::npos) << summary;
}

// docs/deck-reference.md is what `afsim validate --list-keys` prints for the liquid model's deck: the
// sections' declarations and the field registry, never a hand-kept list. Regenerate it with
//   build/release/afsim validate --list-keys inputs/li_cu_liquid_2d.yaml > docs/deck-reference.md
TEST(DeckReference, TheDocsFileIsWhatListKeysPrints) {
  const ProcessResult r =
      run_afsim({"validate", "--list-keys", std::string(AFSIM_SOURCE_DIR) + "/inputs/li_cu_liquid_2d.yaml"});
  ASSERT_EQ(r.exit_code, kExitOk) << describe(r);
  std::ifstream in(fs::path(AFSIM_SOURCE_DIR) / "docs" / "deck-reference.md");
  const std::string doc((std::istreambuf_iterator<char>(in)), {});
  EXPECT_EQ(r.out, doc) << "docs/deck-reference.md is out of date; regenerate it (see this test's comment)";
}

TEST(DeckReference, EveryKeyOfTheShippedDecksIsListed) {
  const ProcessResult r = run_afsim({"validate", "--list-keys"});
  ASSERT_EQ(r.exit_code, kExitOk) << describe(r);
  for (const char* key : {"`run.seed`", "`domain.top`", "`cell.external_resistance`",
                          "`physics.phase_field.capillarity`", "`physics.initial.seeds`",
                          "`numerics.max_xi_change`", "`protocol.steps`", "`output.checkpoint.wall`"})
    EXPECT_NE(r.out.find(key), std::string::npos) << key;
}
