// The malformed-deck corpus (tests/cli/bad_decks/NN_name.yaml): every file must be refused by load_deck
// with a DeckError whose message contains each fragment given in the file's `# expect: <fragment>` lines.
// (The CLI suite checks the same corpus through `afsim validate`, exit code 2.)
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "config/deck.hpp"
#include "simulation/model_footprint.hpp"

namespace {

namespace fs = std::filesystem;

const std::string kCorpus = std::string(AFSIM_TEST_DATA_DIR) + "/cli/bad_decks";

std::vector<std::string> corpus_files() {
  std::vector<std::string> files;
  for (const auto& e : fs::directory_iterator(kCorpus))
    if (e.path().extension() == ".yaml") files.push_back(e.path().filename().string());
  std::sort(files.begin(), files.end());
  return files;
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

class BadDeck : public ::testing::TestWithParam<std::string> {};

TEST_P(BadDeck, IsRefusedWithTheExpectedMessage) {
  const std::string path = kCorpus + "/" + GetParam();
  const auto fragments = expected_fragments(path);
  ASSERT_FALSE(fragments.empty()) << path << " has no '# expect:' line";
  try {
    // As afsim validate reads a deck: the parser, then the deck against the physics it would run.
    const afsim::config::Config cfg = afsim::config::load_deck(path);
    afsim::check_deck_against_model(cfg, afsim::model_footprint(cfg));
    FAIL() << path << " was accepted";
  } catch (const afsim::config::DeckError& e) {
    const std::string msg = e.what();
    for (const auto& f : fragments)
      EXPECT_NE(msg.find(f), std::string::npos) << "missing \"" << f << "\" in:\n" << msg;
  } catch (const std::exception& e) {
    FAIL() << path << " threw something other than DeckError: " << e.what();
  }
}

std::string test_name(const ::testing::TestParamInfo<std::string>& info) {
  std::string n = info.param.substr(0, info.param.size() - 5);  // drop .yaml
  for (char& c : n)
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  return n;
}

INSTANTIATE_TEST_SUITE_P(Corpus, BadDeck, ::testing::ValuesIn(corpus_files()), test_name);

TEST(BadDeckCorpus, HasAtLeastThirtyFiles) {
  EXPECT_GE(corpus_files().size(), 30u);
}

}  // namespace
