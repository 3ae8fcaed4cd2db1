// libFuzzer harness for the deck parser (issue 4): any byte string given as a deck must either parse or
// raise config::DeckError; anything else escaping, a crash or a sanitizer report is a finding.
// Built and run by scripts/fuzz (not part of the default suite).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "config/deck.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  // The first line may carry --set overrides ("#set KEY=VALUE"), so the override parser is fuzzed too.
  std::string text(reinterpret_cast<const char*>(data), size);
  std::vector<std::string> overrides;
  if (text.rfind("#set ", 0) == 0) {
    const size_t eol = text.find('\n');
    overrides.push_back(text.substr(5, eol == std::string::npos ? std::string::npos : eol - 5));
  }
  try {
    (void)afsim::config::parse_deck(text, "fuzz.yaml", overrides);
  } catch (const afsim::config::DeckError&) {
    // Expected for bad input.
  }
  return 0;
}
