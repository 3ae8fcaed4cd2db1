// The afsim commands behind the CLI (src/app/main.cpp parses the command line only).
#pragma once

#include <string>
#include <vector>

namespace afsim::app {

// Exit codes of DESIGN.md §6.
constexpr int kExitOk = 0;
constexpr int kExitBadInput = 2;
constexpr int kExitRunFailed = 3;
constexpr int kExitInterrupted = 4;

struct RunArgs {
  std::string deck;
  std::vector<std::string> overrides;
  std::string device;
  std::string output;
  int threads = 0;
  bool overwrite = false;  // replace another run's outputs in the output directory
  std::string restart;     // continue from this checkpoint.h5
  bool resume = false;     // continue from <output>/checkpoint.h5
  long long max_steps = 0;
};

int command_run(const RunArgs& a);
// With list_keys the deck reference is printed first (the deck is then optional).
int command_validate(const std::string& deck, const std::vector<std::string>& overrides,
                     bool list_keys = false);
int command_info();

struct BenchArgs {
  std::string device = "auto";
  bool quick = false;  // small sizes only (for tests)
  int threads = 0;
  std::vector<std::string> cases;  // potential | transport | coupled (empty: all)
  std::string grid;                // "512x512" or "256x256x256" (empty: the default sizes)
  int steps = 0;                   // timed steps per row (0: the default)
  bool json = false;               // a machine-readable table instead of the text one
};
int command_bench(const BenchArgs& a);

struct CellArgs {  // afsim cell (src/app/command_cell.cpp)
  std::vector<std::string> decks;
  std::vector<std::string> overrides;
  std::vector<std::string> sweeps;  // KEY=A..B[:N]UNIT
  std::string from;                 // run directory
  std::string output;
};
int command_cell(const CellArgs& a);

}  // namespace afsim::app
