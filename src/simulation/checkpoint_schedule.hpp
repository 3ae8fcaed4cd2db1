// When a run writes checkpoint.h5 (deck: output.checkpoint). Without settings a checkpoint follows every
// output frame; with `every` (simulated time or areal capacity) and/or `wall` (wall-clock time) it is
// written when either mark is passed instead. The end of a run always writes one (run.cpp).
#pragma once

#include <cmath>

#include "config/config.hpp"
#include "simulation/run_state.hpp"

namespace afsim {

class CheckpointSchedule {
 public:
  explicit CheckpointSchedule(const config::OutputConfig& o)
      : every_time_(o.checkpoint_every_time),
        every_charge_(o.checkpoint_every_capacity),
        wall_(o.checkpoint_wall) {}

  bool follows_frames() const { return !every_time_ && !every_charge_ && !wall_; }

  // Sets the next marks after the present state when they are not ahead of it (a new run, or a restart
  // whose deck changed the cadence).
  void arm(DriverState& d) const {
    if (every_time_ && !(d.next_checkpoint_time > d.time)) d.next_checkpoint_time = d.time + *every_time_;
    if (every_charge_ && !(d.next_checkpoint_charge > d.throughput))
      d.next_checkpoint_charge = d.throughput + *every_charge_;
  }

  // After a step: is a checkpoint due? `frame_written`: the step wrote an output frame;
  // `wall_since_last`: wall-clock seconds since the last checkpoint. Advances the passed marks.
  bool due(DriverState& d, bool frame_written, double wall_since_last) const {
    if (follows_frames()) return frame_written;
    bool due = false;
    constexpr double slack = 1e-12;  // a mark reached to round-off counts as reached
    if (every_time_ && d.time >= d.next_checkpoint_time * (1 - slack)) {
      due = true;
      while (d.next_checkpoint_time <= d.time * (1 + slack)) d.next_checkpoint_time += *every_time_;
    }
    const double q = d.throughput;  // charge passed in either direction
    if (every_charge_ && q >= d.next_checkpoint_charge * (1 - slack)) {
      due = true;
      while (d.next_checkpoint_charge <= q * (1 + slack)) d.next_checkpoint_charge += *every_charge_;
    }
    if (wall_ && wall_since_last >= *wall_) due = true;
    return due;
  }

 private:
  std::optional<double> every_time_, every_charge_, wall_;
};

}  // namespace afsim
