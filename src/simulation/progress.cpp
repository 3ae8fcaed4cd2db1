#include "simulation/progress.hpp"

#include <unistd.h>

#include <cmath>

namespace afsim {

std::string format_duration(double s) {
  char buf[64];
  if (!std::isfinite(s)) return "?";
  if (s < 60) {
    std::snprintf(buf, sizeof buf, "%.3g s", s);
  } else if (s < 3600) {
    std::snprintf(buf, sizeof buf, "%.1f min", s / 60);
  } else {
    std::snprintf(buf, sizeof buf, "%.2f h", s / 3600);
  }
  return buf;
}

ProgressReporter::ProgressReporter(std::FILE* out, double planned, bool enabled)
    : out_(out), planned_(planned), enabled_(enabled && out != nullptr), tty_(out && isatty(fileno(out))) {
  start_ = last_ = std::chrono::steady_clock::now();
}

void ProgressReporter::update(double t, const std::string& what) {
  if (!enabled_) return;
  const auto now = std::chrono::steady_clock::now();
  const double since_last = std::chrono::duration<double>(now - last_).count();
  // A terminal line is redrawn a few times a second; a log gets a plain line every 10 s.
  if (since_last < (tty_ ? 0.2 : 10.0)) return;
  last_ = now;
  const double wall = std::chrono::duration<double>(now - start_).count();
  char buf[256];
  if (std::isfinite(planned_) && planned_ > 0) {
    const double frac = std::min(1.0, t / planned_);
    const double eta = frac > 0 ? wall * (1 - frac) / frac : NAN;
    std::snprintf(buf, sizeof buf, "%5.1f%%  t = %s  %s  ETA %s", 100 * frac, format_duration(t).c_str(),
                  what.c_str(), format_duration(eta).c_str());
  } else {
    std::snprintf(buf, sizeof buf, "t = %s  %s  wall %s", format_duration(t).c_str(), what.c_str(),
                  format_duration(wall).c_str());
  }
  if (tty_) {
    std::fprintf(out_, "\r\033[K%s", buf);
    line_open_ = true;
  } else {
    std::fprintf(out_, "%s\n", buf);
  }
  std::fflush(out_);
}

void ProgressReporter::finish() {
  if (enabled_ && tty_ && line_open_) std::fprintf(out_, "\n");
  line_open_ = false;
}

}  // namespace afsim
