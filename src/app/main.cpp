// afsim command line: parses arguments and hands over to src/app/command_*.cpp. No physics here.
#include <CLI/CLI.hpp>

#include "app/commands.hpp"

int main(int argc, char** argv) {
  using namespace afsim::app;
  CLI::App cli{"afsim: mesoscale simulation of Li/Na plating and stripping in anode-free batteries"};
  cli.require_subcommand(1);
  cli.set_version_flag("--version", AFSIM_VERSION);

  RunArgs run;
  auto* run_cmd = cli.add_subcommand("run", "run a deck");
  run_cmd->add_option("deck", run.deck, "input deck (YAML)")->required();
  run_cmd->add_option("--device", run.device, "auto | cpu | gpu (default: run.device of the deck)")
      ->check(CLI::IsMember({"auto", "cpu", "gpu"}));
  run_cmd->add_option("--output,-o", run.output, "output directory (overrides run.output)");
  run_cmd->add_option("--set", run.overrides, "override a deck key: KEY=VALUE (dotted path), repeatable");
  run_cmd->add_option("--threads", run.threads, "OpenMP threads of the CPU backend")
      ->check(CLI::PositiveNumber);

  std::string vdeck;
  std::vector<std::string> voverrides;
  auto* validate_cmd = cli.add_subcommand("validate", "check a deck and exit (0 valid, 2 invalid)");
  validate_cmd->add_option("deck", vdeck, "input deck (YAML)")->required();
  validate_cmd->add_option("--set", voverrides, "override a deck key: KEY=VALUE, repeatable");

  auto* info_cmd = cli.add_subcommand("info", "build, backends, devices and library versions");

  BenchArgs bench;
  auto* bench_cmd = cli.add_subcommand("bench", "memory bandwidth and kernel throughput on this machine");
  bench_cmd->add_option("--device", bench.device, "auto | cpu | gpu")
      ->check(CLI::IsMember({"auto", "cpu", "gpu"}));
  bench_cmd->add_flag("--quick", bench.quick, "small grids only (a smoke test)");
  bench_cmd->add_option("--threads", bench.threads, "OpenMP threads of the CPU backend")
      ->check(CLI::PositiveNumber);

  try {
    cli.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = cli.exit(e);
    return code == 0 ? 0 : kExitBadInput;
  }
  if (*run_cmd) return command_run(run);
  if (*validate_cmd) return command_validate(vdeck, voverrides);
  if (*info_cmd) return command_info();
  if (*bench_cmd) return command_bench(bench);
  return kExitBadInput;
}
