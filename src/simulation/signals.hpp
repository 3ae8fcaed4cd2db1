// Signals of a run (DESIGN.md §7, issue 4): SIGTERM (Slurm's time-limit warning, pre-emption) and SIGINT
// (Ctrl-C) ask the run to stop after the current step with a checkpoint; a second one aborts at once.
// SIGXFSZ is ignored while a run is active, so a file-size limit (ulimit -f) makes writes fail with EFBIG,
// which the output layer reports with the path, instead of killing the process mid-write.
#pragma once

namespace afsim {

// Installs the handlers for its lifetime and restores the previous dispositions when it dies. Not nested:
// one at a time per process.
class RunSignals {
 public:
  RunSignals();
  ~RunSignals();
  RunSignals(const RunSignals&) = delete;
  RunSignals& operator=(const RunSignals&) = delete;
};

// The signal that asked the run to stop (SIGINT or SIGTERM), 0 when none has arrived.
int stop_signal();
// Forgets a received stop request (a new run starts clean).
void clear_stop_signal();
// "SIGINT", "SIGTERM", ... ("signal N" otherwise).
const char* signal_name(int sig);

}  // namespace afsim
