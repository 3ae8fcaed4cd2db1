#include "simulation/run_start.hpp"

#include <system_error>

#include <nlohmann/json.hpp>

#include "io/atomic_file.hpp"
#include "io/checkpoint.hpp"

namespace afsim {

namespace fs = std::filesystem;

RunStart decide_run_start(const RunOptions& opt, const io::RunPaths& paths, const std::string& output_dir,
                          const DeckIdentity& deck, const std::function<void(const std::string&)>& log) {
  if (opt.resume && !opt.restart.empty()) throw RunRefused("--resume and --restart exclude each other");
  RunStart r;
  r.checkpoint_path = opt.restart;
  std::error_code ec;
  if (opt.resume) {
    r.checkpoint_path = paths.checkpoint_h5;
    if (!fs::exists(r.checkpoint_path, ec)) {
      if (io::holds_run_outputs(paths.root) && !opt.overwrite)
        throw RunRefused("--resume: '" + output_dir +
                         "' holds run outputs but no checkpoint.h5 to continue from; start the run again "
                         "with --overwrite");
      r.checkpoint_path.clear();
      log("nothing to resume in " + output_dir + ": starting at t = 0");
    }
  }
  if (!r.checkpoint_path.empty()) {
    try {
      const io::Checkpoint c = io::read_checkpoint(r.checkpoint_path);
      if (c.deck_hash != deck.hash) {
        const nlohmann::json saved = nlohmann::json::parse(c.deck_json, nullptr, false);
        std::string msg = "cannot restart from '" + r.checkpoint_path.string() +
                          "': the deck's physics differs from the checkpoint's:";
        for (const std::string& line : deck_differences(saved, deck.physics)) msg += "\n  " + line;
        msg += "\n(a restart may change only run.name, run.output, run.device and output.*)";
        throw RunRefused(msg);
      }
      if (c.afsim_version != AFSIM_VERSION)
        log("warning: the checkpoint was written by afsim " + c.afsim_version + ", this is " + AFSIM_VERSION);
      r.state = run_state_from(c);
      r.status = c.status;
      r.backend = c.backend;
    } catch (const io::IoError& e) {
      throw RunRefused(std::string("cannot restart: ") + e.what());
    }
  }
  r.checkpoint_dir = r.checkpoint_path.parent_path();
  if (r.checkpoint_dir.empty()) r.checkpoint_dir = ".";
  r.continue_outputs = r.state && io::same_directory(r.checkpoint_dir, paths.root);
  if (!r.continue_outputs && io::holds_run_outputs(paths.root) && !opt.overwrite)
    throw RunRefused("output directory '" + output_dir +
                     "' holds another run's outputs (run.pvd, timeseries.csv or summary.json); choose "
                     "another with --output, continue that run with --resume, or replace its outputs with "
                     "--overwrite");
  return r;
}

}  // namespace afsim
