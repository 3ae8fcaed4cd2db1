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
  run_cmd->add_flag("--overwrite", run.overwrite,
                    "replace the outputs of another run in the output directory (refused otherwise)");
  auto* restart_opt = run_cmd->add_option("--restart", run.restart,
                                          "continue from this checkpoint.h5 (the deck's physics must match)");
  run_cmd
      ->add_flag("--resume", run.resume,
                 "continue from the output directory's checkpoint.h5 (from t = 0 when it holds no run)")
      ->excludes(restart_opt);
  run_cmd
      ->add_option("--max-steps", run.max_steps,
                   "stop with a checkpoint after this many steps in all (status interrupted, exit 4)")
      ->check(CLI::PositiveNumber);

  std::string vdeck;
  std::vector<std::string> voverrides;
  bool list_keys = false;
  auto* validate_cmd = cli.add_subcommand("validate", "check a deck and exit (0 valid, 2 invalid)");
  validate_cmd->add_option("deck", vdeck, "input deck (YAML)");
  validate_cmd->add_option("--set", voverrides, "override a deck key: KEY=VALUE, repeatable");
  validate_cmd->add_flag("--list-keys", list_keys,
                         "print every key a deck accepts (markdown: docs/deck-reference.md) and exit");

  auto* info_cmd = cli.add_subcommand("info", "build, backends, devices and library versions");

  BenchArgs bench;
  auto* bench_cmd = cli.add_subcommand("bench", "memory bandwidth and kernel throughput on this machine");
  bench_cmd->add_option("--device", bench.device, "auto | cpu | gpu")
      ->check(CLI::IsMember({"auto", "cpu", "gpu"}));
  bench_cmd->add_flag("--quick", bench.quick, "small grids only (a smoke test)");
  bench_cmd->add_option("--threads", bench.threads, "OpenMP threads of the CPU backend")
      ->check(CLI::PositiveNumber);
  bench_cmd->add_option("--case", bench.cases, "potential | transport | coupled (repeatable; default: all)")
      ->check(CLI::IsMember({"potential", "transport", "coupled"}));
  bench_cmd->add_option("--grid", bench.grid, "the one grid of every row, NXxNY or NXxNYxNZ (e.g. 512x512)");
  bench_cmd->add_option("--steps", bench.steps, "timed steps per row")->check(CLI::PositiveNumber);
  bench_cmd->add_flag("--json", bench.json, "print the table as JSON");

  CellArgs cell;
  auto* cell_cmd =
      cli.add_subcommand("cell", "cell-level capacity and energy density of a stack (MODELS §9)");
  cell_cmd->add_option("deck", cell.decks, "cell deck(s) or run deck(s) (YAML)");
  cell_cmd->add_option("--set", cell.overrides, "override a deck key: KEY=VALUE (dotted path), repeatable")
      ->allow_extra_args(false);
  cell_cmd->add_option("--sweep", cell.sweeps, "KEY=A..B[:N]UNIT, e.g. loading=2..10mAh/cm2; repeatable")
      ->allow_extra_args(false);
  cell_cmd->add_option("--from", cell.from, "a finished run directory: use its deposit and cycles");
  cell_cmd->add_option("--output,-o", cell.output, "output directory");

  try {
    cli.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = cli.exit(e);
    return code == 0 ? 0 : kExitBadInput;
  }
  if (*run_cmd) return command_run(run);
  if (*validate_cmd) return command_validate(vdeck, voverrides, list_keys);
  if (*info_cmd) return command_info();
  if (*bench_cmd) return command_bench(bench);
  if (*cell_cmd) return command_cell(cell);
  return kExitBadInput;
}
