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
};

int command_run(const RunArgs& a);
int command_validate(const std::string& deck, const std::vector<std::string>& overrides);
int command_info();

struct BenchArgs {
  std::string device = "auto";
  bool quick = false;  // small sizes only (for tests)
  int threads = 0;
};
int command_bench(const BenchArgs& a);

}  // namespace afsim::app
