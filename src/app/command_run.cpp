#include <cstdio>
#include <exception>
#include <filesystem>

#include "app/commands.hpp"
#include "config/deck.hpp"
#include "io/atomic_file.hpp"
#include "simulation/model_footprint.hpp"
#include "simulation/run.hpp"

namespace afsim::app {

int command_validate(const std::string& deck, const std::vector<std::string>& overrides, bool list_keys) {
  if (list_keys) {
    std::printf("%s", config::deck_reference_markdown().c_str());
    if (deck.empty()) return kExitOk;
  }
  if (deck.empty()) {
    std::fprintf(stderr, "afsim validate: a deck is required (or --list-keys)\n");
    return kExitBadInput;
  }
  try {
    const config::Config cfg = config::load_deck(deck, overrides);
    // The deck against the physics it would run: its output fields and the memory of its grid.
    const ModelFootprint footprint = model_footprint(cfg);
    check_deck_against_model(cfg, footprint);
    if (list_keys) {
      std::printf(
          "\n## Fields the physics of %s writes (output.fields)\n\n| field | unit | what it is |\n"
          "|---|---|---|\n",
          std::filesystem::path(deck).filename().c_str());
      for (const OutputFieldInfo& f : footprint.outputs)
        std::printf("| `%s` | %s | %s |\n", f.name.c_str(), f.unit.c_str(), f.doc.c_str());
      return kExitOk;
    }
    for (const std::string& w : cfg.warnings)
      std::fprintf(stderr, "%s: warning: %s\n", deck.c_str(), w.c_str());
    std::printf("%s: valid (%d x %d x %d cells, %s)\n", deck.c_str(), cfg.domain.cells[0],
                cfg.domain.cells[1], cfg.domain.cells[2], cfg.cell.metal.name.c_str());
    return kExitOk;
  } catch (const config::DeckError& e) {
    std::fprintf(stderr, "%s\n", e.what());
    return kExitBadInput;
  }
}

int command_run(const RunArgs& a) {
  config::Config cfg;
  try {
    cfg = config::load_deck(a.deck, a.overrides);
  } catch (const config::DeckError& e) {
    std::fprintf(stderr, "%s\n", e.what());
    return kExitBadInput;
  }
  try {
    RunOptions opt;
    opt.device = a.device;
    opt.output = a.output;
    opt.threads = a.threads;
    opt.overwrite = a.overwrite;
    opt.restart = a.restart;
    opt.resume = a.resume;
    opt.max_steps = a.max_steps;
    opt.handle_signals = true;
    const RunOutcome out = run_simulation(cfg, opt);
    return out.exit_code();
  } catch (const config::DeckError& e) {
    std::fprintf(stderr, "%s\n", e.what());
    return kExitBadInput;
  } catch (const RunRefused& e) {
    std::fprintf(stderr, "afsim: %s\n", e.what());
    return kExitBadInput;
  } catch (const io::IoError& e) {
    std::fprintf(stderr, "afsim: %s\n", e.what());
    return kExitRunFailed;
  } catch (const std::invalid_argument& e) {
    std::fprintf(stderr, "%s: %s\n", a.deck.c_str(), e.what());
    return kExitBadInput;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "afsim: run failed: %s\n", e.what());
    return kExitRunFailed;
  }
}

}  // namespace afsim::app
