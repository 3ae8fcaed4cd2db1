#include "simulation/signals.hpp"

#include <unistd.h>

#include <csignal>
#include <cstdio>

namespace afsim {

namespace {

volatile std::sig_atomic_t g_stop_signal = 0;

// Only async-signal-safe calls here: write(2) and _exit(2).
extern "C" void on_stop_signal(int sig) {
  if (g_stop_signal != 0) {
    static const char msg[] =
        "\nafsim: second interrupt: aborting now (the last checkpoint written is intact)\n";
    const ssize_t ignored = ::write(STDERR_FILENO, msg, sizeof msg - 1);
    (void)ignored;
    ::_exit(128 + sig);
  }
  g_stop_signal = sig;
}

struct sigaction g_old_int, g_old_term, g_old_xfsz;

}  // namespace

RunSignals::RunSignals() {
  struct sigaction sa {};
  sa.sa_handler = on_stop_signal;
  sigemptyset(&sa.sa_mask);
  sa.sa_flags = SA_RESTART;  // system calls in progress (writes) continue
  ::sigaction(SIGINT, &sa, &g_old_int);
  ::sigaction(SIGTERM, &sa, &g_old_term);
  struct sigaction ignore {};
  ignore.sa_handler = SIG_IGN;
  sigemptyset(&ignore.sa_mask);
  ::sigaction(SIGXFSZ, &ignore, &g_old_xfsz);
}

RunSignals::~RunSignals() {
  ::sigaction(SIGINT, &g_old_int, nullptr);
  ::sigaction(SIGTERM, &g_old_term, nullptr);
  ::sigaction(SIGXFSZ, &g_old_xfsz, nullptr);
}

int stop_signal() {
  return g_stop_signal;
}

void clear_stop_signal() {
  g_stop_signal = 0;
}

const char* signal_name(int sig) {
  switch (sig) {
    case SIGINT:
      return "SIGINT";
    case SIGTERM:
      return "SIGTERM";
    default:
      return "a signal";
  }
}

}  // namespace afsim
