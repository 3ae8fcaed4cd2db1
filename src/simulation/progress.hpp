// Progress report: a live line (percent, simulated time, ETA) on a terminal, plain periodic lines otherwise.
#pragma once

#include <chrono>
#include <cstdio>
#include <string>

namespace afsim {

class ProgressReporter {
 public:
  // planned: total simulated seconds when known (NaN otherwise).
  ProgressReporter(std::FILE* out, double planned_seconds, bool enabled = true);
  void update(double sim_time, const std::string& what);
  void finish();

 private:
  std::FILE* out_;
  double planned_;
  bool enabled_;
  bool tty_;
  bool line_open_ = false;
  std::chrono::steady_clock::time_point start_, last_;
};

std::string format_duration(double seconds);

}  // namespace afsim
